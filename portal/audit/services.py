"""Writing to the audit log."""

import logging

from django.db import models

from .models import AuditEvent, Outcome

logger = logging.getLogger(__name__)


def record(
    action: str,
    *,
    actor=None,
    target: models.Model | None = None,
    outcome: str = Outcome.SUCCESS,
    detail: dict | None = None,
    target_label: str | None = None,
) -> AuditEvent:
    """Add an audit entry for ``action`` (a dotted id such as ``members.membership.approved``).

    ``detail`` must hold only ids, codes and status values: never free text a user wrote, secrets or
    personal data beyond what ``actor`` and ``target`` already identify.
    """
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    event = AuditEvent(
        action=action,
        actor=actor if is_user else None,
        actor_label=actor.get_username() if is_user else "",
        outcome=outcome,
        detail=detail or {},
    )
    if target is not None:
        event.object_type = target._meta.label_lower
        event.object_id = str(target.pk)
        event.object_label = (target_label or str(target))[:255]
    elif target_label:
        event.object_label = target_label[:255]
    event.save()
    return event
