"""Background tasks of the members app: the emails about membership requests, decisions and invitations.

Services enqueue these with ``transaction.on_commit``, so a task never reads a row whose transaction was
rolled back. Every email is rendered in the recipient's language from ``members/email/<name>_subject.txt``
and ``members/email/<name>_message.txt``.
"""

import logging
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from . import access
from .models import Invitation, Membership, MembershipRole, MembershipStatus, OrganizationKind, User

logger = logging.getLogger(__name__)


@task()
def notify_applicant(membership_id: int) -> None:
    """Email the applicant whether their membership request was approved or rejected."""
    membership = Membership.objects.select_related("user", "organization").filter(pk=membership_id).first()
    if membership is None:
        logger.warning("Membership %s is gone; no decision email sent.", membership_id)
        return
    if membership.status == MembershipStatus.APPROVED:
        template = "membership_approved"
    elif membership.status == MembershipStatus.REJECTED:
        template = "membership_rejected"
    else:
        logger.info("Membership %s is %s; no decision email sent.", membership_id, membership.status)
        return

    user = membership.user
    context = {
        "user": user,
        "membership": membership,
        "requires_second_factor": access.organization_requires_second_factor(membership.organization),
    }
    context["members_url"] = absolute_url("members:dashboard", user.language)
    context["join_url"] = absolute_url("members:join", user.language)
    send_rendered_mail(template, user, context)


@task()
def notify_approvers(membership_id: int) -> None:
    """Email the people who may decide a new membership request.

    Those are the organization's admins; an organization without an admin relies on the secretariat.
    """
    membership = Membership.objects.select_related("user", "organization").filter(pk=membership_id).first()
    if membership is None or membership.status != MembershipStatus.PENDING:
        return
    approvers = list(organization_admins(membership.organization_id))
    via_admin = not approvers
    if via_admin:
        approvers = list(secretariat_members())
    if not approvers:
        logger.warning(
            "No organization admin or secretariat member can decide membership %s, so no email was sent.",
            membership_id,
        )
        return

    for approver in approvers:
        if approver.pk == membership.user_id:
            continue
        if via_admin:
            decide_url = urljoin(settings.WAGTAILADMIN_BASE_URL, reverse("members_membership_requests"))
        else:
            decide_url = absolute_url(
                "members:organization", approver.language, pk=membership.organization_id
            )
        context = {"approver": approver, "membership": membership, "decide_url": decide_url}
        send_rendered_mail("membership_requested", approver, context)


@task()
def send_invitation(invitation_id: int, language: str) -> None:
    """Email an invitation with its link, in ``language`` (the inviter's, since the invitee has no account)."""
    invitation = (
        Invitation.objects.select_related("organization", "invited_by").filter(pk=invitation_id).first()
    )
    if invitation is None or not invitation.is_usable:
        logger.info("Invitation %s is gone or unusable; no invitation email sent.", invitation_id)
        return
    context = {
        "invitation": invitation,
        "accept_url": absolute_url("members:invitation", language, token=invitation.token),
    }
    send_rendered_mail("invitation", None, context, address=invitation.email, language=language)


def organization_admins(organization_id: int):
    return User.objects.filter(
        is_active=True,
        memberships__organization_id=organization_id,
        memberships__status=MembershipStatus.APPROVED,
        memberships__role=MembershipRole.ADMIN,
    ).distinct()


def secretariat_members():
    return User.objects.filter(
        is_active=True,
        memberships__organization__kind=OrganizationKind.SECRETARIAT,
        memberships__organization__is_approved=True,
        memberships__status=MembershipStatus.APPROVED,
    ).distinct()


def absolute_url(name: str, language: str, **kwargs) -> str:
    """Return the absolute URL of a portal page under ``language``'s prefix, for links in emails."""
    with translation.override(language):
        path = reverse(name, kwargs=kwargs or None)
    return urljoin(settings.WAGTAILADMIN_BASE_URL, path)


def send_rendered_mail(
    template: str,
    recipient: User | None,
    context: dict,
    *,
    address: str | None = None,
    language: str | None = None,
) -> None:
    """Render ``members/email/<template>_*.txt`` in the recipient's language and send it to one address."""
    language = language or (recipient.language if recipient else settings.LANGUAGE_CODE)
    address = address or recipient.email
    with translation.override(language):
        subject = render_to_string(f"members/email/{template}_subject.txt", context)
        message = render_to_string(f"members/email/{template}_message.txt", context)
    # A line break in a subject would break the header.
    subject = " ".join(subject.split())
    send_mail(subject, message, None, [address])
