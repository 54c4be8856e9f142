"""The public statistics page with its charts and CSV downloads, and the form the police and secretariat use."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from portal.audit.services import record
from portal.exports import ThrottledExportMixin
from portal.members import access

from ..aggregates import Cell, small_cell_threshold, suppress, suppress_complete_breakdown
from ..charts import bar_chart
from ..forms import StatisticsPeriodForm, breakdown_categories
from ..models import StatisticsPeriod
from ..services.statistics import save_statistics_period
from .base import MemberPolicyMixin, csv_response


def breakdowns(period: StatisticsPeriod) -> list[dict]:
    """Return each breakdown of ``period`` that has figures, with its rows as ``(code, label, cell)``.

    Small counts are hidden, and so are as many others as it takes to keep them from being worked out from
    the period's total.
    """
    counts = {(count.dimension, count.category): count.victims for count in period.counts.all()}
    result = []
    for dimension, label, categories in breakdown_categories():
        reported = [
            (code, category_label) for code, category_label in categories if (dimension, code) in counts
        ]
        if not reported:
            continue
        values = [counts[(dimension, code)] for code, _category_label in reported]
        cells = suppress_complete_breakdown(values, period.total_victims)
        rows = [
            (code, category_label, cell) for (code, category_label), cell in zip(reported, cells, strict=True)
        ]
        result.append({"dimension": dimension, "label": label, "rows": rows})
    return result


class StatisticsView(TemplateView):
    """Child victims by period, and by site type, offence type and age for one period. Public."""

    template_name = "incidents/statistics.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        periods = list(StatisticsPeriod.objects.chronological().prefetch_related("counts"))
        selected = self.selected_period(periods)
        for period in periods:
            period.cell = suppress(period.total_victims)
        period_rows = [(period.label, period.cell) for period in periods]
        context.update(
            periods=periods,
            period_rows=period_rows,
            selected=selected,
            small_cell_threshold=small_cell_threshold(),
            can_edit=access.can_add_statistics(self.request.user),
            period_chart=bar_chart("chart-periods", _("Child victims by period"), period_rows)
            if periods
            else None,
        )
        if selected is not None:
            selected_breakdowns = breakdowns(selected)
            for breakdown in selected_breakdowns:
                breakdown["chart"] = bar_chart(
                    f"chart-{breakdown['dimension']}",
                    _("Child victims: %(breakdown)s, %(period)s")
                    % {"breakdown": breakdown["label"], "period": selected.label},
                    [(label, cell) for _code, label, cell in breakdown["rows"]],
                )
            context["breakdowns"] = selected_breakdowns
        return context

    def selected_period(self, periods: list[StatisticsPeriod]) -> StatisticsPeriod | None:
        requested = self.request.GET.get("period", "")
        by_pk = {str(period.pk): period for period in periods}
        if requested in by_pk:
            return by_pk[requested]
        with_counts = [period for period in periods if period.counts.all()]
        if with_counts:
            return with_counts[-1]
        return periods[-1] if periods else None


class StatisticsCsvView(ThrottledExportMixin, View):
    """CSV of the totals by period, or of one period's breakdowns, with sources. Public, and audited."""

    def get(self, request, pk: int | None = None):
        if pk is None:
            return self.totals(request)
        period = get_object_or_404(StatisticsPeriod.objects.prefetch_related("counts"), pk=pk)
        return self.breakdown(request, period)

    def totals(self, request):
        periods = StatisticsPeriod.objects.chronological()
        rows = [
            [
                period.label,
                period.year,
                period.get_kind_display(),
                *self.cell(suppress(period.total_victims)),
                period.source,
                period.source_url,
            ]
            for period in periods
        ]
        record(
            "incidents.statistics.exported",
            actor=request.user,
            detail={"table": "periods", "rows": len(rows)},
        )
        header = [
            _("Period"),
            _("Year"),
            _("Months"),
            _("Child victims"),
            _("Suppressed"),
            _("Source"),
            _("Source URL"),
        ]
        return csv_response("child-victims-by-period.csv", header, rows)

    def breakdown(self, request, period: StatisticsPeriod):
        rows = [
            [period.label, breakdown["label"], code, label, *self.cell(cell), period.breakdown_source]
            for breakdown in breakdowns(period)
            for code, label, cell in breakdown["rows"]
        ]
        if not rows:
            raise Http404
        record(
            "incidents.statistics.exported",
            actor=request.user,
            target=period,
            detail={"table": "breakdown", "rows": len(rows)},
        )
        header = [
            _("Period"),
            _("Breakdown"),
            _("Code"),
            _("Category"),
            _("Child victims"),
            _("Suppressed"),
            _("Source"),
        ]
        return csv_response(f"child-victims-{period.year}-{period.kind}.csv", header, rows)

    @staticmethod
    def cell(cell: Cell) -> list:
        return ["", "true"] if cell.is_suppressed else [cell.value, "false"]


class StatisticsPeriodFormView(MemberPolicyMixin, FormView):
    """Adding a period, or correcting one, with its source and breakdowns: police and secretariat only."""

    template_name = "incidents/statistics_form.html"
    form_class = StatisticsPeriodForm
    policy = staticmethod(access.can_add_statistics)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.period = get_object_or_404(StatisticsPeriod, pk=kwargs["pk"]) if "pk" in kwargs else None

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.period
        return kwargs

    def form_valid(self, form):
        period = save_statistics_period(
            form.save(commit=False), actor=self.request.user, counts=form.counts()
        )
        messages.success(self.request, _("The figures for %(period)s were saved.") % {"period": period.label})
        return redirect(f"{reverse('incidents:statistics')}?period={period.pk}")

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["period"] = self.period
        return context
