"""Operations on incident patterns: writing, review, distribution changes, reads, reactions and archiving.

Every operation asks ``portal.members.access`` first, records a refusal in the audit log and raises
``PermissionDenied``. A state that rules the operation out (a pattern already released) raises
``ValidationError`` with a message for the user. Free text is checked by the PII guard before anything is
saved, here as well as in the form, so no caller can store text the guard rejects.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_variables

from portal.audit.models import Outcome
from portal.audit.services import record
from portal.members import access
from portal.members.distribution import Distribution, split_kinds
from portal.members.models import Organization, User
from portal.members.tasks import secretariat_members
from portal.notifications.services import notify

from ..models import (
    FREE_TEXT_FIELDS,
    IncidentPattern,
    PatternAction,
    PatternEvent,
    PatternReaction,
    PatternStatus,
    PatternView,
    ReactionKind,
)
from ..periods import add_months
from ..validation import check_free_text

logger = logging.getLogger(__name__)

# Weights of what two patterns share, for "similar patterns"; a pattern needs MIN_SIMILARITY to be shown.
SIMILARITY_WEIGHTS = {
    "first_contact_site_type": 3,
    "next_site_type": 2,
    "offence_type": 2,
    "age_bracket": 1,
    "region": 1,
}
MEASURE_WEIGHT = 1
MIN_SIMILARITY = 4


def _require(allowed: bool, action: str, actor, target: IncidentPattern | None = None) -> None:
    if allowed:
        return
    record(action, actor=actor, target=target, outcome=Outcome.DENIED)
    raise PermissionDenied


def _history(
    pattern: IncidentPattern,
    action: str,
    actor: User | None,
    *,
    old_distribution: str = "",
    old_audience: str = "",
) -> PatternEvent:
    organization = access.standing(actor).organization if actor is not None else None
    return PatternEvent.objects.create(
        pattern=pattern,
        action=action,
        actor=actor,
        organization=organization,
        old_distribution=old_distribution,
        new_distribution=pattern.distribution,
        old_audience=old_audience,
        new_audience=audience_summary(pattern),
    )


def audience_summary(pattern: IncidentPattern) -> str:
    """Describe who a level reaches in ids and codes only, for the history: kinds for AMBER, ids for RED."""
    if pattern.distribution == Distribution.AMBER:
        return pattern.audience_kinds.strip(",")
    if pattern.distribution == Distribution.RED and pattern.pk:
        ids = sorted(pattern.named_organizations.values_list("pk", flat=True))
        return ",".join(str(pk) for pk in ids)
    return ""


def _audience_state(pattern: IncidentPattern) -> tuple[str, str]:
    return pattern.distribution, audience_summary(pattern)


# Writing


@sensitive_variables("pattern")
def save_pattern(
    pattern: IncidentPattern,
    *,
    actor: User,
    measures,
    named_organizations,
    submit: bool,
) -> IncidentPattern:
    """Save a new or edited pattern as a draft, or submit it for review when ``submit`` is true.

    Raises ``PermissionDenied`` when the actor may not write or edit it, and ``ValidationError`` when a
    free-text field contains personal information (then nothing is saved) or the pattern is no longer editable.
    """
    is_new = pattern.pk is None
    if is_new:
        _require(access.can_share_pattern(actor), "incidents.pattern.created", actor)
    else:
        stored = IncidentPattern.objects.get(pk=pattern.pk)
        _require(access.can_edit_pattern(actor, stored), "incidents.pattern.edited", actor, stored)
        previous = _audience_state(stored)
    check_free_text({field: getattr(pattern, field) for field in FREE_TEXT_FIELDS})

    with transaction.atomic():
        if is_new:
            pattern.origin_organization = access.standing(actor).organization
            pattern.created_by = actor
        if submit:
            pattern.status = PatternStatus.SUBMITTED
            pattern.submitted_at = timezone.now()
        elif is_new:
            pattern.status = PatternStatus.DRAFT
        pattern.save()
        pattern.measures.set(measures)
        pattern.named_organizations.set(
            named_organizations if pattern.distribution == Distribution.RED else []
        )
        _history(pattern, PatternAction.CREATED if is_new else PatternAction.EDITED, actor)
        if not is_new and _audience_state(pattern) != previous:
            _history(
                pattern,
                PatternAction.DISTRIBUTION_CHANGED,
                actor,
                old_distribution=previous[0],
                old_audience=previous[1],
            )
        record(
            "incidents.pattern.created" if is_new else "incidents.pattern.edited",
            actor=actor,
            target=pattern,
            detail={"status": pattern.status, "distribution": pattern.distribution},
        )
        if submit:
            _history(pattern, PatternAction.SUBMITTED, actor)
            record("incidents.pattern.submitted", actor=actor, target=pattern)
            _notify_reviewers(pattern)
    return pattern


def record_rejected_text(actor: User, field_kinds: dict[str, list[str]]) -> None:
    """Audit a submission the PII guard rejected, with field names and kinds only, never the text."""
    record(
        "incidents.pattern.rejected_personal_information",
        actor=actor,
        outcome=Outcome.FAILURE,
        detail={"fields": field_kinds},
    )


def _notify_reviewers(pattern: IncidentPattern) -> None:
    notify(
        secretariat_members(),
        kind="incidents.pattern_submitted",
        title=gettext_lazy("An incident pattern is waiting for review"),
        url=lambda: _review_url(),
    )


def _review_url() -> str:
    from django.urls import reverse

    return reverse("incidents:review_queue")


# Review


def release_pattern(pattern: IncidentPattern, *, actor: User) -> IncidentPattern:
    """Release a submitted pattern to the members its level reaches and start its retention period."""
    _require(access.can_review_patterns(actor), "incidents.pattern.released", actor, pattern)
    if pattern.status != PatternStatus.SUBMITTED:
        raise ValidationError(_("Only a pattern awaiting review can be released."), code="state")
    with transaction.atomic():
        now = timezone.now()
        pattern.status = PatternStatus.RELEASED
        pattern.released_at = now
        pattern.released_by = actor
        pattern.review_note = ""
        pattern.archive_on = add_months(timezone.localdate(now), pattern.retention_months)
        pattern.save()
        _history(pattern, PatternAction.RELEASED, actor)
        record(
            "incidents.pattern.released",
            actor=actor,
            target=pattern,
            detail={"distribution": pattern.distribution, "archive_on": pattern.archive_on.isoformat()},
        )
        _notify_author(
            pattern,
            kind="incidents.pattern_released",
            title=gettext_lazy("Your incident pattern was released to members"),
        )
    return pattern


@sensitive_variables("note")
def return_pattern(pattern: IncidentPattern, *, actor: User, note: str) -> IncidentPattern:
    """Send a submitted pattern back to its contributor with the secretariat's note."""
    _require(access.can_review_patterns(actor), "incidents.pattern.returned", actor, pattern)
    if pattern.status != PatternStatus.SUBMITTED:
        raise ValidationError(_("Only a pattern awaiting review can be returned."), code="state")
    check_free_text({"note": note})
    with transaction.atomic():
        pattern.status = PatternStatus.RETURNED
        pattern.review_note = note
        pattern.save()
        _history(pattern, PatternAction.RETURNED, actor)
        record("incidents.pattern.returned", actor=actor, target=pattern)
        _notify_author(
            pattern,
            kind="incidents.pattern_returned",
            title=gettext_lazy("Your incident pattern was returned for changes"),
        )
    return pattern


