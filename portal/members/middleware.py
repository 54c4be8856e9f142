"""Second-factor enforcement for the Wagtail admin.

Members-only portal pages enforce the second factor through ``portal.members.mixins.MemberRequiredMixin``;
the admin has no such mixin, so this middleware guards every ``/admin/`` path, for every account.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from . import access
from .mixins import second_factor_setup_url


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/") and request.user.is_authenticated:
            # Everyone who can reach the admin needs a second factor, superusers included. Wagtail itself turns
            # away accounts without admin access, so they are not asked to set one up first.
            may_enter = request.user.has_perm("wagtailadmin.access_admin")
            if may_enter and not access.standing(request.user).has_second_factor:
                messages.warning(request, _("Set up a second factor before you open this page."))
                return redirect(second_factor_setup_url(request))
        return self.get_response(request)
