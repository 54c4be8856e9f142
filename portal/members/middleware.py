"""Second-factor enforcement: bound to the session everywhere, and required for the Wagtail admin.

The middleware first checks that a session of an account with TOTP proved the code at sign-in, and ends
any session that did not (one opened by a password-only form, for example). Members-only portal pages then enforce the
factor through ``portal.members.mixins.MemberRequiredMixin``. The admin has no such mixin, so the middleware
also guards every ``/admin/`` path, for every account.
"""

import logging

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from . import access
from .mfa import mark_request_user
from .mixins import second_factor_setup_url

logger = logging.getLogger(__name__)


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not mark_request_user(request):
            # An account with TOTP whose session never proved it (signed in some way other than allauth's
            # form): end the session so that the next sign-in requires the code.
            logger.warning("Session of user %s had no second-factor record; signed out.", request.user.pk)
            logout(request)
            messages.warning(request, _("Sign in again with the code from your authenticator app."))
            return redirect_to_login(request.get_full_path())
        if request.path.startswith("/admin/") and request.user.is_authenticated:
            # Everyone who can reach the admin needs a second factor, superusers included. Wagtail itself turns
            # away accounts without admin access, so they are not asked to set one up first.
            if not request.user.has_perm("wagtailadmin.access_admin"):
                # Wagtail would send a signed-in account back to the sign-in page, which sends it on to
                # the admin again: a redirect loop. Say no plainly instead.
                raise PermissionDenied
            if not access.standing(request.user).has_second_factor:
                messages.warning(request, _("Set up a second factor before you open this page."))
                return redirect(second_factor_setup_url(request))
        return self.get_response(request)
