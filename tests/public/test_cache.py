"""Public pages come from the cache for anonymous visitors, and an edit shows at once."""

import datetime as dt
import gzip

from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from delegates.enums import RegistrationStatus
from meetings import page_cache as public_cache
from meetings.enums import MeetingStatus
from public.views import meeting_detail
from tests.factories import (
    ActionPointFactory,
    AgendaItemFactory,
    MeetingFactory,
    RegistrationFactory,
    TopicFactory,
    UserFactory,
    member,
)


def test_second_visit_is_served_from_the_cache_without_queries(
    client, demo, django_assert_num_queries
):
    url = demo["twelfth"].get_absolute_url()
    first = client.get(url)

    with django_assert_num_queries(0):
        second = client.get(url)

    assert first["X-Public-Cache"] == "miss"
    assert second["X-Public-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == "text/html; charset=utf-8"


def test_a_browser_that_accepts_gzip_gets_the_cached_page_compressed(client, demo):
    url = reverse("public:meeting_agenda", args=[demo["twelfth"].slug])
    built = client.get(url)

    compressed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    plain = client.get(url)

    assert compressed["X-Public-Cache"] == plain["X-Public-Cache"] == "hit"
    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content == built.content
    assert len(compressed.content) < len(plain.content) / 3
    assert not plain.has_header("Content-Encoding")
    for response in (built, compressed, plain):
        assert "Accept-Encoding" in response["Vary"]


def test_an_edited_meeting_shows_at_once_on_every_page_that_names_it(client, demo):
    twelfth = demo["twelfth"]
    pages = ["/", reverse("public:meeting_list"), twelfth.get_absolute_url(),
             reverse("public:meeting_agenda", args=[twelfth.slug]),
             demo["thirteenth"].get_absolute_url(), reverse("public:summaries_feed"),
             reverse("public:topic_detail", args=["passenger-name-records"])]
    for url in pages:
        client.get(url)

    twelfth.title = "12th Meeting, renamed"
    twelfth.save()

    for url in pages:
        assert "12th Meeting, renamed" in client.get(url).text, url


def test_a_confirmed_registration_changes_the_attendance_at_once(client, db):
    meeting = MeetingFactory(status=MeetingStatus.HELD)
    registration = RegistrationFactory(meeting=meeting, status=RegistrationStatus.PENDING)
    assert client.get(meeting.get_absolute_url()).context["attendance"].delegates == 0

    registration.status = RegistrationStatus.CONFIRMED
    registration.save(update_fields=["status"])

    response = client.get(meeting.get_absolute_url())
    assert response["X-Public-Cache"] == "miss"
    assert response.context["attendance"].delegates == 1
    member_page = client.get(reverse("public:member_detail", args=["de"]))
    assert [m.delegates for m in member_page.context["participation"]] == [1]


def test_a_new_pending_registration_keeps_the_cached_page(client, db):
    meeting = MeetingFactory()
    client.get(meeting.get_absolute_url())

    RegistrationFactory(meeting=meeting, status=RegistrationStatus.PENDING)
    registration = RegistrationFactory(meeting=meeting, status=RegistrationStatus.PENDING)
    registration.save(update_fields=["phone", "dietary_needs"])

    assert client.get(meeting.get_absolute_url())["X-Public-Cache"] == "hit"


def test_a_cancelled_registration_changes_the_attendance_at_once(client, db):
    meeting = MeetingFactory(status=MeetingStatus.HELD)
    registration = RegistrationFactory(meeting=meeting, status=RegistrationStatus.CONFIRMED)
    client.get(meeting.get_absolute_url())

    registration.delete()

    assert client.get(meeting.get_absolute_url()).context["attendance"].delegates == 0


def test_an_edit_elsewhere_leaves_other_meetings_cached(client, db):
    one, other = MeetingFactory(), MeetingFactory(series__slug="other", series__name="Other")
    client.get(one.get_absolute_url())

    AgendaItemFactory(meeting=other, position=1)
    RegistrationFactory(meeting=other, status=RegistrationStatus.CONFIRMED)

    assert client.get(one.get_absolute_url())["X-Public-Cache"] == "hit"


def test_agenda_speakers_and_topics_show_at_once(client, db):
    meeting = MeetingFactory()
    agenda_url = reverse("public:meeting_agenda", args=[meeting.slug])
    item = AgendaItemFactory(meeting=meeting, position=1, title="First title")
    topic = TopicFactory(name="Green Customs")
    client.get(agenda_url)
    client.get(topic.get_absolute_url())

    item.title = "Second title"
    item.save()
    item.speakers.create(name="Invented Speaker")
    item.topics.add(topic)

    text = client.get(agenda_url).text
    assert "Second title" in text
    assert "Invented Speaker" in text
    assert "Green Customs" in text
    assert "Second title" in client.get(topic.get_absolute_url()).text


def test_an_action_point_edit_shows_on_the_meeting_page(client, db):
    point = ActionPointFactory(title="Old wording")
    url = point.plan.meeting.get_absolute_url()
    client.get(url)

    point.title = "New wording"
    point.save()

    assert "New wording" in client.get(url).text


def test_a_renamed_member_shows_at_once(client, db):
    meeting = MeetingFactory(host_member=member("VN"))
    client.get(meeting.get_absolute_url())

    vietnam = member("VN")
    vietnam.name = "Socialist Republic of Viet Nam"
    vietnam.save()

    assert "Socialist Republic of Viet Nam" in client.get(meeting.get_absolute_url()).text


def test_signed_in_users_are_never_served_nor_stored(client, db):
    meeting = MeetingFactory()
    client.force_login(UserFactory())

    first = client.get(meeting.get_absolute_url())
    second = client.get(meeting.get_absolute_url())

    assert "X-Public-Cache" not in first
    assert "X-Public-Cache" not in second
    client.logout()
    assert client.get(meeting.get_absolute_url())["X-Public-Cache"] == "miss"


def test_a_page_with_a_message_is_not_cached(db):
    meeting = MeetingFactory()
    request = RequestFactory().get(meeting.get_absolute_url())
    request.session = {}
    request._messages = FallbackStorage(request)
    request._messages.add(20, "Thank you for registering.")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()

    response = meeting_detail(request, slug=meeting.slug)

    assert b"Thank you for registering." in response.content
    assert "X-Public-Cache" not in response


def test_requests_with_a_query_string_bypass_the_cache(client, db):
    meeting = MeetingFactory()

    response = client.get(meeting.get_absolute_url() + "?utm_source=mail")

    assert "X-Public-Cache" not in response


def test_unknown_pages_are_not_cached(client, db):
    assert "X-Public-Cache" not in client.get("/meetings/nothing-here/")


def test_pages_expire_when_a_registration_window_opens_or_closes(db):
    # Mid-morning: local midnight, the other moment pages expire at, is hours away.
    now = timezone.make_aware(dt.datetime(2030, 1, 1, 9, 0))
    MeetingFactory(registration_opens_at=now - dt.timedelta(days=1),
                   registration_closes_at=now + dt.timedelta(minutes=5))

    assert public_cache.page_timeout(now) == 300


def test_pages_expire_at_most_after_an_hour(db):
    now = timezone.make_aware(dt.datetime(2030, 1, 1, 9, 0))

    assert public_cache.page_timeout(now) == public_cache.PAGE_TIMEOUT


def test_versions_live_in_the_shared_cache_when_settings_name_one(client, db, settings, tmp_path):
    settings.CACHES = {
        **settings.CACHES,
        "public_versions": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        },
    }
    from django.core.cache import caches

    meeting = MeetingFactory()
    client.get(meeting.get_absolute_url())
    caches["public_versions"].clear()  # as when another process bumped every version

    assert client.get(meeting.get_absolute_url())["X-Public-Cache"] == "miss"
    assert list(tmp_path.iterdir())


