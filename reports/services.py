"""Operations on reports: intake, lookup by receipt, outcomes, replies, forwarding and contact deletion.

Views call these functions and never change a report themselves, so that every change is audited, the
right people are notified, and the published totals are refreshed in one place.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from portal.audit.models import AuditEvent
from portal.audit.services import record
from portal.members import access
from portal.members.models import Organization
from portal.notifications.services import notify

from . import emails
from .models import (
    Category,
    Outcome,
    Reply,
    Report,
    Source,
    new_pin,
    new_receipt_number,
    normalize_receipt_number,
)

logger = logging.getLogger(__name__)

# Checked against when a receipt number does not exist, so that a lookup takes as long either way.
_UNUSED_PIN_HASH = None


def submit_report(
    *,
    service,
    site_address: str,
    post_url: str,
    category: str,
    description: str,
    contact_email: str,
    user,
    language: str,
) -> tuple[Report, str]:
    """Store a report, route it and tell its handlers; return it with its PIN, which is stored only hashed.

    Reports of sexual images of minors are forwarded to the police at once, and the operator still sees them,
    because it is the operator who can take the post down. The returned report's ``receipt_emailed`` is
    ``True`` or ``False`` for whether the receipt email went out, or ``None`` when no address was given.
    """
    group = reporting_group(user)
    now = timezone.now()
    pin = new_pin()
    report = Report(
        service=service,
        operator=service.organization if service is not None else None,
        site_address="" if service is not None else site_address,
        post_url=post_url,
        category=category,
        description=description,
        source=Source.VOLUNTEER if group is not None else Source.PUBLIC,
        reporter_organization=group,
        reporter=user if access.standing(user).role is not access.Role.ANONYMOUS else None,
        contact_email=contact_email,
        language=language,
        received_at=now,
        forwarded_to_police_at=now if category == Category.SEXUAL_IMAGES else None,
    )
    report.set_pin(pin)
    for attempt in range(5):
        report.receipt_number = new_receipt_number()
        try:
            with transaction.atomic():
                report.save()
            break
        except IntegrityError:
            # 60 random bits make a collision very unlikely, but it would only cost another draw.
            logger.warning("Receipt number collision on attempt %d; drawing another.", attempt + 1)
    else:
        raise RuntimeError("Could not draw an unused receipt number.")
    record(
        "reports.report.received",
        actor=user,
        target=report,
        detail={"category": category, "source": report.source, "service": report.service_id},
    )
    _tell_handlers(report)
    if report.is_forwarded_to_police:
        _tell_police(report)
    report.receipt_emailed = emails.send_receipt(report, pin) if contact_email else None
    totals_changed()
    return report, pin


def reporting_group(user) -> Organization | None:
    """Return the volunteer group that ``user``'s reports are marked with, or ``None`` for a public report."""
    current = access.standing(user)
    if current.role is not access.Role.VOLUNTEER:
        return None
    if access.members_area_decision(user) is not access.Decision.ALLOW:
        return None
    return current.organization


def look_up(receipt_number: str, pin: str) -> Report | None:
    """Return the report with this receipt number when ``pin`` matches, else ``None``.

    A wrong PIN and an unknown number take the same path and the same time, so the result reveals nothing
    about whether the number exists.
    """
    global _UNUSED_PIN_HASH
    number = normalize_receipt_number(receipt_number)
    report = Report.objects.filter(receipt_number=number).first() if number else None
    if report is None:
        if _UNUSED_PIN_HASH is None:
            _UNUSED_PIN_HASH = make_password(new_pin())
        check_password(pin, _UNUSED_PIN_HASH)
        return None
    return report if report.check_pin(pin) else None


