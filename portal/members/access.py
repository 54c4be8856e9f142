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
