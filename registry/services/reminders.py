"""Reminders the registry sends once a day: evidence about to expire, and overdue checklist items.

``manage.py registry_reminders`` runs both, and docs/registry.md describes how to schedule it. Each reminder is sent
once: the evidence or item records the day it went out. A failure for one organization is logged with its
ids and left for the next run, which tries again because nothing was marked as sent.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.members.tasks import secretariat_members
from portal.notifications.services import notify

from ..models import ChecklistItem, Evidence
from .common import organization_admins

logger = logging.getLogger(__name__)


def evidence_reminder_days() -> int:
    """Days before its expiry date that evidence is reminded of (``REGISTRY_EVIDENCE_REMINDER_DAYS``, default 30)."""
    return int(getattr(settings, "REGISTRY_EVIDENCE_REMINDER_DAYS", 30))


def send_evidence_expiry_reminders(today: datetime.date) -> int:
    """Tell each operator's admins about evidence that expires within the reminder period.

    Returns the number of evidence records reminded of.
    """
    horizon = today + datetime.timedelta(days=evidence_reminder_days())
    expiring = (
        Evidence.objects.filter(
            expires_on__isnull=False,
            expires_on__gte=today,
            expires_on__lte=horizon,
            expiry_reminder_sent_on__isnull=True,
        )
        .select_related("adoption__service__organization", "adoption__measure", "checklist_item__checklist")
        .order_by("expires_on", "pk")
    )
    by_organization: dict[int, list[Evidence]] = defaultdict(list)
    for evidence in expiring:
        by_organization[evidence.organization_id].append(evidence)

    sent = 0
    for organization_id, records in by_organization.items():
        try:
            with transaction.atomic():
                _remind_of_evidence(organization_id, records)
                Evidence.objects.filter(pk__in=[record.pk for record in records]).update(
                    expiry_reminder_sent_on=today
                )
        except Exception:
            logger.exception(
                "Evidence expiry reminder failed for organization %s (evidence %s); the next run retries.",
                organization_id,
                [record.pk for record in records],
            )
            continue
        sent += len(records)
    return sent


def _remind_of_evidence(organization_id: int, records: list[Evidence]) -> None:
    first_expiry = records[0].expires_on

    def title() -> str:
        return ngettext(
            "%(count)d piece of evidence expires on or before %(date)s",
            "%(count)d pieces of evidence expire on or before %(date)s",
            len(records),
        ) % {"count": len(records), "date": formats.date_format(records[-1].expires_on, "DATE_FORMAT")}

    def body() -> str:
        lines = [
            _(
                "Add current evidence before the old one expires, so the registry keeps showing your measures as supported."
            )
        ]
        lines += [
            f"- {record.title} ({formats.date_format(record.expires_on, 'DATE_FORMAT')})"
            for record in records
        ]
        return "\n".join(str(line) for line in lines)

    notify(
        organization_admins(organization_id),
        kind="registry_evidence_expiring",
        title=title,
        body=body,
        url=lambda: reverse("registry:manage_organization", kwargs={"pk": organization_id}),
    )
    logger.info(
        "Reminded organization %s of %d expiring evidence records (first on %s)",
        organization_id,
        len(records),
        first_expiry,
    )


def send_overdue_item_reminders(today: datetime.date) -> int:
    """Tell the owners of overdue checklist items about them: the operator's admins or the secretariat.

    Returns the number of items reminded of.
    """
    overdue = (
        ChecklistItem.objects.overdue(today)
        .filter(overdue_reminder_sent_on__isnull=True)
        .select_related("checklist__organization")
        .order_by("due_on", "pk")
    )
    by_checklist: dict[int, list[ChecklistItem]] = defaultdict(list)
    for item in overdue:
        by_checklist[item.checklist_id].append(item)

    sent = 0
    for checklist_id, items in by_checklist.items():
        try:
            with transaction.atomic():
                _remind_of_items(items)
                ChecklistItem.objects.filter(pk__in=[item.pk for item in items]).update(
                    overdue_reminder_sent_on=today
                )
        except Exception:
            logger.exception(
                "Overdue reminder failed for checklist %s (items %s); the next run retries.",
                checklist_id,
                [item.pk for item in items],
            )
            continue
        sent += len(items)
    return sent


def _remind_of_items(items: list[ChecklistItem]) -> None:
    checklist = items[0].checklist
    operator_items = [item for item in items if item.is_owned_by_operator]
    secretariat_items = [item for item in items if not item.is_owned_by_operator]
    if operator_items:
        _notify_overdue(organization_admins(checklist.organization_id), checklist, operator_items)
    if secretariat_items:
        _notify_overdue(secretariat_members(), checklist, secretariat_items)


def _notify_overdue(recipients, checklist, items: list[ChecklistItem]) -> None:
    def title() -> str:
        return ngettext(
            "%(count)d onboarding item of %(organization)s is overdue",
            "%(count)d onboarding items of %(organization)s are overdue",
            len(items),
        ) % {"count": len(items), "organization": checklist.organization.display_name}

    def body() -> str:
        return "\n".join(
            f"- {item.title} ({formats.date_format(item.due_on, 'DATE_FORMAT')})" for item in items
        )

    notify(
        recipients,
        kind="registry_checklist_overdue",
        title=title,
        body=body,
        url=lambda: reverse("registry:checklist", kwargs={"pk": checklist.pk}),
    )
