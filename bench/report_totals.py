"""Measure the published report totals: computing them with an empty cache, and serving the page and CSV.

Runs in-process through Django's test client against a temporary SQLite database with the migrations, the
members' and registry's demo content, and ``--reports`` generated reports spread over the last 12 months
and the demo operators, four in five of them closed. The numbers leave out the web server and the network.
Run from the repository root:

    .venv/bin/python bench/report_totals.py --reports 100000 --requests 50
"""

import argparse
import datetime
import random
import time

from environment import setup_django


def prepare(report_count: int) -> None:
    """Create the database, the demo operators and ``report_count`` reports."""
    setup_django()
    from django.core.management import call_command

    from portal.members import demo as members_demo
    from registry import demo as registry_demo

    call_command("migrate", verbosity=0)
    members_demo.load()
    registry_demo.load()
    generate_reports(report_count)


def generate_reports(report_count: int) -> None:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from registry.models import Service
    from reports.models import Category, Outcome, Report, new_receipt_number

    randomness = random.Random(8)
    services = list(Service.objects.all())
    now = timezone.now()
    unusable_pin = make_password(None)
    outcomes = [Outcome.REMOVED, Outcome.ACCOUNT_SUSPENDED, Outcome.NO_VIOLATION]
    reports = []
    for number in range(report_count):
        received = now - datetime.timedelta(days=randomness.uniform(0, 365))
        closed = received + datetime.timedelta(days=randomness.uniform(0.1, 14))
        is_closed = randomness.random() < 0.8 and closed < now
        service = randomness.choice(services) if number % 50 else None
        reports.append(
            Report(
                receipt_number=new_receipt_number(),
                pin_hash=unusable_pin,
                service=service,
                operator_id=service.organization_id if service else None,
                site_address="" if service else "https://unlisted.example.com/",
                post_url=f"https://bench.example.com/posts/{number}",
                category=Category.GROOMING,
                description="benchmark",
                received_at=received,
                closed_at=closed if is_closed else None,
                outcome=randomness.choice(outcomes) if is_closed else "",
            )
        )
    Report.objects.bulk_create(reports, batch_size=2000)


def seconds_to_compute(repeat: int) -> float:
    """Return the fastest of ``repeat`` computations of the last 12 months with an empty cache."""
    from reports import totals

    timings = []
    for _ in range(repeat):
        totals.forget_totals()
        started = time.perf_counter()
        totals.totals_for(totals.last_twelve_months())
        timings.append(time.perf_counter() - started)
    return min(timings)


def requests_per_second(path: str, count: int) -> float:
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    client.get(path)  # Fills the totals cache and warms the catalogue.
    started = time.perf_counter()
    for _ in range(count):
        response = client.get(path)
        assert response.status_code == 200, response.status_code
    return count / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100_000, help="generated reports")
    parser.add_argument("--requests", type=int, default=50, help="requests timed per page")
    parser.add_argument("--repeat", type=int, default=3, help="computations timed with an empty cache")
    args = parser.parse_args()

    prepare(args.reports)
    print(f"compute the last 12 months, empty cache: {seconds_to_compute(args.repeat):.3f} s")
    for path in ["/ja/reports/totals/", "/en/reports/totals/?operator=unlisted", "/ja/reports/totals.csv"]:
        print(f"{path}, cached totals: {requests_per_second(path, args.requests):,.1f} requests/s")


if __name__ == "__main__":
    main()
