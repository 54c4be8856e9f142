"""The access policy: every decision "may this user see or change this?" is made here.

Views, querysets, search results, feeds, exports, files and the Wagtail admin all ask this module; none of
them writes a rule of its own. A user's standing comes from their one approved membership:

* no sign-in: ``Role.ANONYMOUS``;
* signed in without an approved membership in an approved organization: ``Role.APPLICANT``;
* otherwise the role named after the organization's kind, with ``is_org_admin`` for its admins.

Police, reviewers and the secretariat must also have a second factor (TOTP) before they pass
``members_area_decision``; until then they are sent to set one up.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q, QuerySet

from .distribution import Distribution, split_kinds
from .models import Membership, MembershipStatus, Organization, OrganizationKind


class Role(enum.StrEnum):
    ANONYMOUS = "anonymous"
    APPLICANT = "applicant"
    OPERATOR = OrganizationKind.OPERATOR.value
    POLICE = OrganizationKind.POLICE.value
    EDUCATOR = OrganizationKind.EDUCATOR.value
    VOLUNTEER = OrganizationKind.VOLUNTEER_GROUP.value
    CARRIER = OrganizationKind.CARRIER.value
    FILTERING_PROVIDER = OrganizationKind.FILTERING_PROVIDER.value
    REVIEWER = OrganizationKind.REVIEW_BODY.value
    SECRETARIAT = OrganizationKind.SECRETARIAT.value


class Decision(enum.Enum):
    ALLOW = "allow"
    SIGN_IN = "sign_in"
    SET_UP_SECOND_FACTOR = "set_up_second_factor"
    DENY = "deny"


@dataclass(frozen=True)
class Standing:
    """The facts the policy derives about one user, computed once per request."""

    role: Role
    organization: Organization | None = None
    membership: Membership | None = None
    has_second_factor: bool = False
    kinds: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_member(self) -> bool:
        return self.organization is not None

    @property
    def is_org_admin(self) -> bool:
        return self.membership is not None and self.membership.is_admin

    @property
    def is_secretariat(self) -> bool:
        return self.role is Role.SECRETARIAT

    @property
    def needs_second_factor(self) -> bool:
        return self.role.value in settings.PORTAL_SECOND_FACTOR_KINDS

    @property
    def second_factor_missing(self) -> bool:
        return self.needs_second_factor and not self.has_second_factor


_ANONYMOUS = Standing(role=Role.ANONYMOUS)
_CACHE_ATTRIBUTE = "_portal_standing"


def standing(user) -> Standing:
    """Return the user's standing, computed once per user object (so once per request)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return _ANONYMOUS
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    result = _compute_standing(user)
    setattr(user, _CACHE_ATTRIBUTE, result)
    return result


