"""The admin's change lists are no oracle for passport details: a filter, an ordering or a
search that reaches a passport field or the date of birth answers 400, for viewers and
editors alike, while the ordinary filters keep working."""

import datetime as dt

import pytest
from django.contrib import admin
from django.utils import timezone

from asem_customs.admin_lookups import path_is_sensitive, sensitive_fields
from delegates.enums import PASSPORT_FIELDS, RegistrationStatus
from delegates.models import Registration, RegistrationLogEntry
from tests.delegates.staff_helpers import editor, viewer
from tests.factories import MeetingFactory, RegistrationFactory, UserFactory, member

pytestmark = pytest.mark.django_db

REGISTRATIONS = "/admin/delegates/registration/"
LOG_ENTRIES = "/admin/delegates/registrationlogentry/"
OUTGOING = "/admin/mail/outgoingemail/"
MEETINGS = "/admin/meetings/meeting/"
MEMBERS = "/admin/meetings/member/"
FOCAL_POINTS = "/admin/delegates/focalpoint/"

ORACLE_QUERIES = [
    (REGISTRATIONS, "passport_number__startswith=C1"),
    (REGISTRATIONS, "passport_number__regex=^C"),
    (REGISTRATIONS, "passport_number__istartswith=c"),
    (REGISTRATIONS, "passport_number=C1234567"),
    (REGISTRATIONS, "passport_number__in=C1234567,X"),
    (REGISTRATIONS, "passport_nationality__contains=Viet"),
    (REGISTRATIONS, "passport_issued_on__gt=2015-01-01"),
    (REGISTRATIONS, "passport_expires_on__lt=2030-01-01"),
    (REGISTRATIONS, "date_of_birth__year=1975"),
    (REGISTRATIONS, "date_of_birth__gt=1975-01-01"),
    (REGISTRATIONS, "date_of_birth__month__gte=5"),
    (REGISTRATIONS, "date_of_birth__isnull=False"),
    (REGISTRATIONS, "date_of_birth=1975-05-06"),
    (LOG_ENTRIES, "registration__passport_number__startswith=C"),
    (LOG_ENTRIES, "registration__date_of_birth__year=1975"),
    (OUTGOING, "registration__passport_number=C1234567"),
    (MEETINGS, "registrations__passport_number__startswith=C"),
    (MEMBERS, "registrations__date_of_birth__year=1975"),
    (FOCAL_POINTS, "member__registrations__passport_number__startswith=C"),
    (REGISTRATIONS, "member__registrations__passport_number__startswith=C"),
    (REGISTRATIONS, "meeting__registrations__date_of_birth__year=1975"),
]


@pytest.fixture
def passport_holder():
    meeting = MeetingFactory()
    RegistrationLogEntry.objects.create(
        registration=RegistrationFactory(meeting=meeting, family_name="Other"),
        action="delegates.registration.submitted")
    registration = RegistrationFactory(
        meeting=meeting, needs_visa_letter=True, passport_number="C1234567",
        passport_nationality="Viet Nam", passport_issued_on=dt.date(2015, 1, 2),
        passport_expires_on=dt.date(2030, 1, 2), date_of_birth=dt.date(1975, 5, 6),
        status=RegistrationStatus.CONFIRMED)
    RegistrationLogEntry.objects.create(registration=registration,
                                        action="delegates.registration.submitted")
    return registration


@pytest.fixture(params=["viewer", "editor", "superuser"])
def staff_client(request, client, db):
    user = {"viewer": viewer, "editor": editor,
            "superuser": lambda: UserFactory(username="chief", is_staff=True,
                                             is_superuser=True)}[request.param]()
    client.force_login(user)
    return client


def _may_view(client, url):
    """Whether the signed-in user may see this change list at all (else it answers 403)."""
    from django.contrib.auth import get_user_model

    app_label, model_name = url.strip("/").split("/")[1:3]
    user = get_user_model().objects.get(pk=client.session["_auth_user_id"])
    return user.has_perm(f"{app_label}.view_{model_name}")


