"""Compile the translation catalogues (locale/<language>/LC_MESSAGES/*.po) into the .mo files
Django reads, in pure Python (polib): `make install` runs it, so a fresh machine needs no
GNU gettext to serve the site in French or Vietnamese. Only catalogues whose .po is newer
than their .mo are compiled; each .mo is written whole, then moved into place, so that two
processes compiling at once never leave half a file.

    python scripts/compile_messages.py [--force]
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parents[1]
LOCALE_DIR = BASE_DIR / "locale"


def stale_catalogues(locale_dir=LOCALE_DIR, *, force=False):
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if force or not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            yield po_path, mo_path


def compile_catalogue(po_path, mo_path):
    """Write `mo_path` from `po_path`; fuzzy entries are left out, as msgfmt does."""
    catalogue = polib.pofile(str(po_path))
    handle, temporary = tempfile.mkstemp(dir=mo_path.parent, suffix=".mo.tmp")
    os.close(handle)
    try:
        catalogue.save_as_mofile(temporary)
        os.replace(temporary, mo_path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def compile_all(locale_dir=LOCALE_DIR, *, force=False):
    compiled = []
    for po_path, mo_path in stale_catalogues(locale_dir, force=force):
        compile_catalogue(po_path, mo_path)
        compiled.append(mo_path)
    return compiled


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="compile every catalogue")
    args = parser.parse_args(argv)
    for mo_path in compile_all(force=args.force):
        print(f"compiled {mo_path.relative_to(BASE_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
