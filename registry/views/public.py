"""The public registry: the filtered list, operator pages, coverage charts, exports and certificate checks.

Everything here is public data. Members-only records (evidence files, private texts, reviewers' notes, the
history) never reach these pages or the exports.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from portal.audit.services import record
from portal.exports import ThrottledExportMixin
from portal.members import access
from portal.members.models import Organization, OrganizationKind

from .. import coverage, exports
from ..forms import CatalogueChoiceField, StatusFilter
from ..listing import RegistryFilters, SearchFailed
from ..models import Adoption, Certificate, Evidence, EvidenceKind, Measure, Service, SiteType


class IndexView(TemplateView):
    """Services of every operator, filtered by site type, measure and status, with full-text search."""

    template_name = "registry/index.html"
    paginate_by = 25

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        filters, form = RegistryFilters.from_query(self.request.GET)
        try:
            results = filters.results()
        except SearchFailed:
            results = Service.objects.none()
            context["search_failed"] = True
        page_obj = Paginator(results, self.paginate_by).get_page(self.request.GET.get("page"))
        for service in page_obj.object_list:
            service.listed_adoptions = [
                adoption
                for adoption in service.adoptions.all()
                if filters.is_filtering_adoptions or adoption.is_in_place
            ]
        context.update(
            filters=filters,
            form=form,
            select_filters=select_filters(form),
            page_obj=page_obj,
            export_query=self.request.GET.urlencode(),
            standing=access.standing(self.request.user),
        )
        return context


def select_filters(form) -> list[tuple]:
    """Return ``(bound field, [(value, label)], empty label)`` for each select of the filter form."""
    site_types = [(site_type.code, site_type.name) for site_type in SiteType.objects.all()]
    measures = [(measure.code, measure.name) for measure in Measure.objects.all()]
    statuses = [(value, str(label)) for value, label in StatusFilter.choices]
    return [
        (form["site_type"], site_types, _("Any site type")),
        (form["measure"], measures, _("Any measure")),
        (form["status"], statuses, _("Any status")),
    ]


class OperatorListView(TemplateView):
    """Operator organizations with services in the public registry."""

    template_name = "registry/operator_list.html"
    paginate_by = 50

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        operators = (
            Organization.objects.filter(kind=OrganizationKind.OPERATOR, is_approved=True)
            .annotate(public_services=Count("services", filter=Q(services__is_public=True)))
            .filter(public_services__gt=0)
            .order_by("name_ja")
        )
        context["page_obj"] = Paginator(operators, self.paginate_by).get_page(self.request.GET.get("page"))
        return context


class OperatorView(TemplateView):
    """One operator's services and, for each, the status and dates of every measure in the catalogue."""

    template_name = "registry/operator.html"
    paginate_by = 25

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        organization = get_object_or_404(
            Organization, pk=kwargs["pk"], kind=OrganizationKind.OPERATOR, is_approved=True
        )
        services = (
            Service.objects.public()
            .filter(organization=organization)
            .with_adoptions()
            .prefetch_related(
                Prefetch(
                    "adoptions__evidence",
                    queryset=Evidence.objects.filter(is_public=True).exclude(kind=EvidenceKind.FILE),
                    to_attr="public_evidence",
                )
            )
            .order_by("name_ja", "pk")
        )
        page_obj = Paginator(services, self.paginate_by).get_page(self.request.GET.get("page"))
        measures = list(matrix_measures(organization, public_only=True))
        context.update(
            organization=organization,
            page_obj=page_obj,
            measures=measures,
            rows=matrix_rows(page_obj.object_list, measures),
            may_view_records=access.can_view_service_records(self.request.user, organization),
        )
        return context


def matrix_measures(organization: Organization, *, public_only: bool = False):
    """Return the measures that form the columns of an operator's matrix: the catalogue, plus retired measures it still records.

    With ``public_only``, only the records of services shown in the public registry count, so the public page
    does not reveal what a hidden service records.
    """
    services = Service.objects.public() if public_only else Service.objects.all()
    recorded = Adoption.objects.filter(service__in=services.filter(organization=organization)).values(
        "measure_id"
    )
    return Measure.objects.filter(Q(is_active=True) | Q(pk__in=recorded))


def matrix_rows(services, measures: list[Measure]) -> list[tuple[Service, list[Adoption | None]]]:
    """Return each service with its adoption of every measure in ``measures`` (``None`` where there is none)."""
    rows = []
    for service in services:
        by_measure = {adoption.measure_id: adoption for adoption in service.adoptions.all()}
        rows.append((service, [by_measure.get(measure.pk) for measure in measures]))
    return rows


class CoverageView(TemplateView):
    """Charts and tables: the share of services with each measure, and one measure's share by year."""

    template_name = "registry/coverage.html"
    default_measure_code = "internet_zoning"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        site_type_field = CatalogueChoiceField(queryset=SiteType.objects.all(), required=False)
        measure_field = CatalogueChoiceField(queryset=Measure.objects.filter(is_active=True), required=False)
        site_type = _clean_or_none(site_type_field, self.request.GET.get("site_type"))
        measure = _clean_or_none(measure_field, self.request.GET.get("measure"))
        measure = (
            measure
            or Measure.objects.filter(code=self.default_measure_code).first()
            or Measure.objects.first()
        )

        services = Service.objects.public()
        if site_type is not None:
            services = services.filter(site_types=site_type)
        by_measure = coverage.coverage_by_measure(services)
        by_year = coverage.coverage_by_year(services, measure, timezone.localdate().year) if measure else []
        context.update(
            site_types=SiteType.objects.all(),
            measures=[row.measure for row in by_measure],
            site_type=site_type,
            measure=measure,
            service_count=services.count(),
            by_measure=by_measure,
            by_year=by_year,
            measure_chart=coverage.measure_bars(by_measure),
            year_chart=coverage.year_columns(by_year),
        )
        return context


def _clean_or_none(field, value):
    if not value:
        return None
    try:
        return field.clean(value)
    except Exception:  # noqa: BLE001 (a stale or hand-typed code shows the default instead)
        return None


class ExportView(ThrottledExportMixin, View):
    """The filtered list as CSV or JSON. Every export is recorded in the audit log."""

    format = "csv"

    def get(self, request, *args, **kwargs) -> HttpResponse:
        filters, _form = RegistryFilters.from_query(request.GET)
        try:
            services = filters.results()
        except SearchFailed:
            return HttpResponse(
                _("The search could not be run, so nothing was exported. Try fewer or simpler words."),
                status=503,
                content_type="text/plain; charset=utf-8",
            )
        record(
            f"registry.export.{self.format}",
            actor=request.user,
            detail={
                "site_type": filters.site_type.code if filters.site_type else "",
                "measure": filters.measure.code if filters.measure else "",
                "status": filters.status,
                "searched": bool(filters.q),
            },
        )
        stamp = timezone.localtime().strftime("%Y%m%d")
        if self.format == "json":
            document = exports.json_document(services, filters, request)
            return exports.json_response(document, f"registry-{stamp}.json")
        return exports.csv_response(services, filters, f"registry-{stamp}.csv")


class CertificateView(TemplateView):
    """Public confirmation of a completion certificate by its unguessable code."""

    template_name = "registry/certificate.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        certificate = get_object_or_404(
            Certificate.objects.select_related("checklist__organization", "checklist__template"),
            code=kwargs["code"],
        )
        context["certificate"] = certificate
        return context
