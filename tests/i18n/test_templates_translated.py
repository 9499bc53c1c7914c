"""No template of the project shows a word that is not marked for translation.

Each template is cut into Django's tokens: the text between tags and variables is what a
visitor reads, except inside {% blocktranslate %} (translated), {% comment %} and
<script>/<style>. That text, and the attributes a visitor or a screen reader meets (alt,
title, aria-label, placeholder), must hold no letters once tags are taken out: every word is
inside {% translate %} or {% blocktranslate %}."""

import re
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.template.base import Lexer, TokenType

# Words that are the same in every language: the brand and the names of standards.
BRAND = "ASEM Customs Meetings"
PROPER_NAMES = {"ASEM", "AC", "WCO", "QR", "CSV", "XLSX", "PDF", "API", "iCalendar", "Atom",
                "OpenAPI", "JSON", "TOTP"}
SPOKEN_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "aria-description"}
MARK = " "
LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
PATH = re.compile(r"\S*/\S*")  # addresses and paths (/focal/) are not words


def _project_templates():
    base = Path(settings.BASE_DIR)
    folders = [base / "templates", *sorted(base.glob("*/templates"))]
    for folder in folders:
        if ".venv" in folder.parts:
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".html", ".txt") and path.is_file():
                yield base, path


def _visible_source(source):
    """The template's text with every tag and variable replaced by MARK, and nothing of what
    {% blocktranslate %}, {% comment %} or {% verbatim %} hold."""
    parts, skipping = [], None
    for token in Lexer(source).tokenize():
        if skipping:
            if token.token_type == TokenType.BLOCK and token.contents.split()[0] == skipping:
                skipping = None
            continue
        if token.token_type == TokenType.TEXT:
            parts.append(token.contents)
            continue
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if name in ("blocktranslate", "blocktrans", "comment", "verbatim"):
                skipping = "end" + name
        parts.append(MARK)
    return "".join(parts)


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        for name, value in attrs:
            if name in SPOKEN_ATTRIBUTES and value:
                self.texts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden = max(0, self._hidden - 1)

    def handle_data(self, data):
        if not self._hidden:
            self.texts.append(data)


def _untranslated_words(text):
    words = [word for word in WORD.findall(PATH.sub(" ", text.replace(BRAND, " ")))
             if word not in PROPER_NAMES]
    return " ".join(words)


def untranslated_strings(path):
    visible = _visible_source(path.read_text(encoding="utf-8"))
    if path.suffix == ".txt":
        texts = [visible]
    else:
        reader = _Reader()
        reader.feed(visible)
        reader.close()
        texts = reader.texts
    return [found for text in texts if LETTER.search(text)
            and (found := _untranslated_words(text))]


def test_every_visible_string_of_a_template_is_marked_for_translation():
    found = {
        str(path.relative_to(base)): strings
        for base, path in _project_templates()
        if (strings := untranslated_strings(path))
    }
    assert found == {}


def test_the_check_finds_a_plain_word(tmp_path):
    page = tmp_path / "page.html"
    page.write_text('{% load i18n %}<p>{% translate "Seen" %}</p><p>Hello {{ name }}</p>'
                    '<img alt="A photo" src="x.png">{% blocktranslate %}Fine{% endblocktranslate %}'
                    '<script>let word = "ignored";</script>{# a comment #}')

    assert untranslated_strings(page) == ["Hello", "A photo"]
