import io

from PIL import Image

from delegates.models import RegistrationPhoto
from demo.photos import HOW_MANY, load_demo_photos


def test_demo_gives_a_few_delegates_a_drawn_silhouette(demo):
    meeting = demo["demonstration"]

    assert load_demo_photos(meeting) == HOW_MANY
    assert load_demo_photos(meeting) == 0  # once only

    assert meeting.photos == "optional"
    photos = RegistrationPhoto.objects.filter(registration__meeting=meeting)
    assert photos.count() == HOW_MANY
    with photos.first().file.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
    assert (image.format, image.size) == ("JPEG", (450, 600))
