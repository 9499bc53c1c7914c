import pytest
from django.contrib import admin

from tests.factories import UserFactory
from tests.project_apps import project_app_labels


@pytest.fixture
def superuser_client(client, db):
    user = UserFactory(username="chief", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def test_every_model_is_in_the_admin(superuser_client, demo):
    from django.apps import apps

    for app_label in project_app_labels():
        for model in apps.get_app_config(app_label).get_models():
            if model.__name__.startswith("Historical"):
                continue
            assert model in admin.site._registry, model.__name__
            url = f"/admin/{app_label}/{model._meta.model_name}/"
            assert superuser_client.get(url).status_code == 200, url
