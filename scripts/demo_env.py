"""`make run`: write the demo's `.env` once, so that every command run in the project folder
(`manage.py invite_focal_point`, `createsuperuser`, ...) has the demo's settings: debug on, a
secret key of its own, and the port the demo serves on (mailed links follow it).

    python3 scripts/demo_env.py --port 8080 [--file .env]

An existing file is never changed: it may be the deployer's own. Standard library only (it runs
before the virtualenv is used).
"""

import argparse
import secrets
import sys
from pathlib import Path

TEMPLATE = """\
# Written once by `make run` for the demo on this machine (never overwritten: edit it or
# delete it to have `make run` write a new one). Not for production: debug is on.
# Every variable of .env.example may be added here; the real environment wins.
DJANGO_DEBUG=1
DJANGO_SECRET_KEY={secret}
# The demo's port: mailed links (registration, focal point invitation, password reset)
# point at http://127.0.0.1:{port}/ unless SITE_URL is set.
PORT={port}
"""


def demo_env_text(port):
    # Letters, digits, - and _ only: nothing a .env reader could take for a quote, a comment
    # or a reference to another variable.
    return TEMPLATE.format(secret=secrets.token_urlsafe(50), port=port)


def write_demo_env(path, port):
    """Write the demo's settings to `path` unless it exists; True when written."""
    path = Path(path)
    if path.exists():
        return False
    path.write_text(demo_env_text(port), encoding="utf-8")
    path.chmod(0o600)  # it holds the secret key
    return True


def _port(text):
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}")
    return int(text)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=_port, default=8000)
    parser.add_argument("--file", default=".env")
    args = parser.parse_args(argv)
    if write_demo_env(args.file, args.port):
        print(f"Wrote {args.file}: the demo's settings (debug on, its own secret key, "
              f"port {args.port}) for every command run here.")
    else:
        written = dict(
            line.split("=", 1) for line in Path(args.file).read_text(encoding="utf-8").splitlines()
            if "=" in line and not line.lstrip().startswith("#")
        )
        if written.get("PORT", str(args.port)) != str(args.port):
            print(f"Note: {args.file} says PORT={written['PORT']}; commands run by hand will "
                  f"mail links to that port, not {args.port} (edit {args.file} to change it).",
                  file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