def record_outcome(report: Report, *, outcome: str, user, message: str = "") -> Report:
    """Close ``report`` with ``outcome`` and, when given, a message to the reporter.

    Raises ``PermissionError`` when the user may not, for instance because someone closed it meanwhile.
    """
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if not access.can_record_report_outcome(user, locked):
            raise PermissionError("The report is closed or the user may not close it.")
        now = timezone.now()
        locked.outcome = outcome
        locked.closed_at = now
        locked.closed_by = user
        newly_forwarded = outcome == Outcome.FORWARDED_TO_POLICE and locked.forwarded_to_police_at is None
        if newly_forwarded:
            locked.forwarded_to_police_at = now
        locked.save(update_fields=["outcome", "closed_at", "closed_by", "forwarded_to_police_at"])
        if message:
            _add_reply(locked, body=message, user=user)
        record("reports.report.closed", actor=user, target=locked, detail={"outcome": outcome})
    if newly_forwarded:
        _tell_police(locked)
    _tell_reporter(locked)
    totals_changed()
    return locked


def reply(report: Report, *, body: str, user) -> Reply:
    """Send the reporter a message about ``report`` without changing its outcome."""
    if not access.can_reply_to_reporter(user, report):
        raise PermissionError("The user may not reply on this report.")
    with transaction.atomic():
        message = _add_reply(report, body=body, user=user)
    _tell_reporter(report)
    return message


def forward_to_police(report: Report, *, user) -> Report:
    """Put an open report in the police queue without closing it (the secretariat does this)."""
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if not access.can_forward_report_to_police(user, locked):
            raise PermissionError("The report cannot be forwarded by this user.")
        locked.forwarded_to_police_at = timezone.now()
        locked.save(update_fields=["forwarded_to_police_at"])
        record("reports.report.forwarded", actor=user, target=locked)
    _tell_police(locked)
    return locked


def acknowledge(report: Report, *, user) -> Report:
    """Record that the police have seen a forwarded report; the reporter's lookup shows it."""
    if not access.can_acknowledge_report(user, report):
        raise PermissionError("The user may not acknowledge this report.")
    if report.police_acknowledged_at is None:
        report.police_acknowledged_at = timezone.now()
        report.save(update_fields=["police_acknowledged_at"])
        record("reports.report.acknowledged", actor=user, target=report)
    return report


def delete_due_contacts(now=None) -> int:
    """Delete the reporter's address and account link of reports closed longer ago than the retention period.

    The link goes from the report and from the report's intake entry in the audit log.
    """
    now = now or timezone.now()
    due = Report.objects.with_contact_due_for_deletion(now)
    ids = list(due.values_list("pk", flat=True))
    if not ids:
        return 0
    Report.objects.filter(pk__in=ids).update(contact_email="", reporter=None, contact_deleted_at=now)
    # The intake entry of the audit log names the reporter's account as its actor, so it goes with the link.
    AuditEvent.objects.filter(
        action="reports.report.received", object_type="reports.report", object_id__in=[str(pk) for pk in ids]
    ).update(actor=None, actor_label="")
    logger.info("Deleted the reporter contact data of %d closed reports.", len(ids))
    return len(ids)


def totals_changed() -> None:
    """Drop the cached published totals after a report arrived or was closed."""
    from .totals import forget_totals

    forget_totals()


def _add_reply(report: Report, *, body: str, user) -> Reply:
    organization = access.standing(user).organization
    message = Reply.objects.create(report=report, body=body, organization=organization, author=user)
    record("reports.report.replied", actor=user, target=report, detail={"reply": message.pk})
    return message


def _tell_handlers(report: Report) -> None:
    notify(
        access.report_handlers(report),
        kind="report_received",
        title=lambda: (
            _("New report %(reference)s about %(site)s")
            % {"reference": report.reference, "site": report.site_name}
        ),
        body=lambda: str(report.get_category_display()),
        url=lambda: report.get_absolute_url(),
    )


def _tell_police(report: Report) -> None:
    notify(
        access.report_handlers(report, police=True),
        kind="report_forwarded",
        title=lambda: _("Report %(reference)s forwarded to the police") % {"reference": report.reference},
        body=lambda: str(report.get_category_display()),
        url=lambda: report.get_absolute_url(),
    )


def _tell_reporter(report: Report) -> None:
    """Email the reporter that the report has news. The email contains no detail of the report."""
    if report.contact_email:
        emails.send_update(report)


def lookup_url(language: str | None = None) -> str:
    with translation.override(language or settings.LANGUAGE_CODE):
        return reverse("reports:lookup")
