import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Every stored file goes to a folder of this test."""
    settings.MEDIA_ROOT = tmp_path
    settings.DOCUMENTS_VIRUS_SCANNER = ""
    settings.REGISTRATION_RATE_LIMIT = "off"
