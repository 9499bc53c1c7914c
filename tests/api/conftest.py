import pytest
from rest_framework.test import APIClient

from api import services
from tests.delegates.staff_helpers import editor, viewer
from tests.factories import FocalPointFactory, MeetingFactory, RegistrationFactory, member


def token_for(user, scope="write", days=30):
    _token, plaintext = services.token_create(user=user, name="Test", scope=scope, days=days)
    return plaintext


def client_with(plaintext=None):
    client = APIClient()
    if plaintext:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    return client


@pytest.fixture
def anonymous():
    return APIClient()


@pytest.fixture
def meeting(db):
    return MeetingFactory()


@pytest.fixture
def focal_de(db):
    return FocalPointFactory(member=member("DE")).user


@pytest.fixture
def focal_fr(db):
    return FocalPointFactory(member=member("FR")).user


@pytest.fixture
def callers(db, focal_de, focal_fr):
    """One API client per kind of caller, each with a write token unless told."""
    the_viewer, the_editor = viewer(), editor()
    return {
        "anonymous": APIClient(),
        "focal_de": client_with(token_for(focal_de)),
        "focal_de_read": client_with(token_for(focal_de, scope="read")),
        "focal_fr": client_with(token_for(focal_fr)),
        "viewer": client_with(token_for(the_viewer)),
        "editor": client_with(token_for(the_editor)),
        "users": {"focal_de": focal_de, "focal_fr": focal_fr, "viewer": the_viewer,
                  "editor": the_editor},
    }


@pytest.fixture
def de_registration(meeting):
    return RegistrationFactory(meeting=meeting, member=member("DE"), passport_number="C01X00T47",
                               needs_visa_letter=True)


@pytest.fixture
def fr_registration(meeting):
    return RegistrationFactory(meeting=meeting, member=member("FR"))
