"""The site search over every area's demo content: what visitors find, and what they never see.

The demo is loaded and indexed once for the module, inside a transaction rolled back afterwards; the index
is then rebuilt from the emptied database so later tests find no leftover documents.
"""

import pytest
from django.core.management import call_command
from django.db import transaction

from incidents.models import PoliceBriefingPage
from tests.factories import make_member

pytestmark = pytest.mark.django_db

BRIEFING_WORD = "検挙状況"


@pytest.fixture(scope="module")
def demo_index(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("load_demo", verbosity=0)
            call_command("update_index", verbosity=0)
            yield
            transaction.set_rollback(True)
        call_command("update_index", verbosity=0)


def sources_found(client, query: str, language: str = "ja") -> set[str]:
    response = client.get(f"/{language}/search/", {"q": query})
    return {hit.source.key for hit in response.context["outcome"].hits}


@pytest.mark.parametrize("query", ["年齢確認", "ＳＮＳ", "zoning"])
def test_query_finds_guideline_curriculum_and_operator(client, demo_index, query):
    found = sources_found(client, query)

    assert {"guidelines", "curricula", "registry"} <= found


def test_amber_briefing_exists_for_police(client, demo_index):
    client.force_login(make_member("police", with_totp=True))

    found = sources_found(client, BRIEFING_WORD)

    assert "police_briefings" in found


@pytest.mark.parametrize("role", ["anonymous", "volunteer_group", "educator"])
def test_amber_briefing_hidden_everywhere_in_search(client, demo_index, role):
    if role != "anonymous":
        client.force_login(make_member(role))
    briefing = PoliceBriefingPage.objects.get()

    response = client.get("/ja/search/", {"q": BRIEFING_WORD})
    suggestions = client.get("/ja/search/suggestions/", {"q": briefing.title[:6]}).json()["suggestions"]

    outcome = response.context["outcome"]
    assert all(hit.source.key != "police_briefings" for hit in outcome.hits)
    assert "警察からの情報提供" not in dict(outcome.kind_facets)
    assert briefing.title not in response.content.decode()
    assert briefing.title not in suggestions
