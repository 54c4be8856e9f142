"""Publishing guideline versions, carrying open comments to them, and recording that they were read."""

from __future__ import annotations

import logging
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from portal.audit.models import Outcome
from portal.audit.services import record
from portal.home.page_cache import retire_cached_pages
from portal.members import access

from .. import signals, versioning
from ..models import (
    Acknowledgement,
    Comment,
    CommentPlacement,
    GuidelinePage,
    GuidelineVersion,
    PlacementState,
    VersionState,
)
from . import notices

logger = logging.getLogger(__name__)


def publish_version(
    page: GuidelinePage,
    *,
    consultation: bool = False,
    revision=None,
    actor=None,
    now: datetime | None = None,
) -> GuidelineVersion | None:
    """Freeze the page's current text as the version in force, or as a draft under consultation.

    A new version in force supersedes the one before it; a major one also closes every draft still under
    consultation. A new draft supersedes the earlier drafts. Unresolved threads of earlier versions are
    carried to the new version. A major version tells commenters and subscribers.

    Publishing the unchanged draft under consultation with its own label puts that draft into force. Returns
    ``None`` when the text is the version in force again, so there is nothing new to freeze.

    Raises ``ValidationError``, by field name, when the label is taken by other text, a major change lacks
    its change note or a consultation lacks a closing time in the future.
    """
    now = now or timezone.now()
    text = versioning.snapshot(page.title, page.summary, page.sections)
    plan = versioning.plan_version(
        page,
        text,
        label=page.version_label,
        is_major=page.is_major_change,
        change_note=page.change_note,
        closes_at=page.consultation_closes_at,
        consultation=consultation,
        now=now,
    )
    if not plan.is_valid:
        raise ValidationError(plan.errors)
    if plan.kind is versioning.PlanKind.UNCHANGED:
        return None

    with transaction.atomic():
        # Serialise publications of one guideline, so two cannot both take the next number or both stay in force.
        GuidelinePage.objects.select_for_update().filter(pk=page.pk).first()
        previous = page.versions.in_force().first()
        if plan.kind is versioning.PlanKind.ADOPT:
            version = _adopt(page, plan.existing, revision=revision, actor=actor, now=now)
        else:
            version = _create(page, text, consultation=consultation, revision=revision, actor=actor, now=now)
        record(
            _audit_action(plan.kind, version),
            actor=actor,
            target=version,
            detail={"guideline": page.pk, "label": version.label, "major": version.is_major},
        )
        if version.is_public:
            transaction.on_commit(retire_cached_pages)
        if version.is_in_force:
            _send_published_signal(page, version, previous)
        if version.is_major:
            notices.tell_of_new_version(version, actor=actor)
    logger.info(
        "Published guideline %s version %s (%s, id %s)", page.pk, version.label, version.state, version.pk
    )
    return version


def _audit_action(kind: versioning.PlanKind, version: GuidelineVersion) -> str:
    if kind is versioning.PlanKind.ADOPT:
        return "guidelines.version.adopted"
    if version.is_consultation:
        return "guidelines.consultation.opened"
    return "guidelines.version.published"


def _create(page, text: dict, *, consultation: bool, revision, actor, now) -> GuidelineVersion:
    state = VersionState.CONSULTATION if consultation else VersionState.IN_FORCE
    if consultation:
        _supersede(page.versions.consultation(), now)
    else:
        _supersede(page.versions.in_force(), now)
        if page.is_major_change:
            _supersede(page.versions.consultation(), now)
    sequence = (page.versions.aggregate(highest=Max("sequence"))["highest"] or 0) + 1
    version = GuidelineVersion.objects.create(
        guideline=page,
        sequence=sequence,
        label=page.version_label,
        state=state,
        is_major=page.is_major_change,
        change_note=page.change_note.strip(),
        effective_date=versioning.effective_date_or_today(page.effective_date, now),
        consultation_closes_at=page.consultation_closes_at if consultation else None,
        published_at=now,
        in_force_since=None if consultation else now,
        revision=revision,
        published_by=actor if getattr(actor, "is_authenticated", False) else None,
        title=text["title"],
        summary=text["summary"],
        sections=text["sections"],
        measure_ids=_measure_ids(page),
        search_text=versioning.search_text(text["sections"]),
    )
    carry_threads(version)
    return version


