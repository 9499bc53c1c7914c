"""Fonts embedded in every PDF the site makes (lists, badges, letters, implementation
reports), all from pinned PyPI packages or static/fonts/ (OFL licensed).

The main face is Noto Sans (Latin with Vietnamese, Cyrillic, Greek). Fallback faces cover
the other scripts of ASEM members' names: Thai, Lao, Khmer, Myanmar, Bengali, Devanagari,
Tamil, Arabic (Urdu) and Noto Sans CJK (Han, Hangul, Kana). Not covered: the traditional
Mongolian script (Mongolian names are written in Cyrillic on official documents).
"""

import io
import logging
import os
import tempfile
from functools import cache
from importlib.resources import files
from pathlib import Path

# fontTools reports every subsetting step at INFO; the site log needs none of it.
logging.getLogger("fontTools").setLevel(logging.WARNING)

MAIN_FAMILY = "NotoSans"

# (family, package, path inside the package)
MAIN_FONT = ("fontpkg_noto_sans", "files/NotoSans[wdth,wght].ttf")
FALLBACK_FONTS = [
    ("NotoSansThai", "fontpkg_noto_sans_thai", "files/NotoSansThai[wdth,wght].ttf"),
    ("NotoSansLao", "justmytype_intl_sea", "fonts/ofl/notosanslao/NotoSansLao[wdth,wght].ttf"),
    ("NotoSansKhmer", "justmytype_intl_sea",
     "fonts/ofl/notosanskhmer/NotoSansKhmer[wdth,wght].ttf"),
    ("NotoSansMyanmar", "justmytype_intl_sea",
     "fonts/ofl/notosansmyanmar/NotoSansMyanmar[wdth,wght].ttf"),
    ("NotoSansBengali", "justmytype_intl_south_asia",
     "fonts/ofl/notosansbengali/NotoSansBengali[wdth,wght].ttf"),
    ("NotoSansDevanagari", "justmytype_intl_south_asia",
     "fonts/ofl/notosansdevanagari/NotoSansDevanagari[wdth,wght].ttf"),
    ("NotoSansTamil", "justmytype_intl_south_asia",
     "fonts/ofl/notosanstamil/NotoSansTamil[wdth,wght].ttf"),
    ("NotoSansArabic", "fontpkg_noto_sans_arabic", "files/NotoSansArabic[wdth,wght].ttf"),
    ("NotoSansCJK", "cvttf_NotoSansCJK_Regular", "NotoSansCJKtc-Regular.otf"),
]
# Fallback families that also get a bold face (instanced from the variable font once).
BOLD_FALLBACKS = {"NotoSansThai", "NotoSansLao", "NotoSansKhmer", "NotoSansMyanmar"}


def font_path(package, relative):
    return Path(str(files(package).joinpath(relative)))


SHIPPED_FONTS = Path(__file__).resolve().parents[2] / "static" / "fonts"


@cache
def bold_instance(package, relative):
    """A static bold instance of a variable font: the one shipped in static/fonts/, or
    else one made once and kept in the temp folder (instancing takes seconds, so it is
    never done per document)."""
    source = font_path(package, relative)
    shipped = SHIPPED_FONTS / f"{source.stem.split('[')[0]}-Bold.ttf"
    if shipped.exists():
        return shipped
    cache_dir = Path(tempfile.gettempdir()) / "asem-customs-fonts"
    cache_dir.mkdir(exist_ok=True)
    target = cache_dir / f"{source.stem.split('[')[0]}-Bold-{source.stat().st_size}.ttf"
    if not target.exists():
        from fontTools.ttLib import TTFont
        from fontTools.varLib.instancer import instantiateVariableFont

        font = instantiateVariableFont(TTFont(source), {"wght": 700, "wdth": 100})
        handle, partial = tempfile.mkstemp(dir=cache_dir, suffix=".ttf")
        os.close(handle)
        font.save(partial)
        os.replace(partial, target)
    return target


