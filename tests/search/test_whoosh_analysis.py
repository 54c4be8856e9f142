"""The Japanese-aware analyzer, checked on a real Whoosh index in a temporary folder."""

import pytest
from whoosh import index as whoosh_index
from whoosh.fields import ID, TEXT, Schema
from whoosh.query import And, Term

from portal.search.backends.whoosh_analysis import (
    analyze_query_chunks,
    autocomplete_index_analyzer,
    highlight,
    normalize,
    search_analyzer,
)

DOCUMENTS = {
    "sns": "ＳＮＳでの出会いに注意しましょう",
    "id": "ｱｲﾃﾞｨ交換掲示板は禁止です",
    "age": "年齢確認済みユーザーのみ投稿できます",
    "deai": "出会い系サイトの利用規約",
    "papa": "パパ活の募集投稿を削除しました",
    "zoning": "Internet zoning keeps minors away from adult areas",
    "server": "サーバ管理者向けの案内",
}


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    folder = tmp_path_factory.mktemp("analysis-index")
    schema = Schema(key=ID(stored=True), body=TEXT(analyzer=search_analyzer(), phrase=True))
    ix = whoosh_index.create_in(folder, schema)
    writer = ix.writer()
    for key, body in DOCUMENTS.items():
        writer.add_document(key=key, body=body)
    writer.commit()
    with ix.searcher() as searcher:
        yield searcher


def find(searcher, query_string: str) -> set[str]:
    """Return the keys of documents containing every token of ``query_string``."""
    tokens = [token for chunk in analyze_query_chunks(query_string, stemmed=True) for token in chunk]
    query = And([Term("body", token.text) for token in tokens])
    return {hit["key"] for hit in searcher.search(query, limit=None)}


@pytest.mark.parametrize(
    ("query_string", "expected"),
    [
        ("SNS", {"sns"}),
        ("ｓｎｓ", {"sns"}),
        ("アイディ", {"id"}),
        ("年齢確認", {"age"}),
        ("会い", {"sns", "deai"}),
        ("出会い系", {"deai"}),
        ("パパ活", {"papa"}),
        ("ユーザ", {"age"}),
        ("ユーザー", {"age"}),
        ("サーバー", {"server"}),
        ("zones", {"zoning"}),
        ("ZONED", {"zoning"}),
        ("minor", {"zoning"}),
    ],
)
def test_query_finds_document(searcher, query_string, expected):
    assert find(searcher, query_string) == expected


def test_unrelated_bigram_query_finds_nothing(searcher):
    assert find(searcher, "確認済み投稿禁止") == set()


def test_normalize_keeps_original_offsets():
    normalized = normalize("ｱｲﾃﾞｨＡ")

    assert normalized.text == "アイディa"
    assert normalized.starts == [0, 1, 2, 4, 5]
    assert normalized.ends == [1, 2, 4, 5, 6]


def test_short_katakana_keeps_long_vowel():
    tokens = [token.text for token in search_analyzer()("コピー")]

    assert tokens == ["コピ", "ピー"]


def test_autocomplete_analyzer_indexes_prefixes_without_stemming():
    tokens = [token.text for token in autocomplete_index_analyzer()("Learning 年齢")]

    assert "learni" in tokens
    assert "learning" in tokens
    assert "learn" in tokens
    assert "年" in tokens
    assert "年齢" in tokens


def test_query_chunks_split_on_whitespace():
    chunks = analyze_query_chunks("年齢確認 ID交換", stemmed=True)

    assert [[token.text for token in chunk] for chunk in chunks] == [["年齢", "齢確", "確認"], ["id", "交換"]]


def test_highlight_marks_folded_hits_and_escapes():
    snippet = highlight("<b>ＳＮＳ</b>の出会い系に注意", "sns 出会い系")

    assert snippet == "&lt;b&gt;<mark>ＳＮＳ</mark>&lt;/b&gt;の<mark>出会い系</mark>に注意"


def test_highlight_marks_stemmed_english():
    snippet = highlight("Zoning rules for minors", "zone")

    assert snippet == "<mark>Zoning</mark> rules for minors"


def test_highlight_without_hit_returns_escaped_start():
    snippet = highlight("a < b " * 50, "absent", max_chars=10)

    assert snippet == "a &lt; b a &lt; …"
