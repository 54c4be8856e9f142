"""The curricula area in the Wagtail admin and the site search.

The "Curricula" menu contains educators' feedback (read-only, filterable) and the download report (a chart
with the same numbers as tables). Both are for the secretariat only, as ``portal.members.access`` decides.
"""

import django_filters
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from portal.members import access

from . import reports
from .forms import DownloadReportForm
from .models import Audience, CurriculumPage, Feedback, FeedbackSender
from .search import CurriculumSearchSource

# Feedback


class FeedbackPermissionPolicy(ModelPermissionPolicy):
    """Feedback can be viewed by the secretariat and never added, changed or deleted in the admin.

    Old feedback is deleted by ``manage.py prune_curricula`` only.
    """

    def user_has_permission(self, user, action):
        return action == "view" and access.can_read_curriculum_feedback(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Feedback, FeedbackPermissionPolicy(Feedback))


class FeedbackFilterSet(WagtailFilterSet):
    page = django_filters.ModelChoiceFilter(
        label=_("Curriculum"), queryset=CurriculumPage.objects.select_related("locale").order_by("title")
    )
    rating = django_filters.ChoiceFilter(
        label=_("Rating"), choices=[(value, str(value)) for value in range(1, 6)]
    )
    sender = django_filters.ChoiceFilter(label=_("Sent by"), choices=FeedbackSender.choices)
    language = django_filters.ChoiceFilter(label=_("Language of the form"), choices=settings.LANGUAGES)
    created_at = django_filters.DateFromToRangeFilter(label=_("Received"), widget=DateRangePickerWidget)

    class Meta:
        model = Feedback
        fields = ["page", "rating", "sender", "language", "created_at"]


class FeedbackViewSet(ModelViewSet):
    model = Feedback
    icon = "comment"
    menu_label = _("Feedback")
    url_prefix = "curricula/feedback"
    list_display = [
        "created_at",
        Column("page", label=_("Curriculum"), accessor="page.title"),
        "curriculum_version",
        "rating",
        Column("comment", label=_("Comment"), accessor="comment"),
        "sender",
        "language",
    ]
    filterset_class = FeedbackFilterSet
    search_fields = ["comment"]
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []  # Feedback is never created or edited in the admin; the permission policy forbids both.
    add_to_reference_index = False

    def get_queryset(self, request):
        return Feedback.objects.select_related("page")


# Downloads


class DownloadReportView(WagtailAdminTemplateMixin, TemplateView):
    """Downloads per day as a bar chart, with the same numbers per day and per curriculum as tables."""

    template_name = "curricula/admin/download_report.html"
    page_title = _("Curriculum downloads")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not access.can_view_curriculum_downloads(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = DownloadReportForm(self.request.GET or None)
        start, end = form.period()
        days = reports.daily_totals(start, end)
        bars, top = reports.chart_bars(days)
        curricula = reports.curriculum_totals(start, end)
        feedback = reports.feedback_summary([row["pk"] for row in curricula])
        audiences = dict(Audience.choices)
        for row in curricula:
            row["audience_label"] = audiences.get(row["audience"], row["audience"])
            row["ratings"] = feedback.get(row["pk"], {}).get("ratings", 0)
            row["average"] = feedback.get(row["pk"], {}).get("average")
        busiest = max(days, key=lambda day_total: day_total.total) if days else None
        context.update(
            form=form,
            start=start,
            end=end,
            days=days,
            bars=bars,
            top=top,
            total=sum(day_total.total for day_total in days),
            busiest=busiest,
            curricula=curricula,
            chart_width=reports.CHART_WIDTH,
            chart_height=reports.CHART_HEIGHT,
            plot_left=reports.CHART_MARGIN_LEFT,
            plot_bottom=reports.CHART_HEIGHT - reports.CHART_MARGIN_BOTTOM,
        )
        return context


class SecretariatMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_view_curriculum_downloads(request.user)


class DownloadReportViewSet(ViewSet):
    name = "curricula_downloads"
    url_prefix = "curricula/downloads"
    icon = "doc-full"
    menu_label = _("Downloads")
    menu_item_class = SecretariatMenuItem

    def get_urlpatterns(self):
        return [path("", DownloadReportView.as_view(), name="index")]


class CurriculaViewSetGroup(ViewSetGroup):
    menu_label = _("Curricula")
    menu_icon = "doc-full"
    menu_order = 250
    items = (FeedbackViewSet("curricula_feedback"), DownloadReportViewSet())


@hooks.register("register_admin_viewset")
def register_curricula_viewsets():
    return CurriculaViewSetGroup()


@hooks.register("register_search_source")
def register_curriculum_search_source():
    return CurriculumSearchSource()