def forget_standing(user) -> None:
    """Drop the cached standing after the user's membership or second factor changed."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def _compute_standing(user) -> Standing:
    from allauth.mfa.models import Authenticator

    # In a request, SecondFactorMiddleware has already looked the authenticator up and checked that the
    # session proved it. Outside one, as in a background task deciding whom to notify, the account's
    # set-up is what counts.
    has_totp = getattr(user, "_portal_has_totp", None)
    if has_totp is None:
        has_totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    has_second_factor = has_totp and getattr(user, "_portal_session_second_factor", True)
    membership = (
        Membership.objects.select_related("organization")
        .filter(user=user, status=MembershipStatus.APPROVED, organization__is_approved=True)
        .first()
    )
    if membership is None:
        return Standing(role=Role.APPLICANT, has_second_factor=has_second_factor)
    organization = membership.organization
    return Standing(
        role=Role(organization.kind),
        organization=organization,
        membership=membership,
        has_second_factor=has_second_factor,
        kinds=frozenset({organization.kind}),
    )


# Areas and pages


def members_area_decision(user) -> Decision:
    """Decide whether the user may open a members-only page."""
    current = standing(user)
    if current.role is Role.ANONYMOUS:
        return Decision.SIGN_IN
    if not current.is_member:
        return Decision.DENY
    if current.second_factor_missing:
        return Decision.SET_UP_SECOND_FACTOR
    return Decision.ALLOW


def role_area_decision(user, roles: set[Role]) -> Decision:
    """Decide whether the user may open a page meant for members of the given roles only."""
    decision = members_area_decision(user)
    if decision is not Decision.ALLOW:
        return decision
    return Decision.ALLOW if standing(user).role in roles else Decision.DENY


def can_use_admin(user) -> bool:
    """Return whether the user may open the Wagtail admin: the secretariat, or a superuser, with a second factor."""
    current = standing(user)
    if not current.has_second_factor:
        return False
    return current.is_secretariat or bool(getattr(user, "is_superuser", False))


def can_browse_audit_log(user) -> bool:
    return can_use_admin(user)


# Organizations and memberships


def can_manage_organization(user, organization: Organization) -> bool:
    """Return whether the user may invite to, and decide memberships of, ``organization``."""
    if members_area_decision(user) is not Decision.ALLOW:
        return False
    current = standing(user)
    if current.is_secretariat:
        return True
    return current.is_org_admin and current.organization.pk == organization.pk


def can_decide_membership(user, membership: Membership) -> bool:
    """Return whether the user may approve or reject ``membership``. A user never decides their own request."""
    if membership.user_id == getattr(user, "pk", None):
        return False
    return can_manage_organization(user, membership.organization)


def can_change_role(user, membership: Membership) -> bool:
    """Return whether the user may change the role of an approved ``membership`` (not their own)."""
    return membership.status == MembershipStatus.APPROVED and can_decide_membership(user, membership)


def managed_organizations(user) -> QuerySet[Organization]:
    """Return the organizations whose memberships the user may decide."""
    if members_area_decision(user) is not Decision.ALLOW:
        return Organization.objects.none()
    current = standing(user)
    if current.is_secretariat:
        return Organization.objects.all()
    if current.is_org_admin:
        return Organization.objects.filter(pk=current.organization.pk)
    return Organization.objects.none()


# Distribution levels (TLP 2.0)


def can_read_level(
    user,
    level: str,
    *,
    audience_kinds: list[str] | str | None = None,
    origin_organization_id: int | None = None,
    named_organization_ids: set[int] | frozenset[int] = frozenset(),
) -> bool:
    """Decide whether the user may read an item shared at ``level``.

    CLEAR is public. Every other level needs an approved member who passed the second-factor rule. GREEN
    reaches all members. AMBER reaches the kinds in ``audience_kinds``, plus the originating organization and
    the secretariat. AMBER+STRICT reaches the originating organization, the police and the secretariat. RED
    reaches the named organizations and the originating one.
    """
    if level == Distribution.CLEAR:
        return True
    if members_area_decision(user) is not Decision.ALLOW:
        return False
    current = standing(user)
    organization_id = current.organization.pk
    if organization_id == origin_organization_id:
        return True
    if level == Distribution.GREEN:
        return True
    if level == Distribution.AMBER:
        if isinstance(audience_kinds, str):
            audience_kinds = split_kinds(audience_kinds)
        return current.is_secretariat or current.role.value in (audience_kinds or [])
    if level == Distribution.AMBER_STRICT:
        return current.role in (Role.POLICE, Role.SECRETARIAT)
    if level == Distribution.RED:
        return organization_id in named_organization_ids
    return False


def can_read(user, item) -> bool:
    """Decide whether the user may read one ``DistributedModel`` item."""
    named_ids = set()
    if item.distribution == Distribution.RED and item.pk is not None:
        named_ids = set(item.named_organizations.values_list("pk", flat=True))
    return can_read_level(
        user,
        item.distribution,
        audience_kinds=item.audience_kinds,
        origin_organization_id=item.origin_organization_id,
        named_organization_ids=named_ids,
    )


def distribution_q(user, prefix: str = "") -> Q:
    """Return the filter that keeps only the ``DistributedModel`` rows the user may read.

    ``prefix`` names the relation to the distributed model (``"pattern__"``) when filtering another model.
    It mirrors ``can_read_level`` row by row; the tests check that both agree.
    """

    def field(name: str) -> str:
        return f"{prefix}{name}"

    public = Q(**{field("distribution"): Distribution.CLEAR})
    if members_area_decision(user) is not Decision.ALLOW:
        return public
    current = standing(user)
    organization_id = current.organization.pk
    rules = public | Q(**{field("origin_organization_id"): organization_id})
    rules |= Q(**{field("distribution"): Distribution.GREEN})
    if current.is_secretariat:
        rules |= Q(**{field("distribution"): Distribution.AMBER})
    else:
        rules |= Q(
            **{
                field("distribution"): Distribution.AMBER,
                field("audience_kinds__contains"): f",{current.role.value},",
            }
        )
    if current.role in (Role.POLICE, Role.SECRETARIAT):
        rules |= Q(**{field("distribution"): Distribution.AMBER_STRICT})
    rules |= Q(**{field("distribution"): Distribution.RED, field("named_organizations"): organization_id})
    return rules


def visible(queryset: QuerySet, user, prefix: str = "") -> QuerySet:
    """Filter ``queryset`` of ``DistributedModel`` rows down to those the user may read."""
    return queryset.filter(distribution_q(user, prefix)).distinct()


# Requests, invitations and the second factor


def pending_membership(user) -> Membership | None:
    """Return the membership that a signed-in non-member is waiting on, or ``None``.

    That is a pending request, or an approved membership in an organization that the secretariat has not
    approved yet. Members and anonymous users get ``None``.
    """
    if standing(user).role is not Role.APPLICANT:
        return None
    return Membership.objects.select_related("organization").active().filter(user=user).first()


def can_request_membership(user) -> bool:
    """Return whether a signed-in user may ask to join an organization, which needs no active membership."""
    if standing(user).role is Role.ANONYMOUS:
        return False
    return not Membership.objects.active().filter(user=user).exists()


def can_withdraw_membership_request(user, membership: Membership) -> bool:
    """Return whether the user may withdraw ``membership``, which must be their own request and pending."""
    return membership.user_id == getattr(user, "pk", None) and membership.status == MembershipStatus.PENDING


def can_end_membership(user, membership: Membership) -> bool:
    """Return whether the user may end an approved ``membership``. As with role changes, a user never ends their own."""
    return can_change_role(user, membership)


def can_accept_invitation(user, invitation) -> bool:
    """Return whether ``invitation`` was sent to the signed-in user's email address (their sign-in name)."""
    if standing(user).role is Role.ANONYMOUS:
        return False
    return user.email.casefold() == invitation.email.casefold()


