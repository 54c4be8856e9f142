"""Onboarding checklists: an operator's own checklist and its items, the certificate, the secretariat's overview."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from portal.members import access
from portal.members.mixins import MemberRequiredMixin, RoleRequiredMixin
from portal.members.models import Organization, OrganizationKind
from portal.pdf import pdf_response

from ..forms import ChecklistItemForm, EvidenceForm, RevokeCertificateForm
from ..models import Certificate, Checklist, ChecklistItem, ChecklistTemplate, Evidence, ItemState
from ..services import adoptions as adoption_services
from ..services import onboarding


class OwnChecklistView(RoleRequiredMixin, TemplateView):
    """Send an operator's member to their organization's checklist, or say that there is none yet."""

    template_name = "registry/onboarding/none.html"
    allowed_roles = {access.Role.OPERATOR, access.Role.SECRETARIAT}

    def get(self, request, *args, **kwargs):
        current = access.standing(request.user)
        if current.is_secretariat:
            return redirect("registry:onboarding_overview")
        checklist = Checklist.objects.filter(organization=current.organization).first()
        if checklist is not None:
            return redirect("registry:checklist", pk=checklist.pk)
        return super().get(request, *args, **kwargs)


class ChecklistView(MemberRequiredMixin, TemplateView):
    """A checklist's items with their state, due dates and evidence, and its progress."""

    template_name = "registry/onboarding/checklist.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        checklist = get_object_or_404(
            Checklist.objects.select_related("organization", "template"), pk=kwargs["pk"]
        )
        if not access.can_view_checklist(self.request.user, checklist):
            raise PermissionDenied
        items = list(
            checklist.items.select_related(
                "measure", "guideline", "completed_by", "verified_by"
            ).prefetch_related("evidence")
        )
        context.update(
            checklist=checklist,
            organization=checklist.organization,
            items=items,
            progress=Progress.of(items),
            today=timezone.localdate(),
            certificate=getattr(checklist, "certificate", None) if checklist.is_complete else None,
            certificate_urls=localized_urls("registry:certificate_pdf", pk=checklist.pk),
        )
        certificate = context["certificate"]
        if certificate is not None and access.can_revoke_certificate(self.request.user, certificate):
            context["revoke_form"] = kwargs.get("revoke_form") or RevokeCertificateForm()
        return context


def localized_urls(name: str, **kwargs) -> dict[str, str]:
    """Return the path of a URL in each language, by language code."""
    urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls[code] = reverse(name, kwargs=kwargs)
    return urls


class Progress:
    """Counts of a checklist's items: done and not applicable (settled), verified, open and overdue."""

    def __init__(self, total: int, done: int, not_applicable: int, verified: int, overdue: int):
        self.total = total
        self.done = done
        self.not_applicable = not_applicable
        self.verified = verified
        self.overdue = overdue

    @classmethod
    def of(cls, items: list[ChecklistItem]) -> Progress:
        today = timezone.localdate()
        return cls(
            total=len(items),
            done=sum(1 for item in items if item.state == ItemState.DONE),
            not_applicable=sum(1 for item in items if item.state == ItemState.NOT_APPLICABLE),
            verified=sum(1 for item in items if item.is_verified),
            overdue=sum(1 for item in items if item.is_overdue(today)),
        )

    @property
    def settled(self) -> int:
        return self.done + self.not_applicable

    @property
    def open(self) -> int:
        return self.total - self.settled

    @property
    def settled_percent(self) -> int:
        return round(100 * self.settled / self.total) if self.total else 0

    @property
    def verified_percent(self) -> int:
        return round(100 * self.verified / self.total) if self.total else 0


class ChecklistItemView(MemberRequiredMixin, TemplateView):
    """One checklist item: its state and reason, and its evidence. POST ``action=state`` or ``action=evidence``."""

    template_name = "registry/onboarding/item.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.item = get_object_or_404(
            ChecklistItem.objects.select_related(
                "checklist__organization", "measure", "guideline", "verified_by"
            ),
            pk=kwargs["pk"],
        )

    def get(self, request, *args, **kwargs):
        self.check_reader()
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.check_reader()
        if not access.can_update_checklist_item(request.user, self.item):
            raise PermissionDenied
        if self.item.checklist.is_complete:
            messages.error(request, _("The checklist is complete, so its items can no longer change."))
            return redirect("registry:checklist", pk=self.item.checklist_id)
        if request.POST.get("action") == "evidence":
            return self.add_evidence()
        return self.change_state()

    def check_reader(self) -> None:
        if not access.can_view_checklist(self.request.user, self.item.checklist):
            raise PermissionDenied

    def change_state(self):
        form = ChecklistItemForm(self.request.POST)
        if form.is_valid():
            try:
                onboarding.settle_item(
                    self.item,
                    state=form.cleaned_data["state"],
                    reason=form.cleaned_data["reason"],
                    actor=self.request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(self.request, _("“%(title)s” was updated.") % {"title": self.item.title})
                return redirect("registry:checklist", pk=self.item.checklist_id)
        return self.render_to_response(self.get_context_data(state_form=form), status=400)

    def add_evidence(self):
        form = EvidenceForm(self.request.POST, self.request.FILES, checklist_item=self.item)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(evidence_form=form), status=400)
        evidence = adoption_services.add_evidence(form.save(commit=False), actor=self.request.user)
        messages.success(self.request, _("The evidence “%(title)s” was added.") % {"title": evidence.title})
        return redirect("registry:checklist_item", pk=self.item.pk)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        item = self.item
        initial_state = item.state if item.state != ItemState.OPEN else ItemState.DONE
        context.update(
            item=item,
            checklist=item.checklist,
            evidence=list(Evidence.objects.filter(checklist_item=item).select_related("uploaded_by")),
            may_update=access.can_update_checklist_item(self.request.user, item)
            and not item.checklist.is_complete,
            may_verify=access.can_verify_checklist_item(self.request.user, item),
            state_form=kwargs.get("state_form")
            or ChecklistItemForm(initial={"state": initial_state, "reason": item.reason}),
            evidence_form=kwargs.get("evidence_form") or EvidenceForm(checklist_item=item),
            today=timezone.localdate(),
        )
        return context


