"""One palette: the generated stylesheet, the tracker, the implementation report and the
badges and lists of participants all take their colours from asem_customs.palette."""

from pathlib import Path

from action_plans.enums import ActionPointStatus
from asem_customs import palette
from delegates.enums import Role
from secretariat.pdf.base import ROLE_COLOURS
from secretariat.pdf.implementation_report import STATUS_COLOURS as REPORT_COLOURS

STATIC = Path(__file__).resolve().parents[1] / "static"


def test_palette_stylesheet_is_generated_from_the_palette():
    assert (STATIC / "css" / "palette.css").read_text() == palette.css()


def test_palette_has_a_colour_and_classes_for_every_status():
    css = palette.css()
    assert set(palette.STATUS_COLOURS) == set(ActionPointStatus.values)
    for status in ActionPointStatus.values:
        assert f".badge-status.status-{status} {{" in css
        assert f".tracker-bar.status-{status}, .tracker-swatch.status-{status} {{" in css
    assert "--ac-status-in-progress: #0b5ed7;" in css


def test_palette_is_the_one_used_by_the_pdfs():
    assert set(palette.ROLE_COLOURS) == set(Role.values)
    assert ROLE_COLOURS[Role.HEAD_OF_DELEGATION] == (155, 28, 49)
    assert REPORT_COLOURS[ActionPointStatus.IN_PROGRESS] == palette.rgb("#0b5ed7") == (11, 94, 215)
    assert REPORT_COLOURS[ActionPointStatus.CARRIED_OVER] == (111, 66, 193)


def _luminance(colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (channel(value) for value in palette.rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_palette_colours_carry_white_text_legibly():
    for colour in [*palette.STATUS_COLOURS.values(), *palette.ROLE_COLOURS.values()]:
        assert (1.05) / (_luminance(colour) + 0.05) >= 4.5, colour
