"""Onboarding checklists: giving them, ticking their items, completion and the certificate."""

from __future__ import annotations

import datetime
import logging
from urllib.parse import urljoin

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from portal.audit.services import record
from portal.members import access
from portal.members.models import Organization, OrganizationKind, User
from portal.members.tasks import secretariat_members
from portal.notifications.services import notify
from portal.pdf import render_pdf

from ..models import (
    Certificate,
    Checklist,
    ChecklistItem,
    ChecklistTemplate,
    ItemKind,
    ItemState,
    Measure,
)
from .common import organization_admins, require

logger = logging.getLogger(__name__)


def give_checklist(
    organization: Organization, *, actor: User | None = None, template: ChecklistTemplate | None = None
) -> Checklist | None:
    """Give an operator organization its onboarding checklist, copied from the current template version.

    An organization has one checklist: when it already has one, that one is returned unchanged. Returns
    ``None`` for organizations that are not operators and when no template version is published yet. When an
    ``actor`` is given, raises ``PermissionDenied`` unless the actor is the secretariat.
    """
    if actor is not None:
        require(access.can_view_onboarding_overview(actor), "registry.checklist.given", actor, organization)
    if organization.kind != OrganizationKind.OPERATOR:
        return None
    existing = Checklist.objects.filter(organization=organization).first()
    if existing is not None:
        return existing
    template = template or ChecklistTemplate.objects.current()
    if template is None:
        logger.warning(
            "No published checklist template, so organization %s got no checklist.", organization.pk
        )
        return None

    given_at = timezone.now()
    today = timezone.localdate(given_at)
    try:
        with transaction.atomic():
            checklist = Checklist.objects.create(
                organization=organization, template=template, given_at=given_at, given_by=actor
            )
            ChecklistItem.objects.bulk_create(
                ChecklistItem(
                    checklist=checklist,
                    position=position,
                    kind=item.kind,
                    title_ja=item.title_ja,
                    title_en=item.title_en,
                    description_ja=item.description_ja,
                    description_en=item.description_en,
                    guideline_id=item.guideline_id,
                    measure_id=item.measure_id,
                    owner=item.owner,
                    due_on=today + datetime.timedelta(days=item.due_after_days),
                )
                for position, item in enumerate(template.items.order_by("sort_order", "pk"), start=1)
            )
            record(
                "registry.checklist.given",
                actor=actor,
                target=checklist,
                detail={"organization": organization.pk, "template_version": template.version},
            )
            notify(
                organization_admins(organization.pk),
                kind="registry_checklist_given",
                title=_("Your onboarding checklist is ready"),
                url=lambda: reverse("registry:checklist", kwargs={"pk": checklist.pk}),
            )
    except IntegrityError:
        # Two approvals raced; the other one gave the checklist.
        return Checklist.objects.get(organization=organization)
    return checklist


def settle_item(item: ChecklistItem, *, state: str, actor: User, reason: str = "") -> ChecklistItem:
    """Mark a checklist item done or not applicable, or reopen it.

    "Not applicable" needs a reason. Settling the last open item completes the checklist and issues its
    certificate. Raises ``PermissionDenied`` unless the actor may update the item, and ``ValidationError`` for
    an unknown state, a missing reason or a checklist already completed.
    """
    require(access.can_update_checklist_item(actor, item), "registry.checklist_item.changed", actor, item)
    if state not in ItemState.values:
        raise ValidationError({"state": _("Choose a valid state.")})
    if state == ItemState.NOT_APPLICABLE and not reason.strip():
        raise ValidationError({"reason": _("Say why this item does not apply to your organization.")})
    with transaction.atomic():
        item = _lock(item)
        if item.checklist.is_complete:
            raise ValidationError(
                _("The checklist is complete, so its items can no longer change."), code="complete"
            )
        previous = item.state
        item.state = state
        item.reason = reason.strip() if state == ItemState.NOT_APPLICABLE else ""
        if state == ItemState.OPEN:
            item.completed_at = None
            item.completed_by = None
            item.verified_at = None
            item.verified_by = None
        elif previous == ItemState.OPEN or previous != state:
            item.completed_at = timezone.now()
            item.completed_by = actor
            item.verified_at = None
            item.verified_by = None
        item.save()
        record(
            "registry.checklist_item.changed",
            actor=actor,
            target=item,
            detail={"checklist": item.checklist_id, "previous_state": previous, "state": state},
        )
        _complete_if_settled(item.checklist)
    return item


def verify_item(item: ChecklistItem, *, actor: User) -> ChecklistItem:
    """Record that the secretariat checked a settled item. Raises ``PermissionDenied`` for anyone else."""
    require(access.can_verify_checklist_item(actor, item), "registry.checklist_item.verified", actor, item)
    with transaction.atomic():
        item = _lock(item)
        if not item.is_settled:
            raise ValidationError(_("Only a done or not applicable item can be verified."), code="open")
        item.verified_at = timezone.now()
        item.verified_by = actor
        item.save(update_fields=["verified_at", "verified_by"])
        record(
            "registry.checklist_item.verified",
            actor=actor,
            target=item,
            detail={"checklist": item.checklist_id},
        )
    return item


