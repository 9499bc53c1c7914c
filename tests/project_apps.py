"""The apps of this project (those whose code lives in the repository), for tests that walk
every model: a new app is covered without editing the tests."""

from pathlib import Path

from django.apps import apps
from django.conf import settings


def project_app_labels():
    base = Path(settings.BASE_DIR)
    return [
        config.label for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(base)
        and "site-packages" not in Path(config.path).parts
        and config.models_module is not None
    ]
