"""A person's photo for the badge, made safe before anything keeps it.

An upload is judged by its content, never by its name or the type the browser claims: JPEG
or PNG only. Its size in bytes and in pixels is checked before the image is decoded (a
"decompression bomb" is small on disk and fills the memory once opened), a damaged file is
refused with a reason, and its proportion must be near the badge's frame. What is kept is a
new JPEG drawn from the pixels alone: turned upright as the camera said, cropped at the
centre to the frame (3:4, portrait) and resized. Nothing of the file's metadata (EXIF,
location, camera, comments, colour profile) is carried over.

Only bytes in memory: no temporary file outlives the request."""

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# The badge's frame: 3 wide for 4 high, and the size the photo is kept at (enough for a
# 24 mm high photo printed at 600 dpi, small enough to embed by the hundred).
FRAME_WIDTH, FRAME_HEIGHT = 3, 4
KEPT_WIDTH, KEPT_HEIGHT = 450, 600
# Smaller than this (after cropping) prints blurred on the badge.
MIN_WIDTH, MIN_HEIGHT = 240, 320
# From a tall portrait (1:2) to a landscape of 4:3; beyond, cropping would cut the face.
MIN_RATIO, MAX_RATIO = 0.5, 4 / 3
ACCEPTED = {"JPEG": b"\xff\xd8\xff", "PNG": b"\x89PNG\r\n\x1a\n"}
JPEG_QUALITY = 88


class PhotoRefused(Exception):
    """The photo cannot be used; the message says why, fit to show the person."""


@dataclass(frozen=True)
class PreparedPhoto:
    content: bytes  # a JPEG with no metadata
    width: int
    height: int


def _read(upload):
    size = getattr(upload, "size", None)
    limit = settings.PHOTO_MAX_UPLOAD_BYTES
    if size is not None and size > limit:
        raise PhotoRefused(_("The photo is larger than %(limit)s: send a smaller one.")
                           % {"limit": filesizeformat(limit)})
    upload.seek(0)
    content = upload.read(limit + 1)
    upload.seek(0)
    if not content:
        raise PhotoRefused(_("The file is empty."))
    if len(content) > limit:
        raise PhotoRefused(_("The photo is larger than %(limit)s: send a smaller one.")
                           % {"limit": filesizeformat(limit)})
    if not any(content.startswith(magic) for magic in ACCEPTED.values()):
        raise PhotoRefused(_("Only JPEG and PNG photos are accepted; this file is neither, "
                             "whatever its name."))
    return content


def _open(content):
    """The decoded image, refused when too many pixels or damaged."""
    damaged = PhotoRefused(_("The photo could not be read: the file is damaged or "
                             "incomplete. Save it again as JPEG or PNG and send it again."))
    too_big = PhotoRefused(_("The photo has too many pixels (more than %(pixels)s million): "
                             "send a smaller one.")
                           % {"pixels": settings.PHOTO_MAX_PIXELS // 1_000_000})
    with warnings.catch_warnings():
        # Pillow only warns below twice its own limit; here every bomb is an error.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(content), formats=list(ACCEPTED))
            width, height = image.size
            if width * height > settings.PHOTO_MAX_PIXELS:
                raise too_big
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise too_big from exc
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
            raise damaged from exc
    if getattr(image, "n_frames", 1) > 1:
        raise PhotoRefused(_("Animated images are not accepted: send a single photo."))
    return image


def _upright(image):
    try:
        return ImageOps.exif_transpose(image)
    except (OSError, ValueError, SyntaxError, KeyError, TypeError):
        return image  # orientation unreadable: the photo as stored


def _check_proportion(width, height):
    ratio = width / height
    if ratio < MIN_RATIO or ratio > MAX_RATIO:
        raise PhotoRefused(_(
            "The photo is %(width)s × %(height)s pixels: too narrow or too wide for the "
            "badge's frame (3 wide for 4 high). Send a portrait photo of the head and "
            "shoulders.") % {"width": width, "height": height})


def _cropped(image):
    """The largest 3:4 rectangle at the centre of the image."""
    width, height = image.size
    if width * FRAME_HEIGHT > height * FRAME_WIDTH:  # wider than the frame
        new_width = height * FRAME_WIDTH // FRAME_HEIGHT
        left = (width - new_width) // 2
        box = (left, 0, left + new_width, height)
    else:
        new_height = width * FRAME_HEIGHT // FRAME_WIDTH
        top = (height - new_height) // 2
        box = (0, top, width, top + new_height)
    return image.crop(box)


def _on_white(image):
    """RGB pixels, transparency laid on white (a badge is printed on white card)."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return image.convert("RGB")


def prepare_photo(upload):
    """A PreparedPhoto from an uploaded file, or PhotoRefused with the reason."""
    content = _read(upload)
    image = _open(content)
    try:
        image = _upright(image)
        width, height = image.size
        _check_proportion(width, height)
        image = _on_white(_cropped(image))
        if image.width < MIN_WIDTH or image.height < MIN_HEIGHT:
            raise PhotoRefused(_(
                "The photo is too small to print (%(width)s × %(height)s pixels once cropped "
                "to the frame): send one of at least %(min_width)s × %(min_height)s pixels.")
                % {"width": image.width, "height": image.height, "min_width": MIN_WIDTH,
                   "min_height": MIN_HEIGHT})
        if image.width > KEPT_WIDTH:
            image = image.resize((KEPT_WIDTH, KEPT_HEIGHT), Image.Resampling.LANCZOS)
        # Only the pixels go on: a new image knows nothing of the file it came from.
        clean = Image.frombytes("RGB", image.size, image.tobytes())
        out = io.BytesIO()
        clean.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    except PhotoRefused:
        raise
    except (OSError, ValueError, SyntaxError, MemoryError) as exc:
        raise PhotoRefused(_("The photo could not be read: the file is damaged or "
                             "incomplete. Save it again as JPEG or PNG and send it again.")
                           ) from exc
    return PreparedPhoto(content=out.getvalue(), width=clean.width, height=clean.height)