def _notify_author(pattern: IncidentPattern, *, kind: str, title) -> None:
    if pattern.created_by is None:
        return
    notify([pattern.created_by], kind=kind, title=title, url=lambda: pattern.get_absolute_url())


def withdraw_pattern(pattern: IncidentPattern, *, actor: User) -> IncidentPattern:
    """Take a pattern out of members' view for good; its contributor and the secretariat still see it."""
    _require(access.can_withdraw_pattern(actor, pattern), "incidents.pattern.withdrawn", actor, pattern)
    with transaction.atomic():
        pattern.status = PatternStatus.WITHDRAWN
        pattern.save()
        _history(pattern, PatternAction.WITHDRAWN, actor)
        record("incidents.pattern.withdrawn", actor=actor, target=pattern)
    return pattern


def change_pattern_distribution(
    pattern: IncidentPattern,
    *,
    actor: User,
    distribution: str,
    audience_kinds: str,
    named_organizations: list[Organization],
) -> IncidentPattern:
    """Change who may read a pattern. The change, with the old and new audience, goes into its history."""
    _require(
        access.can_change_pattern_distribution(actor, pattern),
        "incidents.pattern.distribution_changed",
        actor,
        pattern,
    )
    old_distribution, old_audience = _audience_state(pattern)
    with transaction.atomic():
        pattern.distribution = distribution
        pattern.audience_kinds = audience_kinds
        pattern.save()
        pattern.named_organizations.set(named_organizations if distribution == Distribution.RED else [])
        if (old_distribution, old_audience) == _audience_state(pattern):
            return pattern
        _history(
            pattern,
            PatternAction.DISTRIBUTION_CHANGED,
            actor,
            old_distribution=old_distribution,
            old_audience=old_audience,
        )
        record(
            "incidents.pattern.distribution_changed",
            actor=actor,
            target=pattern,
            detail={
                "old": old_distribution,
                "new": distribution,
                "kinds": split_kinds(audience_kinds) if distribution == Distribution.AMBER else [],
                "organizations": [organization.pk for organization in named_organizations]
                if distribution == Distribution.RED
                else [],
            },
        )
    return pattern


