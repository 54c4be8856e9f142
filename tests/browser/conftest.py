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
def page(browser, live_server, transactional_db):
    """A page in a new browser context per test, in Japanese, with relative URLs resolved on ``live_server``."""
    ensure_home_pages()
    context = browser.new_context(locale="ja-JP", base_url=live_server.url)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


def ensure_home_pages() -> None:
    """Create the home pages of both languages, which the flush after each transactional test removes.

    The migration that creates them runs once, when the test database is built. Django's serialized_rollback
    could restore them, but it also stops post_migrate from recreating content types after a flush, which
    breaks the tests that follow, so the browser tests build the page tree themselves.
    """
    from wagtail.models import Locale, Page, Site

    from portal.home.models import HomePage

    if HomePage.objects.exists():
        return
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", locale=Locale.objects.get_or_create(language_code="ja")[0])
    )
    japanese = root.add_child(instance=HomePage(title="コミュニティサイト事業者協議会ポータル", slug="home"))
    english_locale, _created = Locale.objects.get_or_create(language_code="en")
    english = japanese.copy_for_translation(english_locale)
    english.title = "Community Site Conference Portal"
    english.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": japanese}
    )
