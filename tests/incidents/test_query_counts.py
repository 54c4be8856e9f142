"""List pages run the same number of queries whatever the number of rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from incidents.models import CodedTerm, PatternStatus, StatisticsPeriod, VictimCount
from portal.members.distribution import Distribution
from tests.incidents.paths import url

pytestmark = pytest.mark.django_db


def count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def grow(add_rows, client, path: str) -> tuple[int, int]:
    """Count the queries of ``path`` with 2 rows added, then with 8; a first request fills Wagtail's caches."""
    add_rows(2)
    count_queries(client, path)
    few = count_queries(client, path)
    add_rows(6)
    return few, count_queries(client, path)


def test_pattern_list_queries_constant(client, member, make_pattern, site_types):
    author = member("operator")
    client.force_login(member("operator"))

    def add(count):
        for number in range(count):
            make_pattern(author, distribution=Distribution.RED if number % 2 else Distribution.GREEN)

    few, many = grow(add, client, url("patterns"))

    assert few == many


def test_own_patterns_queries_constant(client, member, make_pattern):
    author = member("operator")
    client.force_login(author)

    few, many = grow(lambda count: [make_pattern(author) for _ in range(count)], client, url("own_patterns"))

    assert few == many


def test_review_queue_queries_constant(client, member, make_pattern):
    author = member("operator")
    client.force_login(member("secretariat", admin=True))

    def add(count):
        for _number in range(count):
            make_pattern(author, status=PatternStatus.SUBMITTED)

    few, many = grow(add, client, url("review_queue"))

    assert few == many


def test_briefing_list_queries_constant(client, member, make_briefing):
    police = member("police")
    client.force_login(member("operator"))

    few, many = grow(lambda count: [make_briefing(police) for _ in range(count)], client, url("briefings"))

    assert few == many


def test_index_queries_constant(client, member, make_pattern, make_briefing):
    author, police = member("operator"), member("police")
    client.force_login(member("operator"))

    def add(count):
        for _number in range(count):
            make_pattern(author)
            make_briefing(police)

    few, many = grow(add, client, url("index"))

    assert few == many


def test_coded_term_list_queries_constant(client, member, site_types):
    client.force_login(member("operator"))

    def add(count):
        for _number in range(count):
            term = CodedTerm.objects.create(
                term=f"語{CodedTerm.objects.count()}", meaning_ja="意味", first_seen=datetime.date(2016, 1, 1)
            )
            term.site_types.set([site_types["chat"], site_types["video"]])

    few, many = grow(add, client, url("coded_terms"))

    assert few == many


def test_statistics_queries_constant(client):
    def add(count):
        for _number in range(count):
            year = 2020 + StatisticsPeriod.objects.count()
            period = StatisticsPeriod.objects.create(year=year, total_victims=100, source_ja="出典")
            VictimCount.objects.create(period=period, dimension="age_bracket", category="16_17", victims=50)

    few, many = grow(add, client, url("statistics"))

    assert few == many
