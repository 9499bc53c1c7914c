"""The PDF document every secretariat print-out starts from."""

from fpdf import FPDF

from asem_customs import palette
from delegates.validators import strip_unprintable
from secretariat.pdf.fonts import MAIN_FAMILY, register_fallback_font, register_fonts

# Badge and list colours per role (RGB), from the site's one palette.
ROLE_COLOURS = {role: palette.rgb(colour) for role, colour in palette.ROLE_COLOURS.items()}
INK = (33, 37, 41)
MUTED = (90, 96, 104)


class SecretariatPDF(FPDF):
    """A4 portrait by default, fonts for every script registered, metadata set."""

    def __init__(self, *, title, orientation="P", format="A4", footer_text=""):
        super().__init__(orientation=orientation, unit="mm", format=format)
        register_fonts(self)
        self.set_title(title)
        self.set_creator("ASEM Customs Meetings secretariat")
        self.set_author("ASEM Customs Secretariat")
        self.set_lang("en")
        self.footer_text = footer_text
        self.set_font(MAIN_FAMILY, size=10)
        self.set_text_color(*INK)

    def normalize_text(self, text):
        """Every string drawn or measured goes through here: control characters (but the
        line feed), non-characters and lone surrogates have no glyph and are left out.

        Text shaping (HarfBuzz) is switched on for this string only when it needs it:
        shaping every cell was most of the time of a long list, and Latin, Greek, Cyrillic,
        precomposed Vietnamese and CJK text is drawn the same without it."""
        text = strip_unprintable(text, keep="\n")
        self.text_shaping = self._shaping if needs_shaping(text) else None
        return super().normalize_text(text)

    def set_text_shaping(self, *args, **kwargs):
        super().set_text_shaping(*args, **kwargs)
        self._shaping = self.text_shaping

    def get_fallback_font(self, char, style=""):
        """fpdf2 asks for a fallback face for each character the current face lacks: add
        the face that has it first (see `register_fallback_font`)."""
        register_fallback_font(self, char)
        return super().get_fallback_font(char, style)

    def footer(self):
        if not self.footer_text:
            return
        self.set_y(-12)
        self.set_font(MAIN_FAMILY, size=8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, self.footer_text, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"{self.page_no()} / {{nb}}", align="R")
        self.set_text_color(*INK)

    def font(self, size, style=""):
        self.set_font(MAIN_FAMILY, style, size)


# Blocks whose letters are drawn one glyph per character, with no marks to place and no
# letters joining: text made of them only needs no shaping.
_UNSHAPED_BLOCKS = (
    (0x0000, 0x02FF),  # Latin, Latin-1, Latin Extended, IPA, spacing modifiers
    (0x0370, 0x0482),  # Greek, Cyrillic (its combining marks excepted)
    (0x048A, 0x052F),
    (0x1E00, 0x1FFF),  # Latin Extended Additional (precomposed Vietnamese), Greek Extended
    (0x2000, 0x2BFF),  # punctuation, currency, letterlike, arrows, symbols
    (0x3000, 0x9FFF),  # CJK punctuation, kana, CJK ideographs
    (0xAC00, 0xD7A3),  # precomposed Hangul syllables
    (0xF900, 0xFAFF),
    (0xFF00, 0xFFEF),  # full-width forms
)


def needs_shaping(text):
    """Whether `text` has a character that text shaping places or joins (combining marks,
    Arabic, Hebrew, the Indic and South-East Asian scripts...)."""
    if text.isascii():
        return False
    for char in text:
        code = ord(char)
        if not any(start <= code <= end for start, end in _UNSHAPED_BLOCKS):
            return True
    return False


def draw_qr(pdf, qr, x, y, size):
    """Draw a segno QR code as vector squares (one rectangle per run of dark modules):
    crisp at any print size and much faster than embedding an image per badge."""
    matrix = list(qr.matrix)
    modules = len(matrix) + 8  # four-module quiet zone on each side
    step = size / modules
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x, y, size, size, style="F")
    pdf.set_fill_color(0, 0, 0)
    for row_index, row in enumerate(matrix):
        column = 0
        while column < len(row):
            if row[column] & 1:
                start = column
                while column < len(row) and row[column] & 1:
                    column += 1
                pdf.rect(x + (start + 4) * step, y + (row_index + 4) * step,
                         (column - start) * step, step + 0.01, style="F")
            else:
                column += 1
