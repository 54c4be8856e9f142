"""The public monthly totals of reports per operator, as charts with tables and as CSV.

Both views read the same cached ``reports.totals.Totals`` with the same filter, so the CSV contains exactly
the cells the page shows. Nothing here reads a report's reporter or contact data.
"""

from __future__ import annotations

import datetime

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy
from django.views import View
from django.views.generic import TemplateView

from incidents.charts import bar_chart
from incidents.views.base import csv_response
from portal.audit.services import record
from portal.exports import ThrottledExportMixin
from portal.i18n import localized

from .. import totals as published


class TotalsFilterForm(forms.Form):
    """The period (the last 12 months or one calendar year) and the row (all, one operator, unlisted sites)."""

    year = forms.ChoiceField(label=pgettext_lazy("report totals", "Period"), required=False)
    operator = forms.ChoiceField(label=pgettext_lazy("report totals", "Operator"), required=False)

    def __init__(self, *args, choices: published.Choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [
            ("", _("The last 12 months")),
            *[(str(year), _("%(year)d (January to December)") % {"year": year}) for year in choices.years],
        ]
        self.fields["operator"].choices = [
            ("", _("All operators and sites")),
            *[(key, _row_label(key, name_ja, name_en)) for key, name_ja, name_en in choices.rows],
        ]

    def selection(self) -> tuple[int | None, str]:
        """Return the valid year (``None`` for the last 12 months) and row key (``""`` for all)."""
        if not self.is_bound:
            return None, ""
        self.is_valid()
        year = self.cleaned_data.get("year") or ""
        return (int(year) if year else None), self.cleaned_data.get("operator") or ""


def _row_label(key: str, name_ja: str, name_en: str) -> str:
    if key == published.UNLISTED:
        return _("Sites not in the registry")
    return localized(published.Row(key=key, name_ja=name_ja, name_en=name_en, months=()), "name")


class TotalsMixin:
    """Parse the filter and load the totals that it selects."""

    def load(self, request) -> dict:
        choices = published.filter_choices()
        form = TotalsFilterForm(request.GET or None, choices=choices)
        year, operator = form.selection()
        months = published.months_of_year(year) if year else published.last_twelve_months()
        table = published.totals_for(months)
        rows = [row for row in table.rows if row.key == operator] if operator else list(table.rows)
        return {"form": form, "year": year, "operator": operator, "table": table, "rows": rows}


class TotalsView(TotalsMixin, TemplateView):
    """Received, processed and removed reports and the median days to outcome, per operator and month. Public."""

    template_name = "reports/totals/index.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        loaded = self.load(self.request)
        table = loaded["table"]
        scope = loaded["rows"][0] if loaded["operator"] and loaded["rows"] else table.overall
        context.update(loaded)
        context.update(
            scope=scope,
            charts=self.charts(scope) if table.months else [],
            threshold=published.small_cell_threshold(),
            csv_query=self.request.GET.urlencode(),
        )
        return context

    def charts(self, scope: published.Row) -> list:
        metrics = [
            ("received", _("Reports received per month: %(name)s")),
            ("processed", _("Reports processed per month: %(name)s")),
            ("removed", _("Posts removed per month: %(name)s")),
        ]
        return [
            bar_chart(
                f"chart-{metric}",
                title % {"name": scope.name},
                [(month_label(month.month), getattr(month, metric)) for month in scope.months],
            )
            for metric, title in metrics
        ]


class TotalsCsvView(ThrottledExportMixin, TotalsMixin, View):
    """The cells of the totals page as CSV, one line per row and month. Public, and audited."""

    def get(self, request, *args, **kwargs):
        loaded = self.load(request)
        lines = [
            [
                f"{month.month:%Y-%m}",
                row.key if row.key not in (published.ALL, published.UNLISTED) else "",
                row.name,
                csv_count(month.received),
                csv_count(month.processed),
                csv_count(month.removed),
                month.median_display,
            ]
            for row in loaded["rows"]
            for month in row.months
        ]
        record(
            "reports.totals.exported",
            actor=request.user,
            detail={"year": loaded["year"], "operator": loaded["operator"], "rows": len(lines)},
        )
        header = [
            pgettext("report totals", "Month"),
            pgettext("report totals", "Operator ID"),
            pgettext("report totals", "Operator"),
            pgettext("report totals", "Received"),
            pgettext("report totals", "Processed"),
            pgettext("report totals", "Posts removed"),
            pgettext("report totals", "Median days to outcome"),
        ]
        period = str(loaded["year"]) if loaded["year"] else "last-12-months"
        return csv_response(f"report-totals-{period}.csv", header, lines)


def csv_count(cell) -> int | str:
    """Return a shown count as a number and a hidden one as its text, such as "fewer than 3"."""
    return cell.display if cell.is_suppressed else cell.value


def month_label(month: datetime.date) -> str:
    return date_format(month, "YEAR_MONTH_FORMAT")