def organization_requires_second_factor(organization: Organization) -> bool:
    """Return whether members of ``organization`` need a second factor before they reach members-only pages."""
    return organization.kind in settings.PORTAL_SECOND_FACTOR_KINDS


# Incidents: patterns, police briefings, statistics and the coded-term feed
#
# The secretariat reviews every incident pattern before release and administers every page, so in this area
# it reads items at every level, TLP:RED included. Members who may not read an item get "not found", so that
# its existence is not confirmed.


def is_audited_level(level: str) -> bool:
    """Return whether reading an item at ``level`` is recorded in the audit log (TLP:AMBER, AMBER+STRICT, RED)."""
    return level in (Distribution.AMBER, Distribution.AMBER_STRICT, Distribution.RED)


def _allowed_member(user) -> Standing | None:
    if members_area_decision(user) is not Decision.ALLOW:
        return None
    return standing(user)


def can_share_pattern(user) -> bool:
    """Return whether the user may write incident patterns: operators' members."""
    current = _allowed_member(user)
    return current is not None and current.role is Role.OPERATOR


def can_review_patterns(user) -> bool:
    """Return whether the user may release or return submitted patterns: the secretariat, with its second factor."""
    current = _allowed_member(user)
    return current is not None and current.is_secretariat and current.has_second_factor


def is_pattern_contributor(user, pattern) -> bool:
    """Return whether the user belongs to the organization that contributed ``pattern``."""
    current = _allowed_member(user)
    return current is not None and current.organization.pk == pattern.origin_organization_id


def can_read_pattern(user, pattern) -> bool:
    """Decide whether the user may open ``pattern``.

    Its contributor and the secretariat always may. Other members may while it is released and within its
    retention period, and only if its distribution level reaches them.
    """
    current = _allowed_member(user)
    if current is None:
        return False
    if current.is_secretariat or is_pattern_contributor(user, pattern):
        return True
    return pattern.is_current and can_read(user, pattern)


def visible_patterns(queryset: QuerySet, user) -> QuerySet:
    """Filter patterns down to the released, current ones the user may read, for every list, count and feed."""
    current = _allowed_member(user)
    if current is None:
        return queryset.none()
    released = queryset.current()
    if current.is_secretariat:
        return released
    return visible(released, user)


def can_edit_pattern(user, pattern) -> bool:
    """Return whether the user may change a pattern's text: its contributor, until the pattern is released."""
    return is_pattern_contributor(user, pattern) and pattern.is_editable


def can_change_pattern_distribution(user, pattern) -> bool:
    """Return whether the user may change a pattern's level: its contributor or the secretariat, until archived."""
    if pattern.status in ("archived", "withdrawn"):
        return False
    return is_pattern_contributor(user, pattern) or can_review_patterns(user)


