"""Web fonts for every script of ASEM members' names, shipped with the site (no system font
needed at a check-in desk), each file loaded only for the characters a page uses."""

import re
from pathlib import Path

import pytest

FONTS = Path(__file__).resolve().parents[1] / "static" / "vendor" / "fonts"
RULE = re.compile(r"@font-face \{(.*?)\}", re.S)


def _rules():
    return RULE.findall((FONTS / "fonts.css").read_text())


def test_every_font_face_points_at_a_shipped_woff2_with_a_unicode_range():
    rules = _rules()
    assert len(rules) > 100
    for body in rules:
        [url] = re.findall(r"url\(([^)]+)\) format\('woff2'\)", body)
        assert (FONTS / url).is_file(), url
        assert "unicode-range: U+" in body
    assert not list(FONTS.glob("files/*.woff")) and not list(FONTS.glob("files/*.ttf"))


@pytest.mark.parametrize("family, character", [
    ("Noto Sans", "é"), ("Noto Sans Thai", "ก"), ("Noto Sans Lao", "ກ"),
    ("Noto Sans Khmer", "ក"), ("Noto Sans Myanmar", "က"), ("Noto Sans SC", "中"),
    ("Noto Sans JP", "あ"), ("Noto Sans KR", "한"),
])
def test_each_script_has_a_face_covering_its_letters(family, character):
    code = ord(character)

    def covers(body):
        for low, _dash, high in re.findall(r"U\+([0-9A-Fa-f]+)(-([0-9A-Fa-f]+))?",
                                           body.split("unicode-range:")[1]):
            if int(low, 16) <= code <= int(high or low, 16):
                return True
        return False

    faces = [body for body in _rules() if f"font-family: '{family}';" in body and covers(body)]
    assert {re.search(r"font-weight: (\d+);", body)[1] for body in faces} == {"400", "700"}


def test_fonts_are_licensed_and_within_size():
    licences = sorted(path.name for path in FONTS.glob("LICENSE-*.txt"))
    assert "LICENSE-noto-sans-thai.txt" in licences and len(licences) == 11
    assert all("SIL Open Font License" in (FONTS / name).read_text() for name in licences)
    size = sum(path.stat().st_size for path in FONTS.rglob("*") if path.is_file())
    assert size < 30 * 1024 * 1024


@pytest.mark.django_db
def test_pages_load_the_font_stylesheet_and_it_is_served(client):
    page = client.get("/").content.decode()
    assert '<link rel="stylesheet" href="/static/vendor/fonts/fonts.css">' in page

    responses = {path: client.get(f"/static/{path}") for path in (
        "vendor/fonts/fonts.css", "vendor/fonts/files/noto-sans-thai-thai-400-normal.woff2",
        "css/site.css")}
    bodies = {path: b"".join(response.streaming_content) for path, response in responses.items()}
    for response in responses.values():
        response.close()

    assert {path: response.status_code for path, response in responses.items()} == dict.fromkeys(
        responses, 200)
    assert responses["vendor/fonts/files/noto-sans-thai-thai-400-normal.woff2"][
        "Content-Type"] == "font/woff2"
    assert bodies["vendor/fonts/files/noto-sans-thai-thai-400-normal.woff2"][:4] == b"wOF2"
    assert b"--bs-body-font-family: var(--ac-font-sans);" in bodies["css/site.css"]
