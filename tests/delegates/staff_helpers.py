"""Users of the secretariat groups, for the staff page and admin tests."""

from django.contrib.auth.models import Group

from tests.factories import UserFactory


def secretariat_user(group, username=None):
    user = UserFactory(username=username or group.lower().replace(" ", "-"), is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def editor(username="editor"):
    return secretariat_user("Secretariat editor", username)


def viewer(username="viewer"):
    return secretariat_user("Secretariat viewer", username)
