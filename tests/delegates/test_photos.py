"""The photo for a badge: what is accepted, what is kept (cropped, no metadata), what is
refused with a reason, and that it goes with the person's data."""

import datetime as dt
import io

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from delegates.models import RegistrationPhoto
from delegates.services import (
    RegistrationError,
    registration_photo_remove,
    registration_photo_save,
)
from secretariat import privacy
from tests.delegates.photo_files import (
    image_bytes,
    jpeg_with_exif,
    png_claiming,
    silhouette,
    upload,
)
from tests.delegates.staff_helpers import editor
from tests.factories import FocalPointFactory, MeetingFactory, RegistrationFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def registration():
    return RegistrationFactory(meeting=MeetingFactory(photos="optional"), status="confirmed",
                               email="lan.tran@vn.example.org", member=member("VN"))


def stored_image(registration):
    photo = RegistrationPhoto.objects.get(registration=registration)
    with photo.file.open("rb") as stored:
        content = stored.read()
    return photo, content, Image.open(io.BytesIO(content))


def refusal(registration, content, **kwargs):
    with pytest.raises(RegistrationError) as refused:
        registration_photo_save(registration=registration, upload=upload(content, **kwargs),
                                actor=None)
    return refused.value.message


def test_photo_is_kept_as_a_jpeg_cropped_to_the_frame(registration):
    wide = image_bytes(silhouette(1200, 1000), "PNG")  # wider than 3:4: cut at both sides

    registration_photo_save(registration=registration, upload=upload(wide, "me.png"),
                            actor=None)

    photo, _content, image = stored_image(registration)
    assert image.format == "JPEG"
    assert image.size == (450, 600)
    assert (photo.width, photo.height) == (450, 600)
    assert photo.file.name.startswith("photos/")
    assert photo.file.name.endswith("/photo.jpg")
    assert "lan" not in photo.file.name.lower()


def test_photo_crop_keeps_the_centre(registration):
    image = Image.new("RGB", (1200, 1200), (255, 0, 0))  # red sides, a blue centre band
    image.paste((0, 0, 255), (150, 0, 1050, 1200))

    registration_photo_save(registration=registration,
                            upload=upload(image_bytes(image, "PNG"), "square.png"), actor=None)

    _photo, _content, kept = stored_image(registration)
    kept = kept.convert("RGB")
    assert kept.size == (450, 600)
    for x in (2, 225, 447):  # the 900 px wide centre became the whole width
        red, _green, blue = kept.getpixel((x, 300))
        assert blue > 200 and red < 60


def test_photo_keeps_no_metadata(registration):
    content = jpeg_with_exif()
    assert Image.open(io.BytesIO(content)).getexif()[0x010F] == "Secret Camera Maker"

    registration_photo_save(registration=registration, upload=upload(content), actor=None)

    _photo, stored, image = stored_image(registration)
    assert dict(image.getexif()) == {}
    assert "exif" not in image.info
    assert "comment" not in image.info
    assert "icc_profile" not in image.info
    assert b"Secret" not in stored


def test_photo_taken_on_its_side_is_stored_upright(registration):
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to view": the camera was held upright
    sideways = image_bytes(silhouette(1200, 900), "JPEG", exif=exif)

    registration_photo_save(registration=registration, upload=upload(sideways), actor=None)

    assert stored_image(registration)[2].size == (450, 600)


def test_photo_with_transparency_is_laid_on_white(registration):
    image = Image.new("RGBA", (600, 800), (0, 0, 0, 0))

    registration_photo_save(registration=registration,
                            upload=upload(image_bytes(image, "PNG"), "clear.png"), actor=None)

    assert stored_image(registration)[2].convert("RGB").getpixel((10, 10)) >= (250, 250, 250)


def test_photo_small_enough_is_kept_at_its_size(registration):
    registration_photo_save(registration=registration,
                            upload=upload(image_bytes(silhouette(300, 400))), actor=None)

    assert stored_image(registration)[2].size == (300, 400)


@pytest.mark.parametrize("content", [
    b"%PDF-1.4\n%...\n", b"<svg xmlns='http://www.w3.org/2000/svg'/>", b"GIF89a" + b"\0" * 40,
    b"MZ\x90\x00 an executable",
], ids=["pdf", "svg", "gif", "exe"])
def test_photo_other_than_jpeg_or_png_is_refused_whatever_its_name(registration, content):
    message = refusal(registration, content, name="photo.jpg")

    assert message == ("Only JPEG and PNG photos are accepted; this file is neither, "
                       "whatever its name.")
    assert not RegistrationPhoto.objects.exists()


def test_photo_gif_renamed_png_is_refused(registration):
    content = image_bytes(silhouette(300, 400), "GIF")

    assert "Only JPEG and PNG" in refusal(registration, content, name="photo.png")


def test_photo_damaged_is_refused_and_the_earlier_photo_stays(registration):
    registration_photo_save(registration=registration,
                            upload=upload(image_bytes(silhouette())), actor=None)
    before, before_content, _image = stored_image(registration)
    truncated = image_bytes(silhouette())[:3000]

    message = refusal(registration, truncated)

    assert message == ("The photo could not be read: the file is damaged or incomplete. "
                       "Save it again as JPEG or PNG and send it again.")
    after, after_content, _image = stored_image(registration)
    assert after.file.name == before.file.name
    assert after_content == before_content
    assert default_storage.listdir("photos")[0] == [before.file.name.split("/")[1]]


