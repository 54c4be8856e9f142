"""Time curriculum PDF renders and the rate of cached PDF downloads.

Measures, against a temporary SQLite database with the demo content:

1. the render of each demo curriculum (HTML to PDF, without storing), best of ``--repeat`` runs;
2. the render of a generated curriculum of about 40 pages;
3. those renders again with WeasyPrint's HarfBuzz subsetter switched off in this process, so that it falls
   back to fontTools as it does on a machine without libharfbuzz-subset (``--without-harfbuzz``);
4. downloads per second of a stored PDF through Django's test client (no web server, no network).

Run from the repository root:

    .venv/bin/python bench/curricula_pdf.py --repeat 3 --requests 200 --without-harfbuzz
"""

import argparse
import io
import logging
import time

from environment import setup_django


def prepare() -> None:
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    # The fontTools fallback warns on every font; the measurement does not need to see it.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)


def long_curriculum():
    """Create and publish a curriculum of about 40 pages: a long lesson plan and 30 one-page worksheets."""
    from curricula.demo_texts import CURRICULA
    from curricula.models import CurriculumActivity, CurriculumIndexPage, CurriculumPage

    source = CurriculumPage.objects.get(slug="teacher-training", locale__language_code="ja")
    texts = CURRICULA[-1]["ja"]
    page = CurriculumPage(
        title="長い教材（ベンチマーク用）",
        slug="benchmark-long",
        audience="teachers",
        duration_minutes=480,
        version="1.0",
        summary=source.summary,
        background=source.background * 6,
    )
    page.objectives = [type(objective)(text=objective.text) for objective in source.objectives.all()]
    page.activities = [
        CurriculumActivity(
            title=f"{title}（{number}）", minutes=8, description=description * 3, materials=materials
        )
        for number in range(1, 7)
        for title, _minutes, description, materials in texts["activities"]
    ]
    worksheet = source.worksheets[0]
    page.worksheets = [("worksheet", worksheet.value) for _number in range(30)]
    CurriculumIndexPage.objects.get(locale__language_code="ja").add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def best_render_seconds(page, repeat: int) -> tuple[float, int]:
    from curricula import documents

    times = []
    pages = 0
    for _run in range(repeat):
        started = time.perf_counter()
        rendered = documents.render_curriculum(page)
        times.append(time.perf_counter() - started)
        pages = rendered.page_count
    return min(times), pages


def downloads_per_second(page, count: int) -> float:
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    url = f"{page.url}pdf/"
    client.get(url)  # Renders and stores the PDF if the publish did not.
    started = time.perf_counter()
    for _ in range(count):
        response = client.get(url)
        assert response.status_code == 200, response.status_code
    return count / (time.perf_counter() - started)


def report_renders(pages, repeat: int, label: str) -> None:
    print(f"\nRenders ({label}), best of {repeat}:")
    for page in pages:
        seconds, page_count = best_render_seconds(page, repeat)
        print(
            f"  {page.locale.language_code} {page.audience:17} {page_count:3d} pages  {seconds:6.2f} s  {page.title}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=3, help="renders timed per curriculum (the best counts)"
    )
    parser.add_argument("--requests", type=int, default=200, help="cached downloads timed")
    parser.add_argument(
        "--without-harfbuzz", action="store_true", help="also time the renders with fontTools subsetting"
    )
    args = parser.parse_args()

    prepare()
    from weasyprint.pdf import fonts

    from curricula.models import CurriculumPage

    demo = list(CurriculumPage.objects.select_related("locale").order_by("locale__language_code", "pk"))
    long = long_curriculum()
    print(f"HarfBuzz subsetter loaded by WeasyPrint: {fonts.harfbuzz_subset is not None}")
    report_renders([*demo, long], args.repeat, "HarfBuzz subsetting")

    if args.without_harfbuzz:
        saved = fonts.harfbuzz_subset
        fonts.harfbuzz_subset = None
        try:
            japanese = [page for page in demo if page.locale.language_code == "ja"][:1]
            report_renders([*japanese, long], args.repeat, "fontTools subsetting")
        finally:
            fonts.harfbuzz_subset = saved

    rate = downloads_per_second(demo[0], args.requests)
    print(f"\nCached downloads of {demo[0].url}pdf/: {rate:,.0f} requests/s over {args.requests} requests")


if __name__ == "__main__":
    main()
