"""Text of a PDF for assertions, read in Python (pypdf): no system program needed."""

import io
import re

from pypdf import PdfReader

# Glyphs without a Unicode mapping (parts of shaped Indic or Vietnamese clusters) and the
# high byte of some two-byte CJK codes come out as control characters; no text has them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def pdf_text(pdf_bytes):
    """The words of every page in reading order, on one line; pages are separated by
    " <page> " and names that wrap onto two lines read as one."""
    reader = PdfReader(io.BytesIO(pdf_bytes))
    pages = [" ".join(_CONTROL.sub("", page.extract_text()).split()) for page in reader.pages]
    return " <page> ".join(pages) + " <page>"


def page_images(pdf_bytes, *, scale=4):
    """Each page rendered (pdfium) as a PIL image, `scale` pixels a point."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf_bytes)
    try:
        return [page.render(scale=scale).to_pil() for page in document]
    finally:
        document.close()


def qr_codes(pdf_bytes):
    """The text of every QR code a scanner reads on each page: [[text, ...], ...]."""
    import zxingcpp

    return [sorted(code.text for code in zxingcpp.read_barcodes(
                image, formats=zxingcpp.BarcodeFormat.QRCode))
            for image in page_images(pdf_bytes)]


def page_characters(pdf_bytes):
    """Per page: (page width, page height, [(character, (left, bottom, right, top))]) in
    points, from pdfium's text layer, as drawn (not as extracted)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf_bytes)
    pages = []
    try:
        for page in document:
            width, height = page.get_size()
            text = page.get_textpage()
            characters = [(text.get_text_range(index, 1), text.get_charbox(index))
                          for index in range(text.count_chars())]
            pages.append((width, height, [(c, box) for c, box in characters
                                          if c.strip()]))
    finally:
        document.close()
    return pages
