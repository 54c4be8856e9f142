"""View mixins that put the access policy in front of a view."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from . import access


def second_factor_setup_url(request) -> str:
    """Return the TOTP set-up URL, with ``next`` leading back to the page the user asked for."""
    return (
        f"{reverse(settings.PORTAL_SECOND_FACTOR_SETUP_URL)}?{urlencode({'next': request.get_full_path()})}"
    )


def refusal_response(request, decision: access.Decision, *, next_url: str | None = None):
    """Return the response for a decision other than ``ALLOW``, or ``None`` when the decision allows.

    Anonymous users are sent to sign in and users missing a second factor to its set-up. Signed-in users
    still without an organization see the state of their request. Other denials raise ``PermissionDenied``.
    ``next_url`` is where signing in leads back to. By default it is the requested page, or the dashboard
    after a POST, because a POST-only URL would return 405 when opened after signing in.
    """
    if decision is access.Decision.ALLOW:
        return None
    is_read = request.method in ("GET", "HEAD")
    if next_url is None:
        next_url = request.get_full_path() if is_read else reverse("members:dashboard")
    if decision is access.Decision.SIGN_IN:
        return redirect_to_login(next_url)
    if decision is access.Decision.SET_UP_SECOND_FACTOR:
        messages.warning(
            request, _("Your organization's role requires a second factor. Set one up to continue.")
        )
        return redirect(f"{reverse(settings.PORTAL_SECOND_FACTOR_SETUP_URL)}?{urlencode({'next': next_url})}")
    if not access.standing(request.user).is_member:
        # A user still without an organization is shown the state of their request instead of a 403.
        if access.pending_membership(request.user) is not None:
            return redirect("members:pending")
        return redirect("members:join")
    raise PermissionDenied


class PolicyRequiredMixin:
    """Ask ``access`` before dispatching: anonymous users sign in, missing second factors get set up.

    Subclasses implement ``decide(request)`` returning an ``access.Decision``.
    """

    def decide(self, request) -> access.Decision:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        refusal = refusal_response(request, self.decide(request))
        if refusal is not None:
            return refusal
        return super().dispatch(request, *args, **kwargs)


class MemberRequiredMixin(PolicyRequiredMixin):
    """Open to approved members of approved organizations (with a second factor where their role needs one)."""

    def decide(self, request) -> access.Decision:
        return access.members_area_decision(request.user)


class RoleRequiredMixin(PolicyRequiredMixin):
    """Open to members whose role is in ``allowed_roles``."""

    allowed_roles: set[access.Role] = set()

    def decide(self, request) -> access.Decision:
        return access.role_area_decision(request.user, self.allowed_roles)
