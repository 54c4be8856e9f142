"""Members' pages: the members area, profile, organization administration."""

from django.views.generic import TemplateView

from .mixins import MemberRequiredMixin


class DashboardView(MemberRequiredMixin, TemplateView):
    template_name = "members/dashboard.html"


class ProfileView(TemplateView):
    template_name = "members/profile.html"
