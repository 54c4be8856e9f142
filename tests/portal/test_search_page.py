"""The search page: results, facets, suggestions and hostile queries."""

import json

import pytest
from wagtail.models import Page, PageViewRestriction


@pytest.fixture
def indexed_pages(db):
    from django.core.management import call_command

    from portal.home import demo

    # The home pages' demo text only: the areas' demo content is searched in tests/search/test_site_search.py.
    demo.load()
    call_command("update_index", verbosity=0)
    return Page.objects.filter(depth=2)


def test_search_finds_home_page(client, indexed_pages):
    response = client.get("/en/search/", {"q": "conference"})

    assert response.status_code == 200
    assert "Community Site Conference Portal" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ['"unbalanced', "(bracket", "AND", "OR", "NOT", "*", "?zon*", "a" * 10_000, "\x00", "%", "title:"],
)
def test_hostile_query_renders_page(client, indexed_pages, query):
    response = client.get("/ja/search/", {"q": query})

    assert response.status_code == 200


@pytest.mark.parametrize("prefix", ['"un', "(br", "AND", "NOT", "**", "a\x00b", "[a-z]+.*", "a" * 10_000])
def test_hostile_prefix_suggests_json(client, indexed_pages, prefix):
    response = client.get("/ja/search/suggestions/", {"q": prefix})

    assert response.status_code == 200
    assert isinstance(json.loads(response.content)["suggestions"], list)


def test_too_long_query_explained_on_field(client, indexed_pages):
    response = client.get("/en/search/", {"q": "a" * 201})

    assert 'aria-invalid="true"' in response.content.decode()
    assert f'value="{"a" * 201}"' in response.content.decode()


def test_restricted_page_hidden_from_results_and_counts(client, indexed_pages):
    # Other content of the demo mentions the conference too, so the test compares counts before and after.
    english_home = Page.objects.get(locale__language_code="en", depth=2)
    before = client.get("/en/search/", {"q": "conference"}).context["page_obj"].paginator.count
    PageViewRestriction.objects.create(page=english_home, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/en/search/", {"q": "conference"})

    assert response.context["page_obj"].paginator.count == before - 1
    assert sum(response.context["outcome"].language_counts.values()) == before - 1
    assert english_home.pk not in [
        hit.item.pk for hit in response.context["outcome"].hits if isinstance(hit.item, Page)
    ]


def test_language_facet_filters_results(client, indexed_pages):
    response = client.get("/en/search/", {"q": "conference", "language": "ja"})

    assert all(hit.language == "ja" for hit in response.context["page_obj"].object_list)


def test_suggestions_return_json(client, indexed_pages):
    response = client.get("/en/search/suggestions/", {"q": "Comm"})

    assert isinstance(json.loads(response.content)["suggestions"], list)


@pytest.fixture
def japanese_page(indexed_pages):
    from django.core.management import call_command

    from portal.home.models import HomePage

    page = HomePage.objects.get(locale__language_code="ja")
    page.body = (
        "<p>年齢確認済みユーザーだけがSNSのID検索を使えます。インターネット・ゾーニングも導入しました。</p>"
    )
    page.save_revision().publish()
    call_command("update_index", verbosity=0)
    return page


@pytest.mark.parametrize("query", ["年齢確認", "ＳＮＳ", "sns", "ユーザ", "ｿﾞｰﾆﾝｸﾞ"])
def test_japanese_query_finds_page(client, japanese_page, query):
    response = client.get("/ja/search/", {"q": query})

    # The demo content of the areas (operators, curricula) may match as well; only plain pages count here.
    pages = [hit.title for hit in response.context["page_obj"].object_list if hit.source.key == "pages"]
    assert pages == [japanese_page.title]


def test_english_stem_finds_page(client, indexed_pages):
    response = client.get("/en/search/", {"q": "zoning"})

    pages = [hit for hit in response.context["page_obj"].object_list if hit.source.key == "pages"]
    assert len(pages) == 1


def test_snippet_marks_japanese_term(client, japanese_page):
    response = client.get("/ja/search/", {"q": "年齢確認"})

    assert "<mark>年齢確認</mark>" in response.content.decode()


def test_snippet_escapes_page_text(client, japanese_page):
    japanese_page.lead = "<script>alert(1)</script> 年齢確認"
    japanese_page.save_revision().publish()

    response = client.get("/ja/search/", {"q": "年齢確認"})

    assert "<script>alert(1)</script>" not in response.content.decode()


def count_search_queries(client, query: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get("/en/search/", {"q": query})
    return len(captured)


def test_query_count_independent_of_hits(client, indexed_pages):
    from django.core.management import call_command

    home = Page.objects.get(locale__language_code="en", depth=2)
    for number in range(3):
        home.add_child(instance=Page(title=f"Kestrel note {number}", slug=f"few-{number}"))
    for number in range(25):
        home.add_child(instance=Page(title=f"Heron note {number}", slug=f"many-{number}"))
    call_command("update_index", verbosity=0)
    client.get("/en/search/", {"q": "kestrel"})  # Warms the caches of sites and content types.

    # Words that no demo content uses, so both queries hit pages only: each source with hits on the results
    # page adds its own snippet query.
    assert count_search_queries(client, "heron") == count_search_queries(client, "kestrel")
