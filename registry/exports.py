"""CSV and JSON exports of the public registry, holding exactly what the filtered list shows.

Only public data goes in: no evidence, no reviewers' notes, no history. The JSON shape is versioned and
documented in docs/registry.md; fields are only ever added to version 1, never renamed or removed.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from portal.exports import CSV_BYTE_ORDER_MARK, safe_cell

from .listing import RegistryFilters
from .models import Adoption, Service

JSON_FORMAT = "conference-portal/registry"
JSON_VERSION = 1


class _Echo:
    """A file-like object whose ``write`` returns the line, so ``csv.writer`` can feed a streaming response."""

    def write(self, value: str) -> str:
        return value


def csv_header() -> list[str]:
    return [
        _("Operator"),
        _("Service"),
        _("Address (URL)"),
        _("Site types"),
        _("Measure code"),
        _("Measure"),
        _("Status"),
        _("In place since"),
        _("Planned for"),
        _("Discontinued on"),
        _("Verification"),
        _("Review body"),
        _("Verified on"),
        _("Needs review"),
        _("Reason"),
        _("Last changed"),
    ]


def csv_rows(services: Iterable[Service], filters: RegistryFilters) -> Iterator[list]:
    """Yield one row per listed adoption, and one row for a listed service without any."""
    for service in services:
        common = [
            service.organization.display_name,
            service.name,
            service.url,
            " / ".join(site_type.name for site_type in service.site_types.all()),
        ]
        adoptions = list(service.adoptions.all())
        if not adoptions:
            yield [*common, "", "", "", "", "", "", "", "", "", "", "", service.updated_at]
            continue
        for adoption in adoptions:
            yield [*common, *_adoption_cells(adoption)]


def _adoption_cells(adoption: Adoption) -> list:
    return [
        adoption.measure.code,
        adoption.measure.name,
        adoption.get_status_display(),
        adoption.since_iso or "",
        adoption.planned_for.isoformat() if adoption.planned_for else "",
        adoption.ended_on.isoformat() if adoption.ended_on else "",
        adoption.verification_display,
        adoption.verified_by_organization.display_name if adoption.is_verified else "",
        adoption.verified_on.isoformat() if adoption.is_verified else "",
        _("yes") if adoption.needs_review else _("no"),
        adoption.reason,
        adoption.updated_at,
    ]


def csv_response(
    services: Iterable[Service], filters: RegistryFilters, filename: str
) -> StreamingHttpResponse:
    """Stream the CSV: UTF-8 with a byte order mark for Excel, formula-like cells neutralised, local times."""
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield CSV_BYTE_ORDER_MARK
        yield writer.writerow(csv_header())
        for row in csv_rows(services, filters):
            yield writer.writerow([safe_cell(value, for_csv=True) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def json_document(services: Iterable[Service], filters: RegistryFilters, request: HttpRequest) -> dict:
    """Return the JSON export as a dictionary (shape documented in docs/registry.md)."""
    items = [_service_json(service, request) for service in services]
    return {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "filters": filters.as_dict(),
        "count": len(items),
        "services": items,
    }


def json_response(document: dict, filename: str) -> StreamingHttpResponse:
    body = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = StreamingHttpResponse([body], content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _service_json(service: Service, request: HttpRequest) -> dict:
    organization = service.organization
    return {
        "id": service.pk,
        "name": {"ja": service.name_ja, "en": service.name_en},
        "url": service.url,
        "operator": {
            "id": organization.pk,
            "name": {"ja": organization.name_ja, "en": organization.name_en},
            "registry_url": request.build_absolute_uri(
                reverse("registry:operator", kwargs={"pk": organization.pk})
            ),
        },
        "site_types": [site_type.code for site_type in service.site_types.all()],
        "user_count": service.user_count or None,
        "minor_share": service.minor_share or None,
        "launched_year": service.launched_year,
        "adoptions": [_adoption_json(adoption) for adoption in service.adoptions.all()],
        "updated_at": timezone.localtime(service.updated_at).isoformat(timespec="seconds"),
    }


def _adoption_json(adoption: Adoption) -> dict:
    verification = None
    if adoption.is_verified:
        body = adoption.verified_by_organization
        verification = {
            "review_body": {"id": body.pk, "name": {"ja": body.name_ja, "en": body.name_en}},
            "verified_on": adoption.verified_on.isoformat(),
        }
    return {
        "measure": adoption.measure.code,
        "status": adoption.status,
        "since": adoption.since_iso,
        "planned_for": adoption.planned_for.isoformat() if adoption.planned_for else None,
        "ended_on": adoption.ended_on.isoformat() if adoption.ended_on else None,
        "verification": verification,
        "needs_review": adoption.needs_review,
        "reason": adoption.reason,
        "updated_at": timezone.localtime(adoption.updated_at).isoformat(timespec="seconds"),
    }
