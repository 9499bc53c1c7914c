"""A NUL character in an address answers 400 before any lookup: PostgreSQL refuses NUL in
text, so `/members/%00/` or a list filter `?status=%00` would otherwise fail with a 500."""

import pytest
from django.test import Client

from tests.delegates.staff_helpers import editor

PUBLIC = ["/members/%00/", "/members/de%00/", "/topics/a%00b/", "/meetings/?page=%00",
          "/?q=%00", "/?%00=1", "/meetings/%00/agenda/"]
STAFF = ["/admin/delegates/registration/?status=%00",
         "/admin/delegates/registration/?q=a%00b", "/staff/%00/"]


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC)
def test_nul_in_public_address_answers_400(visitor, url):
    response = visitor.get(url)

    assert response.status_code == 400
    assert "We could not understand this request" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url", STAFF)
def test_nul_in_staff_address_answers_400(visitor, url):
    visitor.force_login(editor())

    assert visitor.get(url).status_code == 400


@pytest.mark.django_db
def test_ordinary_addresses_pass(visitor):
    assert visitor.get("/members/de/").status_code == 200
    assert visitor.get("/meetings/?page=1").status_code == 200
