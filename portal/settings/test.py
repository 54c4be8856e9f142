"""Settings for the test suite: fast hashing, in-memory email and cache, immediate tasks, temporary files.

``DATABASE_URL`` switches the suite to another database (``.ci/run`` uses it for PostgreSQL).
"""

import os
import tempfile
from pathlib import Path

import dj_database_url

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

TEST_VAR_DIR = Path(tempfile.mkdtemp(prefix="portal-test-"))
MEDIA_ROOT = TEST_VAR_DIR / "media"
STATIC_ROOT = TEST_VAR_DIR / "static"
STORAGES = {
    **STORAGES,  # noqa: F405
    "private": {
        "BACKEND": "portal.files.PrivateFileSystemStorage",
        "OPTIONS": {"location": TEST_VAR_DIR / "private"},
    },
}
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "portal.search.backends.whoosh",
        "PATH": TEST_VAR_DIR / "search-index",
        "WRITE_TIMEOUT": 30,
    }
}

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=0)}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": TEST_VAR_DIR / "test.sqlite3"}}

LOGGING["root"]["level"] = "ERROR"  # noqa: F405
PORTAL_DEMO_CREDENTIALS_FILE = TEST_VAR_DIR / "demo-sign-ins.txt"

# A model that exists only in tests, created without migrations.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]  # noqa: F405
