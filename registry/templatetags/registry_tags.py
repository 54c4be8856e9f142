"""Template tags that show an adoption the same way everywhere: its status, dates, and who verified it.

They build their HTML in Python rather than with included templates, because the operator page's matrix
renders one cell per service and measure, and template includes made that page several times slower.
"""

from django import template
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from ..coverage import percent as format_percent
from ..models import Adoption

register = template.Library()

# A symbol per status, so the status reads without colour: planned, in progress, adopted, verified, ended.
STATUS_SYMBOLS = {
    "planned": "○",
    "in_progress": "◐",
    "adopted": "●",
    "verified": "✔",
    "discontinued": "✕",
}


@register.simple_tag
def adoption_status(adoption: Adoption) -> SafeString:
    """Render the status badge of an adoption: symbol and label."""
    return format_html(
        '<span class="adoption-status adoption-status--{}"><span aria-hidden="true">{}</span> {}</span>',
        adoption.status,
        STATUS_SYMBOLS.get(adoption.status, ""),
        adoption.get_status_display(),
    )


@register.simple_tag
def adoption_dates(adoption: Adoption) -> SafeString:
    """Render the dates an adoption has: in place since, planned for, ended."""
    dates = []
    if adoption.since_display:
        dates.append(gettext("since %(since)s") % {"since": adoption.since_display})
    if adoption.planned_for:
        dates.append(
            gettext("planned for %(date)s")
            % {"date": formats.date_format(adoption.planned_for, "DATE_FORMAT")}
        )
    if adoption.ended_on:
        dates.append(
            gettext("ended %(date)s") % {"date": formats.date_format(adoption.ended_on, "DATE_FORMAT")}
        )
    return format_html_join("", '<span class="adoption-date">{}</span>', ((text,) for text in dates))


@register.simple_tag
def verification(adoption: Adoption) -> SafeString:
    """Render "verified by <review body> on <date>" or "self-declared", with the review flag if any."""
    line = format_html(
        '<span class="verification{}">{}</span>',
        " verification--verified" if adoption.is_verified else "",
        adoption.verification_display,
    )
    if not adoption.needs_review:
        return line
    flag = gettext("Review needed")
    if adoption.review_reason:
        flag = f"{flag}: {adoption.review_reason}"
    return format_html('{} <span class="review-flag">{}</span>', line, flag)


@register.filter
def percent(value: float) -> str:
    return format_percent(value)
