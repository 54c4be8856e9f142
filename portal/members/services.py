"""Operations on accounts, organizations and memberships that touch several models.

Each operation that users care about writes an audit entry with a dotted action id. Every operation checks
``portal.members.access`` first. When the policy denies it, the operation records the denied attempt and
raises ``PermissionDenied``. When the current state rules it out (a request already decided, an invitation
already used), it raises ``ValidationError`` with a message for the user.
"""

import logging
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit.models import Outcome
from portal.audit.services import record

from . import access, tasks
from .models import Invitation, Membership, MembershipRole, MembershipStatus, Organization, User

logger = logging.getLogger(__name__)

SECRETARIAT_GROUP = "Secretariat"

# Model permissions the secretariat has in the Wagtail admin, as "app_label.codename".
SECRETARIAT_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "members.view_organization",
    "members.add_organization",
    "members.change_organization",
    "members.view_membership",
    "members.change_membership",
    "members.view_user",
    "audit.view_auditevent",
    "wagtailcore.add_locale",
    "wagtailcore.change_locale",
    "wagtailcore.view_locale",
    "simple_translation.submit_translation",
]

# Page permissions the secretariat holds on the whole page tree, and collection permissions on every
# image and document.
SECRETARIAT_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]
SECRETARIAT_COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]

ALREADY_MEMBER_MESSAGE = _(
    "You already belong to an organization, or your request to join one is waiting for approval."
)


def ensure_secretariat_group() -> Group:
    """Create or refresh the group that gives the secretariat its Wagtail admin permissions."""
    # Permissions of apps migrated after this one do not exist yet when post_migrate reaches us.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    group, _created = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    wanted = []
    for dotted in SECRETARIAT_PERMISSIONS:
        app_label, codename = dotted.split(".")
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is None:
            logger.warning("Permission %s does not exist yet; run migrate again.", dotted)
            continue
        wanted.append(permission)
    group.permissions.add(*wanted)
    _grant_content_permissions(group)
    return group


# Membership requests and decisions


def request_membership(user: User, organization: Organization, message: str = "") -> Membership:
    """Create a pending membership of ``user`` in ``organization`` and tell the organization's approvers.

    Raises ``ValidationError`` when the user already has a pending or approved membership, or when the
    organization is not an approved member of the conference.
    """
    _require(user.is_authenticated and user.is_active, "members.membership.requested", user, organization)
    if not access.can_request_membership(user):
        raise ValidationError(ALREADY_MEMBER_MESSAGE, code="already_member")
    if not organization.is_approved:
        raise ValidationError(
            _("This organization is not a member of the conference yet."), code="organization"
        )

    with transaction.atomic():
        membership = _create_membership(user, organization, message=message)
        record(
            "members.membership.requested",
            actor=user,
            target=membership,
            detail={"organization": organization.pk},
        )
        if email_verified(user):
            transaction.on_commit(lambda: tasks.notify_approvers.enqueue(membership.pk))
    access.forget_standing(user)
    return membership


def email_verified(user: User) -> bool:
    """Whether the user confirmed the address they sign in with.

    Approvers see, and receive emails about, only requests from confirmed addresses, so nobody can ask to join under
    a colleague's work address.
    """
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def notify_approvers_after_confirmation(user: User) -> None:
    """Tell the approvers of the user's pending request, now that the address is confirmed."""
    membership = Membership.objects.pending().filter(user=user).first()
    if membership is not None:
        transaction.on_commit(lambda: tasks.notify_approvers.enqueue(membership.pk))


def withdraw_membership_request(membership: Membership, *, actor: User) -> Membership:
    """End the actor's own pending request, so they may ask another organization.

    Raises ``PermissionDenied`` for anyone else's request and ``ValidationError`` once it was decided.
    """
    _require(
        access.can_withdraw_membership_request(actor, membership),
        "members.membership.withdrawn",
        actor,
        membership,
    )
    with transaction.atomic():
        membership = _lock(membership, expected=MembershipStatus.PENDING)
        _set_status(membership, MembershipStatus.ENDED, actor)
        record("members.membership.withdrawn", actor=actor, target=membership)
    access.forget_standing(actor)
    return membership


def approve_membership(membership: Membership, *, actor: User) -> Membership:
    """Approve a pending request and email the applicant.

    Approval into the secretariat also adds the user to the ``Secretariat`` group, which opens the Wagtail
    admin. Raises ``PermissionDenied`` when the actor may not decide this request (their own, or another
    organization's) and ``ValidationError`` when it is no longer pending.
    """
    _require(
        access.can_decide_membership(actor, membership), "members.membership.approved", actor, membership
    )
    if not email_verified(membership.user):
        raise ValidationError(
            _("The applicant has not confirmed their email address yet, so the request cannot be approved."),
            code="email_unverified",
        )
    with transaction.atomic():
        membership = _lock(membership, expected=MembershipStatus.PENDING)
        _set_status(membership, MembershipStatus.APPROVED, actor)
        record("members.membership.approved", actor=actor, target=membership, detail=_detail(membership))
        sync_secretariat_group(membership.user)
        transaction.on_commit(lambda: tasks.notify_applicant.enqueue(membership.pk))
    return membership


