"""Horizontal bar charts drawn as SVG on the server, with the numbers also given as text and as a table.

Templates render a ``BarChart`` with ``incidents/includes/bar_chart.html``: an ``<svg role="img">`` with a
``<title>`` and a ``<desc>`` that lists every value, so screen readers get the figures without the table.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .aggregates import Cell

WIDTH = 760
LABEL_WIDTH = 300
VALUE_WIDTH = 120
BAR_HEIGHT = 24
BAR_GAP = 12
TOP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    cell: Cell
    y: int
    width: float

    @property
    def text_y(self) -> float:
        return self.y + BAR_HEIGHT * 0.7

    @property
    def value_x(self) -> float:
        return LABEL_WIDTH + self.width + 8


@dataclass(frozen=True)
class BarChart:
    chart_id: str
    title: str
    description: str
    bars: list[Bar]
    height: int
    width: int = WIDTH
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, Cell]]) -> BarChart:
    """Lay out one bar per ``(label, cell)``; suppressed cells get no bar, only their text."""
    plot_width = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    largest = max((cell.value or 0 for _label, cell in rows), default=0) or 1
    bars = [
        Bar(
            label=label,
            cell=cell,
            y=TOP + index * (BAR_HEIGHT + BAR_GAP),
            width=round(plot_width * (cell.value or 0) / largest, 1),
        )
        for index, (label, cell) in enumerate(rows)
    ]
    values = "; ".join(
        _("%(label)s: %(value)s") % {"label": label, "value": cell.display} for label, cell in rows
    )
    description = _("Bar chart. %(values)s.") % {"values": values}
    height = TOP * 2 + max(len(rows), 1) * (BAR_HEIGHT + BAR_GAP)
    return BarChart(chart_id=chart_id, title=title, description=description, bars=bars, height=height)