def can_withdraw_pattern(user, pattern) -> bool:
    """Return whether the user may withdraw a pattern from members' view: its contributor or the secretariat."""
    return pattern.status not in ("archived", "withdrawn") and (
        is_pattern_contributor(user, pattern) or can_review_patterns(user)
    )


def can_react_to_pattern(user, pattern) -> bool:
    """Return whether the user may react to a pattern: a reader from another organization than its contributor."""
    return (
        pattern.is_current and can_read_pattern(user, pattern) and not is_pattern_contributor(user, pattern)
    )


def can_see_pattern_insights(user, pattern) -> bool:
    """Return whether the user sees a pattern's reaction counts and the organizations that read it."""
    return is_pattern_contributor(user, pattern) or can_review_patterns(user)


def can_post_briefing(user) -> bool:
    """Return whether the user may post police briefings: police members who proved their second factor."""
    current = _allowed_member(user)
    return current is not None and current.role is Role.POLICE and current.has_second_factor


def can_read_briefing(user, page) -> bool:
    """Decide whether the user may read a police briefing page (live, and at a level that reaches them)."""
    current = _allowed_member(user)
    if current is None:
        return False
    if current.is_secretariat:
        return True
    return page.live and can_read(user, page)


def visible_briefings(queryset: QuerySet, user) -> QuerySet:
    """Filter briefing pages down to the live ones the user may read."""
    current = _allowed_member(user)
    if current is None:
        return queryset.none()
    if current.is_secretariat:
        return queryset.live()
    return visible(queryset.live(), user)


def can_withdraw_briefing(user, page) -> bool:
    """Return whether the user may unpublish a briefing: the police organization that posted it, or the secretariat."""
    current = _allowed_member(user)
    if current is None or not page.live:
        return False
    if current.is_secretariat:
        return True
    return can_post_briefing(user) and current.organization.pk == page.origin_organization_id


def can_add_statistics(user) -> bool:
    """Return whether the user may add or correct public statistics: the police and the secretariat."""
    current = _allowed_member(user)
    return (
        current is not None and current.role in (Role.POLICE, Role.SECRETARIAT) and current.has_second_factor
    )


def can_read_coded_terms(user) -> bool:
    """Return whether the user may read the coded-term list and download the feed: every approved member."""
    return _allowed_member(user) is not None


def can_manage_feed_tokens(user) -> bool:
    """Return whether the user may create, rotate and revoke their organization's feed tokens: its admins."""
    current = _allowed_member(user)
    return current is not None and current.is_org_admin


def feed_token_allows(token) -> bool:
    """Return whether a feed token may fetch the feed: active, of an approved organization that still has members."""
    if token is None or not token.is_active or not token.organization.is_approved:
        return False
    return Membership.objects.filter(
        organization_id=token.organization_id, status=MembershipStatus.APPROVED
    ).exists()


def readers_of(item) -> QuerySet:
    """Return the active users who may read the ``DistributedModel`` ``item``, as a query.

    It mirrors ``can_read_level`` for members (the tests check that both agree) and adds the secretariat,
    which reads everything in this area. Members of kinds that need a second factor count only once they
    have one.
    """
    from allauth.mfa.models import Authenticator
    from django.contrib.auth import get_user_model

    # Rules on Membership rows, where each row has one organization, so that an ended membership elsewhere
    # can never satisfy a rule on behalf of the approved one.
    memberships = Membership.objects.filter(
        status=MembershipStatus.APPROVED, organization__is_approved=True, user__is_active=True
    )
    needs_factor = Q(organization__kind__in=settings.PORTAL_SECOND_FACTOR_KINDS)
    has_factor = Q(user__in=Authenticator.objects.filter(type=Authenticator.Type.TOTP).values("user_id"))
    rules = Q(organization__kind=OrganizationKind.SECRETARIAT) | Q(
        organization_id=item.origin_organization_id
    )
    if item.distribution == Distribution.GREEN:
        rules |= Q(pk__isnull=False)
    elif item.distribution == Distribution.AMBER:
        rules |= Q(organization__kind__in=split_kinds(item.audience_kinds))
    elif item.distribution == Distribution.AMBER_STRICT:
        rules |= Q(organization__kind=OrganizationKind.POLICE)
    elif item.distribution == Distribution.RED:
        rules |= Q(organization__in=item.named_organizations.values("pk"))
    readers = memberships.filter((~needs_factor | has_factor) & rules).values("user_id")
    return get_user_model().objects.filter(pk__in=readers)


