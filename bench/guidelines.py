"""Measure how fast guideline pages are served: anonymous with and without the page cache, members by comment count.

Runs in-process through Django's test client against a temporary SQLite database with the migrations and the
demo content, so the numbers leave out the web server and the network. Run from the repository root:

    .venv/bin/python bench/guidelines.py --requests 200
"""

import argparse
import io
import time

from environment import setup_django

GUIDELINE = "/ja/guidelines/message-monitoring/"
COMPARE = "/ja/guidelines/message-monitoring/compare/?old=1.0&new=2.0"


def prepare() -> None:
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=io.StringIO())


def rate(client, path: str, count: int) -> float:
    """Return the requests per second for ``path`` after one warm-up request."""
    client.get(path)
    started = time.perf_counter()
    for _ in range(count):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    return count / (time.perf_counter() - started)


def anonymous_rates(count: int) -> dict[str, float]:
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client

    results = {}
    for label, seconds in (("anonymous, page cache off", 0), ("anonymous, page cache on", 300)):
        settings.PORTAL_PAGE_CACHE_SECONDS = seconds
        cache.clear()
        results[label] = rate(Client(HTTP_HOST="localhost"), GUIDELINE, count)
    return results


def member_rates(count: int, thread_counts: list[int]) -> dict[str, float]:
    """Requests per second for a signed-in operator, after adding threads (each with one official reply)."""
    from django.test import Client

    from guidelines.models import Comment, GuidelinePage
    from portal.members.models import User

    page = GuidelinePage.objects.get(slug="message-monitoring", locale__language_code="ja")
    version = page.versions.in_force().get()
    operator = User.objects.get(email="operator@example.jp")
    secretary = User.objects.get(email="secretariat@example.jp")
    client = Client(HTTP_HOST="localhost")
    client.force_login(operator)
    results = {}
    added = 0
    for wanted in thread_counts:
        for number in range(added, wanted):
            # Written straight to the table: the services would send a notification for every reply.
            thread = Comment.objects.create(
                version=version, section_anchor="method", author=operator, body=f"意見 {number}"
            )
            Comment.objects.create(
                version=version,
                section_anchor="method",
                thread=thread,
                parent=thread,
                author=secretary,
                body="回答",
                is_official=True,
            )
        added = wanted
        results[f"operator, {wanted} extra threads"] = rate(client, GUIDELINE, count)
    results["operator, compare 1.0 with 2.0"] = rate(client, COMPARE, count)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="requests timed per variant")
    parser.add_argument(
        "--threads",
        type=int,
        nargs="+",
        default=[0, 50, 200],
        help="comment threads added for the member runs",
    )
    args = parser.parse_args()

    prepare()
    results = anonymous_rates(args.requests) | member_rates(args.requests, args.threads)
    for label, value in results.items():
        print(f"{label}: {value:,.0f} requests/s")


if __name__ == "__main__":
    main()
