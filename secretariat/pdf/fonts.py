"""Fonts embedded in every PDF the site makes (lists, badges, letters, implementation
reports), all from pinned PyPI packages or static/fonts/ (OFL licensed).

The main face is Noto Sans (Latin with Vietnamese, Cyrillic, Greek). Fallback faces cover
the other scripts of ASEM members' names: Thai, Lao, Khmer, Myanmar, Bengali, Devanagari,
Tamil, Arabic (Urdu) and Noto Sans CJK (Han, Hangul, Kana). Not covered: the traditional
Mongolian script (Mongolian names are written in Cyrillic on official documents).
"""

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


def register_fonts(pdf):
    """Add the main face (regular and bold) to `pdf` and switch on text shaping (HarfBuzz)
    so that Thai, Indic and Arabic marks combine correctly. The fallback faces are added
    by `register_fallback_font` when the text first needs one: every face added is
    embedded, and parsing and embedding all ten took seconds per document."""
    pdf.add_font(MAIN_FAMILY, "", font_path(*MAIN_FONT))
    pdf.add_font(MAIN_FAMILY, "B", bold_instance(*MAIN_FONT))
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
            pdf.add_font(family, "", font_path(package, relative))
            if family in BOLD_FALLBACKS:
                pdf.add_font(family, "B", bold_instance(package, relative))
    pdf.set_fallback_fonts(
        [name for name, _, _ in FALLBACK_FONTS if name.lower() in pdf.fonts], exact_match=False)
