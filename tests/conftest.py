"""Fixtures shared by the whole test suite.

The search conformance suite (``tests/conformance``) runs with modelsearch's settings and loads this module
too, so it stays import-light: Django and the project's models are imported inside fixtures only.
"""

import os
from pathlib import Path

import pytest

CHROMIUM_PATH = Path(os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium"))


def running_under_ci() -> bool:
    """Return whether the ``CI`` environment variable is set to ``true``, as ``.ci/run`` does."""
    return os.environ.get("CI", "").lower() == "true"


def pytest_report_header(config) -> str:
    if CHROMIUM_PATH.exists():
        return f"browser tests: Chromium at {CHROMIUM_PATH}"
    if running_under_ci():
        return f"browser tests: FAIL, {CHROMIUM_PATH} not found and CI=true"
    return (
        f"browser tests: SKIPPED, {CHROMIUM_PATH} not found (install it with: sudo apt-get install chromium)"
    )


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """The Chromium executable that the browser tests launch (``PORTAL_CHROMIUM`` overrides it)."""
    return CHROMIUM_PATH


@pytest.fixture(scope="session")
def under_ci() -> bool:
    """Whether the suite runs under CI, where a missing tool fails the tests that need it."""
    return running_under_ci()


@pytest.fixture(autouse=True)
def clear_caches():
    """Empty every cache before and after each test.

    allauth keeps its rate limits (failed sign-ins, emails sent) in the cache, so without this a test could be
    rate-limited by the sign-ins of the tests before it.
    """
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def media_root(settings, tmp_path):
    """Point ``MEDIA_ROOT`` at a fresh folder for this test and return its path."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture
def language():
    """Return a function that activates a language for the rest of the test, e.g. ``language("en")``.

    The language active before the test is restored afterwards.
    """
    from django.utils import translation

    previous = translation.get_language()

    def activate(code: str) -> None:
        translation.activate(code)

    yield activate
    if previous is None:
        translation.deactivate()
    else:
        translation.activate(previous)


@pytest.fixture
def client():
    """Django's test client whose ``force_login`` also records a passed second factor, when the user has one.

    The portal counts a TOTP only in a session that proved it at sign-in. ``force_login`` skips the sign-in
    form, so this client writes the session records that allauth's sign-in with TOTP would write. Tests of
    sessions without those records build them on purpose (see ``tests/members/test_second_factor.py``).
    """
    from django.test import Client

    from portal.members.mfa import record_second_factor

    class SignedInClient(Client):
        def _login(self, user, backend=None):
            super()._login(user, backend)
            session = self.session
            record_second_factor(session, user)
            session.save()

    return SignedInClient()
