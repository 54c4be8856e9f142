"""Count tables with small cells suppressed, for every aggregate the incidents area shows or exports.

A count from 1 up to ``INCIDENTS_SMALL_CELL_THRESHOLD`` - 1 (3 by default, so 1 and 2) is shown as "fewer
than 3" rather than as its number, so that a rare combination cannot single out a case. Zero is shown as 0.
NOTE: only single cells are suppressed. No totals are shown next to suppressed cells, but a reader who can
see the underlying items could still count them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _


def small_cell_threshold() -> int:
    return getattr(settings, "INCIDENTS_SMALL_CELL_THRESHOLD", 3)


@dataclass(frozen=True)
class Cell:
    """One count of a table: its value, or ``None`` when it is too small to show."""

    value: int | None

    @property
    def is_suppressed(self) -> bool:
        return self.value is None

    @property
    def display(self) -> str:
        if self.value is None:
            return _("fewer than %(threshold)d") % {"threshold": small_cell_threshold()}
        return f"{self.value:,}"


def suppress(value: int) -> Cell:
    """Return ``value`` as a cell, hidden when it is above zero and below the threshold."""
    if 0 < value < small_cell_threshold():
        return Cell(None)
    return Cell(value)


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
