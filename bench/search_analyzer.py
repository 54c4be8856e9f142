"""Measure recall, precision and speed of three Japanese query strategies on Whoosh.

Strategies, all over the same NFKC/case-folded text:

- bigram-and: overlapping CJK bigrams (the backend's analyzer), query = AND of the query's tokens
- bigram-phrase: the same index, query = phrase of the query's tokens (bigrams must be adjacent)
- unigram-and: one token per CJK character (baseline), query = AND of the query's characters

Recall and precision use a hand-written corpus of short posts from the portal's
domain (online grooming prevention, age verification, ID exchange boards,
compensated dating, filtering, internet zoning) and queries with the documents
each should find. Speed uses a generated corpus of ``--docs`` documents.
Morphological analyzers (fugashi/MeCab, Janome, Sudachi) are not installed and
not measured here.

    .venv/bin/python bench/search_analyzer.py --docs 20000
"""

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

REPOSITORY_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY_ROOT))

from whoosh import index as whoosh_index  # noqa: E402
from whoosh.analysis import Token, Tokenizer  # noqa: E402
from whoosh.fields import ID, TEXT, Schema  # noqa: E402
from whoosh.query import And, Phrase, Term  # noqa: E402

from portal.search.backends.whoosh_analysis import (  # noqa: E402
    TOKEN_PATTERN,
    analyze_query_chunks,
    normalize,
    search_analyzer,
    stem_word,
)

CORPUS = {
    1: "見知らぬ大人からのＤＭに注意。グルーミングは親しげな会話から始まります",
    2: "オンライングルーミングの手口と子どもへの声かけ例",
    3: "年齢確認済みユーザーのみメッセージ機能を使えます",
    4: "年齢確認書類の提出方法について",
    5: "未成年ユーザの年齢認証を強化しました",
    6: "ID交換掲示板は利用規約で禁止しています",
    7: "ＬＩＮＥのＩＤ交換を持ちかける投稿を削除しました",
    8: "ｱｲﾃﾞｨ交換の書き込みを見つけたら通報してください",
    9: "出会い系サイトへの誘導リンクを自動で検出します",
    10: "出会いを求める投稿と出会い系業者の見分け方",
    11: "パパ活の募集投稿は即時削除の対象です",
    12: "「パパ活」「ママ活」などの援助交際の言い換えに注意",
    13: "ﾊﾟﾊﾟ活を持ちかけるＤＭの事例",
    14: "フィルタリングサービスの設定方法を保護者向けに解説",
    15: "携帯電話会社のフィルタリング加入率の推移",
    16: "インターネットゾーニングで成人向け情報を分離する",
    17: "ゾーニング施策と表現の自由の両立",
    18: "サーバー管理者向け：ログ保存期間のガイドライン",
    19: "サーバ監視と不正アクセス対策",
    20: "自画撮り被害を防ぐための啓発資料",
    21: "ＳＮＳで知り合った相手と会わないよう呼びかけ",
    22: "SNS上の児童被害の統計（警察庁）",
    23: "コミュニティサイト運営者の通報窓口一覧",
    24: "通報された投稿の審査手順とモデレーター研修",
    25: "モデレータ向けチェックリスト",
    26: "プロフィール写真の公開範囲を制限する機能",
    27: "ブロック機能とミュート機能の違い",
    28: "保護者が知っておきたい子どものスマホ利用",
    29: "援助交際を誘う隠語の一覧（パパ活・円光など）",
    30: "Age verification and internet zoning for community sites",
    31: "Online grooming prevention: training for moderators",
    32: "Zoned access keeps minors out of adult boards",
    33: "年齢確認をすり抜けるための虚偽申告への対応",
    34: "ＩＤ掲示板の閉鎖について",
    35: "子ども向けフィルタリングアプリの比較",
}

QUERIES = {
    "グルーミング": {1, 2},
    "オンライングルーミング": {2},
    "年齢確認": {3, 4, 33},
    "年齢認証": {5},
    "確認済み": {3},
    "ユーザー": {3, 5},
    "ユーザ": {3, 5},
    "ID交換": {6, 7},
    "ＩＤ交換": {6, 7},
    "アイディ交換": {8},
    "交換掲示板": {6},
    "掲示板": {6, 34},
    "出会い系": {9, 10},
    "会い": {9, 10},
    "出会い": {9, 10},
    "パパ活": {11, 12, 13, 29},
    "ママ活": {12},
    "援助交際": {12, 29},
    "フィルタリング": {14, 15, 35},
    "ﾌｨﾙﾀﾘﾝｸﾞ": {14, 15, 35},
    "ゾーニング": {16, 17},
    "インターネットゾーニング": {16},
    "サーバー": {18, 19},
    "サーバ": {18, 19},
    "管理者": {18},
    "自画撮り": {20},
    "SNS": {21, 22},
    "ｓｎｓ": {21, 22},
    "児童被害": {22},
    "通報": {8, 23, 24},
    "通報窓口": {23},
    "モデレーター": {24, 25},
    "モデレータ": {24, 25},
    "保護者": {14, 28},
    "ＤＭ": {1, 13},
    "dm": {1, 13},
    "虚偽申告": {33},
    "ブロック機能": {27},
    "公開範囲": {26},
    "zoning": {30, 32},
    "zone": {30, 32},
    "grooming": {31},
    "verification": {30},
    "minors": {32},
    "子ども": {2, 28, 35},
}


