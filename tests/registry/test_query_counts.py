"""The registry list and an operator page run as many queries with 300 services as with 10."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.members.models import OrganizationKind
from registry.models import Adoption, AdoptionStatus, Evidence, EvidenceKind, Measure, Service, SiteType
from tests.factories import make_organization
from tests.registry.factories import make_operator

pytestmark = pytest.mark.django_db

CODES = ["internet_zoning", "age_verification", "message_monitoring"]


def build(count: int):
    """Create an operator with ``count`` services, each with three adoptions and public evidence, in bulk.

    Bulk inserts skip the search index, which these tests do not use, and keep the setup fast.
    """
    operator = make_operator()
    services = Service.objects.bulk_create(
        Service(organization=operator, name_ja=f"{operator.pk}-{number}", name_en=f"Service {number}")
        for number in range(count)
    )
    site_types = list(SiteType.objects.filter(code__in=["chat", "video"]))
    Service.site_types.through.objects.bulk_create(
        Service.site_types.through(service=service, sitetype=site_type)
        for service in services
        for site_type in site_types
    )
    review_body = make_organization(OrganizationKind.REVIEW_BODY)
    measures = list(Measure.objects.filter(code__in=CODES))
    adoptions = Adoption.objects.bulk_create(
        Adoption(
            service=service,
            measure=measure,
            status=AdoptionStatus.VERIFIED if number % 2 else AdoptionStatus.ADOPTED,
            verified_by_organization=review_body if number % 2 else None,
            verified_on=datetime.date(2025, 1, 1) if number % 2 else None,
        )
        for number, service in enumerate(services)
        for measure in measures
    )
    Evidence.objects.bulk_create(
        Evidence(
            adoption=adoption,
            kind=EvidenceKind.LINK,
            title="Policy",
            url="https://example.jp/",
            is_public=True,
            effective_on=datetime.date(2024, 1, 1),
        )
        for adoption in adoptions[::3]
    )
    return operator


def count_queries(client, url: str, params=None) -> int:
    client.get(url, params)  # Warms the caches of sites, content types and the catalogue.
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "params", [None, {"site_type": "chat", "measure": "internet_zoning", "status": "in_place"}]
)
def test_list_queries_do_not_grow(client, params):
    build(10)
    few = count_queries(client, "/en/registry/", params)
    build(290)

    many = count_queries(client, "/en/registry/", params)

    assert many == few


def test_operator_page_queries_do_not_grow(client):
    small = build(10)
    large = build(300)

    few = count_queries(client, f"/en/registry/operators/{small.pk}/")
    many = count_queries(client, f"/en/registry/operators/{large.pk}/")

    assert many == few
