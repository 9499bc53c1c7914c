"""Users of the secretariat groups, for the staff page and admin tests."""

from django import test
from django.contrib.auth.models import Group
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice

from asem_customs.roles import requires_second_factor
from tests.factories import UserFactory


def secretariat_user(group, username=None):
    user = UserFactory(username=username or group.lower().replace(" ", "-"), is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def editor(username="editor"):
    return secretariat_user("Secretariat editor", username)


def viewer(username="viewer"):
    return secretariat_user("Secretariat viewer", username)


def verify_second_factor(client, user):
    """Mark the client's session as verified by a second factor, as the two-step page does
    after a good code (django_otp.login), with a recovery-code device made for the test."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="Test recovery codes", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


class Client(test.Client):
    """The test client, whose `force_login` signs a person in with both factors: the
    password is skipped anyway, and staff who may see passport details also get a session
    verified by a second factor. The second step itself is tested with a plain
    `django.test.Client` (tests/accounts)."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        if requires_second_factor(user):
            verify_second_factor(self, user)
