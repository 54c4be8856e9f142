"""Published monthly totals per operator: received, processed, removed and median days to outcome.

Months are calendar months in Japan (Asia/Tokyo). A report counts as received in the month it arrived, and as
processed in the month it was closed, whatever the outcome. "Removed" counts the processed ones closed
with the outcome "post removed". The median runs from receipt to outcome over the reports closed that month and is
shown only when at least ``INCIDENTS_SMALL_CELL_THRESHOLD`` of them were closed.

Counts from 1 to the threshold minus 1 are hidden (``incidents.aggregates.suppress``). Each month also has a
row for all operators together, so in every month column ``suppress_complete_breakdown`` hides as many more
cells as it takes to keep a hidden one from being worked out by subtraction. The suppression of a month
depends only on that month's counts, so every period, operator filter and the CSV show the same cells.

The figures are computed in a fixed number of queries and cached under ``CACHE_KEY`` for
``REPORTS_TOTALS_CACHE_SECONDS``. ``reports.services`` calls ``forget_totals`` whenever a report arrives or
is closed.
"""

from __future__ import annotations

import datetime
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Min
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from incidents.aggregates import (
    Cell,
    small_cell_threshold,
    suppress,
    suppress_complete_breakdown,
)
from portal.i18n import localized
from portal.members.models import Organization

from .models import Outcome, Report

CACHE_KEY = "reports:totals"
TOKYO = ZoneInfo("Asia/Tokyo")
# Row keys besides operator ids: reports about sites the registry does not list, and all rows together.
UNLISTED = "unlisted"
ALL = "all"
SECONDS_PER_DAY = 86400


def forget_totals() -> None:
    """Drop the cached totals now and, inside a transaction, once more after it commits.

    A request that recomputed the totals between the change and its commit would otherwise cache the figures
    without the change.
    """
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


@dataclass(frozen=True)
class Month:
    """One month's figures for one row of the table."""

    month: datetime.date
    received: Cell
    processed: Cell
    removed: Cell
    median_days: float | None

    @property
    def median_display(self) -> str:
        if self.median_days is None:
            return pgettext("report totals", "not shown")
        return f"{self.median_days:.1f}"


@dataclass(frozen=True)
class Row:
    """One operator, the sites the registry does not list, or all of them together, over the period."""

    key: str
    name_ja: str
    name_en: str
    months: tuple[Month, ...]

    @property
    def name(self) -> str:
        if self.key == UNLISTED:
            return _("Sites not in the registry")
        if self.key == ALL:
            return _("All operators and sites")
        return localized(self, "name")

    @property
    def has_reports(self) -> bool:
        return any(month.received.value != 0 or month.processed.value != 0 for month in self.months)


@dataclass(frozen=True)
class Totals:
    """The published table of a period: the ``ALL`` row first, then one row per operator, then unlisted sites."""

    months: tuple[datetime.date, ...]
    rows: tuple[Row, ...]

    @property
    def overall(self) -> Row:
        return self.rows[0]

    @property
    def operator_rows(self) -> tuple[Row, ...]:
        return self.rows[1:]

    def row(self, key: str) -> Row | None:
        return next((row for row in self.rows if row.key == key), None)


@dataclass(frozen=True)
class Choices:
    """The filter's choices: the years with reports, and the rows as ``(key, name_ja, name_en)``."""

    years: tuple[int, ...]
    rows: tuple[tuple[str, str, str], ...]


def current_month(now: datetime.datetime | None = None) -> datetime.date:
    local = (now or timezone.now()).astimezone(TOKYO)
    return local.date().replace(day=1)


