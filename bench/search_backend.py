"""Compare indexing and query throughput of the Whoosh backend with modelsearch's SQLite FTS5 backend.

Both backends index the same generated corpus of ``Book`` rows from modelsearch's
test app (title and summary, mixed Japanese and English text) in a temporary
SQLite database. Then both run the same Japanese and English queries. Each query
counts its results and fetches the first page of 20, as a results page would.

Run from the repository root:

    .venv/bin/python bench/search_backend.py --docs 10000
    .venv/bin/python bench/search_backend.py --docs 10000 100000   # the 100,000 run takes much longer
"""

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

REPOSITORY_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY_ROOT))

JAPANESE_PHRASES = [
    "年齢確認を済ませたユーザーだけが投稿できます",
    "ID交換を目的とした書き込みは削除されます",
    "出会い系サイトへの誘導を禁止しています",
    "パパ活の募集と思われる投稿を通報してください",
    "フィルタリングの設定を保護者と確認しましょう",
    "インターネットゾーニングで有害情報を分けます",
    "グルーミングの兆候に気づいたら相談してください",
    "掲示板の監視体制を強化しました",
    "未成年の利用者を守るための取り組み",
    "サーバー管理者向けのガイドライン",
]
ENGLISH_PHRASES = [
    "age verification for new members",
    "online grooming prevention training",
    "exchange of contact IDs is not allowed",
    "filtering settings for parents",
    "internet zoning separates adult content",
    "moderators review reported posts",
    "compensated dating solicitation is removed",
    "community site operators share incident reports",
]
JAPANESE_QUERIES = [
    "年齢確認",
    "ID交換",
    "出会い系",
    "パパ活",
    "フィルタリング",
    "ゾーニング",
    "ユーザ",
    "掲示板 監視",
]
ENGLISH_QUERIES = ["verification", "grooming", "zoning", "moderators reported", "dating"]


def configure_django(database_path: str, index_path: str) -> None:
    """Configure Django with modelsearch's test app, a file SQLite database and both backends."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.conformance.settings"
    import django
    from django.conf import settings

    django.setup()
    settings.DATABASES["default"]["NAME"] = database_path
    settings.MODELSEARCH_BACKENDS = {
        "whoosh": {"BACKEND": "portal.search.backends.whoosh", "PATH": index_path},
        "sqlite": {"BACKEND": "modelsearch.backends.database.sqlite.sqlite"},
    }


def generate_text(rng: random.Random) -> tuple[str, str]:
    title = rng.choice(JAPANESE_PHRASES + ENGLISH_PHRASES)
    summary = " ".join(rng.choice(JAPANESE_PHRASES + ENGLISH_PHRASES) for _ in range(4))
    return title, summary


def create_books(count: int) -> None:
    from datetime import date

    from modelsearch.test.testapp.models import Book

    rng = random.Random(20250101)
    books = []
    for _ in range(count):
        title, summary = generate_text(rng)
        books.append(
            Book(
                title=title,
                summary=summary,
                publication_date=date(2024, 1, 1),
                number_of_pages=rng.randint(10, 900),
            )
        )
    Book.objects.bulk_create(books, batch_size=2000)


def index_all(backend, chunk_size: int = 1000) -> float:
    from modelsearch.test.testapp.models import Book

    started = time.perf_counter()
    index = backend.get_index_for_model(Book)
    rebuilder = backend.rebuilder_class(index) if backend.rebuilder_class else None
    if rebuilder:
        index = rebuilder.start()
        index.add_model(Book)
    queryset = Book.get_indexed_objects().order_by("pk")
    last_pk = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last_pk)[:chunk_size])
        if not chunk:
            break
        index.add_items(Book, chunk)
        last_pk = chunk[-1].pk
    if rebuilder:
        rebuilder.finish()
    return time.perf_counter() - started


def run_queries(backend, queries: list[str], repeat: int) -> tuple[float, dict[str, int]]:
    from modelsearch.test.testapp.models import Book

    counts = {}
    started = time.perf_counter()
    for _ in range(repeat):
        for query in queries:
            results = backend.search(query, Book.objects.all(), operator="and")
            counts[query] = results.count()
            list(results[:20])
    elapsed = time.perf_counter() - started
    return elapsed / (repeat * len(queries)), counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--docs", type=int, nargs="+", default=[10_000], help="corpus sizes to measure (documents)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="times each query is run")
    parser.add_argument(
        "--backends",
        nargs="+",
        choices=["sqlite", "whoosh"],
        default=["sqlite", "whoosh"],
        help="backends to measure",
    )
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="search-bench-")
    configure_django(os.path.join(workdir, "bench.sqlite3"), os.path.join(workdir, "whoosh"))
    from django.core.management import call_command
    from django.db import connection
    from modelsearch.backends import get_search_backend
    from modelsearch.test.testapp.models import Book

    call_command("migrate", verbosity=0)
    for size in args.docs:
        Book.objects.all().delete()
        create_books(size)
        print(f"\n{size} documents (work folder {workdir})")
        for name in args.backends:
            backend = get_search_backend(name)
            if name == "sqlite":
                with connection.cursor() as cursor:
                    cursor.execute("DELETE FROM modelsearch_indexentry")
            seconds = index_all(backend)
            print(f"  {name:7} indexing: {seconds:8.1f} s  {size / seconds:8.0f} docs/s")
            for label, queries in (("Japanese", JAPANESE_QUERIES), ("English", ENGLISH_QUERIES)):
                per_query, counts = run_queries(backend, queries, args.repeat)
                print(f"  {name:7} {label:8} query: {per_query * 1000:8.1f} ms/query  counts {counts}")


if __name__ == "__main__":
    main()