class UnigramTokenizer(Tokenizer):
    """Baseline: one token per CJK character, folded words for other scripts."""

    def __call__(self, value, positions=False, chars=False, start_pos=0, mode="", **kwargs):
        token = Token(positions, chars, mode=mode, **kwargs)
        position = start_pos
        for match in TOKEN_PATTERN.finditer(normalize(value).text):
            pieces = list(match.group("cjk")) if match.group("cjk") else [stem_word(match.group("word"))]
            for piece in pieces:
                token.text = piece
                token.boost = 1.0
                token.stopped = False
                if positions:
                    token.pos = position
                position += 1
                yield token


def build_index(folder: Path, analyzer, documents: dict[int, str]):
    schema = Schema(key=ID(stored=True), body=TEXT(analyzer=analyzer, phrase=True))
    folder.mkdir(parents=True)
    ix = whoosh_index.create_in(folder, schema)
    writer = ix.writer(procs=1, limitmb=256)
    for key, body in documents.items():
        writer.add_document(key=str(key), body=body)
    writer.commit()
    return ix


def query_for(strategy: str, query_string: str, analyzer):
    if strategy == "unigram-and":
        texts = [token.text for token in analyzer(query_string)]
    else:
        texts = [token.text for chunk in analyze_query_chunks(query_string, stemmed=True) for token in chunk]
    if strategy == "bigram-phrase" and len(texts) > 1:
        return Phrase("body", texts)
    return And([Term("body", text) for text in texts])


def measure_quality(strategy: str, analyzer, workdir: Path) -> tuple[float, float, list[str]]:
    ix = build_index(workdir / f"quality-{strategy}", analyzer, CORPUS)
    found_total = expected_total = returned_total = 0
    misses = []
    with ix.searcher() as searcher:
        for query_string, expected in QUERIES.items():
            found = {
                int(hit["key"])
                for hit in searcher.search(query_for(strategy, query_string, analyzer), limit=None)
            }
            found_total += len(found & expected)
            expected_total += len(expected)
            returned_total += len(found)
            if expected - found:
                misses.append(f"{query_string}: missed {sorted(expected - found)}")
    return found_total / expected_total, found_total / max(returned_total, 1), misses


def generated_corpus(size: int) -> dict[int, str]:
    rng = random.Random(7)
    texts = list(CORPUS.values())
    return {key: " ".join(rng.choice(texts) for _ in range(3)) for key in range(size)}


def measure_speed(strategy: str, analyzer, workdir: Path, size: int, repeat: int) -> tuple[float, float]:
    started = time.perf_counter()
    ix = build_index(workdir / f"speed-{strategy}", analyzer, generated_corpus(size))
    index_seconds = time.perf_counter() - started
    queries = [query_for(strategy, query_string, analyzer) for query_string in QUERIES]
    with ix.searcher() as searcher:
        started = time.perf_counter()
        for _ in range(repeat):
            for query in queries:
                # Counting every hit is the work a count() or paginator needs.
                len(searcher.search(query, limit=None))
        per_query = (time.perf_counter() - started) / (repeat * len(queries))
    return index_seconds, per_query


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000, help="generated documents for the speed test")
    parser.add_argument("--repeat", type=int, default=3, help="times each query is run in the speed test")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="analyzer-bench-"))
    strategies = {
        "bigram-and": search_analyzer(),
        "bigram-phrase": search_analyzer(),
        "unigram-and": UnigramTokenizer(),
    }
    print(
        f"{len(QUERIES)} queries, {len(CORPUS)} corpus documents, {args.docs} generated documents for speed"
    )
    for strategy, analyzer in strategies.items():
        recall, precision, misses = measure_quality(strategy, analyzer, workdir)
        index_seconds, per_query = measure_speed(strategy, analyzer, workdir, args.docs, args.repeat)
        size_mb = sum(path.stat().st_size for path in (workdir / f"speed-{strategy}").glob("*")) / 1e6
        print(
            f"{strategy:14} recall {recall:.2f}  precision {precision:.2f}  "
            f"index {index_seconds:6.1f} s  {size_mb:6.1f} MB  query {per_query * 1000:7.2f} ms"
        )
        for miss in misses:
            print(f"    {miss}")


if __name__ == "__main__":
    main()