# Registry of measures and onboarding
#
# The public registry (services, adoptions, dates, verification lines, public evidence) needs no rule: every
# visitor reads it. These rules cover the members-only side: each operator's own records, evidence, reviews
# and onboarding checklists.


def can_manage_catalogue(user) -> bool:
    """Return whether the user may edit site types, measures and checklist templates in the Wagtail admin."""
    return can_use_admin(user)


def can_manage_services(user, organization: Organization) -> bool:
    """Return whether the user may add and change the services and adoptions of operator ``organization``.

    That is the organization's own admins and the secretariat; no one else, not even another operator's admin.
    """
    if organization.kind != OrganizationKind.OPERATOR:
        return False
    if members_area_decision(user) is not Decision.ALLOW:
        return False
    current = standing(user)
    if current.is_secretariat:
        return True
    return current.is_org_admin and current.organization.pk == organization.pk


def can_view_service_records(user, organization: Organization) -> bool:
    """Return whether the user may read the members-only records of ``organization``'s services.

    Those are the adoption history, private evidence and reviewers' notes. The organization's own members, the
    reviewers who verify them and the secretariat may read them.
    """
    return _may_view_records_of(user, organization.pk)


def _may_view_records_of(user, organization_id: int) -> bool:
    if members_area_decision(user) is not Decision.ALLOW:
        return False
    current = standing(user)
    if current.is_secretariat or current.role is Role.REVIEWER:
        return True
    return current.organization.pk == organization_id


def can_verify_adoptions(user) -> bool:
    """Return whether the user may open the reviewers' queue: a reviewer who passed the second-factor rule."""
    return role_area_decision(user, {Role.REVIEWER}) is Decision.ALLOW


def can_verify_adoption(user, adoption) -> bool:
    """Return whether the user may verify, or decline to verify, ``adoption``, which must be in place."""
    return can_verify_adoptions(user) and adoption.is_in_place


def can_read_evidence(user, evidence) -> bool:
    """Return whether the user may read ``evidence``.

    Links and texts the operator marked public are open to everyone; files never are. Other evidence of an
    adoption follows ``can_view_service_records``, and evidence of a checklist item ``can_view_checklist``.
    """
    if evidence.is_public and not evidence.file:
        return True
    if evidence.checklist_item_id is not None:
        return can_view_checklist(user, evidence.checklist_item.checklist)
    return _may_view_records_of(user, evidence.adoption.service.organization_id)


def can_remove_evidence(user, evidence) -> bool:
    """Return whether the user may remove ``evidence``: whoever may change the record it supports.

    Evidence of a completed checklist stays, like its items, because the certificate rests on it.
    """
    if evidence.checklist_item_id is not None:
        item = evidence.checklist_item
        return can_update_checklist_item(user, item) and not item.checklist.is_complete
    return can_manage_services(user, evidence.adoption.service.organization)


def can_view_checklist(user, checklist) -> bool:
    """Return whether the user may read an onboarding checklist: its organization's members and the secretariat."""
    if members_area_decision(user) is not Decision.ALLOW:
        return False
    current = standing(user)
    return current.is_secretariat or current.organization.pk == checklist.organization_id


def can_update_checklist_item(user, item) -> bool:
    """Return whether the user may tick or reopen a checklist item.

    Items the operator owns are ticked by its organization admins (or the secretariat on their behalf); items
    the secretariat owns, such as the orientation briefing, by the secretariat only.
    """
    if members_area_decision(user) is not Decision.ALLOW:
        return False
    current = standing(user)
    if current.is_secretariat:
        return True
    if not item.is_owned_by_operator:
        return False
    return current.is_org_admin and current.organization.pk == item.checklist.organization_id


def can_verify_checklist_item(user, item) -> bool:
    """Return whether the user may confirm a settled checklist item: the secretariat only."""
    return members_area_decision(user) is Decision.ALLOW and standing(user).is_secretariat


def can_revoke_certificate(user, certificate) -> bool:
    """Return whether the user may revoke a completion certificate that still holds: the secretariat only."""
    return certificate.revoked_at is None and can_view_onboarding_overview(user)


def can_view_onboarding_overview(user) -> bool:
    """Return whether the user may see every operator's onboarding progress: the secretariat only."""
    return role_area_decision(user, {Role.SECRETARIAT}) is Decision.ALLOW


