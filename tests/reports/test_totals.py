"""The published totals: counts per operator and Tokyo month, small-count suppression, medians and caching."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from reports import services, totals
from reports.models import Category, Outcome, Report
from tests.registry.factories import make_operator, make_service
from tests.reports.factories import make_moderator, make_report

pytestmark = pytest.mark.django_db

TOKYO = totals.TOKYO


def at(month: datetime.date, day: int = 10, hour: int = 12) -> datetime.datetime:
    return datetime.datetime(month.year, month.month, day, hour, tzinfo=TOKYO)


def add_report(service=None, *, received, closed=None, outcome="", **fields) -> Report:
    """Send a report through intake, then move it to ``received`` and, when given, close it at ``closed``."""
    report, _pin = make_report(service, **fields)
    Report.objects.filter(pk=report.pk).update(
        received_at=received, closed_at=closed, outcome=outcome if closed else ""
    )
    report.refresh_from_db()
    return report


def figures(table, key, month):
    row = table.row(key)
    return next(entry for entry in row.months if entry.month == month)


def this_month() -> datetime.date:
    return totals.current_month()


def test_counts_received_processed_and_removed_per_month():
    month = this_month()
    earlier = totals.add_months(month, -1)
    service = make_service()
    for _index in range(4):
        add_report(service, received=at(earlier))
    for days in (1, 2, 3):
        add_report(service, received=at(earlier), closed=at(month, 1, days), outcome=Outcome.REMOVED)
    add_report(service, received=at(month, 1), closed=at(month, 2), outcome=Outcome.NO_VIOLATION)

    table = totals.compute_totals(totals.last_twelve_months())
    key = str(service.organization_id)

    assert figures(table, key, earlier).received.value == 7
    assert figures(table, key, month).received.is_suppressed
    assert figures(table, key, month).processed.value == 4
    assert figures(table, key, month).removed.value == 3
    assert figures(table, key, earlier).processed.value == 0


def test_small_counts_are_hidden():
    month = this_month()
    service = make_service()
    add_report(service, received=at(month))
    add_report(service, received=at(month))

    cell = figures(totals.compute_totals([month]), str(service.organization_id), month).received

    assert cell.is_suppressed
    with translation.override("en"):
        assert cell.display == "fewer than 3"


def test_total_hides_complementary_cell():
    month = this_month()
    small, middle, large = make_service(), make_service(), make_service()
    add_report(small, received=at(month))
    for _index in range(4):
        add_report(middle, received=at(month))
    for _index in range(9):
        add_report(large, received=at(month))

    table = totals.compute_totals([month])

    assert figures(table, totals.ALL, month).received.value == 14
    assert figures(table, str(small.organization_id), month).received.is_suppressed
    assert figures(table, str(middle.organization_id), month).received.complementary
    assert figures(table, str(large.organization_id), month).received.value == 9


def test_median_needs_three_closed_reports():
    month = this_month()
    service = make_service()
    for hours in (1, 2):
        add_report(service, received=at(month, 1, 0), closed=at(month, 1, hours), outcome=Outcome.REMOVED)
    key = str(service.organization_id)

    assert figures(totals.compute_totals([month]), key, month).median_days is None

    add_report(service, received=at(month, 1, 0), closed=at(month, 3, 0), outcome=Outcome.ACCOUNT_SUSPENDED)

    # One, two and 48 hours: the median is two hours, 0.08 days, shown as 0.1.
    assert figures(totals.compute_totals([month]), key, month).median_days == 0.1


def test_months_are_counted_in_tokyo_time():
    service = make_service()
    # 15:30 UTC on 31 January is 00:30 on 1 February in Tokyo.
    add_report(service, received=datetime.datetime(2025, 1, 31, 15, 30, tzinfo=datetime.UTC))
    for _index in range(2):
        add_report(service, received=at(datetime.date(2025, 2, 1)))
    january, february = datetime.date(2025, 1, 1), datetime.date(2025, 2, 1)

    table = totals.compute_totals(totals.months_of_year(2025))

    assert figures(table, str(service.organization_id), january).received.value == 0
    assert figures(table, str(service.organization_id), february).received.value == 3


def test_unlisted_sites_have_their_own_row():
    month = this_month()
    for _index in range(3):
        add_report(None, received=at(month), site_address="https://unlisted.example.com/")

    table = totals.compute_totals([month])

    assert figures(table, totals.UNLISTED, month).received.value == 3
    with translation.override("en"):
        assert table.row(totals.UNLISTED).name == "Sites not in the registry"


def test_query_count_does_not_grow_with_reports():
    month = this_month()
    service = make_service()
    add_report(service, received=at(month), closed=at(month, 12), outcome=Outcome.REMOVED)
    with CaptureQueriesContext(connection) as few:
        totals.compute_totals(totals.last_twelve_months())

    for _index in range(20):
        add_report(make_service(), received=at(month), closed=at(month, 12), outcome=Outcome.REMOVED)
    add_report(None, received=at(month), site_address="https://unlisted.example.com/")
    with CaptureQueriesContext(connection) as many:
        totals.compute_totals(totals.last_twelve_months())

    assert len(many) == len(few)
    assert len(many) == 4


def test_cached_totals_need_no_query(django_assert_num_queries):
    totals.forget_totals()
    totals.totals_for(totals.last_twelve_months())

    with django_assert_num_queries(0):
        totals.totals_for(totals.last_twelve_months())


def test_new_and_closed_reports_refresh_the_cache():
    totals.forget_totals()
    service = make_service()
    key = str(service.organization_id)
    month = this_month()
    reports = [make_report(service)[0] for _index in range(3)]

    assert figures(totals.totals_for([month]), key, month).received.value == 3

    moderator = make_moderator(service)
    for report in reports:
        services.record_outcome(report, outcome=Outcome.REMOVED, user=moderator)

    assert figures(totals.totals_for([month]), key, month).removed.value == 3


def test_rows_list_operators_in_id_order():
    month = this_month()
    first, second = make_operator(), make_operator()
    add_report(make_service(second), received=at(month))
    add_report(make_service(first), received=at(month), category=Category.SEXUAL_IMAGES)

    keys = [row.key for row in totals.compute_totals([month]).rows]

    assert keys == [totals.ALL, str(first.pk), str(second.pk)]


def test_last_twelve_months_end_with_the_current_month():
    now = datetime.datetime(2026, 3, 31, 16, 0, tzinfo=datetime.UTC)  # 1 April, 01:00 in Tokyo

    months = totals.last_twelve_months(now)

    assert months[0] == datetime.date(2025, 5, 1)
    assert months[-1] == datetime.date(2026, 4, 1)
    assert len(months) == 12


def test_future_year_has_no_months():
    now = datetime.datetime(2026, 6, 1, tzinfo=TOKYO)

    assert totals.months_of_year(2027, now) == []
    assert len(totals.months_of_year(2026, now)) == 6


def test_total_hides_cells_pinned_by_minimums():
    # One report hidden as "fewer than 3" and three hidden as "not shown" could only be 1 and 3.
    month = this_month()
    small, middle, large = make_service(), make_service(), make_service()
    add_report(small, received=at(month))
    for _index in range(3):
        add_report(middle, received=at(month))
    for _index in range(10):
        add_report(large, received=at(month))

    table = totals.compute_totals([month])

    assert figures(table, totals.ALL, month).received.value == 14
    assert figures(table, str(small.organization_id), month).received.is_suppressed
    assert figures(table, str(middle.organization_id), month).received.complementary
    assert figures(table, str(large.organization_id), month).received.complementary


def test_total_hidden_when_nothing_else_can_be():
    month = this_month()
    small, middle = make_service(), make_service()
    add_report(small, received=at(month))
    for _index in range(3):
        add_report(middle, received=at(month))

    table = totals.compute_totals([month])

    assert figures(table, totals.ALL, month).received.complementary
    assert figures(table, str(small.organization_id), month).received.is_suppressed
    assert figures(table, str(middle.organization_id), month).received.complementary
