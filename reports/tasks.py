"""Background work of the reports area: the email that notifies a reporter of news on their report.

A failed send is logged with the report id and tried again, up to ``MAX_ATTEMPTS`` times in all. The
attempts are ``RETRY_DELAYS`` seconds apart where the task backend can defer (the database queue of
production), and the immediate backend of development and tests retries at once. The email carries no PIN and no detail of the
report, so it may wait in the queue.
"""

import logging
from datetime import timedelta

from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

from .emails import render_update
from .models import Report

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
# Seconds to wait before the second and the third attempt.
RETRY_DELAYS = (300, 3600)


@task()
def send_update_email(report_id: int, attempt: int = 1) -> str:
    """Tell the reporter that their report has news; return what happened, for the task's result."""
    report = Report.objects.filter(pk=report_id).first()
    if report is None or not report.contact_email:
        logger.info("Report %s has no contact address any more; no update email sent.", report_id)
        return "skipped: no address"
    subject, body = render_update(report)
    try:
        send_mail(subject, body, None, [report.contact_email])
    except Exception:
        logger.exception(
            "Sending the update email of report %s failed, attempt %d of %d.",
            report_id,
            attempt,
            MAX_ATTEMPTS,
        )
        if attempt >= MAX_ATTEMPTS:
            logger.error(
                "Gave up sending the update email of report %s after %d attempts.", report_id, attempt
            )
            return "failed: gave up"
        enqueue_update_email(report_id, attempt=attempt + 1)
        return "failed: retry enqueued"
    return "sent"


def enqueue_update_email(report_id: int, *, attempt: int = 1) -> None:
    """Enqueue ``send_update_email``, after the delay that belongs to ``attempt`` if the backend can defer."""
    send = send_update_email
    delay = RETRY_DELAYS[attempt - 2] if attempt >= 2 else 0
    if delay and send.get_backend().supports_defer:
        send = send.using(run_after=timezone.now() + timedelta(seconds=delay))
    try:
        send.enqueue(report_id, attempt)
    except Exception:
        logger.exception("Enqueueing the update email of report %s failed.", report_id)
