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
