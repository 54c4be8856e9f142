"""The members app's own signal, and receivers for allauth's signals."""

from allauth.account.signals import email_confirmed
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.dispatch import Signal, receiver

from . import access

# Sent once the secretariat approves an organization's membership of the conference (``is_approved`` turned
# on), with ``organization`` and ``actor``, after the change is saved. The registry gives new operators their
# onboarding checklist on it.
organization_approved = Signal()


@receiver(authenticator_added)
def remember_destination_after_totp(sender, request, user, authenticator, **kwargs) -> None:
    """Keep the page the user was heading for, so the recovery-codes page can offer to continue there.

    Our TOTP activation template posts the ``next`` parameter that the members area passed along.
    """
    from .views import SECOND_FACTOR_NEXT_SESSION_KEY, is_safe_next

    access.forget_standing(user)
    if authenticator.type != Authenticator.Type.TOTP or request is None:
        return
    target = request.GET.get("next")
    if target and is_safe_next(request, target):
        request.session[SECOND_FACTOR_NEXT_SESSION_KEY] = target


@receiver(email_confirmed)
def notify_approvers_of_confirmed_request(sender, request, email_address, **kwargs) -> None:
    """Pass a pending request on to its approvers once the applicant confirmed their address."""
    from .services import notify_approvers_after_confirmation

    if email_address.email.lower() == email_address.user.email.lower():
        notify_approvers_after_confirmation(email_address.user)