def reject_membership(membership: Membership, *, actor: User) -> Membership:
    """Reject a pending request and email the applicant, who may then ask to join again.

    Raises ``PermissionDenied`` when the actor may not decide this request and ``ValidationError`` when it is
    no longer pending.
    """
    _require(
        access.can_decide_membership(actor, membership), "members.membership.rejected", actor, membership
    )
    with transaction.atomic():
        membership = _lock(membership, expected=MembershipStatus.PENDING)
        _set_status(membership, MembershipStatus.REJECTED, actor)
        record("members.membership.rejected", actor=actor, target=membership, detail=_detail(membership))
        sync_secretariat_group(membership.user)
        transaction.on_commit(lambda: tasks.notify_applicant.enqueue(membership.pk))
    return membership


def change_role(membership: Membership, role: str, *, actor: User) -> Membership:
    """Make an approved member an organization admin, or an admin a plain member.

    Raises ``PermissionDenied`` when the actor may not manage this membership (their own included) and
    ``ValidationError`` for an unknown role or a membership that is not approved.
    """
    _require(access.can_change_role(actor, membership), "members.membership.role_changed", actor, membership)
    if role not in MembershipRole.values:
        raise ValidationError(_("Choose a valid role."), code="role")

    with transaction.atomic():
        membership = _lock(membership, expected=MembershipStatus.APPROVED)
        old_role = membership.role
        if old_role == role:
            return membership
        membership.role = role
        membership.save(update_fields=["role"])
        record(
            "members.membership.role_changed",
            actor=actor,
            target=membership,
            detail={"organization": membership.organization_id, "old_role": old_role, "new_role": role},
        )
    access.forget_standing(membership.user)
    return membership


def end_membership(membership: Membership, *, actor: User) -> Membership:
    """End an approved membership; the user keeps the account but leaves the members area.

    Raises ``PermissionDenied`` when the actor may not manage this membership (their own included) and
    ``ValidationError`` when it is not approved.
    """
    _require(access.can_end_membership(actor, membership), "members.membership.ended", actor, membership)
    with transaction.atomic():
        membership = _lock(membership, expected=MembershipStatus.APPROVED)
        _set_status(membership, MembershipStatus.ENDED, actor)
        record("members.membership.ended", actor=actor, target=membership, detail=_detail(membership))
        sync_secretariat_group(membership.user)
    return membership


def sync_secretariat_group(user: User) -> None:
    """Put the user in the ``Secretariat`` group exactly while the policy counts them as secretariat.

    Wagtail 8 opens its admin to users with the ``wagtailadmin.access_admin`` permission, which the group
    grants. ``is_staff`` matters only to Django's own admin site, which the portal does not install.
    """
    access.forget_standing(user)
    group = Group.objects.filter(name=SECRETARIAT_GROUP).first() or ensure_secretariat_group()
    if access.standing(user).is_secretariat:
        user.groups.add(group)
    else:
        user.groups.remove(group)
    # Django caches permissions on the user object, so drop them and let the next check read the new groups.
    for cache_name in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(cache_name, None)


# Invitations


def invite(organization: Organization, email: str, role: str, *, actor: User, language: str) -> Invitation:
    """Invite a colleague by email to join ``organization`` with ``role``, in ``language``.

    Raises ``PermissionDenied`` when the actor may not manage the organization. Raises ``ValidationError``
    when a usable invitation for that address is already waiting, or when the address belongs to a user who
    already has a pending or approved membership, since that user could not accept the invitation.
    """
    _require(
        access.can_manage_organization(actor, organization), "members.invitation.sent", actor, organization
    )
    if role not in MembershipRole.values:
        raise ValidationError(_("Choose a valid role."), code="role")
    email = email.strip()
    limit = settings.MEMBERS_INVITATION_DAILY_LIMIT
    sent_today = organization.invitations.filter(created_at__gte=timezone.now() - timedelta(days=1)).count()
    if sent_today >= limit:
        raise ValidationError(
            _(
                "Your organization has sent %(limit)d invitations in the past 24 hours, the most the portal "
                "accepts. Please try again tomorrow, or ask the secretariat if you need more."
            )
            % {"limit": limit},
            code="rate_limited",
        )
    if organization.invitations.usable().filter(email__iexact=email).exists():
        raise ValidationError(
            _("An invitation to this address is still waiting. Revoke it first to send a new one."),
            code="duplicate",
        )
    # The user could not accept the invitation, so say why now. The message names no other organization:
    # the inviter learns only that the person must leave it first.
    membership = (
        Membership.objects.active().filter(user__email__iexact=email).select_related("organization").first()
    )
    if membership is not None and membership.organization_id != organization.pk:
        raise ValidationError(
            _(
                "This person already belongs to another organization or has asked to join one. They must leave "
                "it, or withdraw their request, before you can invite them."
            ),
            code="member_elsewhere",
        )
    is_pending = membership is not None and membership.status == MembershipStatus.PENDING
    if is_pending and not Membership.objects.awaiting_decision().filter(pk=membership.pk).exists():
        # The organization page lists a request only once the applicant has confirmed their address.
        raise ValidationError(
            _(
                "This person has already asked to join this organization but has not confirmed their email "
                "address yet. Their request appears under “Requests to join” on this page once they do."
            ),
            code="already_requested",
        )
    if is_pending:
        raise ValidationError(
            _(
                "This person has already asked to join this organization. Approve their request under "
                "“Requests to join” on this page."
            ),
            code="already_requested",
        )
    if membership is not None:
        raise ValidationError(
            _(
                "This person is already a member of this organization. To change their role, use the “Members” "
                "list on this page."
            ),
            code="already_member",
        )

    with transaction.atomic():
        invitation = Invitation.objects.create(
            organization=organization, email=email, role=role, invited_by=actor
        )
        record(
            "members.invitation.sent",
            actor=actor,
            target=invitation,
            detail={"organization": organization.pk, "role": role},
        )
        transaction.on_commit(lambda: tasks.send_invitation.enqueue(invitation.pk, language))
    return invitation


