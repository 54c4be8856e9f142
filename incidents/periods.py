"""Months, quarters and half-years: the periods incident patterns and statistics are counted in."""

import datetime

from django.utils.translation import gettext as _


def month_bounds(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(year, month, 1)
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    return start, next_month - datetime.timedelta(days=1)


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    first_month = 3 * (quarter - 1) + 1
    start, _end = month_bounds(year, first_month)
    _start, end = month_bounds(year, first_month + 2)
    return start, end


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Return the same day ``months`` later, or the last day of that month when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    _start, last = month_bounds(year, month)
    return day.replace(year=year, month=month, day=min(day.day, last.day))


def month_label(year: int, month: int) -> str:
    return _("%(month)d/%(year)d") % {"year": year, "month": month}


def quarter_label(year: int, quarter: int) -> str:
    return _("Q%(quarter)d %(year)d") % {"year": year, "quarter": quarter}
