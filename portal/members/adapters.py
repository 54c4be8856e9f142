"""The allauth adapter: how allauth sends mail and where it sends users, plus the invitation kept for sign-up."""

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from .models import Invitation

INVITATION_SESSION_KEY = "members_invitation_token"


class AccountAdapter(DefaultAccountAdapter):
    """Allauth's default behaviour, plus an invitation remembered between its link and the sign-up form."""

    def stash_invitation(self, request: HttpRequest, invitation: Invitation) -> None:
        """Remember ``invitation`` for the sign-up form and mark its address as verified.

        Only the recipient of the invitation email can have opened its link, so the address needs no second
        verification email. The sign-up form drops the verified address again when the person signs up with
        another one.
        """
        request.session[INVITATION_SESSION_KEY] = invitation.token
        self.stash_verified_email(request, invitation.email)

    def stashed_invitation(self, request: HttpRequest) -> Invitation | None:
        """Return the remembered invitation while it can still be accepted, or ``None``."""
        token = request.session.get(INVITATION_SESSION_KEY)
        if not token:
            return None
        invitation = Invitation.objects.select_related("organization").filter(token=token).first()
        if invitation is None or not invitation.is_usable:
            return None
        return invitation

    def unstash_invitation(self, request: HttpRequest) -> None:
        """Forget the remembered invitation and the address it verified."""
        request.session.pop(INVITATION_SESSION_KEY, None)
        self.unstash_verified_email(request)