# Reading and reacting


def record_pattern_read(pattern: IncidentPattern, *, user: User) -> None:
    """Count a read for the reader's organization (never for the contributor) and audit reads above GREEN."""
    if access.is_audited_level(pattern.distribution):
        record(
            "incidents.pattern.read",
            actor=user,
            target=pattern,
            detail={"distribution": pattern.distribution},
        )
    if access.is_pattern_contributor(user, pattern):
        return
    organization = access.standing(user).organization
    now = timezone.now()
    view, _created = PatternView.objects.get_or_create(
        pattern=pattern, organization=organization, defaults={"first_viewed_at": now}
    )
    PatternView.objects.filter(pk=view.pk).update(view_count=F("view_count") + 1, last_viewed_at=now)


def toggle_reaction(pattern: IncidentPattern, *, user: User, kind: str) -> bool:
    """Add the user's reaction of ``kind``, or take it back if given before; return whether it is now given."""
    _require(access.can_react_to_pattern(user, pattern), "incidents.pattern.reacted", user, pattern)
    if kind not in ReactionKind.values:
        raise ValidationError(_("Choose one of the offered reactions."), code="reaction")
    existing = PatternReaction.objects.filter(pattern=pattern, user=user, kind=kind)
    if existing.exists():
        existing.delete()
        return False
    PatternReaction.objects.create(
        pattern=pattern, user=user, organization=access.standing(user).organization, kind=kind
    )
    return True


def reaction_counts(pattern: IncidentPattern) -> dict[str, int]:
    counts = dict(
        PatternReaction.objects.filter(pattern=pattern)
        .values_list("kind")
        .annotate(total=Count("pk"))
        .values_list("kind", "total")
    )
    return {kind: counts.get(kind, 0) for kind in ReactionKind.values}


def similar_patterns(pattern: IncidentPattern, *, user: User, limit: int = 5) -> list[IncidentPattern]:
    """Return the patterns the user may read that share the most with ``pattern``, best first."""
    visible_ids = access.visible_patterns(IncidentPattern.objects.exclude(pk=pattern.pk), user).values("pk")
    score = Value(0, output_field=IntegerField())
    for field, weight in SIMILARITY_WEIGHTS.items():
        value = getattr(pattern, f"{field}_id" if field.endswith("site_type") else field)
        if value is not None:
            score = score + Case(When(**{field: value}, then=weight), default=0, output_field=IntegerField())
    measure_ids = list(pattern.measures.values_list("pk", flat=True))
    if measure_ids:
        # An empty "in" filter would empty the whole query rather than count nothing.
        shared_measures = Count("measures", filter=Q(measures__in=measure_ids), distinct=True)
        score = score + shared_measures * MEASURE_WEIGHT
    return list(
        IncidentPattern.objects.filter(pk__in=visible_ids)
        .annotate(similarity=score)
        .filter(similarity__gte=MIN_SIMILARITY)
        .with_list_relations()
        .order_by("-similarity", "-released_at", "-pk")[:limit]
    )


# Retention


def archive_expired_patterns(today=None) -> int:
    """Archive every released pattern whose retention period has run out; return how many were archived."""
    expired = list(IncidentPattern.objects.expired(today).values_list("pk", flat=True))
    for pattern_id in expired:
        with transaction.atomic():
            pattern = IncidentPattern.objects.select_for_update().filter(pk=pattern_id).first()
            if pattern is None or pattern.status != PatternStatus.RELEASED:
                continue
            pattern.status = PatternStatus.ARCHIVED
            pattern.archived_at = timezone.now()
            pattern.save()
            _history(pattern, PatternAction.ARCHIVED, None)
            record(
                "incidents.pattern.archived", target=pattern, detail={"archive_on": str(pattern.archive_on)}
            )
    if expired:
        logger.info("Archived %d incident patterns past their retention period.", len(expired))
    return len(expired)


def patterns_for_list(queryset: QuerySet, user: User) -> QuerySet:
    """Return the patterns of ``queryset`` that the user may read, with what list pages show."""
    return access.visible_patterns(queryset, user).with_list_relations()
