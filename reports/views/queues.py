"""The handlers' side: the report queue, the police queue and the handling page of one report.

The access policy decides every read: a list holds only ``access.handled_reports``, and a report the user
may not read is "not found", so that its existence is not confirmed. Actions are POST forms that call one
function of ``reports.services``. The service checks the policy again under a lock and raises
``PermissionError`` when, for instance, someone else closed the report meanwhile.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import TemplateView

from portal.audit.services import record
from portal.members import access
from portal.members.mixins import MemberRequiredMixin, PolicyRequiredMixin

from .. import services
from ..models import Category, Report
from ..queue_forms import OutcomeForm, QueueFilterForm, ReplyForm

PAGE_SIZE = 25


def listed_reports():
    """Reports with what a queue row shows, fetched in the same query."""
    return Report.objects.select_related("service", "operator")


@method_decorator(never_cache, name="dispatch")
class QueueView(PolicyRequiredMixin, TemplateView):
    """The reports a member handles: their operator's, every report for the secretariat, forwarded ones for police."""

    template_name = "reports/queues/queue.html"

    def decide(self, request) -> access.Decision:
        return access.report_queue_decision(request.user)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        filter_form = QueueFilterForm(self.request.GET or None, user=user)
        reports = filter_form.filter(access.handled_reports(listed_reports(), user))
        page_obj = Paginator(reports.order_by("-received_at", "-pk"), PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        current = access.standing(user)
        context.update(
            filter_form=filter_form,
            page_obj=page_obj,
            reports=page_obj.object_list,
            show_operator=filter_form.show_operator,
            organization=current.organization,
            is_secretariat=current.is_secretariat,
            has_police_queue=access.can_read_police_queue(user),
        )
        return context


@method_decorator(never_cache, name="dispatch")
class PoliceQueueView(PolicyRequiredMixin, TemplateView):
    """Reports forwarded to the police, those no officer has marked as seen first."""

    template_name = "reports/queues/police_queue.html"

    def decide(self, request) -> access.Decision:
        return access.police_queue_decision(request.user)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        reports = access.handled_reports(listed_reports(), self.request.user).forwarded_to_police()
        reports = reports.order_by(
            F("police_acknowledged_at").asc(nulls_first=True), "-forwarded_to_police_at", "-pk"
        )
        page_obj = Paginator(reports, PAGE_SIZE).get_page(self.request.GET.get("page"))
        context.update(page_obj=page_obj, reports=page_obj.object_list)
        return context


class ReportMixin(MemberRequiredMixin):
    """Load the report named in the URL, or raise ``Http404`` when the policy does not let the user read it.

    The members' area decision comes first (sign-in, second factor), so that every refusal other than 404 is
    the same whether or not the report exists.
    """

    def dispatch(self, request, *args, **kwargs):
        decision = access.members_area_decision(request.user)
        if decision is access.Decision.ALLOW:
            self.report = self.get_report(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_report(self, pk: int) -> Report:
        report = get_object_or_404(listed_reports(), pk=pk)
        if not access.can_read_report(self.request.user, report):
            raise Http404
        return report

    def detail_context(self, **forms) -> dict:
        """Context of the handling page, with fresh forms unless bound ones are passed in."""
        user = self.request.user
        report = self.report
        return {
            "report": report,
            "replies": report.replies.select_related("organization"),
            "is_sexual_images": report.category == Category.SEXUAL_IMAGES,
            "may_record_outcome": access.can_record_report_outcome(user, report),
            "may_reply": access.can_reply_to_reporter(user, report),
            "may_forward": access.can_forward_report_to_police(user, report),
            "may_acknowledge": access.can_acknowledge_report(user, report)
            and report.police_acknowledged_at is None,
            "is_police": access.can_read_police_queue(user),
            "outcome_form": forms.get("outcome_form") or OutcomeForm(),
            "reply_form": forms.get("reply_form") or ReplyForm(),
        }


@method_decorator(never_cache, name="dispatch")
class ReportDetailView(ReportMixin, TemplateView):
    """The handling page of one report: what was reported, its routing, outcome and replies, and the actions."""

    template_name = "reports/queues/detail.html"

    def get(self, request, *args, **kwargs):
        # Reports describe suspected crimes against children, so every read by a handler is recorded, like
        # reads of TLP:AMBER and RED items.
        record("reports.report.viewed", actor=request.user, target=self.report)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs), **self.detail_context()}


class ReportActionView(ReportMixin, TemplateView):
    """A POST on one report. A rejected action and an invalid form are both shown on the handling page."""

    http_method_names = ["post"]
    template_name = ReportDetailView.template_name

    def reject_action(self):
        messages.error(
            self.request,
            _("This action is no longer possible on report %(reference)s. The page shows its current state.")
            % {"reference": self.report.reference},
        )
        return redirect(self.report)

    def invalid(self, **forms):
        messages.error(self.request, _("The form has errors. Correct the fields marked below."))
        return self.render_to_response(self.detail_context(**forms), status=400)


@method_decorator([sensitive_post_parameters("message"), never_cache], name="dispatch")
class OutcomeView(ReportActionView):
    """Close the report with an outcome and, optionally, a message to the reporter."""

    def post(self, request, *args, **kwargs):
        if not access.can_record_report_outcome(request.user, self.report):
            return self.reject_action()
        form = OutcomeForm(request.POST)
        if not form.is_valid():
            return self.invalid(outcome_form=form)
        try:
            services.record_outcome(
                self.report,
                outcome=form.cleaned_data["outcome"],
                user=request.user,
                message=form.cleaned_data["message"],
            )
        except PermissionError:
            return self.reject_action()
        messages.success(
            request,
            _("The outcome of report %(reference)s was recorded.") % {"reference": self.report.reference},
        )
        return redirect(self.report)


@method_decorator([sensitive_post_parameters("body"), never_cache], name="dispatch")
class ReplyView(ReportActionView):
    """Send the reporter a message without changing the report's outcome."""

    def post(self, request, *args, **kwargs):
        if not access.can_reply_to_reporter(request.user, self.report):
            return self.reject_action()
        form = ReplyForm(request.POST)
        if not form.is_valid():
            return self.invalid(reply_form=form)
        try:
            services.reply(self.report, body=form.cleaned_data["body"], user=request.user)
        except PermissionError:
            return self.reject_action()
        messages.success(
            request,
            _("Your message on report %(reference)s was sent to the reporter.")
            % {"reference": self.report.reference},
        )
        return redirect(self.report)


@method_decorator(never_cache, name="dispatch")
class ForwardView(ReportActionView):
    """Put an open report in the police queue without closing it (the secretariat does this)."""

    def post(self, request, *args, **kwargs):
        try:
            services.forward_to_police(self.report, user=request.user)
        except PermissionError:
            return self.reject_action()
        messages.success(
            request,
            _("Report %(reference)s was forwarded to the police.") % {"reference": self.report.reference},
        )
        return redirect(self.report)


@method_decorator(never_cache, name="dispatch")
class AcknowledgeView(ReportActionView):
    """Mark a forwarded report as seen by the police; the reporter's status page shows it."""

    def post(self, request, *args, **kwargs):
        try:
            services.acknowledge(self.report, user=request.user)
        except PermissionError:
            return self.reject_action()
        messages.success(
            request,
            _("Report %(reference)s is marked as seen by the police.") % {"reference": self.report.reference},
        )
        return redirect("reports:police_queue")
