"""Members' side of the registry: an operator's own records, its services, adoptions and evidence.

Views ask ``portal.members.access`` about the object, call one function of ``registry.services``, then
render or redirect with a message. ``PermissionDenied`` from a service becomes the 403 page.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from portal.audit.models import Outcome
from portal.audit.services import record
from portal.files import protected_file_response
from portal.members import access
from portal.members.mixins import MemberRequiredMixin
from portal.members.models import Organization, OrganizationKind

from ..forms import AdoptionForm, EvidenceForm, ServiceForm
from ..models import Adoption, AdoptionEvent, Checklist, Evidence, Service
from ..services import adoptions as adoption_services
from .public import matrix_measures, matrix_rows


class ManageIndexView(MemberRequiredMixin, View):
    """Send each member to the registry page meant for their role."""

    def get(self, request, *args, **kwargs):
        current = access.standing(request.user)
        if current.role is access.Role.OPERATOR:
            return redirect("registry:manage_organization", pk=current.organization.pk)
        if current.is_secretariat:
            return redirect("registry:onboarding_overview")
        if access.can_verify_adoptions(request.user):
            return redirect("registry:review_queue")
        raise PermissionDenied


class OrganizationRecordsView(MemberRequiredMixin, TemplateView):
    """An operator's services, public or not, with every adoption and its flags, for its members and reviewers."""

    template_name = "registry/manage/organization.html"
    paginate_by = 25

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        organization = get_object_or_404(Organization, pk=kwargs["pk"], kind=OrganizationKind.OPERATOR)
        if not access.can_view_service_records(self.request.user, organization):
            raise PermissionDenied
        services = (
            Service.objects.filter(organization=organization).with_adoptions().order_by("name_ja", "pk")
        )
        page_obj = Paginator(services, self.paginate_by).get_page(self.request.GET.get("page"))
        measures = list(matrix_measures(organization))
        context.update(
            organization=organization,
            page_obj=page_obj,
            measures=measures,
            rows=matrix_rows(page_obj.object_list, measures),
            may_manage=access.can_manage_services(self.request.user, organization),
            checklist=Checklist.objects.filter(organization=organization).first(),
        )
        return context


class ServiceDetailView(MemberRequiredMixin, TemplateView):
    """One service's adoptions with their evidence, reviewers' notes and history."""

    template_name = "registry/manage/service.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        service = get_object_or_404(Service.objects.select_related("organization"), pk=kwargs["pk"])
        if not access.can_view_service_records(self.request.user, service.organization):
            raise PermissionDenied
        adoptions = (
            service.adoptions.select_related("measure", "verified_by_organization", "verified_by")
            .prefetch_related(
                Prefetch("evidence", queryset=Evidence.objects.select_related("uploaded_by")),
                Prefetch(
                    "events", queryset=AdoptionEvent.objects.select_related("actor", "actor_organization")
                ),
            )
            .order_by("measure__sort_order", "measure__code")
        )
        context.update(
            service=service,
            organization=service.organization,
            adoptions=adoptions,
            site_types=service.site_types.all(),
            may_manage=access.can_manage_services(self.request.user, service.organization),
            may_verify=access.can_verify_adoptions(self.request.user),
            today=timezone.localdate(),
        )
        return context


class ServiceFormView(MemberRequiredMixin, TemplateView):
    """Add a service to an operator (``organization`` in the URL) or change one (``pk``)."""

    template_name = "registry/manage/service_form.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if "organization" in kwargs:
            self.service = None
            self.organization = get_object_or_404(
                Organization, pk=kwargs["organization"], kind=OrganizationKind.OPERATOR
            )
        else:
            self.service = get_object_or_404(Service.objects.select_related("organization"), pk=kwargs["pk"])
            self.organization = self.service.organization

    def check_manager(self) -> None:
        if not access.can_manage_services(self.request.user, self.organization):
            raise PermissionDenied

    def get(self, request, *args, **kwargs):
        self.check_manager()
        form = ServiceForm(instance=self.service, organization=self.organization)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        self.check_manager()
        form = ServiceForm(request.POST, instance=self.service, organization=self.organization)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        service = form.save(commit=False)
        adoption_services.save_service(service, form.cleaned_data["site_types"], actor=request.user)
        messages.success(request, _("The service “%(name)s” was saved.") % {"name": service.name})
        return redirect("registry:service", pk=service.pk)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context.update(service=self.service, organization=self.organization)
        return context


