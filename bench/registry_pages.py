"""Measure the rate at which the public registry's list, operator page, export and coverage page are served.

Runs in-process through Django's test client against a temporary SQLite database with the migrations and
demo content applied, plus one generated operator with ``--services`` services of three adoptions each, so
the numbers leave out the web server and the network. Run from the repository root:

    .venv/bin/python bench/registry_pages.py --services 300 --requests 50
"""

import argparse
import io
import time

from environment import setup_django


def prepare(service_count: int) -> int:
    """Create the database and the generated operator; return the operator's primary key."""
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    return generate_operator(service_count)


def generate_operator(service_count: int) -> int:
    from portal.members.models import Organization, OrganizationKind
    from registry.models import Adoption, AdoptionStatus, Measure, Service, SiteType

    operator = Organization.objects.create(
        name_ja="ベンチマーク運営株式会社",
        name_en="Benchmark Operator Inc.",
        kind=OrganizationKind.OPERATOR,
        is_approved=True,
    )
    services = Service.objects.bulk_create(
        Service(organization=operator, name_ja=f"サービス{number}", name_en=f"Service {number}")
        for number in range(service_count)
    )
    chat = SiteType.objects.get(code="chat")
    Service.site_types.through.objects.bulk_create(
        Service.site_types.through(service=service, sitetype=chat) for service in services
    )
    measures = list(
        Measure.objects.filter(code__in=["internet_zoning", "age_verification", "keyword_screening"])
    )
    Adoption.objects.bulk_create(
        Adoption(service=service, measure=measure, status=AdoptionStatus.ADOPTED)
        for service in services
        for measure in measures
    )
    return operator.pk


def requests_per_second(path: str, count: int) -> float:
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    client.get(path)  # Warms the caches of sites, content types and the catalogue.
    started = time.perf_counter()
    for _ in range(count):
        response = client.get(path)
        assert response.status_code == 200, response.status_code
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    return count / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=300, help="services of the generated operator")
    parser.add_argument("--requests", type=int, default=50, help="requests timed per page")
    args = parser.parse_args()

    operator = prepare(args.services)
    paths = [
        "/ja/registry/",
        "/ja/registry/?site_type=chat&measure=internet_zoning&status=in_place",
        f"/ja/registry/operators/{operator}/",
        "/ja/registry/coverage/",
        "/ja/registry/export.csv",
        "/ja/registry/export.json",
    ]
    for path in paths:
        print(f"{path}: {requests_per_second(path, args.requests):,.1f} requests/s")


if __name__ == "__main__":
    main()
