"""Image files for the photo tests, drawn with Pillow: no real face, ever."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw


def silhouette(width=900, height=1200, background=(200, 215, 230)):
    """A grey head-and-shoulders silhouette on a plain background."""
    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    cx = width // 2
    head = min(width, height) // 5
    draw.ellipse((cx - head, height // 4 - head, cx + head, height // 4 + head),
                 fill=(90, 96, 104))
    draw.ellipse((cx - 2 * head, height // 2, cx + 2 * head, height + 2 * head),
                 fill=(90, 96, 104))
    return image


def image_bytes(image, fmt="JPEG", **options):
    out = io.BytesIO()
    image.save(out, format=fmt, **options)
    return out.getvalue()


def upload(content, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def jpeg_with_exif(width=900, height=1200):
    """A JPEG carrying a camera make, a comment and a GPS position in its EXIF."""
    exif = Image.Exif()
    exif[0x010F] = "Secret Camera Maker"  # Make
    exif[0x9286] = "Secret comment"  # UserComment (stored raw)
    exif[0x8825] = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 3.0)}  # GPS
    return image_bytes(silhouette(width, height), "JPEG", exif=exif,
                       comment=b"Secret JPEG comment")


def png_chunk(kind, data):
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def png_claiming(width, height):
    """A tiny PNG whose header claims `width` × `height` pixels: a decompression bomb as
    the decoder first sees it."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header)
            + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + png_chunk(b"IEND", b""))