def add_months(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def last_twelve_months(now: datetime.datetime | None = None) -> list[datetime.date]:
    latest = current_month(now)
    return [add_months(latest, offset) for offset in range(-11, 1)]


def months_of_year(year: int, now: datetime.datetime | None = None) -> list[datetime.date]:
    """Return the months of ``year`` up to the current one (none of a future year)."""
    latest = current_month(now)
    return [
        datetime.date(year, number, 1) for number in range(1, 13) if datetime.date(year, number, 1) <= latest
    ]


def filter_choices() -> Choices:
    """Return the years and rows the filter offers, from the cache when it contains them."""
    return _cached("choices", _compute_choices)


def totals_for(months: list[datetime.date]) -> Totals:
    """Return the table for ``months`` (consecutive, oldest first), from the cache when it contains it."""
    if not months:
        return Totals(months=(), rows=())
    key = f"{months[0]:%Y-%m}..{months[-1]:%Y-%m}"
    return _cached(key, lambda: compute_totals(months))


def _cached(key: str, compute):
    """Return ``compute()`` stored under ``key`` of the dictionary cached under ``CACHE_KEY``."""
    entries = cache.get(CACHE_KEY) or {}
    if key in entries:
        return entries[key]
    value = compute()
    # Another worker may have added an entry meanwhile. Losing it only costs that worker a recomputation.
    cache.set(CACHE_KEY, {**(cache.get(CACHE_KEY) or {}), key: value}, settings.REPORTS_TOTALS_CACHE_SECONDS)
    return value


def _compute_choices() -> Choices:
    first = Report.objects.aggregate(first=Min("received_at"))["first"]
    latest_year = current_month().year
    first_year = first.astimezone(TOKYO).year if first else latest_year
    return Choices(years=tuple(range(latest_year, first_year - 1, -1)), rows=tuple(_row_names()))


def _row_names() -> list[tuple[str, str, str]]:
    """Return every operator that ever had a report, ordered by id, and the unlisted sites if they had one."""
    operators = Organization.objects.filter(pk__in=Report.objects.values("operator_id")).order_by("pk")
    names = [
        (str(pk), name_ja, name_en)
        for pk, name_ja, name_en in operators.values_list("pk", "name_ja", "name_en")
    ]
    if Report.objects.filter(operator__isnull=True).exists():
        names.append((UNLISTED, "", ""))
    return names


def compute_totals(months: list[datetime.date]) -> Totals:
    """Count, suppress and lay out the figures of ``months`` in four queries, however many reports there are."""
    start = datetime.datetime.combine(months[0], datetime.time(), tzinfo=TOKYO)
    end = datetime.datetime.combine(add_months(months[-1], 1), datetime.time(), tzinfo=TOKYO)
    names = _row_names()
    keys = [key for key, _name_ja, _name_en in names]

    received: Counter = Counter()
    arrivals = (
        Report.objects.filter(received_at__gte=start, received_at__lt=end)
        .annotate(month=TruncMonth("received_at", tzinfo=TOKYO))
        .order_by()
        .values("operator_id", "month")
        .annotate(count=Count("pk"))
    )
    for entry in arrivals:
        received[(_row_key(entry["operator_id"]), _as_month(entry["month"]))] += entry["count"]

    durations: defaultdict = defaultdict(list)
    removed: Counter = Counter()
    closures = Report.objects.filter(closed_at__gte=start, closed_at__lt=end).values_list(
        "operator_id", "received_at", "closed_at", "outcome"
    )
    for operator_id, received_at, closed_at, outcome in closures:
        key = (_row_key(operator_id), current_month(closed_at))
        durations[key].append((closed_at - received_at).total_seconds() / SECONDS_PER_DAY)
        if outcome == Outcome.REMOVED:
            removed[key] += 1

    by_month = {month: _month_cells(month, keys, received, durations, removed) for month in months}
    rows = [
        Row(key=key, name_ja=name_ja, name_en=name_en, months=tuple(by_month[month][key] for month in months))
        for key, name_ja, name_en in [(ALL, "", ""), *names]
    ]
    return Totals(months=tuple(months), rows=tuple(rows))


def _month_cells(month, keys, received, durations, removed) -> dict[str, Month]:
    """Return one month's figures per row key, with the complementary suppression of the month's column.

    Every removed post is a processed report, so a reader bounds a hidden "processed" cell from below by the
    row's "removed" and a hidden "removed" cell from above by the row's "processed". The processed column is
    suppressed as if every removed count were shown_indexes, and the removed column under the bounds that the
    published processed column leaves.
    """
    received_total, received_cells = _column([received[(key, month)] for key in keys])
    processed_values = [len(durations[(key, month)]) for key in keys]
    removed_values = [removed[(key, month)] for key in keys]
    processed_total, processed_cells = _column(processed_values, lower=removed_values)
    processed_ranges = _ranges(processed_values, processed_cells, lower=removed_values)
    removed_total, removed_cells = _column(
        removed_values, upper=[maximum for _minimum, maximum in processed_ranges]
    )
    all_durations = [days for key in keys for days in durations[(key, month)]]
    figures = {
        ALL: Month(
            month=month,
            received=received_total,
            processed=processed_total,
            removed=removed_total,
            median_days=_median(all_durations),
        )
    }
    for index, key in enumerate(keys):
        figures[key] = Month(
            month=month,
            received=received_cells[index],
            processed=processed_cells[index],
            removed=removed_cells[index],
            median_days=_median(durations[(key, month)]),
        )
    return figures


def _column(
    values: list[int], *, lower: list[int] | None = None, upper: list[int] | None = None
) -> tuple[Cell, list[Cell]]:
    """Return the total and the cells of one month's column, hidden so that no hidden count can be worked out.

    A reader knows that a "not shown" cell is at least the threshold and a "fewer than" cell from 1 to the
    threshold minus 1, and ``lower`` and ``upper`` may bound a cell further (removed posts never exceed
    processed reports). While the total and these bounds leave one value for
    some hidden cell, the smallest shown cell is hidden too. When no cell is left to hide, the total is hidden.
    """
    total = sum(values)
    cells = suppress_complete_breakdown(values, total)
    while _hidden_cell_pinned(values, cells, lower=lower, upper=upper):
        shown_indexes = [
            index for index, cell in enumerate(cells) if not cell.is_suppressed and values[index] > 0
        ]
        if not shown_indexes:
            return Cell(None, complementary=True), cells
        smallest = min(shown_indexes, key=lambda index: values[index])
        cells[smallest] = Cell(None, complementary=True)
    return suppress(total), cells


def _hidden_cell_pinned(values: list[int], cells: list[Cell], **bounds) -> bool:
    """Return whether the total, the shown cells and the bounds leave only one value for some hidden cell."""
    ranges = _ranges(values, cells, **bounds)
    return any(
        minimum == maximum
        for (minimum, maximum), cell in zip(ranges, cells, strict=True)
        if cell.is_suppressed
    )


def _ranges(
    values: list[int], cells: list[Cell], *, lower: list[int] | None = None, upper: list[int] | None = None
) -> list[tuple[int, int]]:
    """Return, per cell, the minimum and maximum value a reader allows, given the column's total and the bounds.

    A shown cell's range is its value. Each hidden cell is bounded by its kind and by ``lower``/``upper``,
    and then by the total minus what the other hidden cells can contain. Within one sum of integer ranges,
    every value between these two limits is possible.
    """
    threshold = small_cell_threshold()
    hidden_sum = sum(value for value, cell in zip(values, cells, strict=True) if cell.is_suppressed)
    bounds = []
    for index, (value, cell) in enumerate(zip(values, cells, strict=True)):
        if not cell.is_suppressed:
            bounds.append((value, value))
            continue
        minimum, maximum = (threshold, hidden_sum) if cell.complementary else (1, threshold - 1)
        if lower is not None:
            minimum = max(minimum, lower[index])
        if upper is not None:
            maximum = min(maximum, upper[index])
        bounds.append((minimum, maximum))
    hidden = [index for index, cell in enumerate(cells) if cell.is_suppressed]
    minimum_sum = sum(bounds[index][0] for index in hidden)
    maximum_sum = sum(bounds[index][1] for index in hidden)
    ranges = list(bounds)
    for index in hidden:
        minimum, maximum = bounds[index]
        ranges[index] = (
            max(minimum, hidden_sum - (maximum_sum - maximum)),
            min(maximum, hidden_sum - (minimum_sum - minimum)),
        )
    return ranges


def _median(days: list[float]) -> float | None:
    if len(days) < small_cell_threshold():
        return None
    return round(statistics.median(days), 1)


def _row_key(operator_id: int | None) -> str:
    return UNLISTED if operator_id is None else str(operator_id)


def _as_month(value: datetime.datetime | datetime.date) -> datetime.date:
    if isinstance(value, datetime.datetime):
        value = value.astimezone(TOKYO) if timezone.is_aware(value) else value
        return value.date().replace(day=1)
    return value.replace(day=1)
