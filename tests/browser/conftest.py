"""Fixtures for tests that drive Debian's headless Chromium through Playwright against ``live_server``.

Playwright never downloads a browser here: it launches the system Chromium given by the ``chromium_path``
fixture. Without it the browser tests are skipped with the reason, except under CI (``CI=true``), where they
fail.
"""

import os

import pytest

# Without the networking flags Chromium keeps trying to reach Google's services, which a closed network
# refuses many times a second. --no-sandbox is needed when the tests run as root, as they do in CI.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Milliseconds Playwright waits for an element or a navigation before it fails the test.
DEFAULT_TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def allow_orm_in_event_loop():
    """Let test code use the ORM while Playwright's sync API runs an event loop in the same thread.

    Django refuses synchronous database access from a thread with a running event loop unless
    ``DJANGO_ALLOW_ASYNC_UNSAFE`` is set. The tests only touch the database between browser actions, never
    concurrently with them, so the check guards against nothing here.
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser(allow_orm_in_event_loop, chromium_path, under_ci):
    """One headless Chromium for the whole session."""
    if not chromium_path.exists():
        message = f"Chromium not found at {chromium_path}; install it with: sudo apt-get install chromium"
        if under_ci:
            pytest.fail(f"{message} (browser tests must run under CI=true)", pytrace=False)
        pytest.skip(message)

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A page in a new browser context per test, in Japanese, with relative URLs resolved on ``live_server``."""
    context = browser.new_context(locale="ja-JP", base_url=live_server.url)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()