def test_photo_png_with_garbage_after_the_header_is_refused(registration):
    content = image_bytes(silhouette(300, 400), "PNG")
    broken = content[:40] + b"\x00garbage" * 50

    assert "could not be read" in refusal(registration, broken, name="photo.png")


@pytest.mark.parametrize(("width", "height"), [
    (8_000, 6_000),  # 48 million pixels: above PHOTO_MAX_PIXELS
    (10_000, 10_000),  # above Pillow's own limit, where it only warns
    (50_000, 50_000),  # far above: Pillow refuses to open it
], ids=["above-our-limit", "pillow-warns", "pillow-refuses"])
def test_photo_decompression_bomb_is_refused_before_it_is_decoded(registration, width,
                                                                  height):
    bomb = png_claiming(width, height)
    assert len(bomb) < 200

    message = refusal(registration, bomb, name="photo.png")

    assert message == ("The photo has too many pixels (more than 40 million): send a "
                       "smaller one.")


def test_photo_larger_than_the_limit_is_refused(registration, settings):
    settings.PHOTO_MAX_UPLOAD_BYTES = 2048

    message = refusal(registration, image_bytes(silhouette(), "PNG"), name="big.png")

    assert message == "The photo is larger than 2.0\xa0KB: send a smaller one."


def test_photo_empty_is_refused(registration):
    assert refusal(registration, b"") == "The file is empty."


@pytest.mark.parametrize(("width", "height"), [(2000, 600), (400, 1200)],
                         ids=["panorama", "too-tall"])
def test_photo_far_from_the_frame_is_refused(registration, width, height):
    message = refusal(registration, image_bytes(silhouette(width, height)))

    assert message == (f"The photo is {width} × {height} pixels: too narrow or too wide for "
                       "the badge's frame (3 wide for 4 high). Send a portrait photo of the "
                       "head and shoulders.")


def test_photo_too_small_to_print_is_refused(registration):
    message = refusal(registration, image_bytes(silhouette(150, 200)))

    assert message.startswith("The photo is too small to print (150 × 200 pixels")


def test_photo_refused_when_the_meeting_takes_none():
    registration = RegistrationFactory(meeting=MeetingFactory(), status="confirmed")

    assert refusal(registration, image_bytes(silhouette())) == (
        "The badges of this meeting carry no photo.")


def test_photo_refused_for_a_cancelled_registration(registration):
    registration.status = "cancelled"
    registration.save()

    assert "cannot be changed" in refusal(registration, image_bytes(silhouette()))


def test_photo_of_another_delegation_is_refused_to_a_focal_point(registration):
    focal_point = FocalPointFactory(member=member("DE")).user

    with pytest.raises(RegistrationError) as refused:
        registration_photo_save(registration=registration,
                                upload=upload(image_bytes(silhouette())), actor=focal_point)

    assert refused.value.code == "not_your_delegation"


def test_photo_replaced_removes_the_earlier_file(registration, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registration_photo_save(registration=registration,
                                upload=upload(image_bytes(silhouette())), actor=None)
    first = RegistrationPhoto.objects.get().file.name

    with django_capture_on_commit_callbacks(execute=True):
        registration_photo_save(registration=registration,
                                upload=upload(image_bytes(silhouette(600, 800))), actor=editor())

    photo = RegistrationPhoto.objects.get()
    assert photo.file.name != first
    assert not default_storage.exists(first)
    assert default_storage.exists(photo.file.name)
    assert list(registration.log_entries.values_list("action", flat=True)) == [
        "delegates.registration.photo_replaced", "delegates.registration.photo_added"]


def test_photo_removed_with_its_file(registration, django_capture_on_commit_callbacks):
    registration_photo_save(registration=registration,
                            upload=upload(image_bytes(silhouette())), actor=None)
    name = RegistrationPhoto.objects.get().file.name

    with django_capture_on_commit_callbacks(execute=True):
        assert registration_photo_remove(registration=registration, actor=editor()) is True

    assert not RegistrationPhoto.objects.exists()
    assert not default_storage.exists(name)
    assert registration.log_entries.first().action == "delegates.registration.photo_removed"
    assert registration_photo_remove(registration=registration, actor=editor()) is False


def test_photo_erased_with_the_person(registration, django_capture_on_commit_callbacks):
    registration_photo_save(registration=registration,
                            upload=upload(image_bytes(silhouette())), actor=None)
    name = RegistrationPhoto.objects.get().file.name

    with django_capture_on_commit_callbacks(execute=True):
        privacy.erase_person(email="lan.tran@vn.example.org", actor=editor())

    assert not RegistrationPhoto.objects.exists()
    assert not default_storage.exists(name)


def test_photo_erased_by_the_retention_job(registration, django_capture_on_commit_callbacks):
    registration_photo_save(registration=registration,
                            upload=upload(image_bytes(silhouette())), actor=None)
    name = RegistrationPhoto.objects.get().file.name
    after_the_meeting = registration.meeting.end_date + dt.timedelta(days=1)

    with django_capture_on_commit_callbacks(execute=True):
        done = privacy.anonymise_expired_registrations(today=after_the_meeting,
                                                       retention_days=0)

    assert done == 1
    assert not RegistrationPhoto.objects.exists()
    assert not default_storage.exists(name)


def test_photo_is_named_in_the_person_s_data_export(registration):
    registration_photo_save(registration=registration,
                            upload=upload(image_bytes(silhouette())), actor=None)

    data = privacy.export_person(email="lan.tran@vn.example.org", actor=editor())

    photo = data["registrations"][0]["photo"]
    assert (photo["width"], photo["height"]) == (450, 600)
    assert photo["size"] == RegistrationPhoto.objects.get().size