# Curricula
#
# Curricula are public teaching material (TLP:CLEAR). A curriculum page is listed, searchable and
# downloadable when it is live and has no Wagtail view restriction, for every user alike.


def downloadable_curricula(queryset: QuerySet, user) -> QuerySet:
    """Filter a ``CurriculumPage`` queryset down to the curricula the user may list and download."""
    return queryset.live().public()


def can_download_curriculum(user, page) -> bool:
    """Return whether the user may download ``page``'s PDF: it is live and has no view restriction."""
    return bool(page.live) and not page.get_view_restrictions().exists()


def can_send_curriculum_feedback(user, page) -> bool:
    """Return whether the user may rate ``page``: anyone who may download it, signed in or not."""
    return can_download_curriculum(user, page)


def can_read_curriculum_feedback(user) -> bool:
    """Return whether the user may read educators' feedback: the secretariat in the admin."""
    return can_use_admin(user)


def can_view_curriculum_downloads(user) -> bool:
    """Return whether the user may see the download counts of curricula: the secretariat in the admin."""
    return can_use_admin(user)


# Guidelines: versions, comments, read acknowledgements and subscriptions

# Minutes during which authors may edit or withdraw their guideline comments, unless
# settings.GUIDELINES_COMMENT_EDIT_MINUTES sets another value.
DEFAULT_GUIDELINE_COMMENT_EDIT_MINUTES = 60


def guideline_version_decision(user, version) -> Decision:
    """Decide whether the user may read one guideline version.

    A version that came into force is public while its guideline is published, and stays so once superseded.
    A draft for consultation is for members only, during its consultation and after, unless it is adopted.
    """
    if version.is_public:
        return Decision.ALLOW if version.guideline.live else Decision.DENY
    return members_area_decision(user)


def can_read_guideline_version(user, version) -> bool:
    return guideline_version_decision(user, version) is Decision.ALLOW


def guideline_versions_q(user, prefix: str = "") -> Q:
    """Return the filter that keeps the guideline versions the user may read, as ``guideline_version_decision``.

    ``prefix`` names the relation to the version (``"version__"``) when filtering another model.
    """
    public = Q(**{f"{prefix}in_force_since__isnull": False, f"{prefix}guideline__live": True})
    if members_area_decision(user) is not Decision.ALLOW:
        return public
    return public | Q(**{f"{prefix}in_force_since__isnull": True})


def can_read_guideline_comment(user, comment) -> bool:
    """Decide whether the user sees ``comment`` at all (its text may still be withheld, see below).

    A comment written on a draft under consultation stays for members only, wherever it shows later.
    """
    if not can_read_guideline_version(user, comment.version):
        return False
    return not comment.members_only or members_area_decision(user) is Decision.ALLOW


def can_comment_on_guideline(user, version, now=None) -> bool:
    """Members may comment on the version in force and on a draft whose consultation has not closed."""
    if members_area_decision(user) is not Decision.ALLOW:
        return False
    return can_read_guideline_version(user, version) and version.accepts_comments(now)


def can_answer_guideline_comments(user) -> bool:
    """Return whether the user speaks for the secretariat: their comments are official responses."""
    return members_area_decision(user) is Decision.ALLOW and standing(user).is_secretariat


def can_moderate_guideline_comments(user) -> bool:
    """Return whether the user may hide and restore comments and set their status (the secretariat)."""
    return can_answer_guideline_comments(user)


def _thread_accepts_member_comments(thread, now=None) -> bool:
    """Return whether a version the thread shows on still takes comments: its own, or one it was carried to."""
    if thread.version.accepts_comments(now):
        return True
    return any(placement.version.accepts_comments(now) for placement in thread.placements.all())


def can_reply_to_guideline_comment(user, comment, now=None) -> bool:
    """Decide whether the user may reply to ``comment``.

    Nobody replies to a hidden or withdrawn comment, nor within a hidden or withdrawn thread. The secretariat
    may answer any other comment it can read, even after a consultation closed. Members may reply while the
    thread is unresolved and a version it shows on still takes comments.
    """
    from guidelines.models import CommentStatus

    thread = comment.root
    if any(item.is_hidden or item.is_withdrawn for item in (comment, thread)):
        return False
    if members_area_decision(user) is not Decision.ALLOW:
        return False
    if not can_read_guideline_comment(user, comment):
        return False
    if can_answer_guideline_comments(user):
        return True
    return thread.status != CommentStatus.RESOLVED and _thread_accepts_member_comments(thread, now)


