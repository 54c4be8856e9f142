"""The coded-term list for members, the CSV and JSON feed, and the organization admins' API tokens."""

from __future__ import annotations

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import patch_vary_headers
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import ListView, TemplateView

from portal.audit.models import Outcome
from portal.audit.services import record
from portal.members import access

from .. import feeds
from ..forms import FeedTokenForm
from ..models import CodedTerm, CodedTermFeed, FeedToken
from ..services import feed as services
from .base import MemberPolicyMixin

PAGE_SIZE = 50
FEED_ACTION = "incidents.coded_terms.feed_fetched"
# The largest feed version, the maximum of the PositiveIntegerField that stores it.
MAX_VERSION = 2**31 - 1
MAX_VERSION_DIGITS = len(str(MAX_VERSION))


class CodedTermListView(MemberPolicyMixin, ListView):
    """The terms in the feed, with the feed's version and download links."""

    template_name = "incidents/coded_terms.html"
    context_object_name = "terms"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return CodedTerm.objects.active().prefetch_related("site_types").order_by("term")

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context.update(
            feed_version=CodedTermFeed.current_version(),
            feed_format=feeds.FEED_FORMAT,
            can_manage_tokens=access.can_manage_feed_tokens(self.request.user),
        )
        return context


class CodedTermFeedView(View):
    """The feed as CSV or JSON, for an API token (``Authorization: Bearer …``) or a signed-in member.

    Every fetch is audited, refused ones included; repeated refusals for the rate limit are audited once per
    window. Requests are counted per token, per member, or per address when no valid credential is given.
    """

    def get(self, request, feed_format: str):
        token, organization, refusal = self.authenticate(request)
        rate_key = self.rate_key(request, token)
        wait = services.rate_limit_wait(rate_key)
        if wait:
            if cache.add(f"incidents:feed-refusal-audited:{rate_key}", True, timeout=wait):
                self.audit(
                    request, token, organization, feed_format, outcome=Outcome.DENIED, reason="rate_limited"
                )
            return self.error(
                feed_format,
                _("Too many requests. Try again in %(seconds)d seconds.") % {"seconds": wait},
                429,
                headers={"Retry-After": str(wait)},
            )
        if refusal is not None:
            self.audit(request, token, organization, feed_format, outcome=Outcome.DENIED, reason=refusal)
            return self.unauthorized(feed_format, refusal)
        since = self.since(request)
        if since is False:
            return self.error(feed_format, _("“since” must be a feed version number."), 400)

        version = CodedTermFeed.current_version()
        etag = f'"coded-terms-{feed_format}-v{version}-s{since if since is not None else "all"}"'
        detail = {"format": feed_format, "version": version, "since": since}
        if token is not None:
            services.mark_token_used(token)
        if request.headers.get("If-None-Match") == etag:
            self.audit(request, token, organization, feed_format, extra={**detail, "not_modified": True})
            return self.finish(HttpResponseNotModified(), etag, version)
        if feed_format == "json":
            response = HttpResponse(feeds.feed_json(since), content_type="application/json; charset=utf-8")
        else:
            response = HttpResponse(feeds.feed_csv(since), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="coded-terms-v{version}.csv"'
        self.audit(request, token, organization, feed_format, extra=detail)
        return self.finish(response, etag, version)

    def authenticate(self, request):
        """Return ``(token, organization, refusal reason)``; a bad token is refused even with a session."""
        header = request.headers.get("Authorization", "")
        if header:
            token = services.token_from_header(header)
            if token is None or not access.feed_token_allows(token):
                return None, None, "invalid_token"
            return token, token.organization, None
        if access.can_read_coded_terms(request.user):
            return None, access.standing(request.user).organization, None
        return None, None, "no_credentials"

    @staticmethod
    def rate_key(request, token: FeedToken | None) -> str:
        if token is not None:
            return f"token:{token.pk}"
        if request.user.is_authenticated:
            return f"user:{request.user.pk}"
        # allauth's rules read X-Forwarded-For only behind the trusted proxies ALLAUTH_TRUSTED_PROXY_COUNT
        # names, so a client cannot pick its own address.
        try:
            return f"address:{get_adapter(request).get_client_ip(request)}"
        except PermissionDenied:
            return "address:unknown"

    @staticmethod
    def since(request) -> int | None | bool:
        """Return the ``since`` version, ``None`` when absent, or ``False`` when it is not a version number."""
        value = request.GET.get("since")
        if value is None or value == "":
            return None
        # str.isdigit() also accepts ² and digits of other scripts, which int() rejects. Versions are stored
        # as positive 32-bit integers, so longer numbers are no version either.
        if not (value.isascii() and value.isdigit() and len(value) <= MAX_VERSION_DIGITS):
            return False
        number = int(value)
        return number if number <= MAX_VERSION else False

    @staticmethod
    def audit(request, token, organization, feed_format, *, outcome=Outcome.SUCCESS, reason=None, extra=None):
        detail = {"format": feed_format, **(extra or {})}
        if token is not None:
            detail["token"] = token.pk
        if organization is not None:
            detail["organization"] = organization.pk
        if reason:
            detail["reason"] = reason
        record(
            FEED_ACTION, actor=request.user, outcome=outcome, detail=detail, target_label="coded-term feed"
        )

    def unauthorized(self, feed_format: str, reason: str):
        message = _("Send a valid feed token as “Authorization: Bearer <token>”, or sign in as a member.")
        response = self.error(feed_format, message, 401)
        error = ' error="invalid_token"' if reason == "invalid_token" else ""
        response["WWW-Authenticate"] = f'Bearer realm="coded-terms"{error}'
        return response

    @staticmethod
    def error(feed_format: str, message: str, status: int, headers=None):
        if feed_format == "json":
            response = JsonResponse(
                {"error": message}, status=status, json_dumps_params={"ensure_ascii": False}
            )
        else:
            response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
        for name, value in (headers or {}).items():
            response[name] = value
        response["Cache-Control"] = "no-store"
        return response

    @staticmethod
    def finish(response, etag: str, version: int):
        response["ETag"] = etag
        response["X-Feed-Version"] = str(version)
        response["Cache-Control"] = "private, no-cache"
        patch_vary_headers(response, ["Authorization", "Cookie"])
        return response


@method_decorator(never_cache, name="dispatch")
class FeedTokensView(MemberPolicyMixin, TemplateView):
    """The organization's feed tokens. A new or rotated token's secret appears once, in the response."""

    template_name = "incidents/feed_tokens.html"
    policy = staticmethod(access.can_manage_feed_tokens)

    def post(self, request, *args, **kwargs):
        form = FeedTokenForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        token, secret = services.create_feed_token(actor=request.user, name=form.cleaned_data["name"])
        return self.render_to_response(self.get_context_data(new_token=token, secret=secret))

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        organization = access.standing(self.request.user).organization
        context.setdefault("form", FeedTokenForm())
        context["tokens"] = FeedToken.objects.filter(organization=organization).select_related("created_by")
        context["organization"] = organization
        return context


@method_decorator(never_cache, name="dispatch")
class FeedTokenActionView(MemberPolicyMixin, View):
    http_method_names = ["post"]
    policy = staticmethod(access.can_manage_feed_tokens)

    def post(self, request, pk: int, action: str):
        organization = access.standing(request.user).organization
        token = get_object_or_404(FeedToken, pk=pk, organization=organization, revoked_at__isnull=True)
        if action == "revoke":
            services.revoke_feed_token(token, actor=request.user)
            messages.success(request, _("The token %(name)s was revoked.") % {"name": token.name})
            return redirect("incidents:feed_tokens")
        replacement, secret = services.rotate_feed_token(token, actor=request.user)
        view = FeedTokensView()
        view.setup(request)
        return view.render_to_response(view.get_context_data(new_token=replacement, secret=secret))