def revoke_invitation(invitation: Invitation, *, actor: User) -> Invitation:
    """Revoke an invitation so its link stops working.

    Raises ``PermissionDenied`` when the actor may not manage the organization and ``ValidationError`` when
    the invitation was already used or revoked.
    """
    _require(
        access.can_manage_organization(actor, invitation.organization),
        "members.invitation.revoked",
        actor,
        invitation,
    )
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None or invitation.revoked_at is not None:
            raise ValidationError(_("This invitation was already used or revoked."), code="unusable")
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        record(
            "members.invitation.revoked",
            actor=actor,
            target=invitation,
            detail={"organization": invitation.organization_id},
        )
    return invitation


def accept_invitation(invitation: Invitation, user: User) -> Membership:
    """Create the invited user's membership, approved at once with the invited role.

    Raises ``ValidationError`` when the invitation expired or was used or revoked, ``PermissionDenied`` when
    it was sent to another address, and ``ValidationError`` when the user already has an active membership.
    """
    if not invitation.is_usable:
        raise ValidationError(
            _("This invitation has expired or was already used or revoked."), code="unusable"
        )
    _require(access.can_accept_invitation(user, invitation), "members.invitation.accepted", user, invitation)
    if Membership.objects.active().filter(user=user).exists():
        raise ValidationError(ALREADY_MEMBER_MESSAGE, code="already_member")

    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update().select_related("organization").get(pk=invitation.pk)
        )
        if not invitation.is_usable:
            raise ValidationError(
                _("This invitation has expired or was already used or revoked."), code="unusable"
            )
        membership = _create_membership(
            user,
            invitation.organization,
            role=invitation.role,
            status=MembershipStatus.APPROVED,
            decided_by=invitation.invited_by,
        )
        invitation.accepted_at = membership.decided_at
        invitation.save(update_fields=["accepted_at"])
        record(
            "members.invitation.accepted",
            actor=user,
            target=invitation,
            detail={
                "organization": invitation.organization_id,
                "membership": membership.pk,
                "role": invitation.role,
            },
        )
        sync_secretariat_group(user)
    return membership


# Helpers


def _require(allowed: bool, action: str, actor, target) -> None:
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


def _lock(membership: Membership, *, expected: str) -> Membership:
    """Re-read ``membership`` under a row lock and check it still has the ``expected`` status."""
    locked = (
        Membership.objects.select_for_update().select_related("user", "organization").get(pk=membership.pk)
    )
    if locked.status != expected:
        raise ValidationError(
            _("This membership's status is “%(status)s”, so the change was not made."),
            code="status",
            params={"status": locked.get_status_display()},
        )
    return locked


def _set_status(membership: Membership, status: str, actor: User) -> None:
    membership.status = status
    membership.decided_at = timezone.now()
    membership.decided_by = actor
    membership.save(update_fields=["status", "decided_at", "decided_by"])


def _create_membership(user: User, organization: Organization, **fields) -> Membership:
    if fields.get("status") == MembershipStatus.APPROVED:
        fields.setdefault("decided_at", timezone.now())
    try:
        # A savepoint, so the unique constraint's error leaves the caller's transaction usable.
        with transaction.atomic():
            return Membership.objects.create(user=user, organization=organization, **fields)
    except IntegrityError:
        # Two requests raced past the check for an active membership, and the constraint stopped the second.
        raise ValidationError(ALREADY_MEMBER_MESSAGE, code="already_member") from None


def _detail(membership: Membership) -> dict:
    return {"organization": membership.organization_id, "role": membership.role, "status": membership.status}


def _grant_content_permissions(group: Group) -> None:
    """Let ``group`` edit every page, image and document (called after migrations, so the roots exist)."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    root_page = Page.get_first_root_node()
    if root_page is not None:
        for codename in SECRETARIAT_PAGE_PERMISSIONS:
            permission = Permission.objects.filter(
                content_type__app_label="wagtailcore", codename=codename
            ).first()
            if permission is not None:
                GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for dotted in SECRETARIAT_COLLECTION_PERMISSIONS:
            app_label, codename = dotted.split(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