def guideline_comment_edit_window():
    from datetime import timedelta

    minutes = getattr(settings, "GUIDELINES_COMMENT_EDIT_MINUTES", DEFAULT_GUIDELINE_COMMENT_EDIT_MINUTES)
    return timedelta(minutes=minutes)


def can_edit_guideline_comment(user, comment, now=None) -> bool:
    """Authors may edit or withdraw their own comment within the edit window, while its thread takes comments.

    A hidden or withdrawn comment stays as it is. The secretariat's official responses follow the same window
    but not the closing of a consultation, since the secretariat answers after it closes.
    """
    from django.utils import timezone

    if comment.author_id is None or comment.author_id != getattr(user, "pk", None):
        return False
    if comment.is_hidden or comment.is_withdrawn:
        return False
    if members_area_decision(user) is not Decision.ALLOW:
        return False
    now = now or timezone.now()
    if now - comment.created_at > guideline_comment_edit_window():
        return False
    if can_answer_guideline_comments(user):
        return True
    return _thread_accepts_member_comments(comment.root, now)


def can_withdraw_guideline_comment(user, comment, now=None) -> bool:
    return can_edit_guideline_comment(user, comment, now)


def can_see_guideline_commenter_names(user) -> bool:
    """Everyone who may read a comment sees the author's organization; members also see the author's name."""
    return members_area_decision(user) is Decision.ALLOW


def can_read_guideline_comment_text(user, comment) -> bool:
    """Return whether the user sees the text of ``comment``, which ``can_read_guideline_comment`` allows.

    The text of a hidden comment shows to the secretariat and its author; a withdrawn one to the secretariat.
    Everyone else sees that the comment was hidden or withdrawn.
    """
    if not comment.is_hidden and not comment.is_withdrawn:
        return True
    if can_moderate_guideline_comments(user):
        return True
    return (
        comment.is_hidden and comment.author_id is not None and comment.author_id == getattr(user, "pk", None)
    )


def can_see_guideline_comment_history(user, comment) -> bool:
    """Return whether the user may read the earlier texts of an edited comment: its author and the secretariat."""
    if can_moderate_guideline_comments(user):
        return True
    return comment.author_id is not None and comment.author_id == getattr(user, "pk", None)


def can_set_guideline_comment_status(user, comment) -> bool:
    """The secretariat sets the status (open, answered, resolved) of a thread, on its first comment."""
    return comment.thread_id is None and can_answer_guideline_comments(user)


def can_acknowledge_guideline_version(user, version) -> bool:
    """An operator member records that their organization has read the version in force."""
    if members_area_decision(user) is not Decision.ALLOW:
        return False
    return standing(user).role is Role.OPERATOR and version.is_in_force and version.guideline.live


def can_subscribe_to_guidelines(user) -> bool:
    return members_area_decision(user) is Decision.ALLOW


# Reports of inappropriate posts
#
# Anyone may send a report. The reporter reads it through the receipt number and PIN, or through their own
# account while it is still linked. Handlers read it too: the members of the operator whose service it names,
# the police once it is forwarded to them, and the secretariat, which also handles reports about sites the
# registry does not list. The reporter's account and email address are shown to no handler. Everyone else
# gets "not found", so that a report's existence is not confirmed.


def can_handle_reports_of(user, organization: Organization) -> bool:
    """Return whether the user works the report queue of operator ``organization``: its members."""
    current = _allowed_member(user)
    return (
        current is not None
        and organization.kind == OrganizationKind.OPERATOR
        and current.role is Role.OPERATOR
        and current.organization.pk == organization.pk
    )


REPORT_QUEUE_ROLES = frozenset({Role.OPERATOR, Role.POLICE, Role.SECRETARIAT})


def report_queue_decision(user) -> Decision:
    """Decide whether the user may open the report queue: operators' members, the police and the secretariat."""
    return role_area_decision(user, REPORT_QUEUE_ROLES)


def can_use_report_queue(user) -> bool:
    """Return whether the user has a report queue: operators' members, the police and the secretariat."""
    return report_queue_decision(user) is Decision.ALLOW


def police_queue_decision(user) -> Decision:
    """Decide whether the user may open the police queue: the police, with their second factor."""
    return role_area_decision(user, {Role.POLICE})


def can_read_police_queue(user) -> bool:
    """Return whether the user reads the reports forwarded to the police: the police, with their second factor."""
    return police_queue_decision(user) is Decision.ALLOW