def _adopt(page, version: GuidelineVersion, *, revision, actor, now) -> GuidelineVersion:
    _supersede(page.versions.in_force(), now)
    _supersede(page.versions.consultation().exclude(pk=version.pk), now)
    version.state = VersionState.IN_FORCE
    version.in_force_since = now
    version.effective_date = versioning.effective_date_or_today(page.effective_date, now)
    version.is_major = page.is_major_change
    if page.change_note.strip():
        version.change_note = page.change_note.strip()
    version.measure_ids = _measure_ids(page)
    version.revision = revision or version.revision
    if getattr(actor, "is_authenticated", False):
        version.published_by = actor
    version.save()
    return version


def _measure_ids(page) -> list[int]:
    # all() rather than values_list(), which modelcluster's in-memory relation of a draft lacks.
    return sorted(measure.pk for measure in page.recommended_measures.all())


def _supersede(versions, now) -> None:
    # Saved one by one rather than with update(), so the search index learns of the new state.
    for version in versions:
        version.state = VersionState.SUPERSEDED
        version.superseded_at = now
        version.save(update_fields=["state", "superseded_at"])


def carry_threads(version: GuidelineVersion) -> list[CommentPlacement]:
    """Attach every unresolved thread of the guideline's earlier versions (by publication order) to ``version``.

    Each thread keeps its own version and gets a placement on the new one, at the section with the same
    anchor. The placement is marked unchanged or changed by comparing that section's plain text with the text
    the thread was written on, or removed when the new version has no such section. Threads already placed on
    ``version`` are left alone, so calling this again adds only the threads written since.
    """
    threads = (
        Comment.objects.carried_forward()
        .filter(version__guideline_id=version.guideline_id, version__sequence__lt=version.sequence)
        .exclude(placements__version=version)
        .select_related("version")
    )
    placements = []
    for thread in threads:
        written_on = versioning.section_text(thread.version.section_map.get(thread.section_anchor))
        section = version.section_map.get(thread.section_anchor)
        if section is None:
            state = PlacementState.REMOVED
        elif versioning.section_text(section) == written_on:
            state = PlacementState.SAME
        else:
            state = PlacementState.CHANGED
        placements.append(
            CommentPlacement(
                comment=thread, version=version, section_anchor=thread.section_anchor, state=state
            )
        )
    return CommentPlacement.objects.bulk_create(placements)


def _send_published_signal(page, version, previous) -> None:
    # A failing receiver is logged rather than undoing a publication that the editor has already seen succeed.
    responses = signals.version_published.send_robust(
        sender=GuidelinePage, guideline=page, version=version, is_major=version.is_major, previous=previous
    )
    for receiver, response in responses:
        if isinstance(response, Exception):
            logger.error(
                "Receiver %r of version_published failed for guideline %s version %s",
                receiver,
                page.pk,
                version.pk,
                exc_info=response,
            )


def acknowledge_version(user, version: GuidelineVersion) -> tuple[Acknowledgement, bool]:
    """Record that the user's organization has read ``version``; return the record and whether it is new.

    Raises ``PermissionDenied`` unless the user is an operator member and the version is in force.
    """
    if not access.can_acknowledge_guideline_version(user, version):
        record("guidelines.version.acknowledged", actor=user, target=version, outcome=Outcome.DENIED)
        raise PermissionDenied
    organization = access.standing(user).organization
    with transaction.atomic():
        acknowledgement, created = Acknowledgement.objects.get_or_create(
            version=version, organization=organization, defaults={"user": user}
        )
        if created:
            record(
                "guidelines.version.acknowledged",
                actor=user,
                target=version,
                detail={"organization": organization.pk, "guideline": version.guideline_id},
            )
            signals.version_acknowledged.send(
                sender=GuidelineVersion,
                organization=organization,
                guideline=version.guideline,
                version=version,
                user=user,
            )
    return acknowledgement, created
