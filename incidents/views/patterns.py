"""Members' pages for incident patterns: the list with filters and overview, detail, writing, review.

Views parse the request, ask ``portal.members.access`` (through the mixins or directly), call one service
and render or redirect with a message. Messages never repeat text the user typed, because messages live in
the session.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, ListView, TemplateView

from portal.audit.services import record
from portal.members import access
from portal.members.distribution import Distribution
from registry.models import Measure, SiteType

from .. import aggregates
from ..forms import DistributionForm, PatternFilterForm, PatternForm, ReturnPatternForm
from ..models import IncidentPattern, OffenceType, PatternReaction, PatternStatus, PatternView, ReactionKind
from ..periods import quarter_bounds
from ..services import patterns as services
from .base import MemberPolicyMixin, csv_response

PAGE_SIZE = 20


def filter_patterns(queryset, form: PatternFilterForm):
    """Apply the valid filters of ``form`` to ``queryset``; invalid ones are ignored."""
    if not form.is_bound:
        return queryset
    form.is_valid()
    data = form.cleaned_data
    if data.get("site_type"):
        queryset = queryset.filter(first_contact_site_type=data["site_type"])
    path = data.get("contact_path")
    if path == PatternFilterForm.STAYED:
        queryset = queryset.filter(next_site_type__isnull=True)
    elif path:
        queryset = queryset.filter(next_site_type__code=path)
    if data.get("offence_type"):
        queryset = queryset.filter(offence_type=data["offence_type"])
    if data.get("age_bracket"):
        queryset = queryset.filter(age_bracket=data["age_bracket"])
    year = data.get("year")
    if year:
        quarter = data.get("quarter")
        start, _end = quarter_bounds(year, quarter or 1)
        _start, end = quarter_bounds(year, quarter or 4)
        queryset = queryset.filter(period_start__lte=end, period_end__gte=start)
    return queryset


class PatternListView(MemberPolicyMixin, ListView):
    """Released patterns the member may read, filtered, with an overview whose small cells are suppressed."""

    template_name = "incidents/pattern_list.html"
    context_object_name = "patterns"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.filter_form = PatternFilterForm(self.request.GET or None)
        visible = services.patterns_for_list(IncidentPattern.objects.all(), self.request.user)
        return filter_patterns(visible, self.filter_form)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        matching = IncidentPattern.objects.filter(pk__in=self.object_list.values("pk"))
        context.update(
            filter_form=self.filter_form,
            overview=aggregates.count_table(
                matching,
                "first_contact_site_type__code",
                "offence_type",
                rows=[(site_type.code, site_type.name) for site_type in SiteType.objects.all()],
                columns=list(OffenceType.choices),
            ),
            small_cell_threshold=aggregates.small_cell_threshold(),
            can_share=access.can_share_pattern(user),
            can_review=access.can_review_patterns(user),
            export_query=self.request.GET.urlencode(),
        )
        return context


class PatternExportView(MemberPolicyMixin, View):
    """The filtered list as CSV, with each pattern's distribution label. Every export is audited."""

    def get(self, request):
        form = PatternFilterForm(request.GET or None)
        visible = services.patterns_for_list(IncidentPattern.objects.all(), request.user)
        patterns = filter_patterns(visible, form).prefetch_related(
            Prefetch("measures", queryset=Measure.objects.order_by("sort_order"))
        )
        rows = [pattern_row(pattern, request.user) for pattern in patterns]
        record(
            "incidents.pattern.exported",
            actor=request.user,
            detail={"rows": len(rows), "filters": sorted(key for key, value in request.GET.items() if value)},
        )
        return csv_response("incident-patterns.csv", pattern_header(), rows)


def pattern_header() -> list[str]:
    return [
        _("ID"),
        _("Distribution"),
        _("Title"),
        _("Site type of first contact"),
        _("Where the contact moved next"),
        _("Offence type"),
        _("Victim's age bracket"),
        _("Period"),
        _("Region"),
        _("How the offender operated"),
        _("Warning signs"),
        _("Coded terms used"),
        _("Measures that would have stopped it"),
        _("Contributor"),
        _("Released"),
    ]


