"""The French and Vietnamese catalogues translate every string the code marks.

The strings are extracted afresh from a copy of today's code by Django's makemessages (the
very command `make messages` runs), so a string added to a template, a form or a script
without its translation fails here, and so does a translation left fuzzy."""

import os
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

LANGUAGES = ("fr", "vi")
DOMAINS = ("django", "djangojs")
SOURCE_SUFFIXES = {".py", ".html", ".txt", ".js"}
# As `make messages`: what is not the product's own code.
IGNORED = ("tests", "static/vendor", "node_modules", "staticfiles", "test-artifacts",
           "locale", "var", "media", "docs", "scripts")


def _copy_sources(base, target):
    for path in base.rglob("*"):
        relative = path.relative_to(base)
        parts = relative.parts
        if parts[0].startswith(".") or any(
                relative.as_posix().startswith(ignored + "/") for ignored in IGNORED):
            continue
        if path.is_file() and path.suffix in SOURCE_SUFFIXES:
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """{domain: {(msgctxt, msgid), ...}} that makemessages finds in today's code."""
    if shutil.which("xgettext") is None:
        message = "GNU gettext is needed to extract the strings: apt-get install gettext"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    base = Path(settings.BASE_DIR)
    copy = tmp_path_factory.mktemp("sources")
    _copy_sources(base, copy)
    (copy / "locale").mkdir()
    found, here, locale_paths = {}, Path.cwd(), settings.LOCALE_PATHS
    try:
        os.chdir(copy)
        settings.LOCALE_PATHS = [copy / "locale"]
        for domain in DOMAINS:
            call_command("makemessages", locale=["fr"], domain=domain, verbosity=0,
                         no_obsolete=True)
            catalogue = polib.pofile(str(copy / "locale" / "fr" / "LC_MESSAGES"
                                         / f"{domain}.po"))
            found[domain] = {(entry.msgctxt, entry.msgid) for entry in catalogue}
    finally:
        os.chdir(here)
        settings.LOCALE_PATHS = locale_paths
    return found


def _catalogue(language, domain):
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / f"{domain}.po"
    assert path.exists(), f"no catalogue {path.relative_to(settings.BASE_DIR)}"
    return polib.pofile(str(path))


def _translated(entry):
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_string_is_translated(extracted, language, domain):
    catalogue = _catalogue(language, domain)
    entries = {(entry.msgctxt, entry.msgid): entry for entry in catalogue
               if not entry.obsolete}

    missing = sorted(msgid for key in extracted[domain]
                     if (entry := entries.get(key)) is None or not _translated(entry)
                     for msgid in [key[1]])
    fuzzy = sorted(key[1] for key in extracted[domain]
                   if key in entries and "fuzzy" in entries[key].flags)

    assert missing == [], f"{language}/{domain}.po: untranslated (run `make messages`)"
    assert fuzzy == [], f"{language}/{domain}.po: fuzzy translations to check"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_catalogue_says_its_language_and_plural_forms(language):
    for domain in DOMAINS:
        catalogue = _catalogue(language, domain)

        assert catalogue.metadata.get("Language") == language
        assert "nplurals=" in catalogue.metadata.get("Plural-Forms", "")


def test_the_build_compiles_a_catalogue_without_gettext(tmp_path):
    from scripts.compile_messages import compile_all

    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "fr"}
    catalogue.append(polib.POEntry(msgid="Meetings", msgstr="Réunions"))
    catalogue.append(polib.POEntry(msgid="Members", msgstr="Membres", flags=["fuzzy"]))
    catalogue.save(str(folder / "django.po"))

    assert compile_all(tmp_path) == [folder / "django.mo"]
    compiled = {entry.msgid: entry.msgstr for entry in polib.mofile(str(folder / "django.mo"))}
    assert compiled == {"Meetings": "Réunions"}  # a fuzzy entry is not used
    assert compile_all(tmp_path) == []  # nothing newer to compile
