"""Emails to reporters, in the language they reported in.

The receipt carries the PIN, so it is sent in the request that created the report and never through the
task queue, whose rows would keep the PIN in the database. Later emails only announce that there is news
and link to the lookup page; they are sent by a task that retries (``reports.tasks``).
"""

from __future__ import annotations

import logging
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def _context(report) -> dict:
    return {
        "report": report,
        "lookup_url": urljoin(settings.WAGTAILADMIN_BASE_URL, reverse("reports:lookup")),
        "hotline_url": settings.REPORTS_HOTLINE_URL,
    }


def send_receipt(report, pin: str) -> bool:
    """Email the receipt number and PIN; return ``False`` when sending failed, so the page can show it."""
    with translation.override(report.language):
        context = _context(report) | {"pin": pin}
        subject = _("Your report was received: %(number)s") % {"number": report.formatted_receipt_number}
        body = render_to_string("reports/email/receipt.txt", context)
    try:
        send_mail(subject, body, None, [report.contact_email])
    except Exception:
        # The PIN is on the reporter's screen; the email is a copy. Its address stays out of the log.
        logger.exception("Sending the receipt of report %s failed.", report.pk)
        return False
    return True


def send_update(report) -> None:
    """Queue the email that invites the reporter to look the report up, after the transaction commits."""
    from .tasks import enqueue_update_email

    report_id = report.pk
    transaction.on_commit(lambda: enqueue_update_email(report_id))


def render_update(report) -> tuple[str, str]:
    with translation.override(report.language):
        subject = _("News on your report %(number)s") % {"number": report.formatted_receipt_number}
        body = render_to_string("reports/email/update.txt", _context(report))
    return subject, body
