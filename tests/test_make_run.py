"""What `make run` leaves behind for the commands run after it: the demo's `.env`, mailed links
on the demo's port, and the address and login printed last."""

import io
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

BASE_DIR = Path(__file__).resolve().parents[1]


def _env(**extra):
    """The environment of a fresh shell: nothing of the test suite's own settings."""
    env = {
        key: value for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in {"PORT", "SITE_URL", "DATABASE_URL"}
    }
    env.update(extra)
    return env


def _run(args, **extra_env):
    return subprocess.run(  # noqa: S603
        args, cwd=BASE_DIR, env=_env(**extra_env), capture_output=True, text=True,
        timeout=180, check=False,
    )


def _make(*args, **extra_env):
    make = shutil.which("make")
    if make is None:
        pytest.fail("make is not installed: `apt-get install make`")
    return _run([make, "--no-print-directory", *args], **extra_env)


def _manage(*args, env_file, database):
    return _run([sys.executable, "manage.py", *args], DJANGO_ENV_FILE=str(env_file),
                DATABASE_URL=f"sqlite:///{database}")


def test_make_run_writes_the_demo_env_once_and_never_overwrites_it(tmp_path):
    env_file = tmp_path / ".env"

    first = _make("demo-env", f"ENV_FILE={env_file}", PORT="8080")
    written = env_file.read_text()
    again = _make("demo-env", f"ENV_FILE={env_file}", PORT="9090")

    assert first.returncode == 0, first.stderr
    assert "DJANGO_DEBUG=1\n" in written
    assert "PORT=8080\n" in written
    secret = [line for line in written.splitlines() if line.startswith("DJANGO_SECRET_KEY=")]
    assert len(secret[0].removeprefix("DJANGO_SECRET_KEY=")) >= 50
    assert env_file.stat().st_mode & 0o077 == 0
    assert again.returncode == 0, again.stderr
    assert env_file.read_text() == written
    assert f"Note: {env_file} says PORT=8080; commands run by hand will mail links to that " \
           "port, not 9090" in again.stderr


def test_make_run_keeps_an_existing_env_file_as_it_is(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DJANGO_SECRET_KEY=the-deployers-own\n")

    result = _make("demo-env", f"ENV_FILE={env_file}", PORT="8080")

    assert result.returncode == 0, result.stderr
    assert env_file.read_text() == "DJANGO_SECRET_KEY=the-deployers-own\n"


def test_make_run_serves_again_on_the_port_its_env_remembers(tmp_path):
    env_file = tmp_path / ".env"
    _make("demo-env", f"ENV_FILE={env_file}", PORT="8080")

    dry_run = _make("-n", "run", f"ENV_FILE={env_file}")

    assert "manage.py runserver 127.0.0.1:8080" in dry_run.stdout
    assert "PORT=8080 .venv/bin/python manage.py load_demo --with-login" in dry_run.stdout


def test_readme_commands_after_make_run_have_the_demo_settings_and_its_port(tmp_path):
    env_file = tmp_path / ".env"
    database = tmp_path / "db.sqlite3"
    _make("demo-env", f"ENV_FILE={env_file}", PORT="8080")

    migrated = _manage("migrate", "--noinput", "-v", "0", env_file=env_file, database=database)
    invited = _manage("invite_focal_point", "focal.point@customs.example.org", "VN",
                      env_file=env_file, database=database)

    assert migrated.returncode == 0, migrated.stderr
    assert "DJANGO_SECRET_KEY must be set" not in invited.stderr
    assert invited.returncode == 0, invited.stderr
    # The invitation is printed on the console, its links on the demo's port.
    assert "Subject: You are invited as focal point of Viet Nam" in invited.stdout
    assert "http://127.0.0.1:8080/accounts/reset/" in invited.stdout
    assert "127.0.0.1:8000" not in invited.stdout


def test_site_url_follows_the_port_unless_set(tmp_path):
    code = "from django.conf import settings; print(settings.SITE_URL)"
    bare = tmp_path / "none.env"
    bare.write_text("DJANGO_DEBUG=1\n")

    on_port = _run([sys.executable, "-c", f"import django; django.setup(); {code}"],
                   DJANGO_SETTINGS_MODULE="asem_customs.settings", DJANGO_ENV_FILE=str(bare),
                   PORT="8080")
    explicit = _run([sys.executable, "-c", f"import django; django.setup(); {code}"],
                    DJANGO_SETTINGS_MODULE="asem_customs.settings",
                    DJANGO_ENV_FILE=str(bare), PORT="8080",
                    SITE_URL="https://meetings.example.org/")
    wrong = _run([sys.executable, "-c", f"import django; django.setup(); {code}"],
                 DJANGO_SETTINGS_MODULE="asem_customs.settings", DJANGO_ENV_FILE=str(bare),
                 PORT="eighty")

    assert on_port.stdout.strip() == "http://127.0.0.1:8080"
    assert explicit.stdout.strip() == "https://meetings.example.org"
    assert wrong.returncode == 1
    assert "PORT must be a port number such as 8000, not 'eighty'." in wrong.stderr


def test_the_test_settings_read_no_env_file_even_a_demo_one(tmp_path):
    env_file = tmp_path / ".env"
    _make("demo-env", f"ENV_FILE={env_file}", PORT="8080")
    code = ("import django; django.setup(); from django.conf import settings; "
            "print(settings.DEBUG, settings.SITE_URL)")

    demo = _run([sys.executable, "-c", code], DJANGO_SETTINGS_MODULE="asem_customs.settings",
                DJANGO_ENV_FILE=str(env_file))
    tests = _run([sys.executable, "-c", code],
                 DJANGO_SETTINGS_MODULE="asem_customs.test_settings",
                 DJANGO_ENV_FILE=str(env_file))

    assert demo.stdout.strip() == "True http://127.0.0.1:8080", demo.stderr
    assert tests.stdout.strip() == "False http://127.0.0.1:8000", tests.stderr


def test_load_demo_prints_the_address_and_login_last_and_no_log_lines(db, caplog):
    caplog.set_level(logging.INFO)
    out = io.StringIO()

    call_command("load_demo", "--with-login", stdout=out)

    lines = [line.strip() for line in out.getvalue().strip().splitlines()]
    block = lines[lines.index("The demo is ready:  http://127.0.0.1:8000/"):]
    assert block[1] == ("Staff pages:        http://127.0.0.1:8000/staff/      "
                        "Admin: http://127.0.0.1:8000/admin/")
    assert "Secretariat login: secretariat / demo-secretariat" in block
    assert any(line.startswith("or one of these recovery codes") for line in block)
    assert lines[0].startswith("Demo loaded: ")
    assert lines[-1] == "=" * 78
    assert [record.getMessage() for record in caplog.records
            if record.levelno <= logging.INFO] == []