class VerifyItemView(MemberRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        item = get_object_or_404(ChecklistItem.objects.select_related("checklist"), pk=kwargs["pk"])
        try:
            onboarding.verify_item(item, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("“%(title)s” was marked as verified.") % {"title": item.title})
        return redirect("registry:checklist", pk=item.checklist_id)


class CertificatePDFView(MemberRequiredMixin, View):
    """The completion certificate as PDF, in the language of the URL."""

    def get(self, request, *args, **kwargs):
        checklist = get_object_or_404(
            Checklist.objects.select_related("organization", "template"), pk=kwargs["pk"]
        )
        if not access.can_view_checklist(request.user, checklist):
            raise PermissionDenied
        if not checklist.is_complete:
            messages.error(request, _("The certificate is issued once every item is done or not applicable."))
            return redirect("registry:checklist", pk=checklist.pk)
        certificate = checklist.certificate
        if certificate.revoked_at is not None:
            messages.error(request, _("This certificate was revoked, so it can no longer be downloaded."))
            return redirect("registry:checklist", pk=checklist.pk)
        content = onboarding.certificate_pdf(certificate, request.LANGUAGE_CODE)
        filename = _("onboarding-certificate-%(organization)s.pdf") % {
            "organization": checklist.organization.display_name
        }
        return pdf_response(content, filename)


class RevokeCertificateView(ChecklistView):
    """The secretariat revokes a checklist's certificate, with a reason."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        certificate = get_object_or_404(
            Certificate.objects.select_related("checklist__organization"), checklist_id=kwargs["pk"]
        )
        if not access.can_revoke_certificate(request.user, certificate):
            raise PermissionDenied
        form = RevokeCertificateForm(request.POST)
        if form.is_valid():
            try:
                onboarding.revoke_certificate(
                    certificate, actor=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The certificate was revoked."))
                return redirect("registry:checklist", pk=certificate.checklist_id)
        context = self.get_context_data(revoke_form=form, **kwargs)
        return self.render_to_response(context, status=400)


class OnboardingOverviewView(RoleRequiredMixin, TemplateView):
    """Every operator's onboarding progress, for the secretariat. POST gives a checklist to an organization."""

    template_name = "registry/onboarding/overview.html"
    allowed_roles = {access.Role.SECRETARIAT}
    paginate_by = 50

    def post(self, request, *args, **kwargs):
        organization = get_object_or_404(
            Organization,
            pk=request.POST.get("organization"),
            kind=OrganizationKind.OPERATOR,
            is_approved=True,
        )
        checklist = onboarding.give_checklist(organization, actor=request.user)
        if checklist is None:
            messages.error(
                request, _("No checklist template is published yet. Publish one in the admin first.")
            )
        else:
            messages.success(
                request,
                _("%(organization)s has its checklist.") % {"organization": organization.display_name},
            )
        return redirect("registry:onboarding_overview")

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        checklists = (
            Checklist.objects.with_progress()
            .select_related("organization", "template")
            .prefetch_related(
                Prefetch(
                    "items",
                    queryset=ChecklistItem.objects.overdue(timezone.localdate()),
                    to_attr="overdue_items",
                )
            )
            .order_by("completed_at", "given_at", "pk")
        )
        without = (
            Organization.objects.filter(kind=OrganizationKind.OPERATOR, is_approved=True)
            .exclude(Exists(Checklist.objects.filter(organization=OuterRef("pk"))))
            .order_by("name_ja")
        )
        context.update(
            page_obj=Paginator(checklists, self.paginate_by).get_page(self.request.GET.get("page")),
            without_checklist=without[:100],
            current_template=ChecklistTemplate.objects.current(),
        )
        return context
