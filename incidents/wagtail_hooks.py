"""The incidents area in the Wagtail admin and in site search.

The secretariat maintains coded terms under Incidents → Coded terms and reaches the pattern review queue from
the menu. Site search gets one source per kind of item, each filtered by the access policy before the backend
ranks anything.
"""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from portal.home.search import Hit, SearchSource, page_hit
from portal.members import access

from .models import BriefingIndexPage, CodedTerm, IncidentPattern, PoliceBriefingPage
from .services.patterns import patterns_for_list


class SecretariatOnlyPolicy(BasePermissionPolicy):
    """Every action for users the access policy lets into the admin, except those in ``blocked_actions``."""

    def __init__(self, model, blocked_actions: frozenset[str] = frozenset()):
        super().__init__(model)
        self.blocked_actions = blocked_actions

    def user_has_permission(self, user, action):
        return action not in self.blocked_actions and access.can_use_admin(user)

    def users_with_any_permission(self, actions):
        from portal.members.tasks import secretariat_members

        if set(actions) <= self.blocked_actions:
            return secretariat_members().none()
        return secretariat_members()


# Terms are retired (unticked "in the feed") rather than deleted, so that consumers of the feed learn of it.
register_permission_policy(CodedTerm, SecretariatOnlyPolicy(CodedTerm, frozenset({"delete"})))


class CodedTermViewSet(ModelViewSet):
    model = CodedTerm
    icon = "tag"
    menu_label = _("Coded terms")
    add_to_admin_menu = True
    menu_order = 320
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["term", "reading", "first_seen", "is_active", "version"]
    list_filter = ["is_active", "site_types"]
    search_fields = ["term", "reading", "meaning_ja", "meaning_en"]
    search_backend_name = None
    panels = [
        FieldPanel("term"),
        FieldPanel("reading"),
        FieldPanel("meaning_ja"),
        FieldPanel("meaning_en"),
        FieldPanel("first_seen"),
        FieldPanel("site_types", widget=forms.CheckboxSelectMultiple),
        FieldPanel("is_active"),
    ]


@hooks.register("register_admin_viewset")
def register_coded_term_viewset():
    return CodedTermViewSet("coded_terms")


class ReviewQueueMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_review_patterns(request.user)


@hooks.register("register_admin_menu_item")
def register_review_queue_menu_item():
    return ReviewQueueMenuItem(
        _("Incident patterns to review"),
        reverse("incidents:review_queue"),
        icon_name="warning",
        order=310,
    )


# Site search


class PatternSource(SearchSource):
    """Released incident patterns the user may read."""

    key = "incident_patterns"
    label = _("Incident patterns")

    def queryset(self, user):
        return patterns_for_list(IncidentPattern.objects.all(), user)

    def hit(self, item, request) -> Hit:
        return Hit(
            title=item.title,
            url=item.get_absolute_url(),
            kind=str(self.label),
            site_types=self.site_types(item),
            item=item,
            source=self,
        )

    def site_types(self, item):
        types = [item.first_contact_site_type]
        if item.next_site_type is not None and item.next_site_type_id != item.first_contact_site_type_id:
            types.append(item.next_site_type)
        return tuple((site_type.code, site_type.name) for site_type in types)


class BriefingSource(SearchSource):
    """Live police briefings the user may read. It claims the briefing page types from the generic page source."""

    key = "police_briefings"
    label = _("Police briefings")
    page_models = (PoliceBriefingPage, BriefingIndexPage)

    def queryset(self, user):
        return (
            access.visible_briefings(PoliceBriefingPage.objects.all(), user)
            .select_related("locale")
            .prefetch_related("high_incidence_site_types")
        )

    def hit(self, item, request) -> Hit:
        site_types = [(site_type.code, site_type.name) for site_type in item.high_incidence_site_types.all()]
        return page_hit(item, request, self, site_types=site_types)


class CodedTermSource(SearchSource):
    """Terms of the coded-term list, for members only."""

    key = "coded_terms"
    label = _("Coded terms")

    def queryset(self, user):
        if not access.can_read_coded_terms(user):
            return CodedTerm.objects.none()
        return CodedTerm.objects.active()


@hooks.register("register_search_source")
def pattern_search_source():
    return PatternSource()


@hooks.register("register_search_source")
def briefing_search_source():
    return BriefingSource()


@hooks.register("register_search_source")
def coded_term_search_source():
    return CodedTermSource()
