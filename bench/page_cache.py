"""Measure the rate at which anonymous visitors' home page requests are served, with and without the page cache.

Runs in-process through Django's test client against a temporary SQLite database with the migrations and
demo content applied, so the numbers leave out the web server and the network. Run from the repository root:

    .venv/bin/python bench/page_cache.py --requests 500
"""

import argparse
import io
import time

from environment import setup_django


def prepare() -> None:
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=io.StringIO())


def requests_per_second(path: str, count: int, cache_seconds: int) -> float:
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client

    settings.PORTAL_PAGE_CACHE_SECONDS = cache_seconds
    cache.clear()
    client = Client(HTTP_HOST="localhost")
    client.get(path)  # The first request fills the cache and warms Wagtail's site lookups.
    started = time.perf_counter()
    for _ in range(count):
        response = client.get(path)
        assert response.status_code == 200, response.status_code
    return count / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500, help="requests timed per variant")
    parser.add_argument("--path", default="/ja/", help="page to request")
    args = parser.parse_args()

    prepare()
    uncached = requests_per_second(args.path, args.requests, cache_seconds=0)
    cached = requests_per_second(args.path, args.requests, cache_seconds=300)
    print(f"{args.path}: {uncached:,.0f} requests/s without the page cache, {cached:,.0f} with it")


if __name__ == "__main__":
    main()
