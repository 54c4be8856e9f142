"""The guidelines area in the Wagtail admin and on the site search.

Editors write guidelines as pages. The page editor gains an "Open for consultation" action next to
"Publish". Under "Guidelines" the secretariat finds the published versions, where it can move a consultation's
closing time, the comments awaiting an answer, and the topics. Comments are answered and moderated on the
guideline page itself, where the secretariat sees each comment in its context.
"""

import logging

from django.contrib import messages as django_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.ui.tables import DateColumn, TitleColumn
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.audit.services import record
from portal.members import access

from . import services
from .admin_forms import CONSULTATION_ACTION
from .models import (
    Comment,
    CommentStatus,
    GuidelineIndexPage,
    GuidelinePage,
    GuidelineTopic,
    GuidelineVersion,
)
from .search import GuidelineSource

logger = logging.getLogger(__name__)


# Site search


@hooks.register("register_search_source")
def register_guideline_search_source():
    return GuidelineSource()


# "Open for consultation" in the page editor


class OpenConsultationMenuItem(ActionMenuItem):
    """Save the draft and show it to members as a draft under consultation, leaving the live version as it is."""

    name = CONSULTATION_ACTION
    label = gettext_lazy("Open for consultation")
    icon_name = "group"

    def is_shown(self, context):
        if context["view"] == "create":
            parent = context["parent_page"]
            return (
                parent.specific_class is GuidelineIndexPage
                and parent.permissions_for_user(context["request"].user).can_publish_subpage()
            )
        if context["view"] != "edit" or context["locked_for_user"]:
            return False
        return issubclass(context["page"].specific_class, GuidelinePage) and (
            self.get_user_page_permissions_tester(context).can_publish()
        )


@hooks.register("register_page_action_menu_item")
def register_open_consultation_menu_item():
    return OpenConsultationMenuItem(order=35)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def open_consultation_after_save(request, page):
    """Freeze the draft just saved as a draft under consultation when the editor chose that action."""
    if not request.POST.get(CONSULTATION_ACTION) or not isinstance(page, GuidelinePage):
        return None
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    revision = page.latest_revision
    try:
        version = services.publish_version(
            page, consultation=True, revision=revision, actor=request.user, now=timezone.now()
        )
    except ValidationError as error:
        django_messages.error(request, " ".join(error.messages))
        return redirect(edit_url)
    django_messages.success(
        request,
        _("Draft %(label)s is open for consultation by members until %(closes)s.")
        % {
            "label": version.label,
            "closes": date_format(timezone.localtime(version.consultation_closes_at), "DATETIME_FORMAT"),
        },
    )
    return redirect(edit_url)


# Admin screens of the secretariat


class SecretariatPolicy(ModelPermissionPolicy):
    """Permission policy that allows ``allowed_actions`` to the secretariat (``access.can_use_admin``) only."""

    def __init__(self, model, allowed_actions: frozenset[str]):
        super().__init__(model)
        self.allowed_actions = allowed_actions

    def user_has_permission(self, user, action):
        return action in self.allowed_actions and access.can_use_admin(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return self.model._meta.apps.get_model("members", "User").objects.none()


register_permission_policy(
    GuidelineVersion, SecretariatPolicy(GuidelineVersion, frozenset({"view", "change"}))
)
register_permission_policy(Comment, SecretariatPolicy(Comment, frozenset({"view"})))
register_permission_policy(
    GuidelineTopic, SecretariatPolicy(GuidelineTopic, frozenset({"view", "add", "change", "delete"}))
)


class VersionEditView(EditView):
    """Move the closing time of a draft under consultation; every other field of a version is frozen."""

    def get_object(self, queryset=None):
        version = super().get_object(queryset)
        if not version.is_consultation:
            raise PermissionDenied
        return version

    def get_form_class(self):
        form_class = super().get_form_class()
        form_class.base_fields["consultation_closes_at"].required = True
        return form_class

    def save_instance(self):
        version = super().save_instance()
        record(
            "guidelines.consultation.rescheduled",
            actor=self.request.user,
            target=version,
            detail={"guideline": version.guideline_id, "label": version.label},
        )
        return version


class VersionViewSet(ModelViewSet):
    model = GuidelineVersion
    icon = "history"
    menu_label = gettext_lazy("Versions")
    edit_view_class = VersionEditView
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "guideline",
        "label",
        "state",
        "is_major",
        "change_note",
        "effective_date",
        "in_force_since",
        "consultation_closes_at",
        "published_at",
        "superseded_at",
        "published_by",
        "title",
        "summary",
    ]
    list_display = [
        "title",
        "label",
        "state",
        "is_major",
        DateColumn("published_at", label=gettext_lazy("Published")),
    ]
    list_filter = ["state", "is_major"]
    search_fields = ["title", "label"]
    search_backend_name = None
    form_fields = ["consultation_closes_at"]
    add_to_reference_index = False


def thread_url(comment: Comment) -> str:
    return f"{comment.version.get_absolute_url()}#{comment.element_id}"


class CommentIndexView(IndexView):
    """Threads only (replies show on the page), open ones first and oldest first, unless sorted by a column."""

    def get_base_queryset(self):
        threads = super().get_base_queryset().filter(thread__isnull=True)
        return threads.select_related("version__guideline", "organization")

    def order_queryset(self, queryset):
        if "ordering" in self.request.GET:
            return super().order_queryset(queryset)
        open_first = Case(
            When(status=CommentStatus.OPEN, then=Value(0)),
            When(status=CommentStatus.ANSWERED, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        return queryset.order_by(open_first, "created_at", "pk")


class CommentViewSet(ModelViewSet):
    """The secretariat's queue of comment threads, each linking to its place on the guideline page."""

    model = Comment
    icon = "comment"
    menu_label = gettext_lazy("Comments")
    index_view_class = CommentIndexView
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "version",
        "section_anchor",
        "organization",
        "status",
        "created_at",
        "hidden_reason",
    ]
    list_display = [
        TitleColumn("excerpt", label=gettext_lazy("Comment"), get_url=thread_url),
        "version",
        "organization",
        "status",
        "created_at",
    ]
    list_filter = ["status", "version__state", "is_official"]
    search_fields = ["body"]
    search_backend_name = None
    form_fields = []


class TopicViewSet(SnippetViewSet):
    model = GuidelineTopic
    icon = "tag"
    menu_label = gettext_lazy("Topics")
    list_display = ["name_ja", "name_en", "slug", "sort_order"]
    copy_view_enabled = False
    form_fields = ["name_ja", "name_en", "slug", "sort_order"]


class GuidelinesViewSetGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Guidelines")
    menu_icon = "doc-full"
    menu_order = 150
    items = (VersionViewSet("guideline-versions"), CommentViewSet("guideline-comments"))


@hooks.register("register_admin_viewset")
def register_guideline_viewsets():
    return GuidelinesViewSetGroup()


register_snippet(TopicViewSet)
