"""Helpers shared by the registry's services."""

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from modelsearch.tasks import insert_or_update_object_task

from portal.audit.models import Outcome
from portal.audit.services import record
from portal.members.models import MembershipRole, MembershipStatus, User

logger = logging.getLogger(__name__)


def require(allowed: bool, action: str, actor, target) -> None:
    """Record a denied attempt and raise ``PermissionDenied`` unless ``allowed``."""
    if allowed:
        return
    record(action, actor=actor, target=target, outcome=Outcome.DENIED)
    logger.info(
        "Denied %s on %s %s to user %s",
        action,
        target._meta.label_lower,
        target.pk,
        getattr(actor, "pk", None),
    )
    raise PermissionDenied


def reindex_services(service_ids) -> None:
    """Update the search index entries of these services once the transaction commits.

    A service's index entry contains the names of its adopted measures and its site types, which saving the
    service alone does not refresh.
    """
    keys = sorted({str(pk) for pk in service_ids})

    def enqueue() -> None:
        for key in keys:
            insert_or_update_object_task.enqueue("registry", "service", key)

    transaction.on_commit(enqueue)


def organization_admins(organization_id: int):
    """Return the active admins of an organization, who hear about its registry entries and checklist."""
    return User.objects.filter(
        is_active=True,
        memberships__organization_id=organization_id,
        memberships__organization__is_approved=True,
        memberships__status=MembershipStatus.APPROVED,
        memberships__role=MembershipRole.ADMIN,
    ).distinct()
