"""The reporter's side: the report form, the receipt shown once, the lookup by receipt and the reporter's list.

The PIN exists in clear only in the response to a report: it goes from the service into the session, is
shown once on the receipt page and dropped there. No URL carries the receipt number or the PIN, and the
responses that show either are never cached.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.crypto import salted_hmac
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, ListView

from portal import ratelimit
from portal.members import access

from .. import services
from ..forms import LookupForm, ReportForm
from ..models import Category, Reply, Report, normalize_receipt_number

logger = logging.getLogger(__name__)

# The receipt waiting to be shown, and the mark left once it was, in the reporter's session.
RECEIPT_SESSION_KEY = "reports:receipt"
RECEIPT_SHOWN_SESSION_KEY = "reports:receipt_shown"

SUBMIT_SCOPE = "reports.submit"
LOOKUP_SCOPE = "reports.lookup"


def common_context() -> dict:
    return {
        "hotline_url": settings.REPORTS_HOTLINE_URL,
        "retention_days": settings.REPORTS_CONTACT_RETENTION_DAYS,
    }


def consume_submit_allowance(request) -> bool:
    """Count one report against the sender's limit; return ``False`` once it is passed.

    Signed-in reporters are counted per account only, because a volunteer group often patrols from one
    office network and would otherwise share the lower per-address limit meant for anonymous senders.
    """
    window = settings.REPORTS_SUBMIT_WINDOW_SECONDS
    if request.user.is_authenticated:
        key = ratelimit.sender_key(request, SUBMIT_SCOPE)
        return ratelimit.consume(
            "reports:submit:account", key, limit=settings.REPORTS_SUBMIT_ACCOUNT_LIMIT, window=window
        )
    key = ratelimit.address_key(request, SUBMIT_SCOPE)
    return ratelimit.consume(
        "reports:submit:address", key, limit=settings.REPORTS_SUBMIT_ADDRESS_LIMIT, window=window
    )


@method_decorator(never_cache, name="dispatch")
@method_decorator(sensitive_post_parameters("post_url", "description", "contact_email"), name="dispatch")
class ReportView(FormView):
    """The report form, for everyone; a report that passes goes to ``services.submit_report``."""

    template_name = "reports/intake/form.html"
    form_class = ReportForm

    def get_initial(self) -> dict:
        # ``?service=<id>`` preselects a service, so that other pages can link to the form for one service.
        # An id that is not in the list selects nothing.
        service = self.request.GET.get("service", "")
        return {"service": service} if service.isdigit() and len(service) < 12 else {}

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs) | common_context()
        context["reporting_group"] = services.reporting_group(self.request.user)
        context["can_list_own_reports"] = access.can_list_own_reports(self.request.user)
        context["sexual_images"] = Category.SEXUAL_IMAGES
        return context

    def form_invalid(self, form, status: int = 400):
        return self.render_to_response(self.get_context_data(form=form), status=status)

    def form_valid(self, form):
        if form.is_spam:
            logger.info("Dropped a report that filled in the honeypot field.")
            messages.success(self.request, _("Thank you for your report."))
            return redirect("reports:index")
        if not consume_submit_allowance(self.request):
            form.add_error(
                None,
                _(
                    "You have sent many reports in a short time. Your report is kept below; send it again "
                    "later. If a child is in danger now, call the police on 110."
                ),
            )
            return self.form_invalid(form, status=429)

        data = form.cleaned_data
        report, pin = services.submit_report(
            service=data["service"],
            site_address=data["site_address"],
            post_url=data["post_url"],
            category=data["category"],
            description=data["description"],
            contact_email=data["contact_email"],
            user=self.request.user,
            language=get_language(),
        )
        # NOTE: if the receipt page is never opened, the PIN stays in the session store until the session expires.
        self.request.session[RECEIPT_SESSION_KEY] = {
            "number": report.formatted_receipt_number,
            "pin": pin,
            "emailed": report.receipt_emailed,
            "category": report.category,
        }
        self.request.session.pop(RECEIPT_SHOWN_SESSION_KEY, None)
        return redirect("reports:receipt")


@method_decorator(never_cache, name="dispatch")
class ReceiptView(View):
    """The receipt number and PIN of the report just sent, shown once; a reload explains that they were shown."""

    # HEAD would drop the PIN from the session without showing it.
    http_method_names = ["get"]

    def get(self, request):
        receipt = request.session.pop(RECEIPT_SESSION_KEY, None)
        context = common_context() | {"can_list_own_reports": access.can_list_own_reports(request.user)}
        if receipt is None:
            if not request.session.get(RECEIPT_SHOWN_SESSION_KEY):
                return redirect("reports:index")
            return TemplateResponse(request, "reports/intake/receipt_shown.html", context)
        request.session[RECEIPT_SHOWN_SESSION_KEY] = True
        context |= {"receipt": receipt, "sexual_images": receipt["category"] == Category.SEXUAL_IMAGES}
        return TemplateResponse(request, "reports/intake/receipt.html", context)


@method_decorator(never_cache, name="dispatch")
@method_decorator(sensitive_post_parameters("receipt_number", "pin"), name="dispatch")
class LookupView(View):
    """Look a report up by receipt number and PIN (POST only, so that neither lands in a URL or a log).

    A wrong PIN, a missing PIN and an unknown number get the same page and status. Failures count against
    the client's address and against the receipt number, whether or not it exists. Once either limit is
    used up, every attempt gets the same "too many attempts" page, even with the right PIN.
    """

    template_name = "reports/intake/lookup.html"

    def get(self, request):
        return self.render_form(LookupForm())

    def post(self, request):
        form = LookupForm(request.POST)
        form.is_valid()
        number, pin = form.credentials()
        keys = lookup_limit_keys(request, number)
        limit = settings.REPORTS_LOOKUP_FAILURE_LIMIT
        if any(ratelimit.is_exhausted("reports:lookup", key, limit=limit) for key in keys):
            form.add_error(
                None,
                _("Too many failed lookups. Check the receipt number and PIN, and try again later."),
            )
            return self.render_form(form, status=429)

        report = services.look_up(number, pin)
        if report is None:
            window = settings.REPORTS_LOOKUP_WINDOW_SECONDS
            for key in keys:
                ratelimit.consume("reports:lookup", key, limit=limit, window=window)
            form.add_error(
                None,
                _("No report matches this receipt number and PIN. Check both and try again."),
            )
            return self.render_form(form, status=400)

        replies = report.replies.select_related("organization")
        context = common_context() | {"report": report, "replies": replies}
        return TemplateResponse(request, "reports/intake/status.html", context)

    def render_form(self, form, status: int = 200):
        context = common_context() | {"form": form}
        return TemplateResponse(self.request, self.template_name, context, status=status)


def lookup_limit_keys(request, number: str) -> list[str]:
    """Return the rate-limit keys of a lookup: the client's address and, when one was typed, the number."""
    keys = [ratelimit.address_key(request, LOOKUP_SCOPE)]
    if number:
        normalized = normalize_receipt_number(number)
        keys.append(salted_hmac(LOOKUP_SCOPE, f"receipt:{normalized}").hexdigest())
    return keys


@method_decorator(never_cache, name="dispatch")
class OwnReportsView(ListView):
    """The reports the signed-in user sent, while the report still links to the account."""

    template_name = "reports/intake/mine.html"
    context_object_name = "reports"
    paginate_by = 20

    def dispatch(self, request, *args, **kwargs):
        if not access.can_list_own_reports(request.user):
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        replies = Reply.objects.select_related("organization")
        return (
            Report.objects.filter(reporter=self.request.user)
            .select_related("service")
            .prefetch_related(Prefetch("replies", queryset=replies))
        )

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(**kwargs) | common_context()