class AdoptionFormView(MemberRequiredMixin, TemplateView):
    """Record a measure for a service (``service`` in the URL) or change a recorded one (``pk``)."""

    template_name = "registry/manage/adoption_form.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if "service" in kwargs:
            self.adoption = None
            self.service = get_object_or_404(
                Service.objects.select_related("organization"), pk=kwargs["service"]
            )
        else:
            self.adoption = get_object_or_404(
                Adoption.objects.select_related("service__organization", "measure"), pk=kwargs["pk"]
            )
            self.service = self.adoption.service

    def check_manager(self) -> None:
        if not access.can_manage_services(self.request.user, self.service.organization):
            raise PermissionDenied

    def get(self, request, *args, **kwargs):
        self.check_manager()
        form = AdoptionForm(instance=self.adoption, service=self.service)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        self.check_manager()
        form = AdoptionForm(request.POST, instance=self.adoption, service=self.service)
        if form.is_valid():
            try:
                adoption = adoption_services.save_adoption(form.save(commit=False), actor=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("“%(measure)s” was saved for %(service)s.")
                    % {"measure": adoption.measure.name, "service": self.service.name},
                )
                return redirect(f"{self.service.get_manage_url()}#adoption-{adoption.pk}")
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context.update(adoption=self.adoption, service=self.service)
        return context


class EvidenceAddView(MemberRequiredMixin, TemplateView):
    """Add a link, a text or a file as evidence for an adoption."""

    template_name = "registry/manage/evidence_form.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.adoption = get_object_or_404(
            Adoption.objects.select_related("service__organization", "measure"), pk=kwargs["pk"]
        )

    def check_manager(self) -> None:
        if not access.can_manage_services(self.request.user, self.adoption.service.organization):
            raise PermissionDenied

    def get(self, request, *args, **kwargs):
        self.check_manager()
        return self.render_to_response(self.get_context_data(form=EvidenceForm(adoption=self.adoption)))

    def post(self, request, *args, **kwargs):
        self.check_manager()
        form = EvidenceForm(request.POST, request.FILES, adoption=self.adoption)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        evidence = adoption_services.add_evidence(form.save(commit=False), actor=request.user)
        messages.success(request, _("The evidence “%(title)s” was added.") % {"title": evidence.title})
        return redirect(f"{self.adoption.service.get_manage_url()}#adoption-{self.adoption.pk}")

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context.update(adoption=self.adoption, service=self.adoption.service)
        return context


class EvidenceFileView(MemberRequiredMixin, View):
    """Serve an evidence file to whoever the access policy allows, and record the read. Files are never public."""

    def get(self, request, *args, **kwargs):
        evidence = get_object_or_404(
            Evidence.objects.select_related("adoption__service__organization", "checklist_item__checklist"),
            pk=kwargs["pk"],
        )
        if not evidence.file:
            raise Http404
        if not access.can_read_evidence(request.user, evidence):
            record("registry.evidence.read", actor=request.user, target=evidence, outcome=Outcome.DENIED)
            raise PermissionDenied
        record("registry.evidence.read", actor=request.user, target=evidence)
        return protected_file_response(evidence.file, evidence.download_name())


class EvidenceRemoveView(MemberRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        evidence = get_object_or_404(
            Evidence.objects.select_related("adoption__service__organization", "checklist_item__checklist"),
            pk=kwargs["pk"],
        )
        target = (
            f"{evidence.adoption.service.get_manage_url()}#adoption-{evidence.adoption_id}"
            if evidence.adoption_id
            else None
        )
        adoption_services.remove_evidence(evidence, actor=request.user)
        messages.success(request, _("The evidence “%(title)s” was removed.") % {"title": evidence.title})
        if target:
            return redirect(target)
        return redirect("registry:checklist_item", pk=evidence.checklist_item_id)
