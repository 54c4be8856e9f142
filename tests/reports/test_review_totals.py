"""Published totals against a reader who combines the processed and removed columns.

Every removed post is also a processed report, so in each row and month "removed" is at most "processed".
A reader who knows that can narrow a hidden cell of one column with the shown cell of the other column.
"""

import itertools

import pytest

from reports import totals
from reports.models import Outcome
from tests.registry.factories import make_service

from .test_totals import add_report, at

pytestmark = pytest.mark.django_db


def possible_values(cell, limit: int) -> range:
    """Return the values a reader allows for ``cell``: its number, 1 to 2, or 3 and more."""
    threshold = totals.small_cell_threshold()
    if not cell.is_suppressed:
        return range(cell.value, cell.value + 1)
    if cell.complementary:
        return range(threshold, limit + 1)
    return range(1, threshold)


def column_solutions(total_cell, cells, limit: int) -> list[tuple[int, ...]]:
    """Return every column of values that matches the shown cells and, when it is shown, the total."""
    solutions = []
    for values in itertools.product(*(possible_values(cell, limit) for cell in cells)):
        if total_cell.is_suppressed or sum(values) == total_cell.value:
            solutions.append(values)
    return solutions


def reader_solutions(table, keys, month) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Return every (processed, removed) pair of columns a reader finds consistent with the published month."""
    overall = next(entry for entry in table.overall.months if entry.month == month)
    rows = [next(entry for entry in table.row(key).months if entry.month == month) for key in keys]
    limit = 12
    processed = column_solutions(overall.processed, [row.processed for row in rows], limit)
    removed = column_solutions(overall.removed, [row.removed for row in rows], limit)
    return [
        (done, gone)
        for done, gone in itertools.product(processed, removed)
        if all(count_removed <= count_done for count_removed, count_done in zip(gone, done, strict=True))
    ]


def close_reports(service, month, outcomes: list[str]) -> None:
    for hour, outcome in enumerate(outcomes, start=1):
        add_report(service, received=at(month, 1, hour), closed=at(month, 1, hour + 1), outcome=outcome)


def test_removed_cell_is_not_pinned_by_processed():
    month = totals.current_month()
    small, pinned, large = make_service(), make_service(), make_service()
    close_reports(small, month, [Outcome.REMOVED, Outcome.REMOVED, Outcome.NO_VIOLATION])
    close_reports(pinned, month, [Outcome.REMOVED] * 3)
    close_reports(large, month, [Outcome.REMOVED] * 4)
    keys = [str(service.organization_id) for service in (small, pinned, large)]

    table = totals.compute_totals([month])
    solutions = reader_solutions(table, keys, month)

    assert table.row(keys[0]).months[0].removed.is_suppressed
    assert len({removed[0] for _processed, removed in solutions}) > 1


def test_processed_cell_is_not_pinned_by_removed():
    month = totals.current_month()
    small, removing, keeping = make_service(), make_service(), make_service()
    close_reports(small, month, [Outcome.NO_VIOLATION])
    close_reports(removing, month, [Outcome.REMOVED] * 4)
    close_reports(keeping, month, [Outcome.NO_VIOLATION] * 3)
    keys = [str(service.organization_id) for service in (small, removing, keeping)]

    table = totals.compute_totals([month])
    solutions = reader_solutions(table, keys, month)

    assert table.row(keys[0]).months[0].processed.is_suppressed
    assert len({processed[0] for processed, _removed in solutions}) > 1