@pytest.mark.parametrize(("url", "query"), ORACLE_QUERIES)
def test_lookup_on_a_passport_field_answers_400(staff_client, passport_holder, url, query):
    assert staff_client.get(url).status_code == (200 if _may_view(staff_client, url) else 403)

    response = staff_client.get(f"{url}?{query}")

    assert response.status_code == (400 if _may_view(staff_client, url) else 403)


@pytest.mark.parametrize("query", ["o=passport_number", "o=-date_of_birth", "o=99",
                                   "o=1.passport_number"])
def test_ordering_that_names_no_sortable_column_answers_400(staff_client, passport_holder,
                                                            query):
    assert staff_client.get(f"{REGISTRATIONS}?{query}").status_code == 400


def test_ordering_by_a_column_that_sorts_by_a_passport_field_answers_400(
        staff_client, passport_holder, monkeypatch):
    registration_admin = admin.site._registry[Registration]

    def born(obj):
        return "…"
    born.admin_order_field = "date_of_birth"
    monkeypatch.setattr(registration_admin, "born", born, raising=False)
    monkeypatch.setattr(registration_admin, "list_display",
                        [*registration_admin.list_display, "born"])
    column = len(registration_admin.list_display)  # column 0 holds the action checkbox

    response = staff_client.get(f"{REGISTRATIONS}?o={column}")

    assert response.status_code == 400
    assert "born" not in registration_admin.get_sortable_by(None)


def test_search_never_looks_into_passport_fields(staff_client, passport_holder):
    response = staff_client.get(f"{REGISTRATIONS}?q=C1234567")

    assert response.status_code == 200
    assert passport_holder.family_name not in response.content.decode()


@pytest.mark.parametrize(("url", "query", "shown"), [
    (REGISTRATIONS, "status__exact=confirmed", True),
    (REGISTRATIONS, "status__exact=cancelled", False),
    (REGISTRATIONS, "family_name__startswith=Schmidt", True),
    (REGISTRATIONS, "o=1", True),
    (REGISTRATIONS, "o=-5.1", True),
    (REGISTRATIONS, "q=Schmidt", True),
    (REGISTRATIONS, "needs=visa", True),
    (LOG_ENTRIES, "registration__meeting__id__exact={meeting}", True),
])
def test_ordinary_filters_still_work(staff_client, passport_holder, url, query, shown):
    query = query.format(meeting=passport_holder.meeting_id)

    response = staff_client.get(f"{url}?{query}")

    assert response.status_code == 200
    assert (passport_holder.full_name in response.content.decode()) is shown


def test_no_admin_filters_orders_or_searches_on_a_sensitive_field():
    assert set(PASSPORT_FIELDS) | {"date_of_birth"} <= sensitive_fields(Registration)
    for model, model_admin in admin.site._registry.items():
        paths = [*model_admin.search_fields, *(f for f in model_admin.list_filter
                                               if isinstance(f, str))]
        paths += [model_admin.date_hierarchy or ""]
        for path in paths:
            assert not path_is_sensitive(model, path.lstrip("^=@")), (model, path)


def test_historical_registrations_are_guarded_too():
    assert path_is_sensitive(Registration.history.model, "passport_number__startswith")
    assert path_is_sensitive(RegistrationLogEntry, "registration__date_of_birth__year")
    assert not path_is_sensitive(RegistrationLogEntry, "registration__meeting__title")


def test_staged_import_rows_cannot_be_probed_through_the_admin(client):
    from delegates.models import ImportBatch

    meeting = MeetingFactory()
    ImportBatch.objects.create(
        meeting=meeting, member=member("SG"), uploaded_by=editor(),
        rows=[{"passport_number": "K1234567"}],
        expires_at=timezone.now() + dt.timedelta(hours=1),
    )
    client.force_login(editor())

    response = client.get("/admin/delegates/importbatch/?rows__icontains=K123")

    assert response.status_code == 400
    assert client.get("/admin/delegates/importbatch/").status_code == 200
