"""The list of curricula at /<lang>/curricula/: filters, languages, drafts and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from .conftest import build_curriculum

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [page.title for page in response.context["curricula"]]


def test_index_lists_japanese_by_default(client, english_curriculum, curriculum):
    response = client.get("/ja/curricula/")

    assert titles(response) == [curriculum.title]


def test_english_index_lists_english(client, english_curriculum):
    response = client.get("/en/curricula/")

    assert titles(response) == [english_curriculum.title]


def test_all_languages_on_request(client, english_curriculum, curriculum):
    response = client.get("/ja/curricula/", {"language": ""})

    assert sorted(titles(response)) == sorted([curriculum.title, english_curriculum.title])


def test_filter_by_audience(client, db):
    build_curriculum(title="保護者向け", slug="guardians", audience="guardians")
    build_curriculum(title="高校生向け", slug="high", audience="high_school")

    response = client.get("/ja/curricula/", {"audience": "guardians"})

    assert titles(response) == ["保護者向け"]


@pytest.mark.parametrize(
    ("duration", "expected"), [("short", ["短い"]), ("lesson", ["普通"]), ("long", ["長い"])]
)
def test_filter_by_duration(client, db, duration, expected):
    build_curriculum(title="短い", slug="short", duration=30, activities=1)
    build_curriculum(title="普通", slug="normal", duration=45, activities=1)
    build_curriculum(title="長い", slug="long", duration=90, activities=1)

    response = client.get("/ja/curricula/", {"duration": duration})

    assert titles(response) == expected


def test_sorted_from_youngest_audience(client, db):
    build_curriculum(title="教職員", slug="teachers", audience="teachers")
    build_curriculum(title="低学年", slug="lower", audience="lower_elementary")

    response = client.get("/ja/curricula/")

    assert titles(response) == ["低学年", "教職員"]


def test_invalid_filter_shown_on_field(client, curriculum):
    response = client.get("/ja/curricula/", {"audience": "martians"})

    assert response.context["filter_form"].errors["audience"]
    assert titles(response) == [curriculum.title]


def test_drafts_and_restricted_hidden(client, curriculum):
    build_curriculum(title="下書き", slug="draft", publish=False)
    restricted = build_curriculum(title="限定", slug="restricted")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/ja/curricula/")

    assert titles(response) == [curriculum.title]


def test_empty_state(client, db):
    response = client.get("/ja/curricula/")

    assert "公開されている教材はまだありません。" in response.content.decode()


def test_empty_filter_result_explained(client, curriculum):
    response = client.get("/ja/curricula/", {"audience": "teachers"})

    assert "条件に合う教材はありません" in response.content.decode()


def test_list_links_pdf(client, curriculum):
    response = client.get("/ja/curricula/")

    assert f'href="{curriculum.url}pdf/"' in response.content.decode()


def count_queries(client, path: str = "/ja/curricula/") -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    return len(captured)


def test_query_count_independent_of_curricula(client, db, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    build_curriculum(title="一つ目", slug="one", worksheets=0)
    build_curriculum(title="二つ目", slug="two", worksheets=0)
    count_queries(client)  # Warms Wagtail's cache of site root paths.
    with_two = count_queries(client)
    for number in range(4):
        build_curriculum(title=f"追加{number}", slug=f"more-{number}", worksheets=0)

    count_queries(client)
    assert count_queries(client) == with_two


def test_index_cached_for_anonymous_visitors(client, curriculum):
    client.get("/ja/curricula/")

    assert count_queries(client) == 0


def test_filtered_list_cached(client, curriculum):
    client.get("/ja/curricula/?audience=junior_high&page=1")

    assert count_queries(client, "/ja/curricula/?audience=junior_high&page=1") == 0


@pytest.mark.parametrize("query", ["audience=bogus", "utm_source=newsletter", "page=999"])
def test_list_with_unusable_query_not_cached(client, curriculum, query):
    client.get(f"/ja/curricula/?{query}")

    assert count_queries(client, f"/ja/curricula/?{query}") > 0


def test_folder_page_redirects_to_list(client, curriculum):
    from curricula.models import CurriculumIndexPage

    folder = CurriculumIndexPage.objects.get(locale__language_code="ja")

    response = folder.serve(client.get("/ja/").wsgi_request)

    assert response["Location"] == "/ja/curricula/"


def test_reserved_slug_rejected(curriculum):
    from django.core.exceptions import ValidationError

    curriculum.slug = "pack"

    with pytest.raises(ValidationError):
        curriculum.full_clean()
