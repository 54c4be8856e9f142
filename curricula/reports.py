"""Download statistics for the secretariat's report: totals per day and per curriculum, and the chart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Avg, Count, F, Q, Sum

from .models import CurriculumPage, DownloadCount

# Size of the chart's drawing area in SVG user units; the SVG scales to the width of the page.
CHART_WIDTH = 720
CHART_HEIGHT = 220
CHART_MARGIN_LEFT = 40
CHART_MARGIN_BOTTOM = 24


@dataclass(frozen=True)
class DayTotal:
    day: date
    downloads: int
    pack_downloads: int

    @property
    def total(self) -> int:
        return self.downloads + self.pack_downloads


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    day_total: DayTotal


def daily_totals(start: date, end: date) -> list[DayTotal]:
    """Return the downloads of every day from ``start`` to ``end``, days without downloads included."""
    rows = (
        DownloadCount.objects.filter(day__range=(start, end))
        .values("day")
        .annotate(single=Sum("downloads"), packs=Sum("pack_downloads"))
    )
    by_day = {row["day"]: row for row in rows}
    totals = []
    day = start
    while day <= end:
        row = by_day.get(day, {})
        totals.append(DayTotal(day, row.get("single") or 0, row.get("packs") or 0))
        day += timedelta(days=1)
    return totals


def curriculum_totals(start: date, end: date) -> list[dict]:
    """Return one row per curriculum with downloads in the period and its feedback, most downloaded first."""
    in_period = Q(download_counts__day__range=(start, end))
    return list(
        CurriculumPage.objects.annotate(
            single_total=Sum("download_counts__downloads", filter=in_period),
            pack_total=Sum("download_counts__pack_downloads", filter=in_period),
        )
        .filter(Q(single_total__gt=0) | Q(pack_total__gt=0))
        .annotate(total=F("single_total") + F("pack_total"))
        .order_by("-total", "title")
        .values("pk", "title", "audience", "locale__language_code", "single_total", "pack_total", "total")
    )


def feedback_summary(page_ids: list[int]) -> dict[int, dict]:
    """Return the number of ratings and the average rating of each curriculum in ``page_ids``."""
    rows = (
        CurriculumPage.objects.filter(pk__in=page_ids)
        .annotate(ratings=Count("feedback"), average=Avg("feedback__rating"))
        .values("pk", "ratings", "average")
    )
    return {row["pk"]: row for row in rows}


def chart_bars(totals: list[DayTotal]) -> tuple[list[Bar], int]:
    """Return one bar per day scaled to the chart, and the value at the top of the scale."""
    top = max((day_total.total for day_total in totals), default=0) or 1
    plot_width = CHART_WIDTH - CHART_MARGIN_LEFT
    plot_height = CHART_HEIGHT - CHART_MARGIN_BOTTOM
    slot = plot_width / max(len(totals), 1)
    bars = []
    for index, day_total in enumerate(totals):
        height = plot_height * day_total.total / top
        bars.append(
            Bar(
                x=CHART_MARGIN_LEFT + index * slot + slot * 0.15,
                y=plot_height - height,
                width=slot * 0.7,
                height=height,
                day_total=day_total,
            )
        )
    return bars, top
