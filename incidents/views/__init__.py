"""Views of the incidents area, one module per kind of item; the landing page is here."""

from django.views.generic import TemplateView

from portal.members import access

from ..models import IncidentPattern, PoliceBriefingPage
from ..services.patterns import patterns_for_list
from .base import MemberPolicyMixin

RECENT_ITEMS = 5


class IndexView(MemberPolicyMixin, TemplateView):
    """The members' landing page of the area: recent patterns and briefings, and what the member may do."""

    template_name = "incidents/index.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            recent_patterns=patterns_for_list(IncidentPattern.objects.all(), user)[:RECENT_ITEMS],
            recent_briefings=access.visible_briefings(PoliceBriefingPage.objects.all(), user)
            .select_related("locale")
            .order_by("-first_published_at", "-pk")[:RECENT_ITEMS],
            can_share=access.can_share_pattern(user),
            can_review=access.can_review_patterns(user),
            can_post_briefing=access.can_post_briefing(user),
            can_add_statistics=access.can_add_statistics(user),
            can_manage_tokens=access.can_manage_feed_tokens(user),
            review_count=IncidentPattern.objects.awaiting_review().count()
            if access.can_review_patterns(user)
            else 0,
        )
        return context
