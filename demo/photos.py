"""Photos for a few demo delegates: drawn silhouettes (a head and shoulders in grey on a
coloured background), never a real face. They go through the same service as an upload,
so they are cropped, re-encoded and stored like any photo."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from delegates import services
from delegates.enums import RegistrationStatus
from delegates.models import RegistrationPhoto

BACKGROUNDS = [(196, 214, 232), (214, 228, 206), (236, 222, 204), (222, 210, 232)]
HOW_MANY = 4


def silhouette(background, *, width=600, height=800):
    """A PNG of a grey head-and-shoulders silhouette on `background`."""
    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    centre, head = width // 2, width // 6
    draw.ellipse((centre - head, 200 - head, centre + head, 200 + head), fill=(92, 98, 106))
    draw.ellipse((centre - 2.2 * head, 380, centre + 2.2 * head, height + 3 * head),
                 fill=(92, 98, 106))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def load_demo_photos(meeting):
    """Give the first confirmed delegates of `meeting` (which takes photos) a drawn
    silhouette; idempotent. Returns how many photos were added."""
    if RegistrationPhoto.objects.filter(registration__meeting=meeting).exists():
        return 0
    registrations = (meeting.registrations.filter(status=RegistrationStatus.CONFIRMED)
                     .order_by("pk")[:HOW_MANY])
    for index, registration in enumerate(registrations):
        content = silhouette(BACKGROUNDS[index % len(BACKGROUNDS)])
        services.registration_photo_save(
            registration=registration, actor=None,
            upload=SimpleUploadedFile("silhouette.png", content, content_type="image/png"))
    return len(registrations)