def test_versions_live_in_a_private_folder_of_the_project_not_a_shared_temporary_one():
    import tempfile
    from pathlib import Path

    from asem_customs import settings as production  # as the site loads it (locmem cache)

    location = Path(production.CACHES["public_versions"]["LOCATION"])

    assert location.is_relative_to(Path(production.BASE_DIR) / "var")
    # Not the shared temporary folder itself (the project may be checked out below it).
    assert location.parent.parent != Path(tempfile.gettempdir())
    assert location.stat().st_mode & 0o777 == 0o700


def test_a_versions_folder_another_user_may_write_to_is_refused(tmp_path):
    import os

    import pytest
    from django.core.exceptions import ImproperlyConfigured

    from asem_customs.settings import private_directory

    planted = tmp_path / "var" / "public-versions"
    planted.mkdir(parents=True)
    planted.chmod(0o777)
    with pytest.raises(ImproperlyConfigured, match="nobody else may write to"):
        private_directory(planted)

    planted.chmod(0o700)
    if os.getuid() == 0:  # as root, hand the folder to another user
        os.chown(planted, 65534, 65534)
        with pytest.raises(ImproperlyConfigured):
            private_directory(planted)
        os.chown(planted, 0, 0)
    assert private_directory(tmp_path / "var" / "fresh").stat().st_mode & 0o777 == 0o700


