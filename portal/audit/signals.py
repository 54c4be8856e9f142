"""Audit entries for sign-in events that Django and allauth announce."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from .models import Outcome
from .services import record


@receiver(user_login_failed)
def record_failed_sign_in(sender, credentials, request=None, **kwargs) -> None:
    """Record a failed sign-in against the account it named, without storing what was typed.

    Attempts naming no existing account are recorded without any identifier, so a mistyped address or a
    password typed into the email field never reaches the log.
    """
    identifier = credentials.get("email") or credentials.get("username") or ""
    user_model = get_user_model()
    account = user_model.objects.filter(email__iexact=identifier).first() if identifier else None
    record(
        "accounts.sign_in.failed",
        target=account,
        target_label=None if account else "unknown account",
        outcome=Outcome.FAILURE,
    )
