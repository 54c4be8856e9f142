"""Services, adoptions, their evidence and their verification."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.audit.services import record
from portal.members import access
from portal.members.models import Organization, User
from portal.notifications.services import notify

from ..models import (
    Adoption,
    AdoptionEvent,
    AdoptionStatus,
    EventKind,
    Evidence,
    Measure,
    Service,
    SiteType,
)
from ..models.operators import IN_PLACE_STATUSES
from .common import organization_admins, reindex_services, require

logger = logging.getLogger(__name__)

# Fields of an adoption whose change the history records.
TRACKED_FIELDS = ["status", "started_on", "started_precision", "planned_for", "ended_on", "reason"]

Reason = str | Promise | Callable[[], str]


# Services


def save_service(service: Service, site_types: Iterable[SiteType], *, actor: User) -> Service:
    """Create or update ``service`` with its site types.

    Raises ``PermissionDenied`` unless the actor may manage the operator's services.
    """
    action = "registry.service.changed" if service.pk else "registry.service.created"
    require(access.can_manage_services(actor, service.organization), action, actor, service.organization)
    with transaction.atomic():
        service.save()
        service.site_types.set(site_types)
        record(action, actor=actor, target=service, detail={"organization": service.organization_id})
    reindex_services([service.pk])
    return service


# Adoptions


def save_adoption(adoption: Adoption, *, actor: User) -> Adoption:
    """Record a new adoption or a change of one, and keep the change in its history.

    An operator never sets "verified": a verified adoption that the operator saves unchanged stays verified,
    and one whose status, dates or reason change returns to self-declared. Saving an adoption that a guideline
    change flagged for review counts as the operator's confirmation, unless a reviewer verified it, in which
    case a reviewer clears the flag.

    Raises ``PermissionDenied`` unless the actor may manage the service's operator, and ``ValidationError``
    when the operator tries to set "verified" or the measure is already recorded for the service.
    """
    service = adoption.service
    require(
        access.can_manage_services(actor, service.organization), "registry.adoption.saved", actor, service
    )
    with transaction.atomic():
        previous = (
            Adoption.objects.select_for_update(of=("self",)).filter(pk=adoption.pk).first()
            if adoption.pk
            else None
        )
        if previous is None:
            _create_adoption(adoption, actor)
        else:
            _update_adoption(previous, adoption, actor)
    reindex_services([service.pk])
    if adoption.is_in_place:
        from .onboarding import settle_measure_items

        settle_measure_items(service.organization, adoption.measure, actor=actor)
    return adoption


def _create_adoption(adoption: Adoption, actor: User) -> None:
    if adoption.status == AdoptionStatus.VERIFIED:
        raise ValidationError({"status": _("Only a reviewer can mark an adoption as verified.")})
    if Adoption.objects.filter(service=adoption.service, measure=adoption.measure).exists():
        raise ValidationError(
            {
                "measure": _(
                    "This measure is already recorded for this service. Change the existing entry instead."
                )
            }
        )
    adoption.save()
    _add_event(adoption, EventKind.RECORDED, actor, to_status=adoption.status)
    record("registry.adoption.recorded", actor=actor, target=adoption, detail=_detail(adoption))


def _update_adoption(previous: Adoption, adoption: Adoption, actor: User) -> None:
    if previous.status == AdoptionStatus.VERIFIED and adoption.status == AdoptionStatus.ADOPTED:
        # The operator's form shows "adopted" for a verified adoption, so an unchanged save keeps the verification.
        adoption.status = AdoptionStatus.VERIFIED
    elif adoption.status == AdoptionStatus.VERIFIED and previous.status != AdoptionStatus.VERIFIED:
        raise ValidationError({"status": _("Only a reviewer can mark an adoption as verified.")})

    changed = [name for name in TRACKED_FIELDS if getattr(previous, name) != getattr(adoption, name)]
    withdrawn = previous.status == AdoptionStatus.VERIFIED and bool(changed)
    if withdrawn:
        if adoption.status == AdoptionStatus.VERIFIED:
            adoption.status = AdoptionStatus.ADOPTED
        _clear_verification(adoption)
    confirmed = previous.needs_review and adoption.status != AdoptionStatus.VERIFIED
    if not changed and not confirmed:
        return
    if confirmed:
        _clear_flag(adoption)
    adoption.save()

    if withdrawn:
        kind = EventKind.VERIFICATION_WITHDRAWN
    elif previous.status != adoption.status:
        kind = EventKind.STATUS_CHANGED
    elif changed:
        kind = EventKind.DETAILS_CHANGED
    else:
        kind = EventKind.CONFIRMED
    _add_event(adoption, kind, actor, from_status=previous.status, to_status=adoption.status)
    detail = _detail(adoption) | {"previous_status": previous.status, "fields": changed}
    record("registry.adoption.changed", actor=actor, target=adoption, detail=detail)


def verify_adoption(
    adoption: Adoption, *, actor: User, verified_on: datetime.date, note: str = ""
) -> Adoption:
    """Mark an adoption in place as verified by the actor's review body, and tell the operator's admins.

    Verifying again after a guideline change clears the flag. Raises ``PermissionDenied`` unless the actor is a
    reviewer with a second factor, and ``ValidationError`` when the measure is not in place or the date lies
    in the future.
    """
    require(access.can_verify_adoptions(actor), "registry.adoption.verified", actor, adoption)
    if verified_on > timezone.localdate():
        raise ValidationError({"verified_on": _("The verification date cannot be in the future.")})
    with transaction.atomic():
        adoption = _lock(adoption)
        if not adoption.is_in_place:
            raise ValidationError(
                _("Only a measure in place can be verified. Its status is “%(status)s”."),
                code="status",
                params={"status": adoption.get_status_display()},
            )
        previous_status = adoption.status
        review_body = access.standing(actor).organization
        adoption.status = AdoptionStatus.VERIFIED
        adoption.verified_by_organization = review_body
        adoption.verified_by = actor
        adoption.verified_on = verified_on
        adoption.reviewer_note = note
        _clear_flag(adoption)
        adoption.save()
        _add_event(
            adoption,
            EventKind.VERIFIED,
            actor,
            from_status=previous_status,
            to_status=adoption.status,
            note=note,
        )
        record("registry.adoption.verified", actor=actor, target=adoption, detail=_detail(adoption))
        _tell_operator(
            adoption,
            kind="registry_adoption_verified",
            title=lambda: (
                _("%(body)s verified %(measure)s on %(service)s")
                % {
                    "body": review_body.display_name,
                    "measure": adoption.measure.name,
                    "service": adoption.service.name,
                }
            ),
        )
    reindex_services([adoption.service_id])
    from .onboarding import settle_measure_items

    settle_measure_items(adoption.service.organization, adoption.measure, actor=actor, verified=True)
    return adoption


def decline_verification(adoption: Adoption, *, actor: User, note: str) -> Adoption:
    """Record that a reviewer could not verify an adoption, with the reason, and tell the operator's admins.

    A verified adoption returns to self-declared. Raises ``PermissionDenied`` unless the actor is a reviewer
    with a second factor, and ``ValidationError`` without a note or when the measure is not in place.
    """
    require(access.can_verify_adoptions(actor), "registry.adoption.verification_declined", actor, adoption)
    if not note.strip():
        raise ValidationError({"note": _("Say what is missing, so the operator can act on it.")})
    with transaction.atomic():
        adoption = _lock(adoption)
        if not adoption.is_in_place:
            raise ValidationError(_("Only a measure in place can be reviewed."), code="status")
        previous_status = adoption.status
        if adoption.status == AdoptionStatus.VERIFIED:
            adoption.status = AdoptionStatus.ADOPTED
            _clear_verification(adoption)
        adoption.reviewer_note = note
        adoption.save()
        _add_event(
            adoption,
            EventKind.VERIFICATION_DECLINED,
            actor,
            from_status=previous_status,
            to_status=adoption.status,
            note=note,
        )
        record(
            "registry.adoption.verification_declined", actor=actor, target=adoption, detail=_detail(adoption)
        )
        _tell_operator(
            adoption,
            kind="registry_verification_declined",
            title=lambda: (
                _("A reviewer could not verify %(measure)s on %(service)s")
                % {"measure": adoption.measure.name, "service": adoption.service.name}
            ),
        )
    reindex_services([adoption.service_id])
    return adoption


def flag_adoptions_for_review(measures: Iterable[Measure], reason: Reason) -> int:
    """Flag every adoption in place of ``measures`` for review, so it does not silently stay valid.

    Called when the guideline behind the measures gets a new major version. ``reason`` is a string, a lazy
    string or a callable returning one; it is stored in each language. Each affected operator's admins get one
    notification. Returns the number of adoptions flagged.
    """
    measure_ids = [measure.pk for measure in measures]
    if not measure_ids:
        return 0
    reasons = {}
    for language in ("ja", "en"):
        with translation.override(language):
            reasons[language] = " ".join(str(reason() if callable(reason) else reason).split())[:300]

    now = timezone.now()
    with transaction.atomic():
        adoptions = list(
            Adoption.objects.select_for_update(of=("self",))
            .filter(measure_id__in=measure_ids, status__in=IN_PLACE_STATUSES)
            .select_related("service")
        )
        for adoption in adoptions:
            adoption.needs_review = True
            adoption.review_reason_ja = reasons["ja"]
            adoption.review_reason_en = reasons["en"]
            adoption.review_requested_at = now
        Adoption.objects.bulk_update(
            adoptions, ["needs_review", "review_reason_ja", "review_reason_en", "review_requested_at"]
        )
        AdoptionEvent.objects.bulk_create(
            AdoptionEvent(
                adoption=adoption,
                kind=EventKind.FLAGGED,
                from_status=adoption.status,
                to_status=adoption.status,
                at=now,
            )
            for adoption in adoptions
        )
        counts: dict[int, int] = {}
        for adoption in adoptions:
            counts[adoption.service.organization_id] = counts.get(adoption.service.organization_id, 0) + 1
        for organization_id, count in counts.items():
            _tell_admins_of_flags(organization_id, count)
            record(
                "registry.adoption.flagged",
                target=Organization.objects.get(pk=organization_id),
                detail={"measures": measure_ids, "adoptions": count},
            )
    logger.info("Flagged %d adoptions of measures %s for review", len(adoptions), measure_ids)
    return len(adoptions)


def _tell_admins_of_flags(organization_id: int, count: int) -> None:
    def title() -> str:
        return ngettext(
            "%(count)d adoption needs review after a guideline change",
            "%(count)d adoptions need review after a guideline change",
            count,
        ) % {"count": count}

    notify(
        organization_admins(organization_id),
        kind="registry_adoptions_flagged",
        title=title,
        url=lambda: reverse("registry:manage_organization", kwargs={"pk": organization_id}),
    )


# Evidence


def add_evidence(evidence: Evidence, *, actor: User) -> Evidence:
    """Store evidence for an adoption or a checklist item.

    Raises ``PermissionDenied`` unless the actor may change the record the evidence supports.
    """
    if evidence.checklist_item_id is not None:
        allowed = access.can_update_checklist_item(actor, evidence.checklist_item)
        target = evidence.checklist_item
    else:
        allowed = access.can_manage_services(actor, evidence.adoption.service.organization)
        target = evidence.adoption
    require(allowed, "registry.evidence.added", actor, target)
    if evidence.file:
        evidence.is_public = False
    evidence.uploaded_by = actor
    with transaction.atomic():
        evidence.save()
        if evidence.adoption_id is not None:
            _add_event(evidence.adoption, EventKind.EVIDENCE_ADDED, actor, note=evidence.title)
        record(
            "registry.evidence.added",
            actor=actor,
            target=evidence,
            detail={"kind": evidence.kind, "public": evidence.is_public},
        )
    return evidence


def remove_evidence(evidence: Evidence, *, actor: User) -> None:
    """Delete evidence and, once the transaction commits, its stored file.

    Raises ``PermissionDenied`` unless the actor may change the record the evidence supports.
    """
    require(access.can_remove_evidence(actor, evidence), "registry.evidence.removed", actor, evidence)
    file_name = evidence.file.name if evidence.file else ""
    storage = evidence.file.storage
    with transaction.atomic():
        if evidence.adoption_id is not None:
            _add_event(evidence.adoption, EventKind.EVIDENCE_REMOVED, actor, note=evidence.title)
        record("registry.evidence.removed", actor=actor, target=evidence, detail={"kind": evidence.kind})
        evidence.delete()
        if file_name:
            transaction.on_commit(lambda: _delete_file(storage, file_name))


def _delete_file(storage, name: str) -> None:
    try:
        storage.delete(name)
    except OSError:
        logger.exception("Could not delete the evidence file %s; remove it by hand.", name)


# Helpers


def _lock(adoption: Adoption) -> Adoption:
    return (
        Adoption.objects.select_for_update(of=("self",))
        .select_related("service__organization", "measure", "verified_by_organization")
        .get(pk=adoption.pk)
    )


def _clear_verification(adoption: Adoption) -> None:
    adoption.verified_by_organization = None
    adoption.verified_by = None
    adoption.verified_on = None


def _clear_flag(adoption: Adoption) -> None:
    adoption.needs_review = False
    adoption.review_reason_ja = ""
    adoption.review_reason_en = ""
    adoption.review_requested_at = None


def _add_event(
    adoption: Adoption, kind: str, actor: User | None, *, from_status: str = "", to_status: str = "", note=""
) -> AdoptionEvent:
    organization = access.standing(actor).organization if actor is not None else None
    return AdoptionEvent.objects.create(
        adoption=adoption,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_organization=organization,
        note=str(note),
    )


def _tell_operator(adoption: Adoption, *, kind: str, title) -> None:
    notify(
        organization_admins(adoption.service.organization_id),
        kind=kind,
        title=title,
        url=lambda: reverse("registry:service", kwargs={"pk": adoption.service_id}),
    )


def _detail(adoption: Adoption) -> dict:
    return {
        "service": adoption.service_id,
        "measure": adoption.measure.code,
        "status": adoption.status,
        "organization": adoption.service.organization_id,
    }
