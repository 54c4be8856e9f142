"""The site search finds curricula through their registered source, and only live public ones."""

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from .conftest import build_curriculum

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(db):
    japanese = build_curriculum(title="年齢確認とゾーニングを学ぶ", slug="zoning-ja", worksheets=0)
    hidden = build_curriculum(title="限定の年齢確認教材", slug="hidden", worksheets=0)
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    build_curriculum(title="下書きの年齢確認教材", slug="draft", worksheets=0, publish=False)
    call_command("update_index", verbosity=0)
    return japanese


def hit_titles(client, language: str, query: str) -> list[str]:
    response = client.get(f"/{language}/search/", {"q": query})
    return [
        hit.title
        for hit in response.context["page_obj"].object_list
        if hit.kind == "教材" or hit.kind == "Curriculum"
    ]


@pytest.mark.parametrize("query", ["年齢確認", "ＳＮＳ", "ゾーニング"])
def test_japanese_query_finds_curriculum(client, indexed, query):
    assert hit_titles(client, "ja", query) == [indexed.title]


def test_restricted_and_draft_curricula_not_found(client, indexed):
    response = client.get("/ja/search/", {"q": "年齢確認"})

    titles = [hit.title for hit in response.context["page_obj"].object_list]
    assert "限定の年齢確認教材" not in titles
    assert "下書きの年齢確認教材" not in titles


def test_english_query_finds_curriculum_about_zoning(client, db):
    english = build_curriculum(
        "en", title="How internet zoning keeps adults away", slug="zoning-en", worksheets=0
    )
    call_command("update_index", verbosity=0)

    assert hit_titles(client, "en", "zoning") == [english.title]


def test_hit_carries_site_types(client, db):
    from registry.models import SiteType

    page = build_curriculum(title="ID交換の教材", slug="id", worksheets=0)
    page.site_types.set([SiteType.objects.get(code="id_exchange")])
    page.save_revision().publish()
    call_command("update_index", verbosity=0)

    response = client.get("/ja/search/", {"q": "ID交換"})

    assert "id_exchange" in response.context["outcome"].site_type_counts
