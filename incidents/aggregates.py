"""Count tables with small cells suppressed, for every aggregate the incidents area shows or exports.

A count from 1 up to ``INCIDENTS_SMALL_CELL_THRESHOLD`` - 1 (3 by default, so 1 and 2) is shown as "fewer
than 3" rather than as its number, so that a rare combination cannot single out a case. Zero is shown as 0.
Where a breakdown adds up to a total that is shown, ``suppress_complete_breakdown`` also hides the smallest
shown cells, until no hidden one can be worked out by subtraction.
NOTE: the overview tables of patterns suppress single cells only; a reader who can see the underlying items
could still count them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext


def small_cell_threshold() -> int:
    return getattr(settings, "INCIDENTS_SMALL_CELL_THRESHOLD", 3)


@dataclass(frozen=True)
class Cell:
    """One count of a table: its value, or ``None`` when it is hidden.

    A cell is hidden because it is too small to show, or (``complementary``) because showing it would let a
    reader work out a small cell from the total.
    """

    value: int | None
    complementary: bool = False

    @property
    def is_suppressed(self) -> bool:
        return self.value is None

    @property
    def display(self) -> str:
        if self.complementary:
            return pgettext("count", "not shown")
        if self.value is None:
            return _("fewer than %(threshold)d") % {"threshold": small_cell_threshold()}
        return f"{self.value:,}"


def suppress(value: int) -> Cell:
    """Return ``value`` as a cell, hidden when it is above zero and below the threshold."""
    if 0 < value < small_cell_threshold():
        return Cell(None)
    return Cell(value)


def suppress_complete_breakdown(values: list[int], total: int) -> list[Cell]:
    """Return ``values`` as cells, hiding small ones and, when they add up to ``total``, enough others.

    With the total and every other cell shown, one hidden cell equals the total minus the others. Several
    hidden cells are given away too when their sum allows one split only (see ``hidden_cells_given_away``).
    The smallest shown non-zero cells are then hidden as well until the split is open.
    """
    cells = [suppress(value) for value in values]
    if sum(values) != total:
        return cells
    while hidden_cells_given_away(values, cells):
        shown = [index for index, cell in enumerate(cells) if not cell.is_suppressed and values[index] > 0]
        if not shown:
            # NOTE: only hiding the total would help now; callers that can hide it check this function.
            return cells
        smallest = min(shown, key=lambda index: values[index])
        cells[smallest] = Cell(None, complementary=True)
    return cells


def hidden_cells_given_away(values: list[int], cells: list[Cell]) -> bool:
    """Return whether the total and the shown cells leave one value only for the hidden cells.

    A reader knows that a "fewer than" cell lies between 1 and the threshold minus 1, and that a "not shown"
    cell is at least the threshold, since smaller ones read "fewer than". The hidden cells are pinned when
    they add up to those minimums, or, with no "not shown" cell, to the maximums of the small ones.
    """
    threshold = small_cell_threshold()
    hidden = [value for value, cell in zip(values, cells, strict=True) if cell.is_suppressed]
    if not hidden:
        return False
    complementary = sum(1 for cell in cells if cell.complementary)
    small = len(hidden) - complementary
    remainder = sum(hidden)
    if len(hidden) == 1 or remainder == small + complementary * threshold:
        return True
    return complementary == 0 and remainder == small * (threshold - 1)


@dataclass
class CountTable:
    """Counts by two dimensions: ``rows`` and ``columns`` are ``(code, label)`` pairs."""

    rows: list[tuple[str, str]]
    columns: list[tuple[str, str]]
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)

    def row_cells(self) -> list[tuple[str, list[Cell]]]:
        return [
            (label, [self.cells.get((row, column), Cell(0)) for column, _label in self.columns])
            for row, label in self.rows
        ]

    @property
    def has_data(self) -> bool:
        return any(cell.value != 0 for cell in self.cells.values())


def count_table(
    queryset: QuerySet,
    row_field: str,
    column_field: str,
    rows: list[tuple[str, str]],
    columns: list[tuple[str, str]],
) -> CountTable:
    """Count ``queryset`` by two fields in one query and suppress the small cells."""
    counts: Counter = Counter()
    grouped = queryset.order_by().values(row_field, column_field).annotate(total=Count("pk", distinct=True))
    for entry in grouped:
        counts[(str(entry[row_field]), str(entry[column_field]))] += entry["total"]
    table = CountTable(rows=rows, columns=columns)
    table.cells = {key: suppress(value) for key, value in counts.items()}
    return table
