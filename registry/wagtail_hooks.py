"""The registry in the Wagtail admin, and its source for the site search.

The secretariat (``access.can_manage_catalogue``) keeps the catalogue under Registry in the admin menu: site
types, measures and the versions of the onboarding checklist. Codes of site types and measures are fixed once
created, because other areas and exports refer to them. Nothing is deleted: a measure leaves the catalogue by
unticking "in the catalogue", and a checklist version is replaced by a newer one.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from portal.audit.services import record
from portal.members import access
from portal.members.models import User
from portal.members.services import SECRETARIAT_GROUP

from .models import ChecklistTemplate, ChecklistTemplateItem, Measure, Service, SiteType
from .search import RegistrySource
from .services.common import reindex_services


class CataloguePolicy(BasePermissionPolicy):
    """Every action for the users ``access.can_manage_catalogue`` allows, except the ``blocked_actions``."""

    def __init__(self, model, blocked_actions: frozenset[str] = frozenset({"delete"})):
        super().__init__(model)
        self.blocked_actions = blocked_actions

    def user_has_permission(self, user, action) -> bool:
        return action not in self.blocked_actions and access.can_manage_catalogue(user)

    def users_with_any_permission(self, actions):
        if all(action in self.blocked_actions for action in actions):
            return User.objects.none()
        return User.objects.filter(is_active=True, groups__name=SECRETARIAT_GROUP)


register_permission_policy(SiteType, CataloguePolicy(SiteType))
register_permission_policy(Measure, CataloguePolicy(Measure))
# Only drafts can be deleted; PublishedTemplateGuard sends published versions back to the list.
register_permission_policy(ChecklistTemplate, CataloguePolicy(ChecklistTemplate, blocked_actions=frozenset()))

TEMPLATE_NAMESPACE = "registry_checklist_templates"


class FixedCodeEditView(EditView):
    """Edit view whose ``code`` field cannot change."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["code"].disabled = True
        form.fields["code"].help_text = _("Codes cannot change: other areas and exports refer to them.")
        return form


class AuditedCreateView(CreateView):
    def save_instance(self):
        instance = super().save_instance()
        record(f"registry.{instance._meta.model_name}.created", actor=self.request.user, target=instance)
        return instance


class MeasureEditView(FixedCodeEditView):
    def save_instance(self):
        measure = super().save_instance()
        record("registry.measure.changed", actor=self.request.user, target=measure)
        # The services' search entries hold the measure's names.
        reindex_services(Service.objects.filter(adoptions__measure=measure).values_list("pk", flat=True))
        return measure


class SiteTypeEditView(FixedCodeEditView):
    def save_instance(self):
        site_type = super().save_instance()
        record("registry.sitetype.changed", actor=self.request.user, target=site_type)
        reindex_services(site_type.services.values_list("pk", flat=True))
        return site_type


class SiteTypeViewSet(ModelViewSet):
    model = SiteType
    icon = "tag"
    add_view_class = AuditedCreateView
    edit_view_class = SiteTypeEditView
    copy_view_enabled = False
    list_display = ["name_ja", "name_en", "code", "sort_order"]
    search_fields = ["name_ja", "name_en", "code"]
    search_backend_name = None
    form_fields = ["code", "name_ja", "name_en", "description_ja", "description_en", "sort_order"]


class MeasureViewSet(ModelViewSet):
    model = Measure
    icon = "tick-inverse"
    add_view_class = AuditedCreateView
    edit_view_class = MeasureEditView
    copy_view_enabled = False
    list_display = ["name_ja", "name_en", "code", "is_active", "sort_order"]
    list_filter = ["is_active", "site_types"]
    search_fields = ["name_ja", "name_en", "code"]
    search_backend_name = None
    panels = [
        FieldPanel("code"),
        MultiFieldPanel(
            [FieldPanel("name_ja"), FieldPanel("name_en")], heading=pgettext_lazy("catalogue entry", "Name")
        ),
        MultiFieldPanel(
            [FieldPanel("description_ja"), FieldPanel("description_en")],
            heading=pgettext_lazy("catalogue entry", "Description"),
        ),
        FieldPanel("site_types", widget=forms.CheckboxSelectMultiple),
        FieldPanel("sort_order"),
        FieldPanel("is_active"),
    ]


# Checklist templates


class ChecklistTemplateForm(WagtailAdminModelForm):
    publish = forms.BooleanField(
        label=gettext_lazy("Publish this version"),
        required=False,
        help_text=gettext_lazy(
            "New operators then receive this version. A published version can no longer be edited; checklists "
            "already given keep the items they were given."
        ),
    )

    def save(self, commit=True):
        if self.cleaned_data.get("publish") and self.instance.published_at is None:
            self.instance.published_at = timezone.now()
        return super().save(commit=commit)


