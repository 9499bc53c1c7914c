"""Settings for the test suite: the real settings, read from the same environment (no
`.env` file), with a fixed secret key, fast password hashing and plain static files (no
collectstatic)."""

import os

# No `.env` file is read: the demo's (debug on, its own secret and port) stays the demo's.
os.environ["DJANGO_ENV_FILE"] = ""
# Mailed links are read back by tests at the default address, whatever port a shell exports.
os.environ.pop("PORT", None)
os.environ.setdefault("DJANGO_SECRET_KEY", "test-suite-only-not-a-secret")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")

from asem_customs.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# The test database lives in one transaction: progress of background jobs is written
# through it, not through a second connection that could not see the test's rows.
DATABASES.pop("jobs", None)  # noqa: F405
