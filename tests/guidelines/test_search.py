"""Guidelines on the site search: found in both languages, drafts never shown to the public."""

import json

import pytest
from django.core.management import call_command

from guidelines import demo
from tests.factories import make_member
from tests.guidelines.factories import make_guideline, open_consultation

pytestmark = pytest.mark.django_db

USES_SEARCH_INDEX = True

DRAFT_TITLE = "極秘案ピクトグラム指針"
DRAFT_TEXT = "未公開の条文ペンギン"


@pytest.fixture
def demo_guidelines(db):
    demo.load()
    call_command("update_index", verbosity=0)


@pytest.fixture
def draft(db):
    """A guideline in force whose next draft, under consultation, has a title and text found nowhere else."""
    page = make_guideline(title="公開済みの指針")
    open_consultation(
        page, label="2.0-draft", title=DRAFT_TITLE, items=(("scope", "対象", f"<p>{DRAFT_TEXT}</p>"),)
    )
    return page


def guideline_titles(response) -> list[str]:
    return [hit.title for hit in response.context["outcome"].hits if hit.source.key == "guidelines"]


@pytest.mark.parametrize(
    ("language", "query", "title"),
    [
        ("ja", "年齢確認", "年齢情報を活用したインターネット・ゾーニングに関する指針"),
        ("ja", "ＳＮＳ", "18歳未満の利用者のID検索制限に関する指針"),
        ("en", "zoning", "Guideline on internet zoning with carrier age data"),
    ],
)
def test_demo_guideline_found(client, demo_guidelines, language, query, title):
    response = client.get(f"/{language}/search/", {"q": query})

    assert title in guideline_titles(response)


def test_hit_links_to_version_in_force(client, demo_guidelines):
    response = client.get("/en/search/", {"q": "zoning"})

    hit = next(
        hit
        for hit in response.context["outcome"].hits
        if hit.title.startswith("Guideline on internet zoning")
    )
    assert hit.url == "/en/guidelines/internet-zoning/"
    assert hit.language == "en"


def test_site_type_facet_from_recommended_measures(client, demo_guidelines):
    response = client.get("/ja/search/", {"q": "ミニメール", "site_type": "chat"})

    assert "ミニメール（メッセージ）の監視に関する指針" in guideline_titles(response)


def test_superseded_version_not_found(client, demo_guidelines):
    # Only version 1.0 of the ID search guideline lacks the sentence on QR codes, which 1.1 adds.
    response = client.get("/ja/search/", {"q": "ID検索"})

    assert guideline_titles(response).count("18歳未満の利用者のID検索制限に関する指針") == 1


@pytest.mark.parametrize("query", [DRAFT_TEXT, DRAFT_TITLE])
def test_draft_hidden_from_public_counts(client, draft, query):
    response = client.get("/ja/search/", {"q": query})

    assert response.context["page_obj"].paginator.count == 0
    assert sum(response.context["outcome"].kind_counts.values()) == 0
    assert "2.0-draft" not in response.content.decode()


def test_draft_hidden_from_public_suggestions(client, draft):
    response = client.get("/ja/search/suggestions/", {"q": "極秘"})

    assert json.loads(response.content)["suggestions"] == []


def test_draft_found_by_members(client, draft):
    client.force_login(make_member())

    response = client.get("/ja/search/", {"q": DRAFT_TEXT})

    assert guideline_titles(response) == [f"{DRAFT_TITLE}（意見募集中の案 2.0-draft）"]
