"""Coverage of the measures across the public registry: the numbers and the geometry of their SVG charts.

A service "has" a measure while its adoption is adopted or verified. The share over time counts, at the end of
each year, the services operating then (launched that year or earlier, or launch year unknown) and those of
them with the measure in place (started that year or earlier and not discontinued by then). An adoption
without a start date counts in the current year only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from .models import Adoption, AdoptionStatus, Measure, Service
from .models.operators import EARLIEST_YEAR, IN_PLACE_STATUSES


@dataclass(frozen=True)
class MeasureCoverage:
    measure: Measure
    services: int
    verified: int
    self_declared: int

    @property
    def in_place(self) -> int:
        return self.verified + self.self_declared

    @property
    def share(self) -> float:
        return self.in_place / self.services if self.services else 0.0

    @property
    def verified_share(self) -> float:
        return self.verified / self.services if self.services else 0.0

    @property
    def self_declared_share(self) -> float:
        return self.self_declared / self.services if self.services else 0.0


@dataclass(frozen=True)
class YearCoverage:
    year: int
    services: int
    with_measure: int

    @property
    def share(self) -> float:
        return self.with_measure / self.services if self.services else 0.0


def coverage_by_measure(services: QuerySet[Service]) -> list[MeasureCoverage]:
    """Return, for every active measure, how many of ``services`` have it in place, verified or self-declared."""
    total = services.count()
    counts = Counter()
    rows = (
        Adoption.objects.filter(service__in=services, status__in=IN_PLACE_STATUSES)
        .values("measure_id", "status")
        .annotate(count=Count("service_id", distinct=True))
    )
    for row in rows:
        counts[(row["measure_id"], row["status"])] = row["count"]
    return [
        MeasureCoverage(
            measure=measure,
            services=total,
            verified=counts[(measure.pk, AdoptionStatus.VERIFIED)],
            self_declared=counts[(measure.pk, AdoptionStatus.ADOPTED)],
        )
        for measure in Measure.objects.filter(is_active=True)
    ]


def coverage_by_year(services: QuerySet[Service], measure: Measure, current_year: int) -> list[YearCoverage]:
    """Return the share of ``services`` with ``measure`` in place at the end of each year up to ``current_year``.

    The series starts at the first year in which the measure was in place on any service, or at
    ``EARLIEST_YEAR`` if that is later. It is empty when no service ever had the measure.
    """
    launch_years = list(services.values_list("launched_year", flat=True))
    adoptions = list(
        Adoption.objects.filter(service__in=services, measure=measure)
        .exclude(status__in=[AdoptionStatus.PLANNED, AdoptionStatus.IN_PROGRESS])
        .values("status", "started_on", "ended_on")
    )
    start_years = [row["started_on"].year for row in adoptions if row["started_on"]]
    if any(row["status"] in IN_PLACE_STATUSES for row in adoptions):
        start_years.append(current_year)
    if not start_years:
        return []

    # The model rejects earlier dates, but rows saved before that check may still hold one.
    first_year = max(min(start_years), EARLIEST_YEAR)
    series = []
    for year in range(first_year, current_year + 1):
        operating = sum(1 for launched in launch_years if launched is None or launched <= year)
        with_measure = sum(1 for row in adoptions if _in_place_at_end_of(row, year, current_year))
        series.append(YearCoverage(year=year, services=operating, with_measure=with_measure))
    return series


def _in_place_at_end_of(row: dict, year: int, current_year: int) -> bool:
    started, ended = row["started_on"], row["ended_on"]
    if row["status"] == AdoptionStatus.DISCONTINUED:
        return started is not None and started.year <= year and (ended is None or ended.year > year)
    if started is None:
        return year == current_year
    return started.year <= year


# Chart geometry, in SVG user units. The templates draw the shapes; the numbers also appear as text.

BAR_HEIGHT = 22
BAR_GAP = 12
LABEL_WIDTH = 300
PLOT_WIDTH = 360
VALUE_WIDTH = 120
COLUMN_WIDTH = 34
COLUMN_GAP = 10
PLOT_HEIGHT = 200
AXIS_HEIGHT = 28
TOP_MARGIN = 24


def percent(value: float) -> str:
    """Return a share as a whole percentage for chart labels, such as ``"42%"``."""
    return f"{round(value * 100)}%"


def measure_bars(rows: list[MeasureCoverage]) -> dict:
    """Return the geometry of the horizontal stacked bar chart of coverage by measure."""
    bars = []
    for index, row in enumerate(rows):
        y = TOP_MARGIN + index * (BAR_HEIGHT + BAR_GAP)
        verified_width = round(row.verified_share * PLOT_WIDTH, 1)
        declared_width = round(row.self_declared_share * PLOT_WIDTH, 1)
        bars.append(
            {
                "row": row,
                "y": y,
                "text_y": y + BAR_HEIGHT * 0.7,
                "verified_width": verified_width,
                "declared_x": LABEL_WIDTH + verified_width,
                "declared_width": declared_width,
                "value_x": LABEL_WIDTH + verified_width + declared_width + 6,
                "label": percent(row.share),
            }
        )
    height = TOP_MARGIN + len(rows) * (BAR_HEIGHT + BAR_GAP) + AXIS_HEIGHT
    return {
        "bars": bars,
        "width": LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH,
        "height": height,
        "label_x": LABEL_WIDTH - 8,
        "plot_x": LABEL_WIDTH,
        "plot_width": PLOT_WIDTH,
        "plot_end": LABEL_WIDTH + PLOT_WIDTH,
        "plot_bottom": height - AXIS_HEIGHT + 4,
        "axis_y": height - 8,
        "bar_height": BAR_HEIGHT,
    }


def year_columns(series: list[YearCoverage]) -> dict:
    """Return the geometry of the column chart of one measure's share by year."""
    columns = []
    baseline = TOP_MARGIN + PLOT_HEIGHT
    for index, point in enumerate(series):
        x = COLUMN_GAP + index * (COLUMN_WIDTH + COLUMN_GAP) + 40
        height = round(point.share * PLOT_HEIGHT, 1)
        columns.append(
            {
                "point": point,
                "x": x,
                "center": x + COLUMN_WIDTH / 2,
                "y": baseline - height,
                "height": height,
                "label_y": baseline - height - 6,
                "label": percent(point.share),
            }
        )
    width = 40 + COLUMN_GAP + len(series) * (COLUMN_WIDTH + COLUMN_GAP) + 10
    return {
        "columns": columns,
        "width": max(width, 320),
        "height": baseline + AXIS_HEIGHT + 8,
        "baseline": baseline,
        "year_y": baseline + 20,
        "column_width": COLUMN_WIDTH,
        "top": TOP_MARGIN,
        "half_y": TOP_MARGIN + PLOT_HEIGHT / 2,
        "axis_x": 36,
        "axis_end": width,
    }
