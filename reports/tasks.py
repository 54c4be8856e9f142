"""Background work of the reports area."""

import logging

from django.core.mail import send_mail
from django_tasks import task

from .emails import render_update
from .models import Report

logger = logging.getLogger(__name__)


@task()
def send_update_email(report_id: int) -> None:
    """Tell the reporter that their report has news. A failure raises, so the worker records and retries it."""
    report = Report.objects.filter(pk=report_id).first()
    if report is None or not report.contact_email:
        logger.info("Report %s has no contact address any more; no update email sent.", report_id)
        return
    subject, body = render_update(report)
    send_mail(subject, body, None, [report.contact_email])
