"""The search page in a real browser: the header's search box, snippets and suggestions."""

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def searchable_home_pages():
    from django.core.management import call_command

    from portal.home.models import HomePage

    japanese = HomePage.objects.get(locale__language_code="ja")
    japanese.body = "<p>年齢確認済みユーザーだけがID検索を使えます。</p>"
    japanese.save_revision().publish()
    english = HomePage.objects.get(locale__language_code="en")
    english.body = "<p>Internet zoning keeps adults and children apart.</p>"
    english.save_revision().publish()
    call_command("update_index", verbosity=0)
    return japanese, english


def test_header_search_marks_japanese_term(page, searchable_home_pages):
    page.goto("/ja/")

    page.get_by_role("searchbox", name="ポータル内を検索").fill("年齢確認")
    page.get_by_role("searchbox", name="ポータル内を検索").press("Enter")

    expect(page.get_by_role("heading", name="1 件")).to_be_visible()
    expect(page.locator(".snippet mark").first).to_have_text("年齢確認")


def test_english_search_filters_by_language(page, searchable_home_pages):
    page.goto("/en/search/?q=zoning")
    expect(page.get_by_role("heading", name="1 result")).to_be_visible()

    page.get_by_role("navigation", name="Narrow the results").get_by_role("link", name="English (1)").click()

    expect(page.get_by_role("link", name="Community Site Conference Portal", exact=True).last).to_be_visible()
    assert "language=en" in page.url


def test_search_box_offers_suggestions(page, searchable_home_pages):
    page.goto("/en/search/")

    page.get_by_label("Words to search for").press_sequentially("Commu")

    expect(page.locator("#search-suggestions option").first).to_have_attribute(
        "value", "Community Site Conference Portal"
    )
