"""Reviewers' side of the registry: the queue of adoptions to verify, and the verification form."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from portal.members import access
from portal.members.mixins import RoleRequiredMixin

from ..forms import VerificationForm
from ..models import Adoption, AdoptionEvent, Evidence
from ..services import adoptions as adoption_services


class ReviewQueueView(RoleRequiredMixin, TemplateView):
    """Adoptions declared as in place and not yet verified, and verified ones flagged after a guideline change."""

    template_name = "registry/review/queue.html"
    allowed_roles = {access.Role.REVIEWER}
    paginate_by = 50

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        adoptions = (
            Adoption.objects.awaiting_review()
            .filter(service__organization__is_approved=True)
            .select_related("service__organization", "measure", "verified_by_organization")
            .order_by("-needs_review", "updated_at", "pk")
        )
        context["page_obj"] = Paginator(adoptions, self.paginate_by).get_page(self.request.GET.get("page"))
        return context


class AdoptionReviewView(RoleRequiredMixin, TemplateView):
    """One adoption with its evidence and history, and the reviewer's decision."""

    template_name = "registry/review/adoption.html"
    allowed_roles = {access.Role.REVIEWER}

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.adoption = get_object_or_404(
            Adoption.objects.select_related(
                "service__organization", "measure", "verified_by_organization"
            ).prefetch_related(
                Prefetch("evidence", queryset=Evidence.objects.select_related("uploaded_by")),
                Prefetch(
                    "events", queryset=AdoptionEvent.objects.select_related("actor", "actor_organization")
                ),
            ),
            pk=kwargs["pk"],
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=VerificationForm()))

    def post(self, request, *args, **kwargs):
        if not access.can_verify_adoption(request.user, self.adoption):
            raise PermissionDenied
        form = VerificationForm(request.POST)
        if form.is_valid():
            try:
                self.record_decision(form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("registry:review_queue")
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def record_decision(self, data: dict) -> None:
        actor = self.request.user
        names = {"measure": self.adoption.measure.name, "service": self.adoption.service.name}
        if data["decision"] == VerificationForm.VERIFY:
            adoption_services.verify_adoption(
                self.adoption, actor=actor, verified_on=data["verified_on"], note=data["note"]
            )
            messages.success(self.request, _("“%(measure)s” on %(service)s is now verified.") % names)
        else:
            adoption_services.decline_verification(self.adoption, actor=actor, note=data["note"])
            messages.success(
                self.request,
                _("The operator was told why “%(measure)s” on %(service)s was not verified.") % names,
            )

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context.update(
            adoption=self.adoption,
            service=self.adoption.service,
            may_verify=access.can_verify_adoption(self.request.user, self.adoption),
            today=timezone.localdate(),
        )
        return context
