"""The photo pages: the person behind their signed link, their focal point, the check-in
staff (desk and admin). The photo is served only by views that check who asks."""

import pytest
from django.urls import reverse

from delegates import links
from delegates.models import RegistrationPhoto
from delegates.services import registration_photo_save
from tests.delegates.photo_files import image_bytes, jpeg_with_exif, silhouette, upload
from tests.delegates.staff_helpers import Client, editor, viewer
from tests.factories import FocalPointFactory, MeetingFactory, RegistrationFactory, member

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def registration():
    return RegistrationFactory(meeting=MeetingFactory(photos="required"), status="confirmed",
                               member=member("VN"), given_name="Lan", family_name="Tran")


def with_photo(registration):
    registration_photo_save(registration=registration,
                            upload=upload(image_bytes(silhouette())), actor=None)
    return RegistrationPhoto.objects.get(registration=registration)


def body(response):
    """The whole body; reading a file response to its end closes its file (closing the
    response would close the test's database connection)."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def delegate_client(registration):
    client = Client()
    client.get(links.registration_path(registration))  # keeps the token in the session
    return client


# --- the person -------------------------------------------------------------------------------


def test_delegate_sends_a_photo_from_their_page(registration):
    client = delegate_client(registration)
    page = client.get(links.session_path("manage"))
    assert "Send my photo for the badge" in page.content.decode()
    assert "prints a photo on every badge" in page.content.decode()

    response = client.post(links.session_path("photo"), {"photo": upload(jpeg_with_exif())})

    assert response.status_code == 302
    assert response.url == links.session_path("manage")
    photo = RegistrationPhoto.objects.get(registration=registration)
    image = client.get(links.session_path("photo_image"))
    assert image["Content-Type"] == "image/jpeg", b"".join(image.streaming_content)
    assert "private, no-store" in image["Cache-Control"]
    assert image["X-Content-Type-Options"] == "nosniff"
    with photo.file.open("rb") as stored:
        assert b"".join(image.streaming_content) == stored.read()
    assert "Change my photo for the badge" in client.get(
        links.session_path("manage")).content.decode()


def test_delegate_refused_photo_is_said_on_the_page(registration):
    client = delegate_client(registration)

    response = client.post(links.session_path("photo"),
                           {"photo": upload(b"%PDF-1.4 not a photo", "photo.jpg")})

    assert response.status_code == 200
    assert "Only JPEG and PNG photos are accepted" in response.content.decode()
    assert "No photo has been kept." in response.content.decode()
    assert not RegistrationPhoto.objects.exists()


def test_delegate_removes_their_photo(registration):
    with_photo(registration)
    client = delegate_client(registration)

    client.post(links.session_path("photo"), {"remove": "1"})

    assert not RegistrationPhoto.objects.exists()


def test_delegate_photo_page_is_not_found_when_the_meeting_takes_none():
    registration = RegistrationFactory(meeting=MeetingFactory(), status="confirmed")
    client = delegate_client(registration)

    assert client.get(links.session_path("photo")).status_code == 404
    assert "photo" not in client.get(links.session_path("manage")).content.decode().lower()


def test_photo_is_never_at_a_public_media_address(registration, client):
    photo = with_photo(registration)

    assert client.get(f"/media/{photo.file.name}").status_code == 404


# --- the focal point --------------------------------------------------------------------------


def test_focal_point_sends_a_photo_for_its_delegation(registration, client):
    focal = FocalPointFactory(member=member("VN")).user
    client.force_login(focal)
    delegation = client.get(reverse("delegates:focal_delegation",
                                    args=[registration.meeting.slug])).content.decode()
    assert "Add a photo" in delegation
    assert "Photo missing" in delegation

    url = reverse("delegates:focal_registration_photo", args=[registration.pk])
    response = client.post(url, {"photo": upload(image_bytes(silhouette(), "PNG"), "p.png")})

    assert response.status_code == 302
    photo = RegistrationPhoto.objects.get(registration=registration)
    assert photo.uploaded_by == focal
    image = client.get(reverse("delegates:focal_registration_photo_image",
                               args=[registration.pk]))
    assert body(image).startswith(b"\xff\xd8\xff")
    assert image["Content-Type"] == "image/jpeg"
    assert registration.log_entries.first().actor == focal


def test_focal_point_of_another_member_finds_no_photo(registration, client):
    with_photo(registration)
    client.force_login(FocalPointFactory(member=member("DE")).user)

    assert client.get(reverse("delegates:focal_registration_photo",
                              args=[registration.pk])).status_code == 404
    assert client.get(reverse("delegates:focal_registration_photo_image",
                              args=[registration.pk])).status_code == 404


# --- the secretariat --------------------------------------------------------------------------


def staff_photo_url(registration):
    return reverse("staff:photo", args=[registration.meeting.slug, registration.pk])


def test_check_in_staff_see_the_photo(registration, client):
    with_photo(registration)
    client.force_login(editor())

    response = client.get(staff_photo_url(registration))

    assert body(response).startswith(b"\xff\xd8\xff")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("who", ["viewer", "focal point of the member", "nobody"])
def test_photo_is_refused_to_anyone_else_on_the_staff_pages(registration, client, who):
    with_photo(registration)
    if who == "viewer":
        client.force_login(viewer())
    elif who != "nobody":
        client.force_login(FocalPointFactory(member=member("VN")).user)

    response = client.get(staff_photo_url(registration))

    assert response.status_code == (302 if who == "nobody" else 403)
    assert response.get("Content-Type") != "image/jpeg"


def test_check_in_desk_shows_the_photo_to_compare_faces(registration, client):
    with_photo(registration)
    client.force_login(editor())
    meeting = registration.meeting

    scanned = client.post(f"/staff/{meeting.slug}/check-in/scan/",
                          {"code": registration.badge_code}, **JSON).json()
    found = client.get(f"/staff/{meeting.slug}/check-in/search.json", {"q": "tran"}).json()
    page = client.get(f"/staff/{meeting.slug}/check-in/", {"q": "tran"}).content.decode()

    assert scanned["result"] == "checked_in"
    assert scanned["person"]["photo"] == staff_photo_url(registration)
    assert found["people"][0]["photo"] == staff_photo_url(registration)
    assert f'src="{staff_photo_url(registration)}"' in page


def test_check_in_answer_without_photo_says_none(client):
    registration = RegistrationFactory(meeting=MeetingFactory(), status="confirmed")
    client.force_login(editor())

    answer = client.post(f"/staff/{registration.meeting.slug}/check-in/scan/",
                         {"code": registration.badge_code}, **JSON).json()

    assert answer["person"]["photo"] is None


def test_admin_photo_page_replaces_the_photo(registration, client):
    with_photo(registration)
    staff = editor()
    client.force_login(staff)
    change = client.get(reverse("admin:delegates_registration_change",
                                args=[registration.pk])).content.decode()
    url = reverse("admin:delegates_registration_photo", args=[registration.pk])
    assert url in change

    page = client.get(url).content.decode()
    response = client.post(url, {"photo": upload(image_bytes(silhouette(600, 800)))})

    assert staff_photo_url(registration) in page
    assert response.status_code == 302
    assert RegistrationPhoto.objects.get().uploaded_by == staff
    assert RegistrationPhoto.objects.get().width == 450


def test_admin_photo_page_is_refused_to_viewers(registration, client):
    client.force_login(viewer())

    response = client.get(reverse("admin:delegates_registration_photo",
                                  args=[registration.pk]))

    assert response.status_code == 403
