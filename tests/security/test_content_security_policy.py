"""Templates keep to the Content-Security-Policy: no inline script, event handler or style
attribute; the only inline style blocks are the error pages', allowed by their hash."""

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
TEMPLATE_DIRS = [BASE_DIR / "templates", *BASE_DIR.glob("*/templates")]
# The HTML part of mails (templates/mail/) is read by mail programs, not served under the
# site's policy, and they need inline styles.
MAIL_TEMPLATES = BASE_DIR / "templates" / "mail"
TEMPLATES = sorted(
    path for folder in TEMPLATE_DIRS if folder.is_dir() for path in folder.rglob("*.html")
    if MAIL_TEMPLATES not in path.parents
)

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", re.IGNORECASE)
JSON_SCRIPT = re.compile(r"<script[^>]*type=\"application/(ld\+)?json\"", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)
STYLE_BLOCK = re.compile(r"<style[^>]*>(.*?)</style>", re.IGNORECASE | re.DOTALL)


def _relative(path):
    return str(path.relative_to(BASE_DIR))


def test_templates_are_found():
    assert BASE_DIR / "templates" / "base.html" in TEMPLATES


@pytest.mark.parametrize("path", TEMPLATES, ids=_relative)
def test_template_has_no_inline_script_or_style_attribute(path):
    text = path.read_text(encoding="utf-8")
    scripts = [
        m.group(0) for m in INLINE_SCRIPT.finditer(text) if not JSON_SCRIPT.match(m.group(0))
    ]

    assert scripts == []
    assert EVENT_HANDLER.findall(text) == []
    assert STYLE_ATTRIBUTE.findall(text) == []


@pytest.mark.parametrize("path", TEMPLATES, ids=_relative)
def test_template_style_blocks_are_allowed_by_hash(path):
    allowed = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"]
    for block in STYLE_BLOCK.findall(path.read_text(encoding="utf-8")):
        digest = base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed, (
            f"{_relative(path)}: move the style into static/css, or add its hash to "
            "CONTENT_SECURITY_POLICY style-src in settings"
        )
