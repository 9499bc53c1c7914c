import pytest

from tests.delegates.staff_helpers import viewer
from tests.factories import FocalPointFactory, UserFactory


@pytest.mark.parametrize(
    ("kind", "landing"),
    [("focal point", "/focal/"), ("staff", "/staff/"), ("other", "/")],
)
def test_sign_in_lands_each_person_on_their_own_pages(client, db, kind, landing):
    if kind == "focal point":
        user = FocalPointFactory(user__username="focal-de").user
    elif kind == "staff":
        user = viewer()  # a member of the secretariat (viewers sign in without a second step)
    else:
        user = UserFactory(username=f"user-{kind.replace(' ', '-')}", is_staff=kind == "staff")

    response = client.post("/accounts/login/", {"username": user.username,
                                                "password": "correct-horse-battery"},
                           follow=True)

    assert response.redirect_chain[-1][0] == landing


def test_signed_in_person_sees_sign_out_and_anonymous_does_not(client, db):
    assert "Sign out" not in client.get("/").text

    client.force_login(UserFactory(username="someone"))

    assert "Sign out (someone)" in client.get("/").text