def pattern_row(pattern: IncidentPattern, user) -> list:
    reveal = access.can_see_pattern_insights(user, pattern)
    return [
        pattern.pk,
        pattern.distribution_label,
        pattern.title,
        pattern.first_contact_site_type.name,
        pattern.next_site_type.name if pattern.next_site_type else _("Stayed on the first service"),
        pattern.get_offence_type_display(),
        pattern.get_age_bracket_display(),
        pattern.period_label,
        pattern.get_region_display(),
        pattern.description,
        pattern.indicators,
        " / ".join(pattern.coded_term_list),
        " / ".join(measure.name for measure in pattern.measures.all()),
        pattern.contributor_label(reveal=reveal),
        pattern.released_at,
    ]


class PatternDetailView(MemberPolicyMixin, TemplateView):
    """One pattern. Reading it is counted for its contributor and audited above TLP:GREEN."""

    template_name = "incidents/pattern_detail.html"

    def get_pattern(self) -> IncidentPattern:
        pattern = get_object_or_404(
            IncidentPattern.objects.with_list_relations().select_related("created_by"), pk=self.kwargs["pk"]
        )
        if not access.can_read_pattern(self.request.user, pattern):
            raise Http404
        return pattern

    def get(self, request, *args, **kwargs):
        self.pattern = self.get_pattern()
        services.record_pattern_read(self.pattern, user=request.user)
        response = super().get(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        pattern, user = self.pattern, self.request.user
        insights = access.can_see_pattern_insights(user, pattern)
        own_reactions = set(
            PatternReaction.objects.filter(pattern=pattern, user=user).values_list("kind", flat=True)
        )
        context.update(
            pattern=pattern,
            measures=pattern.measures.order_by("sort_order"),
            named_organizations=pattern.named_organizations.all()
            if pattern.distribution == Distribution.RED
            else [],
            contributor=pattern.contributor_label(reveal=insights),
            is_contributor=access.is_pattern_contributor(user, pattern),
            similar=services.similar_patterns(pattern, user=user) if pattern.is_current else [],
            can_react=access.can_react_to_pattern(user, pattern),
            reactions=[(kind, label, kind in own_reactions) for kind, label in ReactionKind.choices],
            insights=insights,
            can_edit=access.can_edit_pattern(user, pattern),
            can_release=access.can_review_patterns(user) and pattern.status == PatternStatus.SUBMITTED,
            can_withdraw=access.can_withdraw_pattern(user, pattern),
            can_change_distribution=access.can_change_pattern_distribution(user, pattern),
        )
        if insights:
            counts = services.reaction_counts(pattern)
            context.update(
                reaction_counts=[(kind, label, counts[kind]) for kind, label in ReactionKind.choices],
                viewers=PatternView.objects.filter(pattern=pattern).select_related("organization"),
                history=pattern.history.select_related("actor", "organization"),
            )
        if context["can_change_distribution"]:
            context["distribution_form"] = kwargs.get("distribution_form") or DistributionForm(
                instance=pattern, prefix="level"
            )
        if context["can_release"]:
            context["return_form"] = kwargs.get("return_form") or ReturnPatternForm(prefix="return")
        return context


@method_decorator([sensitive_post_parameters(), never_cache], name="dispatch")
class PatternFormView(MemberPolicyMixin, FormView):
    """Writing a new pattern or editing one before release; "Submit for review" sends it to the secretariat."""

    template_name = "incidents/pattern_form.html"
    form_class = PatternForm
    policy = staticmethod(access.can_share_pattern)

    def get(self, request, *args, **kwargs):
        self.check_editable()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.check_editable()
        return super().post(request, *args, **kwargs)

    def check_editable(self) -> None:
        # The pattern is looked up only after the policy let the member in, so that anonymous visitors get
        # the sign-in page for every id and cannot tell which patterns exist.
        self.pattern = None
        if "pk" not in self.kwargs:
            return
        self.pattern = get_object_or_404(IncidentPattern, pk=self.kwargs["pk"])
        if not access.can_read_pattern(self.request.user, self.pattern):
            raise Http404
        if not access.can_edit_pattern(self.request.user, self.pattern):
            raise PermissionDenied

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.pattern
        return kwargs

    def form_invalid(self, form):
        rejected = form.rejected_kinds()
        if rejected:
            services.record_rejected_text(self.request.user, rejected)
        return super().form_invalid(form)

    def form_valid(self, form):
        submit = bool(self.request.POST.get("submit"))
        pattern = form.save(commit=False)
        try:
            services.save_pattern(
                pattern,
                actor=self.request.user,
                measures=form.cleaned_data["measures"],
                named_organizations=form.cleaned_data["named_organizations"],
                submit=submit,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        if submit:
            messages.success(self.request, _("The pattern was submitted. The secretariat will review it."))
        else:
            messages.success(self.request, _("The pattern was saved as a draft."))
        return redirect(pattern.get_absolute_url())

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["pattern"] = self.pattern
        return context


class OwnPatternsView(MemberPolicyMixin, ListView):
    """Every pattern of the member's organization, whatever its state."""

    template_name = "incidents/pattern_own.html"
    context_object_name = "patterns"
    paginate_by = PAGE_SIZE
    policy = staticmethod(access.can_share_pattern)

    def get_queryset(self):
        organization = access.standing(self.request.user).organization
        return (
            IncidentPattern.objects.filter(origin_organization=organization)
            .with_list_relations()
            .order_by("-updated_at", "-pk")
        )


class ReviewQueueView(MemberPolicyMixin, ListView):
    """Patterns awaiting review, oldest first, for the secretariat."""

    template_name = "incidents/review_queue.html"
    context_object_name = "patterns"
    paginate_by = PAGE_SIZE
    policy = staticmethod(access.can_review_patterns)

    def get_queryset(self):
        return IncidentPattern.objects.awaiting_review().with_list_relations().order_by("submitted_at", "pk")


@method_decorator(sensitive_post_parameters(), name="dispatch")
class PatternActionView(MemberPolicyMixin, View):
    """POST-only actions on one pattern. Each calls one service and returns to the pattern with a message."""

    http_method_names = ["post"]

    def post(self, request, pk: int, action: str):
        pattern = get_object_or_404(IncidentPattern, pk=pk)
        if not access.can_read_pattern(request.user, pattern):
            raise Http404
        handler = getattr(self, f"do_{action}")
        try:
            response = handler(request, pattern)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(pattern.get_absolute_url())
        return response or redirect(pattern.get_absolute_url())

    def do_release(self, request, pattern):
        services.release_pattern(pattern, actor=request.user)
        messages.success(request, _("The pattern was released to the members its level reaches."))
        return redirect("incidents:review_queue")

    def do_return(self, request, pattern):
        form = ReturnPatternForm(request.POST, prefix="return")
        if not form.is_valid():
            return self.rerender(request, pattern, return_form=form)
        services.return_pattern(pattern, actor=request.user, note=form.cleaned_data["note"])
        messages.success(request, _("The pattern was returned to its contributor."))
        return redirect("incidents:review_queue")

    def do_withdraw(self, request, pattern):
        services.withdraw_pattern(pattern, actor=request.user)
        messages.success(request, _("The pattern was withdrawn from members' view."))

    def do_distribution(self, request, pattern):
        form = DistributionForm(request.POST, instance=pattern, prefix="level")
        if not form.is_valid():
            return self.rerender(request, pattern, distribution_form=form)
        services.change_pattern_distribution(
            pattern,
            actor=request.user,
            distribution=form.cleaned_data["distribution"],
            audience_kinds=form.audience_kinds_value,
            named_organizations=list(form.cleaned_data["named_organizations"]),
        )
        messages.success(request, _("The distribution level was changed and recorded in the history."))

    def do_react(self, request, pattern):
        given = services.toggle_reaction(pattern, user=request.user, kind=request.POST.get("kind", ""))
        if given:
            messages.success(request, _("Thank you. The contributor sees how many members reacted."))
        else:
            messages.success(request, _("Your reaction was taken back."))

    def rerender(self, request, pattern, **forms):
        view = PatternDetailView()
        view.setup(request, pk=pattern.pk)
        view.pattern = pattern
        response = view.render_to_response(view.get_context_data(**forms))
        response.status_code = 400
        return response