def _cache_calls(monkeypatch):
    """The calls the request makes to the cache, in order (the real cache answers them; a
    call made by another, as local memory's get_many calls get, is part of that one)."""
    from django.core.cache import caches

    backend, calls, depth = caches["default"], [], [0]
    for name in ("get", "get_many", "set", "set_many", "add"):
        real = getattr(backend, name)

        def spy(*args, _real=real, _name=name, **kwargs):
            if not depth[0]:
                calls.append(_name)
            depth[0] += 1
            try:
                return _real(*args, **kwargs)
            finally:
                depth[0] -= 1

        monkeypatch.setattr(backend, name, spy)
    return calls


def test_a_cached_meeting_page_costs_one_cache_round_trip(client, db, monkeypatch):
    meeting = MeetingFactory()
    url = meeting.get_absolute_url()
    client.get(url)
    client.get(url)
    calls = _cache_calls(monkeypatch)

    response = client.get(url)

    assert response["X-Public-Cache"] == "hit"
    assert calls == ["get_many"]


def test_a_process_that_never_served_the_page_still_serves_it_from_the_cache(client, db):
    meeting = MeetingFactory()
    url = meeting.get_absolute_url()
    client.get(url)
    public_cache._dependency_hints.clear()  # as in another gunicorn worker

    assert client.get(url)["X-Public-Cache"] == "hit"


def test_a_change_to_a_version_the_hint_did_not_name_still_shows_at_once(client, db):
    meeting = MeetingFactory(status=MeetingStatus.HELD)
    url = meeting.get_absolute_url()
    client.get(url)
    client.get(url)
    key = next(iter(public_cache._dependency_hints))
    public_cache._dependency_hints[key] = public_cache._FIRST_GUESS  # a hint gone stale

    RegistrationFactory(meeting=meeting, status=RegistrationStatus.CONFIRMED)

    response = client.get(url)
    assert response["X-Public-Cache"] == "miss"
    assert response.context["attendance"].delegates == 1


def test_an_evicted_version_means_the_page_is_built_again(client, db):
    from django.core.cache import cache

    from asem_customs.page_versions import version_key

    meeting = MeetingFactory()
    url = meeting.get_absolute_url()
    client.get(url)
    cache.delete(version_key(f"meeting:{meeting.pk}"))

    assert client.get(url)["X-Public-Cache"] == "miss"
    assert client.get(url)["X-Public-Cache"] == "hit"
