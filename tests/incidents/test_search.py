"""Site search over patterns, briefings and coded terms: hidden items never reach a result, count or facet."""

import pytest
from django.core.management import call_command

from incidents.models import CodedTerm
from portal.members.distribution import Distribution

pytestmark = pytest.mark.django_db

# A word that only the items below contain.
WORD = "ゾウアザラシ"


@pytest.fixture
def indexed(member, make_pattern, make_briefing, site_types):
    briefing = make_briefing(member("police"), summary=f"{WORD}の件。複数交流系の被害が多い。")
    pattern = make_pattern(member("operator"), description=f"{WORD}の話題で近づいた。")
    CodedTerm.objects.create(term=WORD, meaning_ja=f"{WORD}を意味する隠語", first_seen="2016-01-01")
    call_command("update_index", verbosity=0)
    return {"briefing": briefing, "pattern": pattern}


def search(client, query=WORD, language="ja"):
    return client.get(f"/{language}/search/", {"q": query})


def test_anonymous_sees_no_member_item(client, indexed):
    response = search(client)

    assert response.context["page_obj"].paginator.count == 0
    assert sum(response.context["outcome"].kind_counts.values()) == 0


def test_volunteer_never_sees_amber_briefing(client, member, indexed):
    client.force_login(member("volunteer_group"))

    response = search(client)

    # Volunteers read the coded-term list, so the term is the one hit, and the counts know of nothing else.
    assert [hit.title for hit in response.context["page_obj"].object_list] == [WORD]
    assert sum(response.context["outcome"].kind_counts.values()) == 1
    assert response.context["outcome"].site_type_facets == []


def test_volunteer_suggestions_leave_out_briefing(client, member, indexed):
    client.force_login(member("volunteer_group"))

    response = client.get("/ja/search/suggestions/", {"q": indexed["briefing"].title[:4]})

    assert indexed["briefing"].title not in response.json()["suggestions"]


def test_operator_finds_briefing_pattern_and_term(client, member, indexed):
    client.force_login(member("operator"))

    response = search(client)

    titles = {hit.title for hit in response.context["page_obj"].object_list}
    assert titles == {indexed["briefing"].title, indexed["pattern"].title, WORD}


def test_pattern_hit_carries_site_types(client, member, indexed):
    client.force_login(member("operator"))

    response = search(client)

    facets = {code for code, _name, _count in response.context["outcome"].site_type_facets}
    assert {"chat", "id_exchange"} <= facets


def test_strict_pattern_hidden_from_other_operators(client, member, make_pattern, indexed):
    strict = make_pattern(
        member("operator"), distribution=Distribution.AMBER_STRICT, title=f"{WORD}の厳格な事例"
    )
    client.force_login(member("operator"))

    response = search(client)

    assert strict.title not in {hit.title for hit in response.context["page_obj"].object_list}


def test_search_queries_independent_of_hits(client, member, make_briefing, make_pattern):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    police, author = member("police"), member("operator")
    client.force_login(member("operator"))

    def queries_after_adding(count: int) -> int:
        for _number in range(count):
            make_briefing(police, summary=f"{WORD}の件")
            make_pattern(author, description=f"{WORD}の話題")
        call_command("update_index", verbosity=0)
        search(client)
        with CaptureQueriesContext(connection) as captured:
            search(client)
        return len(captured)

    assert queries_after_adding(2) == queries_after_adding(4)
