"""Production settings, read from the environment, checked in fresh Python processes.

Settings are loaded once per process, so each case starts its own interpreter with a minimal environment
and ``DJANGO_SETTINGS_MODULE=portal.settings.production``.
"""

import importlib.util
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]

# Prints the settings named on the command line as JSON, after Django has set itself up.
PRINT_SETTINGS = """
import json, sys
import django
from django.conf import settings
django.setup()
print(json.dumps({name: getattr(settings, name) for name in sys.argv[1:]}, default=str))
"""


@pytest.fixture
def production_env(tmp_path):
    """A minimal environment under which the production settings load."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "PORTAL_VAR_DIR": str(tmp_path / "var"),
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "portal.example.jp, www.portal.example.jp",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
    }


def run_python(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPOSITORY_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def read_settings(env: dict, *names: str) -> dict:
    result = run_python(env, "-c", PRINT_SETTINGS, *names)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("name", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_missing_variable_named_in_error(production_env, name):
    del production_env[name]

    result = run_python(production_env, "-c", "import django; django.setup()")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert name in result.stderr


def test_blank_secret_key_rejected(production_env):
    production_env["SECRET_KEY"] = "   "

    result = run_python(production_env, "-c", "import django; django.setup()")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_check_deploy_passes_without_warnings(production_env):
    result = run_python(production_env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    output = result.stdout + result.stderr

    assert result.returncode == 0, output
    assert "WARNINGS" not in output
    assert "ERRORS" not in output
    assert "identified no issues" in output


def test_hosts_and_debug_read_from_environment(production_env, tmp_path):
    values = read_settings(production_env, "DEBUG", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "DATABASES")

    assert values["DEBUG"] is False
    assert values["ALLOWED_HOSTS"] == ["portal.example.jp", "www.portal.example.jp"]
    assert values["CSRF_TRUSTED_ORIGINS"] == ["https://portal.example.jp", "https://www.portal.example.jp"]
    assert values["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert values["DATABASES"]["default"]["NAME"] == str(tmp_path / "production.sqlite3")


def test_postgres_database_url_parsed(production_env):
    production_env["DATABASE_URL"] = "postgres://portal:secret@db.internal:5433/portal"

    database = read_settings(production_env, "DATABASES")["DATABASES"]["default"]

    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["HOST"] == "db.internal"
    assert database["PORT"] == 5433
    assert database["NAME"] == "portal"
    assert database["USER"] == "portal"


def test_opensearch_backend_wired(production_env):
    # Port 9 on the loopback address, where nothing listens: building the backend opens no connection.
    production_env["SEARCH_BACKEND"] = "opensearch"
    production_env["OPENSEARCH_URL"] = "http://127.0.0.1:9"

    backends = read_settings(production_env, "WAGTAILSEARCH_BACKENDS")["WAGTAILSEARCH_BACKENDS"]

    assert backends["default"]["BACKEND"] == "modelsearch.backends.opensearch3"
    assert backends["default"]["URLS"] == ["http://127.0.0.1:9"]
    assert backends["default"]["INDEX_PREFIX"] == "portal_"

    code = (
        "import django; django.setup()\n"
        "from wagtail.search.backends import get_search_backend\n"
        "backend = get_search_backend()\n"
        "print(type(backend).__module__)"
    )
    result = run_python(production_env, "-c", code)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "modelsearch.backends.opensearch3"


def test_opensearch_without_url_rejected(production_env):
    production_env["SEARCH_BACKEND"] = "opensearch"

    result = run_python(production_env, "-c", "import django; django.setup()")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "OPENSEARCH_URL" in result.stderr


def test_unknown_search_backend_rejected(production_env):
    production_env["SEARCH_BACKEND"] = "solr"

    result = run_python(production_env, "-c", "import django; django.setup()")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "'solr'" in result.stderr


def test_redis_cache_wired(production_env):
    production_env["CACHE_URL"] = "redis://127.0.0.1:6379/1"

    caches = read_settings(production_env, "CACHES")["CACHES"]

    assert caches["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert caches["default"]["LOCATION"] == "redis://127.0.0.1:6379/1"


def test_cache_local_without_cache_url(production_env):
    caches = read_settings(production_env, "CACHES")["CACHES"]

    assert caches["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_s3_storage_with_bucket(production_env):
    production_env["AWS_STORAGE_BUCKET_NAME"] = "portal-media"

    storages = read_settings(production_env, "STORAGES")["STORAGES"]

    assert storages["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert (
        storages["staticfiles"]["BACKEND"] == "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    )


def test_s3_storage_gets_bucket_and_endpoint(production_env, under_ci):
    if importlib.util.find_spec("storages") is None:
        message = "django-storages is missing; install the production extra: pip install -e '.[production]'"
        if under_ci:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    # django-storages reads its options from Django's settings, not from the environment, so the
    # settings must pass the variables on. Building the storage does not connect to it.
    production_env["AWS_STORAGE_BUCKET_NAME"] = "portal-media"
    production_env["AWS_S3_ENDPOINT_URL"] = "http://127.0.0.1:9"
    production_env["AWS_S3_REGION_NAME"] = "ap-northeast-1"
    code = (
        "import django; django.setup()\n"
        "from django.core.files.storage import storages\n"
        "storage = storages['default']\n"
        "print(storage.bucket_name, storage.endpoint_url, storage.region_name)"
    )

    result = run_python(production_env, "-c", code)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["portal-media", "http://127.0.0.1:9", "ap-northeast-1"]


def test_s3_private_storage_has_no_url(production_env, under_ci):
    if importlib.util.find_spec("storages") is None:
        message = "django-storages is missing; install the production extra: pip install -e '.[production]'"
        if under_ci:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    production_env["AWS_STORAGE_BUCKET_NAME"] = "portal-media"
    production_env["AWS_S3_ENDPOINT_URL"] = "http://127.0.0.1:9"
    # Signing a URL needs credentials but no connection; without this check it returns a working link.
    production_env["AWS_ACCESS_KEY_ID"] = "test-key"
    production_env["AWS_SECRET_ACCESS_KEY"] = "test-secret"
    code = (
        "import django; django.setup()\n"
        "from django.core.files.storage import storages\n"
        "try:\n"
        "    print(storages['private'].url('registry/evidence/policy.pdf'))\n"
        "except ValueError:\n"
        "    print('no url')"
    )

    result = run_python(production_env, "-c", code)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "no url"


def test_database_task_queue_in_production(production_env):
    tasks = read_settings(production_env, "TASKS")["TASKS"]

    assert tasks["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def test_trusted_proxy_count_read_from_environment(production_env):
    default = read_settings(production_env, "ALLAUTH_TRUSTED_PROXY_COUNT")
    production_env["TRUSTED_PROXY_COUNT"] = "1"

    behind_proxy = read_settings(production_env, "ALLAUTH_TRUSTED_PROXY_COUNT")

    assert default == {"ALLAUTH_TRUSTED_PROXY_COUNT": 0}
    assert behind_proxy == {"ALLAUTH_TRUSTED_PROXY_COUNT": 1}