class ChecklistTemplateIndexView(IndexView):
    """Versions with the number of checklists given from each; published ones offer "New version", not "Edit"."""

    def get_base_queryset(self):
        return super().get_base_queryset().annotate(checklist_count=Count("checklists"))

    def get_edit_url(self, instance):
        return None if instance.is_published else super().get_edit_url(instance)

    def get_delete_url(self, instance):
        return None if instance.is_published else super().get_delete_url(instance)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            MenuItem(
                _("New version"),
                url=reverse(f"{TEMPLATE_NAMESPACE}:new_version", args=[instance.pk]),
                icon_name="copy",
                priority=15,
            )
        )
        return buttons


class PublishedTemplateGuard:
    """Send the secretariat back to the list when it opens a published version for editing or deletion."""

    def dispatch(self, request, *args, **kwargs):
        template = get_object_or_404(ChecklistTemplate, pk=unquote(str(kwargs["pk"])))
        if template.is_published:
            messages.warning(
                request,
                _("Version %(version)s is published and cannot change. Make a new version from it instead.")
                % {"version": template.version},
            )
            return redirect(f"{TEMPLATE_NAMESPACE}:index")
        return super().dispatch(request, *args, **kwargs)


class ChecklistTemplateEditView(PublishedTemplateGuard, EditView):
    def save_instance(self):
        template = super().save_instance()
        record(
            "registry.checklisttemplate.changed",
            actor=self.request.user,
            target=template,
            detail={"version": template.version, "published": template.is_published},
        )
        return template


class ChecklistTemplateDeleteView(PublishedTemplateGuard, DeleteView):
    pass


class ChecklistTemplateCreateView(CreateView):
    def save_instance(self):
        template = super().save_instance()
        record(
            "registry.checklisttemplate.created",
            actor=self.request.user,
            target=template,
            detail={"version": template.version, "published": template.is_published},
        )
        return template


class NewVersionView(WagtailAdminTemplateMixin, TemplateView):
    """Copy a checklist version, items included, into a new draft version and open it for editing."""

    template_name = "registry/admin/new_version.html"
    page_title = gettext_lazy("New version")
    header_icon = "copy"

    def dispatch(self, request, *args, **kwargs):
        if not access.can_manage_catalogue(request.user):
            raise PermissionDenied
        self.source = get_object_or_404(ChecklistTemplate, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.source)

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            draft = ChecklistTemplate.objects.create(name_ja=self.source.name_ja, name_en=self.source.name_en)
            ChecklistTemplateItem.objects.bulk_create(
                ChecklistTemplateItem(
                    template=draft,
                    sort_order=item.sort_order,
                    kind=item.kind,
                    title_ja=item.title_ja,
                    title_en=item.title_en,
                    description_ja=item.description_ja,
                    description_en=item.description_en,
                    guideline_id=item.guideline_id,
                    measure_id=item.measure_id,
                    owner=item.owner,
                    due_after_days=item.due_after_days,
                )
                for item in self.source.items.all()
            )
            record(
                "registry.checklisttemplate.created",
                actor=request.user,
                target=draft,
                detail={"version": draft.version, "copied_from": self.source.version},
            )
        messages.success(
            request,
            _("Version %(version)s was created as a draft. Edit it, then publish it.")
            % {"version": draft.version},
        )
        return redirect(f"{TEMPLATE_NAMESPACE}:edit", draft.pk)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["source"] = self.source
        return context


class ChecklistTemplateViewSet(ModelViewSet):
    model = ChecklistTemplate
    icon = "list-ul"
    index_view_class = ChecklistTemplateIndexView
    add_view_class = ChecklistTemplateCreateView
    edit_view_class = ChecklistTemplateEditView
    delete_view_class = ChecklistTemplateDeleteView
    copy_view_enabled = False
    url_prefix = "registry/checklist-templates"
    url_namespace = TEMPLATE_NAMESPACE
    list_display = [
        "name_ja",
        "version",
        "published_at",
        Column("checklists", label=gettext_lazy("Checklists given"), accessor="checklist_count"),
    ]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("name_ja"), FieldPanel("name_en")],
                heading=pgettext_lazy("catalogue entry", "Name"),
            ),
            FieldPanel("change_note"),
            InlinePanel("items", heading=gettext_lazy("Items"), label=gettext_lazy("Item"), min_num=1),
            FieldPanel("publish"),
        ],
        base_form_class=ChecklistTemplateForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("new-version/<int:pk>/", NewVersionView.as_view(), name="new_version"),
        ]


class RegistryViewSetGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Registry")
    menu_icon = "tick-inverse"
    items = (
        SiteTypeViewSet("registry_site_types", url_prefix="registry/site-types"),
        MeasureViewSet("registry_measures", url_prefix="registry/measures"),
        ChecklistTemplateViewSet(TEMPLATE_NAMESPACE),
    )


@hooks.register("register_admin_viewset")
def register_registry_viewsets():
    return RegistryViewSetGroup()


@hooks.register("register_search_source")
def register_registry_search_source():
    return RegistrySource()
