"""Members' pages for police briefings: the list, the police's form and the attachment downloads.

The briefings themselves are Wagtail pages, served by ``PoliceBriefingPage.serve``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, ListView

from portal.files import protected_file_response
from portal.members import access

from ..forms import BriefingForm
from ..models import BriefingAttachment, PoliceBriefingPage
from ..services import briefings as services
from .base import MemberPolicyMixin

PAGE_SIZE = 20


class BriefingListView(MemberPolicyMixin, ListView):
    """Live briefings the member may read, newest first, in both languages."""

    template_name = "incidents/briefing_list.html"
    context_object_name = "briefings"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return (
            access.visible_briefings(PoliceBriefingPage.objects.all(), self.request.user)
            .select_related("locale")
            .order_by("-first_published_at", "-pk")
        )

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["can_post"] = access.can_post_briefing(self.request.user)
        return context


@method_decorator([sensitive_post_parameters(), never_cache], name="dispatch")
class BriefingCreateView(MemberPolicyMixin, FormView):
    """The police's form for a new briefing, published at once and announced to the members it reaches."""

    template_name = "incidents/briefing_form.html"
    form_class = BriefingForm
    policy = staticmethod(access.can_post_briefing)

    def form_valid(self, form):
        data = form.cleaned_data
        draft = services.BriefingDraft(
            title=data["title"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            summary=data["summary"],
            distribution=data["distribution"],
            audience_kinds=form.audience_kinds_value,
            named_organizations=list(data["named_organizations"]),
            arrests=form.arrests(),
            site_types=list(data["high_incidence_site_types"]),
            attachments=data["attachments"],
        )
        try:
            page = services.post_briefing(draft, author=self.request.user, language_code=get_language())
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The briefing was published. The members it reaches are notified."))
        return redirect(page.get_url(self.request))


class BriefingWithdrawView(MemberPolicyMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        page = get_object_or_404(PoliceBriefingPage, pk=pk)
        if not access.can_read_briefing(request.user, page):
            raise Http404
        services.withdraw_briefing(page, actor=request.user)
        messages.success(request, _("The briefing was withdrawn. Members can no longer read it."))
        return redirect("incidents:briefings")


class BriefingAttachmentView(MemberPolicyMixin, View):
    """An attachment, for those who may read its briefing. Others get "not found"."""

    def get(self, request, pk: int, name: str):
        attachment = get_object_or_404(BriefingAttachment.objects.select_related("page"), pk=pk)
        if not access.can_read_briefing(request.user, attachment.page):
            raise Http404
        services.record_attachment_read(attachment, user=request.user)
        return protected_file_response(attachment.file, attachment.name)
