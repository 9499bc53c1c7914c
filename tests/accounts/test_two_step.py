"""The second step of signing in: those who may see passport details reach the admin and the
secretariat's pages only after a code from their authenticator app or a recovery code.

These tests use a plain `django.test.Client`, whose `force_login` is the password step only.
"""

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_script_prefix
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from accounts.views import SETUP_KEY_SESSION_KEY
from tests.delegates.staff_helpers import viewer
from tests.factories import FocalPointFactory, MeetingFactory, UserFactory

pytestmark = pytest.mark.django_db

VERIFY = "/accounts/two-step/"
SETUP = "/accounts/two-step/set-up/"
PASSWORD = "Two-step-passw0rd"  # noqa: S105 - a test account


def code_of(device):
    """The six digits the authenticator app shows now."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.fixture
def editor():
    user = UserFactory(username="amara.editor", is_staff=True)
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get(name="Secretariat editor"))
    return user


@pytest.fixture
def app(editor):
    return TOTPDevice.objects.create(user=editor, name="Authenticator app", confirmed=True)


@pytest.fixture
def signed_in(editor):
    """The editor past the password step only."""
    client = Client()
    client.force_login(editor)
    return client


@pytest.mark.parametrize("path", ["/admin/", "/admin/delegates/registration/", "/staff/",
                                  "/staff/privacy/", "/staff/meeting-x/visa-letters/"])
def test_editor_without_second_factor_is_sent_to_the_second_step(signed_in, app, path):
    response = signed_in.get(path)

    assert response.status_code == 302
    assert response.url == f"{VERIFY}?next={path}"


def test_under_a_script_prefix_the_admin_still_asks_for_the_second_factor(signed_in, app):
    """A site served under a prefix (SCRIPT_NAME, as behind a proxy at /meetings-office/)
    guards the same pages. (The test client leaves the script prefix alone; the WSGI
    handler sets it from SCRIPT_NAME.)"""
    with override_script_prefix("/office/"):
        response = signed_in.get("/admin/delegates/registration/", SCRIPT_NAME="/office")

    assert response.status_code == 302
    assert response.url == (f"/office{VERIFY}?next=/office/admin/delegates/registration/")


def test_superuser_without_second_factor_is_sent_to_the_second_step():
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url.startswith(VERIFY)


def test_viewer_and_focal_point_sign_in_with_a_password_alone():
    client = Client()
    client.force_login(viewer())
    assert client.get("/staff/").status_code == 200
    assert client.get("/admin/").status_code == 200

    focal = Client()
    focal.force_login(FocalPointFactory().user)
    assert focal.get("/focal/").status_code == 200
    assert focal.get(VERIFY).status_code == 403


def test_password_sign_in_leads_to_the_second_step(editor, app):
    client = Client()

    response = client.post("/accounts/login/", {"username": editor.username,
                                                "password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == f"{VERIFY}?next=/staff/"
    assert "Second step of signing in" in response.content.decode()


def test_good_code_opens_the_admin(signed_in, app):
    response = signed_in.post(VERIFY, {"code": code_of(app), "next": "/admin/"})

    assert response.status_code == 302
    assert response.url == "/admin/"
    assert signed_in.get("/admin/").status_code == 200
    assert signed_in.get("/staff/").status_code == 200


def test_wrong_code_is_refused_with_a_clear_message(signed_in, app):
    wrong = f"{(int(code_of(app)) + 1) % 1000000:06d}"

    response = signed_in.post(VERIFY, {"code": wrong, "next": "/admin/"})

    assert response.status_code == 200
    assert "This code is not right." in response.content.decode()
    assert signed_in.get("/admin/").status_code == 302


def test_guessing_codes_is_slowed_down(signed_in, app, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # a slow machine takes no minute between posts
    signed_in.post(VERIFY, {"code": "000000" if code_of(app) != "000000" else "111111"})

    response = signed_in.post(VERIFY, {"code": code_of(app)})

    assert response.status_code == 200
    assert "Too many wrong codes: wait" in response.content.decode()
    assert signed_in.get("/staff/").status_code == 302


def test_an_empty_or_silly_code_is_a_form_error_not_a_500(signed_in, app):
    for code in ("", "x" * 40, "12 34 56 78", "\u202e123456"):
        response = signed_in.post(VERIFY, {"code": code})
        assert response.status_code == 200, code


def test_a_code_from_someone_elses_app_is_refused(signed_in, app):
    other = TOTPDevice.objects.create(user=UserFactory(), name="Other", confirmed=True)

    response = signed_in.post(VERIFY, {"code": code_of(other)})

    assert response.status_code == 200
    assert signed_in.get("/admin/").status_code == 302


def test_recovery_code_works_once(editor, app):
    codes = services.recovery_codes_replace(user=editor, actor=editor)
    first = Client()
    first.force_login(editor)

    response = first.post(VERIFY, {"code": codes[0].upper(), "next": "/staff/"})

    assert response.status_code == 302
    staff = first.get("/staff/")
    assert staff.status_code == 200
    assert "You signed in with a recovery code; it no longer works. 9 codes" in (
        staff.content.decode())
    again = Client()
    again.force_login(editor)
    refused = again.post(VERIFY, {"code": codes[0]})
    assert refused.status_code == 200
    assert "This code is not right." in refused.content.decode()
    assert again.get("/staff/").status_code == 302


def test_without_an_app_the_second_step_is_setting_one_up(signed_in):
    response = signed_in.get(VERIFY + "?next=/admin/")

    assert response.status_code == 302
    assert response.url == f"{SETUP}?next=/admin/"


def test_setting_up_the_app_shows_a_qr_code_confirms_a_code_and_shows_recovery_codes(
        signed_in, editor):
    page = signed_in.get(SETUP)
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in page.content.decode()
    unsaved = TOTPDevice(key=signed_in.session[SETUP_KEY_SESSION_KEY])
    assert services.app_secret_display(unsaved) in page.content.decode()
    assert TOTPDevice.objects.filter(user=editor).count() == 0

    wrong = signed_in.post(SETUP, {"code": "12345"})
    assert "This code is not the one your authenticator app shows now." in wrong.content.decode()
    assert TOTPDevice.objects.filter(user=editor).count() == 0

    done = signed_in.post(SETUP, {"code": code_of(unsaved), "next": "/admin/"})
    assert done.status_code == 200
    body = done.content.decode()
    assert "Your authenticator app is set up: you are signed in." in body
    shown = re.findall(r"<li>([a-z2-7]{8})</li>", body)
    assert len(shown) == 10
    assert sorted(shown) == sorted(StaticToken.objects.filter(
        device__user=editor).values_list("token", flat=True))
    assert TOTPDevice.objects.get(user=editor).confirmed is True
    assert signed_in.get("/admin/").status_code == 200
    assert signed_in.get(SETUP).status_code == 200  # verified: may replace the app


def test_a_working_app_is_not_replaced_without_the_second_factor(signed_in, app):
    response = signed_in.get(SETUP)

    assert response.status_code == 302
    assert response.url.startswith(VERIFY)


def test_new_recovery_codes_replace_the_old_ones(editor, app):
    old = services.recovery_codes_replace(user=editor, actor=editor)
    client = Client()
    client.force_login(editor)
    client.post(VERIFY, {"code": code_of(app)})

    response = client.post("/accounts/two-step/recovery-codes/")

    new = re.findall(r"<li>([a-z2-7]{8})</li>", response.content.decode())
    assert len(new) == 10
    assert set(StaticToken.objects.filter(device__user=editor).values_list(
        "token", flat=True)) == set(new)
    assert not set(old) & set(new)


def test_next_never_leads_off_the_site(signed_in, app):
    response = signed_in.post(VERIFY, {"code": code_of(app),
                                       "next": "https://evil.example.org/"})

    assert response.status_code == 302
    assert response.url == "/accounts/welcome/"


def test_demo_login_prints_a_second_factor_that_works(db):
    MeetingFactory()
    out = io.StringIO()
    call_command("load_demo", "--with-login", stdout=out)

    printed = out.getvalue()
    assert "Secretariat login: secretariat / demo-secretariat" in printed
    codes = printed.split("load_demo runs): ", 1)[1].split("\n", 1)[0].split()
    assert len(codes) == 10
    client = Client()
    signed = client.post("/admin/login/", {"username": "secretariat",
                                           "password": "demo-secretariat", "next": "/admin/"})
    assert signed.url == "/admin/"
    assert client.get("/admin/").status_code == 302
    assert client.post(VERIFY, {"code": codes[0], "next": "/admin/"}).url == "/admin/"
    assert client.get("/admin/").status_code == 200
    secret = printed.split("(time-based, 6 digits): ", 1)[1].split("\n", 1)[0]
    assert secret.replace(" ", "") == services.app_secret_display(
        TOTPDevice.objects.get(user__username="secretariat")).replace(" ", "")


def test_staff_pages_link_to_the_recovery_codes_for_those_with_a_second_factor(client):
    from tests.delegates.staff_helpers import editor

    client.force_login(editor())
    assert 'href="/accounts/two-step/recovery-codes/"' in client.get("/staff/").content.decode()
    client.force_login(viewer())
    assert "/accounts/two-step/" not in client.get("/staff/").content.decode()
