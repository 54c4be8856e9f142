"""Settings for a deployment, read from the environment.

Required: ``SECRET_KEY``, ``ALLOWED_HOSTS`` (comma-separated), ``DATABASE_URL``.
Optional: ``TRUSTED_PROXY_COUNT``, ``CACHE_URL`` (``redis://…``), ``SEARCH_BACKEND`` (``whoosh`` or ``opensearch``) with
``OPENSEARCH_URL``, ``AWS_STORAGE_BUCKET_NAME`` (with the usual ``AWS_*`` variables) for S3-compatible
media storage, ``EMAIL_URL``-style settings as ``EMAIL_HOST``, ``EMAIL_PORT``, ``EMAIL_HOST_USER``,
``EMAIL_HOST_PASSWORD``, and ``PORTAL_VAR_DIR`` for the Whoosh index and local media.
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import VAR_DIR


def require(name: str) -> str:
    """Return the environment variable ``name`` or raise ``ImproperlyConfigured`` naming it."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} is required in production.")
    return value


DEBUG = False
SECRET_KEY = require("SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in require("ALLOWED_HOSTS").split(",") if host.strip()]
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]
WAGTAILADMIN_BASE_URL = os.environ.get("PORTAL_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")

DATABASES = {
    "default": dj_database_url.parse(require("DATABASE_URL"), conn_max_age=60, conn_health_checks=True)
}

if os.environ.get("CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["CACHE_URL"],
        }
    }

SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "whoosh")
if SEARCH_BACKEND == "opensearch":
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "modelsearch.backends.opensearch3",
            "URLS": [require("OPENSEARCH_URL")],
            "INDEX_PREFIX": os.environ.get("OPENSEARCH_INDEX_PREFIX", "portal_"),
        }
    }
elif SEARCH_BACKEND != "whoosh":
    raise ImproperlyConfigured(f"SEARCH_BACKEND must be 'whoosh' or 'opensearch', not {SEARCH_BACKEND!r}.")

if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # django-storages reads its options from the settings, not from the environment; boto3 finds the
    # credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY or an instance role) by itself.
    STORAGES = {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
                "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
                "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
                "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
                "file_overwrite": False,
            },
        },
        # Private files live under their own prefix with no public ACL and no custom domain. Only the
        # portal's views read them, and they stream them to users the access policy allows.
        "private": {
            "BACKEND": "portal.s3.PrivateS3Storage",
            "OPTIONS": {
                "bucket_name": os.environ.get("AWS_PRIVATE_BUCKET_NAME")
                or os.environ["AWS_STORAGE_BUCKET_NAME"],
                "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
                "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
                "location": "private",
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
else:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {
            "BACKEND": "portal.files.PrivateFileSystemStorage",
            "OPTIONS": {"location": VAR_DIR / "private"},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"

SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Reverse proxies in front of the portal that append the client's address to X-Forwarded-For. Without it,
# every request seems to come from the proxy, and the rate limits of sign-in, feedback and the coded-term
# feed count all visitors as one.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SILENCED_SYSTEM_CHECKS = [
    # Preloading HSTS is a decision for the domain's owner, made outside this project.
    "security.W021",
]

VAR_DIR.mkdir(parents=True, exist_ok=True)