@cache
def _parsed_face(path, fontkey, style):
    """fpdf2's reading of a font file (widths, character map, glyph ids, descriptor), made
    once per process: `fpdf.add_font` reads the whole file again for every document."""
    from fpdf import FPDF
    from fpdf.fonts import TTFFont

    face = TTFFont(FPDF(), path, fontkey, style)
    face.close()  # what it read is kept; each document opens a font of its own
    return face


# The layout tables the output leaves out of every embedded subset: shaping reads them from
# the file (HarfBuzz), and fontTools decompiled all of them before dropping them, more than
# half the time of a badge.
LAYOUT_TABLES = ("GDEF", "GPOS", "GSUB")


@cache
def _font_file(path):
    """The bytes of a font file, read once per process (no file stays open)."""
    return path.read_bytes()


def add_face(pdf, family, style, path):
    """`pdf.add_font(family, style, path)`, from the face parsed once per process.

    What a document changes in a face is its own: its number among the document's fonts,
    the subset of glyphs it uses, the glyphs it missed, and the fontTools font, which the
    output subsets in place (read lazily from the bytes in memory: only the tables the
    subset needs are parsed). The rest (widths, character map, descriptor) is read-only
    and shared."""
    from fontTools import ttLib
    from fpdf.fonts import SubsetMap, TTFFont

    fontkey = f"{family.lower()}{style}"
    if fontkey in pdf.fonts:
        return
    path = Path(path)
    parsed = _parsed_face(path, fontkey, style)
    face = TTFFont.__new__(TTFFont)
    for name in TTFFont.__slots__:
        if hasattr(parsed, name):
            setattr(face, name, getattr(parsed, name))
    face.i = len(pdf.fonts) + 1
    face.ttfont = ttLib.TTFont(io.BytesIO(_font_file(path)), recalcTimestamp=False, lazy=True)
    for tag in LAYOUT_TABLES:
        if tag in face.ttfont:
            del face.ttfont[tag]
    face._hbfont = None
    face.missing_glyphs = []
    face.biggest_size_pt = 0
    face.subset = SubsetMap(face)
    pdf.fonts[fontkey] = face
    if face.is_cff and face.is_cid_keyed:
        pdf._set_min_pdf_version("1.6")  # as add_font does for a CID-keyed CFF face (CJK)


def register_fonts(pdf):
    """Add the main face (regular and bold) to `pdf` and switch on text shaping (HarfBuzz)
    so that Thai, Indic and Arabic marks combine correctly. The fallback faces are added
    by `register_fallback_font` when the text first needs one: every face added is
    embedded, and parsing and embedding all ten took seconds per document."""
    add_face(pdf, MAIN_FAMILY, "", font_path(*MAIN_FONT))
    add_face(pdf, MAIN_FAMILY, "B", bold_instance(*MAIN_FONT))
    pdf.set_text_shaping(True)


@cache
def _codepoints(package, relative):
    """The characters a font has a glyph for (its cmap), read once per process."""
    from fontTools.ttLib import TTFont

    with TTFont(font_path(package, relative), lazy=True) as font:
        return frozenset(font.getBestCmap())


def fallback_family(char):
    """The first fallback family (in FALLBACK_FONTS order) that has a glyph for `char`."""
    codepoint = ord(char)
    for family, package, relative in FALLBACK_FONTS:
        if codepoint in _codepoints(package, relative):
            return family
    return None


def register_fallback_font(pdf, char):
    """Add to `pdf` the fallback face for `char` (regular, and bold where it has one) if
    it has not got it yet, keeping the fallback list in FALLBACK_FONTS order."""
    family = fallback_family(char)
    if family is None or family.lower() in pdf.fonts:
        return
    for name, package, relative in FALLBACK_FONTS:
        if name == family:
            add_face(pdf, family, "", font_path(package, relative))
            if family in BOLD_FALLBACKS:
                add_face(pdf, family, "B", bold_instance(package, relative))
    pdf.set_fallback_fonts(
        [name for name, _, _ in FALLBACK_FONTS if name.lower() in pdf.fonts], exact_match=False)
