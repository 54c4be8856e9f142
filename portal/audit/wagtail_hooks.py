"""The audit log in the Wagtail admin: read-only, filterable, for the secretariat."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from portal.exports import SafeSpreadsheetExportMixin
from portal.members import access

from .models import AuditEvent, Outcome
from .services import record


class AuditLogPermissionPolicy(ModelPermissionPolicy):
    """Permission policy that lets the secretariat view entries and lets no user add, change or delete them."""

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        return access.can_browse_audit_log(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class AuditEventFilterSet(WagtailFilterSet):
    action = django_filters.CharFilter(label=_("Action"), lookup_expr="startswith")
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=Outcome.choices)
    object_type = django_filters.CharFilter(label=_("Object type"))
    occurred_at = django_filters.DateFromToRangeFilter(label=_("Time"), widget=DateRangePickerWidget)

    class Meta:
        model = AuditEvent
        fields = ["action", "outcome", "object_type", "occurred_at"]


class AuditEventIndexView(SafeSpreadsheetExportMixin, IndexView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.is_export and response.status_code == 200:
            record(
                "audit.log.exported",
                actor=request.user,
                target_label="audit log",
                detail={"format": request.GET.get("export"), "filters": sorted(request.GET.keys())},
            )
        return response


class AuditEventViewSet(ModelViewSet):
    model = AuditEvent
    index_view_class = AuditEventIndexView
    icon = "list-ul"
    menu_label = _("Audit log")
    menu_order = 900
    add_to_settings_menu = True
    url_prefix = "audit-log"
    list_display = ["occurred_at", "action", "actor_label", "object_label", "outcome"]
    filterset_class = AuditEventFilterSet
    search_fields = ["action", "actor_label", "object_label"]
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []  # Entries are never created or edited; the permission policy forbids both.
    add_to_reference_index = False
    list_export = [
        "occurred_at",
        "action",
        "actor_label",
        "object_type",
        "object_id",
        "object_label",
        "outcome",
    ]
    export_filename = "audit-log"


register_permission_policy(AuditEvent, AuditLogPermissionPolicy(AuditEvent))
audit_event_viewset = AuditEventViewSet("audit_log")


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return audit_event_viewset
