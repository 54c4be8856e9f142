"""Cell values that are safe to open in a spreadsheet, for every CSV and XLSX export of the portal.

Excel and LibreOffice read a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a
formula, so text written by users could run a formula on the reader's machine. Such CSV cells get a leading
apostrophe; XLSX cells are typed as text instead. Control characters are dropped, because XLSX cannot store
them and they serve no purpose in exported text. Times are written in the portal's time zone.
"""

import datetime
import re

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import ratelimit

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Control characters, and what XML 1.0 (inside XLSX) cannot hold: surrogates and the noncharacters.
CONTROL_CHARACTERS = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
# Excel reads a CSV file as UTF-8 only when the file starts with a byte order mark.
CSV_BYTE_ORDER_MARK = "\ufeff"


def safe_text(value: str, *, for_csv: bool = True) -> str:
    """Return ``value`` without control characters and, for CSV, with formula-like text neutralised.

    XLSX cells are typed, and Wagtail stores formula-like text as a string cell, so they need no prefix.
    """
    cleaned = CONTROL_CHARACTERS.sub("", value)
    if for_csv and cleaned.startswith(FORMULA_PREFIXES):
        return f"'{cleaned}"
    return cleaned


def safe_cell(value, *, for_csv: bool):
    """Return ``value`` ready for a spreadsheet cell: safe text, local times, other values unchanged."""
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return local.strftime("%Y-%m-%d %H:%M:%S") if for_csv else local.replace(tzinfo=None, microsecond=0)
    if isinstance(value, str):
        return safe_text(value, for_csv=for_csv)
    return value


class SafeSpreadsheetExportMixin:
    """For Wagtail's listing views with ``list_export``: safe cells, and CSV that Excel opens as UTF-8."""

    def preprocess_field_value(self, field, value, export_format):
        value = safe_cell(value, for_csv=export_format == self.FORMAT_CSV)
        return super().preprocess_field_value(field, value, export_format)

    def stream_csv(self, queryset):
        yield CSV_BYTE_ORDER_MARK
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response


class ThrottledExportMixin:
    """Return 429 once a sender has downloaded ``PORTAL_EXPORT_LIMIT`` exports in the current window.

    Every export writes an audit entry, so without a limit one client could fill the audit log. The sender is
    the account when signed in, else the client's network (``portal.ratelimit``).
    """

    def dispatch(self, request, *args, **kwargs):
        window = settings.PORTAL_EXPORT_WINDOW_SECONDS
        if not ratelimit.consume(
            "exports",
            ratelimit.sender_key(request, "portal.exports"),
            limit=settings.PORTAL_EXPORT_LIMIT,
            window=window,
        ):
            response = HttpResponse(
                _("You have downloaded many exports in a short time. Please try again later."),
                status=429,
                content_type="text/plain; charset=utf-8",
            )
            response["Retry-After"] = str(window)
            return response
        return super().dispatch(request, *args, **kwargs)
