"""The second factor bound to the session, and allauth's MFA adapter.

An account that has a TOTP authenticator counts as having a second factor only in a session that proved
it: allauth records an ``mfa`` entry in the session when the code is checked at sign-in, and activating TOTP
in a session proves it too. A session opened any other way (a password-only form, a stolen session cookie
from before the authenticator existed) does not pass.
"""

import time

from allauth.account.authentication import get_authentication_records
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.dispatch import receiver

ACTIVATED_SESSION_KEY = "portal_second_factor_activated"
VERIFIED_ATTRIBUTE = "_portal_session_second_factor"
HAS_TOTP_ATTRIBUTE = "_portal_has_totp"


def session_passed_second_factor(request) -> bool:
    """Return whether the signed-in user proved a second factor in this session."""
    user = request.user
    records = get_authentication_records(request, user)
    if any(record.get("method") == "mfa" for record in records):
        return True
    return request.session.get(ACTIVATED_SESSION_KEY) == str(user.pk)


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def mark_request_user(request) -> bool:
    """Tell the access policy, through the request's user object, whether this session passed the factor.

    Returns False for a session of an account with TOTP that never proved it, which must sign in again.
    """
    user = request.user
    if not user.is_authenticated:
        return True
    user_has_totp = has_totp(user)
    verified = user_has_totp and session_passed_second_factor(request)
    setattr(user, HAS_TOTP_ATTRIBUTE, user_has_totp)
    setattr(user, VERIFIED_ATTRIBUTE, verified)
    return verified or not user_has_totp


@receiver(authenticator_added)
def remember_activation(sender, request, user, authenticator, **kwargs) -> None:
    if authenticator.type == Authenticator.Type.TOTP and request is not None:
        request.session[ACTIVATED_SESSION_KEY] = str(user.pk)
        setattr(request.user, HAS_TOTP_ATTRIBUTE, True)
        setattr(request.user, VERIFIED_ATTRIBUTE, True)


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """Keep the TOTP authenticator of users whose role requires a second factor."""
        from . import access

        if authenticator.type != Authenticator.Type.TOTP:
            return super().can_delete_authenticator(authenticator)
        if access.standing(authenticator.user).needs_second_factor:
            return False
        return super().can_delete_authenticator(authenticator)


def record_second_factor(session, user) -> None:
    """Write the session records of a sign-in with TOTP, as tests that skip the sign-in form need."""
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        return
    now = time.time()
    session["account_authentication_methods"] = [
        {"method": "password", "at": now},
        {"method": "mfa", "at": now, "id": authenticator.pk, "type": authenticator.type},
    ]
    session["account_authentication_methods_user"] = str(user.pk)