def handled_reports(queryset: QuerySet, user) -> QuerySet:
    """Filter reports down to those the user handles or reads in a queue, for every list, count and export."""
    if not can_use_report_queue(user):
        return queryset.none()
    current = standing(user)
    if current.is_secretariat:
        return queryset
    if current.role is Role.POLICE:
        return queryset.filter(forwarded_to_police_at__isnull=False)
    return queryset.filter(operator_id=current.organization.pk)


def report_queue_services(user) -> QuerySet:
    """Return the registry services the user may filter the report queue by.

    Operators' members get their own services, the secretariat every service, and the police the services
    named by reports forwarded to them, so that the filter names no service the user could not read about.
    """
    from registry.models import Service
    from reports.models import Report

    if not can_use_report_queue(user):
        return Service.objects.none()
    current = standing(user)
    if current.is_secretariat:
        return Service.objects.all()
    if current.role is Role.POLICE:
        forwarded = handled_reports(Report.objects.all(), user).filter(service__isnull=False)
        return Service.objects.filter(pk__in=forwarded.values("service_id"))
    return Service.objects.filter(organization_id=current.organization.pk)


def can_read_report(user, report) -> bool:
    """Decide whether the user may open ``report``'s handling page (the reporter uses the lookup instead)."""
    if not can_use_report_queue(user):
        return False
    current = standing(user)
    if current.is_secretariat:
        return True
    if current.role is Role.POLICE:
        return report.forwarded_to_police_at is not None
    return report.operator_id is not None and report.operator_id == current.organization.pk


def can_record_report_outcome(user, report) -> bool:
    """Return whether the user may close ``report`` with an outcome.

    The operator's members may, and the secretariat may for sites the registry does not list or when the
    operator has left the conference. A closed report keeps its outcome.
    """
    if report.closed_at is not None:
        return False
    current = _allowed_member(user)
    if current is None:
        return False
    if current.is_secretariat:
        return report.operator_id is None or not report.operator.is_approved
    return report.operator_id is not None and can_handle_reports_of(user, report.operator)


def can_reply_to_reporter(user, report) -> bool:
    """Return whether the user may send the reporter a message: the operator's members and the secretariat.

    The police read forwarded reports but contact reporters through their own channels, not the portal.
    """
    if not can_read_report(user, report):
        return False
    return standing(user).role is not Role.POLICE


def can_forward_report_to_police(user, report) -> bool:
    """Return whether the user may forward an open report to the police without closing it: the secretariat."""
    current = _allowed_member(user)
    return (
        current is not None
        and current.is_secretariat
        and report.forwarded_to_police_at is None
        and report.closed_at is None
    )


def can_acknowledge_report(user, report) -> bool:
    """Return whether the user may mark a forwarded report as seen by the police."""
    return can_read_police_queue(user) and report.forwarded_to_police_at is not None


def can_list_own_reports(user) -> bool:
    """Return whether the user has a list of the reports they sent while signed in: any signed-in account."""
    return standing(user).role is not Role.ANONYMOUS


def report_handlers(report, *, police: bool = False) -> QuerySet:
    """Return the active users to notify about ``report``.

    They are its operator's members, or the secretariat for sites the registry does not list and for
    operators without a member to notify. With ``police``, they are the police members instead.
    """
    from allauth.mfa.models import Authenticator
    from django.contrib.auth import get_user_model

    memberships = Membership.objects.filter(
        status=MembershipStatus.APPROVED, organization__is_approved=True, user__is_active=True
    )
    # Kinds that need a second factor are notified only once they have one, as in ``readers_of``.
    needs_factor = Q(organization__kind__in=settings.PORTAL_SECOND_FACTOR_KINDS)
    has_factor = Q(user__in=Authenticator.objects.filter(type=Authenticator.Type.TOTP).values("user_id"))
    memberships = memberships.filter(~needs_factor | has_factor)
    if police:
        memberships = memberships.filter(organization__kind=OrganizationKind.POLICE)
    elif report.operator_id is not None and report.operator.is_approved:
        operators_members = memberships.filter(organization_id=report.operator_id)
        # An operator whose members have all left would leave the report unseen; the secretariat follows up.
        if operators_members.exists():
            memberships = operators_members
        else:
            memberships = memberships.filter(organization__kind=OrganizationKind.SECRETARIAT)
    else:
        memberships = memberships.filter(organization__kind=OrganizationKind.SECRETARIAT)
    return get_user_model().objects.filter(pk__in=memberships.values("user_id"))
