"""Focus rings and control borders reach 3:1 against what surrounds them (WCAG 1.4.11), as
computed from the stylesheets themselves: the colours they set and the rules that use them."""

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parents[1] / "static" / "css"
WHITE = "#ffffff"


def luminance(colour):
    """WCAG 2 relative luminance of a #rrggbb colour."""
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (channel(int(colour[i:i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def rules(name):
    """{selector: declarations} of a stylesheet, each selector of a list on its own."""
    text = re.sub(r"/\*.*?\*/", "", (CSS / name).read_text(), flags=re.S)
    found = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
        declarations = {
            key.strip(): value.strip() for key, _, value in
            (part.partition(":") for part in body.split(";") if ":" in part)
        }
        for selector in selectors.split(","):
            found.setdefault(" ".join(selector.split()), {}).update(declarations)
    return found


def colours(name):
    """The custom properties the stylesheet gives a #rrggbb colour (in its :root rules)."""
    found = {}
    for selector, declarations in rules(name).items():
        if selector.startswith(":root"):
            found.update({key: value.lower() for key, value in declarations.items()
                          if key.startswith("--") and re.fullmatch(r"#[0-9a-fA-F]{6}", value)})
    return found


def test_contrast_formula_matches_wcag_examples():
    assert contrast("#000000", WHITE) == pytest.approx(21)
    assert round(contrast("#767676", WHITE), 2) == 4.54
    # Bootstrap's focus halo the issue measured: #0d6efd at 25 % on white blends to #c3dbff.
    assert round(contrast("#c3dbff", WHITE), 2) == 1.41


@pytest.mark.parametrize("sheet", ["site.css", "admin.css"])
def test_focus_ring_and_control_borders_reach_3_to_1(sheet):
    palette = {**colours("site.css"), **colours(sheet)}
    backgrounds = [WHITE, "#f7f9fb", palette["--ac-sand"]]  # pages, fact cards, footer
    dark = [palette["--ac-navy"], palette["--ac-blue"]]  # header; banner and breadcrumbs
    if sheet == "site.css":
        dark.append(palette["--ac-teal"])  # the banner's gradient ends in teal
    for background in backgrounds:
        assert contrast(palette["--ac-focus"], background) >= 3, background
        assert contrast(palette["--ac-control-border"], background) >= 3, background
    for background in dark:
        assert contrast(palette["--ac-focus-on-dark"], background) >= 3, background


def test_site_rules_use_the_focus_and_border_colours():
    site = rules("site.css")
    ring = "3px solid var(--ac-focus)"
    assert site[":focus-visible"]["outline"] == ring
    for selector in (".form-control:focus", ".form-select:focus", ".form-check-input:focus",
                     ".btn:focus-visible", ".nav-link:focus-visible"):
        assert site[selector]["outline"] == ring, selector
        assert site[selector]["box-shadow"] == "none", selector  # no pale halo instead
    for selector in (".form-control", ".form-select", ".form-check-input"):
        assert site[selector]["border-color"] == "var(--ac-control-border)", selector
    for selector in (".site-header :focus-visible", ".site-header .nav-link:focus-visible",
                     ".hero .btn:focus-visible"):
        assert site[selector]["outline-color"] == "var(--ac-focus-on-dark)", selector
    on_dark = colours("site.css")["--ac-control-border-on-dark"]
    assert contrast(on_dark, colours("site.css")["--ac-navy"]) >= 3


def test_admin_rules_use_the_focus_and_border_colours():
    admin = rules("admin.css")
    assert admin[":focus-visible"]["outline"] == "3px solid var(--ac-focus)"
    assert admin["#header :focus-visible"]["outline-color"] == "var(--ac-focus-on-dark)"
    for selector in ("input[type=text]", "select", "textarea", "input[type=date]"):
        assert admin[selector]["border-color"] == "var(--ac-control-border)", selector
