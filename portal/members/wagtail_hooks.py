"""The members app in the Wagtail admin: organizations, memberships and the queue of membership requests.

Only users that ``access.can_use_admin`` allows (the secretariat, with its second factor) reach these
screens, and Wagtail's model permissions apply as well. Membership status never changes through a generic form:
approving, rejecting and role changes go through ``portal.members.services``, which audit them and email
the applicant.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, EditView, IndexView, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from portal.audit.services import record

from . import access, services
from .models import Membership, MembershipStatus, Organization
from .signals import organization_approved


class SecretariatPermissionPolicy(ModelPermissionPolicy):
    """Model permissions that count only for users allowed into the admin by ``access.can_use_admin``.

    ``blocked_actions`` are refused to everyone, superusers included, because the portal performs them
    through its services instead.
    """

    def __init__(self, model, blocked_actions: frozenset[str] = frozenset()):
        super().__init__(model)
        self.blocked_actions = blocked_actions

    def user_has_permission(self, user, action):
        if action in self.blocked_actions:
            return False
        return access.can_use_admin(user) and super().user_has_permission(user, action)


# Wagtail raises ImproperlyConfigured unless these are registered before any viewset looks up a policy.
register_permission_policy(Organization, SecretariatPermissionPolicy(Organization, frozenset({"delete"})))
register_permission_policy(Membership, SecretariatPermissionPolicy(Membership, frozenset({"add", "delete"})))


# Organizations


class OrganizationCreateView(CreateView):
    def save_instance(self):
        organization = super().save_instance()
        record(
            "members.organization.created",
            actor=self.request.user,
            target=organization,
            detail={"kind": organization.kind, "is_approved": organization.is_approved},
        )
        if organization.is_approved:
            organization_approved.send(
                sender=Organization, organization=organization, actor=self.request.user
            )
        return organization


class OrganizationEditView(EditView):
    def save_instance(self):
        changed = list(self.form.changed_data)
        organization = super().save_instance()
        record(
            "members.organization.changed",
            actor=self.request.user,
            target=organization,
            detail={"fields": changed, "kind": organization.kind, "is_approved": organization.is_approved},
        )
        if "is_approved" in changed and organization.is_approved:
            organization_approved.send(
                sender=Organization, organization=organization, actor=self.request.user
            )
        return organization


class OrganizationViewSet(ModelViewSet):
    model = Organization
    icon = "group"
    add_view_class = OrganizationCreateView
    edit_view_class = OrganizationEditView
    copy_view_enabled = False
    list_display = ["name_ja", "name_en", "kind", "country", "is_approved"]
    list_filter = ["kind", "is_approved"]
    search_fields = ["name_ja", "name_en"]
    search_backend_name = None
    form_fields = ["name_ja", "name_en", "kind", "country", "website", "is_approved"]

    def formfield_for_dbfield(self, db_field, **kwargs):
        if isinstance(db_field, models.URLField):
            # A website typed without a scheme is assumed to use HTTPS, as Django 6 will do by default.
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, **kwargs)


# Memberships


class MembershipIndexView(IndexView):
    """Memberships with pending requests first, unless the user sorts by a column."""

    def get_base_queryset(self):
        # Requests from unconfirmed addresses stay out of approvers' sight, as in the request queue.
        unconfirmed = Membership.objects.pending().exclude(
            pk__in=Membership.objects.awaiting_decision().values("pk")
        )
        return (
            super()
            .get_base_queryset()
            .exclude(pk__in=unconfirmed.values("pk"))
            .select_related("user", "organization")
        )

    def order_queryset(self, queryset):
        if "ordering" in self.request.GET:
            return super().order_queryset(queryset)
        pending_first = Case(
            When(status=MembershipStatus.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return queryset.order_by(pending_first, "-requested_at", "-pk")


class MembershipEditView(EditView):
    """Edit view for the role alone, saved through ``services.change_role`` so the change is checked and audited."""

    def form_valid(self, form):
        membership = Membership.objects.get(pk=self.object.pk)
        try:
            services.change_role(membership, form.cleaned_data["role"], actor=self.request.user)
        except ValidationError as error:
            form.add_error("role", error)
            return self.form_invalid(form)
        self.form = form
        self.object = Membership.objects.get(pk=membership.pk)
        return self.save_action()


class MembershipViewSet(ModelViewSet):
    model = Membership
    icon = "user"
    index_view_class = MembershipIndexView
    edit_view_class = MembershipEditView
    copy_view_enabled = False
    list_display = [
        "user",
        "organization",
        Column("organization_kind", label=gettext_lazy("Kind"), accessor="organization.get_kind_display"),
        "role",
        "status",
        "requested_at",
    ]
    list_filter = ["status", "organization__kind"]
    search_fields = ["user__email", "user__name", "organization__name_ja", "organization__name_en"]
    search_backend_name = None
    form_fields = ["role"]


class MembersViewSetGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Members")
    menu_icon = "group"
    items = (OrganizationViewSet("organizations"), MembershipViewSet("memberships"))


@hooks.register("register_admin_viewset")
def register_members_viewsets():
    return MembersViewSetGroup()


# The queue of membership requests


class SecretariatOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not access.can_use_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class MembershipRequestsView(SecretariatOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """Pending membership requests of every organization, oldest first, with Approve and Reject buttons."""

    template_name = "members/admin/membership_requests.html"
    page_title = gettext_lazy("Membership requests")
    header_icon = "group"

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["requests"] = (
            Membership.objects.awaiting_decision()
            .select_related("user", "organization")
            .order_by("requested_at", "pk")
        )
        return context


class DecideMembershipRequestView(SecretariatOnlyMixin, View):
    """POST-only action that approves or rejects one request through the services.

    The services audit the decision and email the applicant.
    """

    http_method_names = ["post"]

    def post(self, request, pk: int, action: str):
        membership = get_object_or_404(Membership.objects.select_related("user", "organization"), pk=pk)
        decide = services.approve_membership if action == "approve" else services.reject_membership
        try:
            decide(membership, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("members_membership_requests")
        if action == "approve":
            messages.success(request, _("The request of %(name)s was approved.") % {"name": membership.user})
        else:
            messages.success(request, _("The request of %(name)s was rejected.") % {"name": membership.user})
        return redirect("members_membership_requests")


@hooks.register("register_admin_urls")
def register_membership_request_urls():
    decide = DecideMembershipRequestView.as_view()
    return [
        path("membership-requests/", MembershipRequestsView.as_view(), name="members_membership_requests"),
        path(
            "membership-requests/<int:pk>/approve/",
            decide,
            {"action": "approve"},
            name="members_membership_request_approve",
        ),
        path(
            "membership-requests/<int:pk>/reject/",
            decide,
            {"action": "reject"},
            name="members_membership_request_reject",
        ),
    ]


class SecretariatMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_use_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_membership_requests_menu_item():
    return SecretariatMenuItem(
        gettext_lazy("Membership requests"),
        reverse("members_membership_requests"),
        icon_name="mail",
        order=210,
    )