def settle_measure_items(
    organization: Organization, measure: Measure, *, actor: User, verified: bool = False
) -> int:
    """Tick the open "adopt this measure" items of the organization's checklist once the measure is in place.

    With ``verified``, a reviewer verified the adoption, so the item counts as verified as well. Returns the
    number of items changed.
    """
    states = Q(state=ItemState.OPEN)
    if verified:
        states |= Q(state=ItemState.DONE, verified_at__isnull=True)
    now = timezone.now()
    with transaction.atomic():
        items = list(
            ChecklistItem.objects.select_for_update(of=("self",))
            .filter(
                checklist__organization=organization,
                checklist__completed_at__isnull=True,
                kind=ItemKind.ADOPT_MEASURE,
                measure=measure,
            )
            .filter(states)
        )
        for item in items:
            if item.state == ItemState.OPEN:
                item.state = ItemState.DONE
                item.completed_at = now
                item.completed_by = actor
            if verified:
                item.verified_at = now
                item.verified_by = actor
            item.save()
        if items:
            _complete_if_settled(items[0].checklist)
    return len(items)


def acknowledge_guideline(organization: Organization, guideline, version, user: User | None) -> int:
    """Tick the open "read this guideline" items of the organization's checklist for ``guideline``.

    ``guideline`` is a guideline page; an item pointing at any translation of it counts. Returns the number of
    items changed.
    """
    label = str(getattr(version, "label", "") or "")[:40]
    now = timezone.now()
    with transaction.atomic():
        items = list(
            ChecklistItem.objects.select_for_update(of=("self",)).filter(
                checklist__organization=organization,
                checklist__completed_at__isnull=True,
                kind=ItemKind.READ_GUIDELINE,
                state=ItemState.OPEN,
                guideline__translation_key=guideline.translation_key,
            )
        )
        for item in items:
            item.state = ItemState.DONE
            item.acknowledged_version = label
            item.completed_at = now
            item.completed_by = user
            item.save()
            record(
                "registry.checklist_item.changed",
                actor=user,
                target=item,
                detail={
                    "checklist": item.checklist_id,
                    "previous_state": ItemState.OPEN,
                    "state": ItemState.DONE,
                },
            )
        if items:
            _complete_if_settled(items[0].checklist)
    return len(items)


def _complete_if_settled(checklist: Checklist) -> None:
    """Complete the checklist and issue its certificate once no item is open."""
    checklist = Checklist.objects.select_for_update(of=("self",)).get(pk=checklist.pk)
    if checklist.is_complete or checklist.items.filter(state=ItemState.OPEN).exists():
        return
    checklist.completed_at = timezone.now()
    checklist.save(update_fields=["completed_at"])
    Certificate.objects.create(checklist=checklist, issued_at=checklist.completed_at)
    record(
        "registry.checklist.completed", target=checklist, detail={"organization": checklist.organization_id}
    )
    recipients = [*organization_admins(checklist.organization_id), *secretariat_members()]
    notify(
        recipients,
        kind="registry_checklist_completed",
        title=lambda: (
            _("%(organization)s completed its onboarding checklist")
            % {"organization": checklist.organization.display_name}
        ),
        url=lambda: reverse("registry:checklist", kwargs={"pk": checklist.pk}),
    )


def revoke_certificate(certificate: Certificate, *, actor: User, reason: str) -> Certificate:
    """Revoke a completion certificate with a reason, shown to the operator and on the public page.

    Raises ``PermissionDenied`` unless the actor may revoke it, and ``ValidationError`` for an empty reason.
    """
    require(
        access.can_revoke_certificate(actor, certificate), "registry.certificate.revoked", actor, certificate
    )
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": _("Say why the certificate is revoked.")})
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update(of=("self",)).get(pk=certificate.pk)
        if certificate.revoked_at is not None:
            return certificate
        certificate.revoked_at = timezone.now()
        certificate.revoked_by = actor
        certificate.revoked_reason = reason[: Certificate._meta.get_field("revoked_reason").max_length]
        certificate.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
        record(
            "registry.certificate.revoked",
            actor=actor,
            target=certificate,
            detail={"organization": certificate.checklist.organization_id},
        )
    checklist = certificate.checklist
    notify(
        organization_admins(checklist.organization_id),
        kind="registry_certificate_revoked",
        title=lambda: (
            _("The onboarding certificate of %(organization)s was revoked")
            % {"organization": checklist.organization.display_name}
        ),
        url=lambda: reverse("registry:checklist", kwargs={"pk": checklist.pk}),
    )
    return certificate


def _lock(item: ChecklistItem) -> ChecklistItem:
    return (
        ChecklistItem.objects.select_for_update(of=("self",))
        .select_related("checklist__organization")
        .get(pk=item.pk)
    )


# Certificate


def certificate_verification_url(certificate: Certificate, language: str) -> str:
    """Return the absolute address of the public page that confirms ``certificate``."""
    with translation.override(language):
        path = reverse("registry:certificate", kwargs={"code": certificate.code})
    return urljoin(settings.WAGTAILADMIN_BASE_URL, path)


def certificate_pdf(certificate: Certificate, language: str) -> bytes:
    """Render the completion certificate in ``language`` as PDF bytes."""
    checklist = certificate.checklist
    items = list(checklist.items.all())
    with translation.override(language):
        html = render_to_string(
            "registry/onboarding/certificate_pdf.html",
            {
                "certificate": certificate,
                "checklist": checklist,
                "organization": checklist.organization,
                "template": checklist.template,
                "done_count": sum(1 for item in items if item.state == ItemState.DONE),
                "not_applicable_count": sum(1 for item in items if item.state == ItemState.NOT_APPLICABLE),
                "verified_count": sum(1 for item in items if item.is_verified),
                "total_count": len(items),
                "verification_url": certificate_verification_url(certificate, language),
                "LANGUAGE_CODE": language,
            },
        )
    return render_pdf(html)
