"""Text analysis for the Whoosh search backend: Japanese bigrams, Latin words, snippets.

The analyzer works in four steps:

1. Unicode NFKC folding plus case folding, applied per character cluster so that
   every normalized character keeps the offsets of the original characters it came
   from. Full-width Latin (``ＳＮＳ``) becomes ``sns``; half-width katakana with a
   separate voiced mark (``ﾃﾞ``) becomes one full-width character (``デ``).
2. Splitting into runs: CJK runs (hiragana, katakana, kanji) and Latin/digit words.
3. CJK runs become overlapping character bigrams (``出会い系`` gives ``出会``,
   ``会い``, ``い系``), and a run of one character becomes a unigram. A word inside
   a compound is therefore found when all its bigrams occur (``会い`` inside
   ``出会い系``). A katakana word of four or more characters loses its final long
   vowel mark, so ``ユーザー`` and ``ユーザ`` index the same bigrams.
4. Latin words are stemmed with the Porter stemmer (``zoning`` and ``zones`` both
   become ``zone``) in the search analyzer. The autocomplete analyzer skips
   stemming and instead indexes leading n-grams of every token.

``bench/search_analyzer.py`` compares this analyzer with bigram phrase queries and
a unigram baseline, and ``docs/search.md`` records the numbers.
"""

import html
import logging
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from whoosh.analysis import Composable, Filter, NgramFilter, Token, Tokenizer
from whoosh.lang.porter import stem

logger = logging.getLogger(__name__)

# Hiragana, katakana (with the long vowel mark U+30FC and iteration marks),
# CJK ideographs (extension A, unified, compatibility) and 々〆〇.
CJK_CHARS = "\u3005\u3006\u3007\u3041-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN_PATTERN = re.compile(rf"(?P<cjk>[{CJK_CHARS}]+)|(?P<word>(?:(?![{CJK_CHARS}])[^\W_])+)")
KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]")
LONG_VOWEL_MARK = "\u30fc"
HALFWIDTH_VOICED_MARKS = "\uff9e\uff9f"
LATIN_WORD = re.compile(r"[a-z0-9]+")

# The longest prefix indexed for autocomplete. Query tokens are cut to this length
# so that longer words still match their indexed prefixes.
AUTOCOMPLETE_MAX_PREFIX = 20


@dataclass(frozen=True)
class NormalizedText:
    """Folded text with, for each folded character, the original character span."""

    text: str
    starts: list[int]
    ends: list[int]


@dataclass(frozen=True)
class TextToken:
    """A token with its original character offsets and the query chunk it belongs to."""

    text: str
    start: int
    end: int
    is_cjk: bool


def normalize(text: str) -> NormalizedText:
    """Fold ``text`` with NFKC and case folding, keeping original offsets per character."""
    folded: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    index = 0
    length = len(text)
    while index < length:
        cluster_end = index + 1
        # Keep combining marks and half-width voiced marks with their base character,
        # because NFKC composes them into one character (ﾃﾞ -> デ).
        while cluster_end < length and (
            unicodedata.combining(text[cluster_end]) or text[cluster_end] in HALFWIDTH_VOICED_MARKS
        ):
            cluster_end += 1
        piece = unicodedata.normalize("NFKC", text[index:cluster_end]).casefold()
        for char in piece:
            folded.append(char)
            starts.append(index)
            ends.append(cluster_end)
        index = cluster_end
    return NormalizedText("".join(folded), starts, ends)


def _drop_final_long_vowel(run: str) -> list[int]:
    """Return the indexes of ``run`` to keep after removing word-final long vowel marks.

    A mark is dropped when it ends a katakana word of four or more characters
    (ユーザー -> ユーザ, サーバー -> サーバ), the usual spelling variation in
    Japanese technical writing. Shorter words (コピー, ルー) keep their mark.
    """
    keep = list(range(len(run)))
    dropped: set[int] = set()
    for index, char in enumerate(run):
        if char != LONG_VOWEL_MARK:
            continue
        next_is_katakana = index + 1 < len(run) and KATAKANA.match(run[index + 1])
        if next_is_katakana:
            continue
        word_start = index
        while word_start > 0 and KATAKANA.match(run[word_start - 1]):
            word_start -= 1
        if index - word_start >= 3:
            dropped.add(index)
    return [index for index in keep if index not in dropped]


def iter_tokens(text: str) -> Iterator[TextToken]:
    """Yield bigram/unigram tokens for CJK runs and folded words for other scripts."""
    normalized = normalize(text)
    for match in TOKEN_PATTERN.finditer(normalized.text):
        if match.group("word"):
            yield TextToken(
                match.group("word"),
                normalized.starts[match.start()],
                normalized.ends[match.end() - 1],
                False,
            )
            continue
        run = match.group("cjk")
        offsets = [match.start() + index for index in _drop_final_long_vowel(run)]
        chars = [normalized.text[offset] for offset in offsets]
        if len(chars) == 1:
            yield TextToken(chars[0], normalized.starts[offsets[0]], normalized.ends[offsets[0]], True)
            continue
        for index in range(len(chars) - 1):
            yield TextToken(
                chars[index] + chars[index + 1],
                normalized.starts[offsets[index]],
                normalized.ends[offsets[index + 1]],
                True,
            )


@lru_cache(maxsize=50_000)
def stem_word(word: str) -> str:
    """Stem an ASCII Latin word with the Porter stemmer, leaving other tokens unchanged."""
    if LATIN_WORD.fullmatch(word):
        return stem(word)
    return word


class BigramTokenizer(Tokenizer):
    """Whoosh tokenizer producing CJK bigrams and folded Latin words (see module docstring)."""

    def __eq__(self, other: object) -> bool:
        return self.__class__ is other.__class__

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for position, text_token in enumerate(iter_tokens(value)):
            token.text = text_token.text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[text_token.start : text_token.end]
            if positions:
                token.pos = start_pos + position
            if chars:
                token.startchar = start_char + text_token.start
                token.endchar = start_char + text_token.end
            yield token


class LatinStemFilter(Filter):
    """Whoosh filter applying :func:`stem_word` to every token."""

    def __eq__(self, other: object) -> bool:
        return self.__class__ is other.__class__

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            token.text = stem_word(token.text)
            yield token


def search_analyzer() -> Composable:
    """Return the analyzer for full-text fields: bigrams, folded words, Porter stems."""
    return BigramTokenizer() | LatinStemFilter()


def autocomplete_index_analyzer() -> Composable:
    """Return the index-time analyzer for autocomplete fields: token prefixes, no stemming."""
    return BigramTokenizer() | NgramFilter(1, AUTOCOMPLETE_MAX_PREFIX, at="start")


def analyze_query_chunks(query_string: str, *, stemmed: bool) -> list[list[TextToken]]:
    """Split a query on whitespace and analyze each chunk into tokens.

    Each chunk is one "word" for the query operator: its tokens must all match
    (a Japanese chunk such as ``年齢確認`` gives three bigrams that are combined
    with AND), and chunks are combined with the operator the caller chose.
    Chunks without any token (punctuation only) are left out.
    """
    chunks: list[list[TextToken]] = []
    for chunk in query_string.split():
        tokens = []
        for token in iter_tokens(chunk):
            text = stem_word(token.text) if stemmed else token.text[:AUTOCOMPLETE_MAX_PREFIX]
            tokens.append(TextToken(text, token.start, token.end, token.is_cjk))
        if tokens:
            chunks.append(tokens)
    return chunks


def _query_terms(query_string: str) -> set[str]:
    return {token.text for chunk in analyze_query_chunks(query_string, stemmed=True) for token in chunk}


def _hit_spans(text: str, terms: set[str]) -> list[tuple[int, int]]:
    """Return merged original-text spans of tokens of ``text`` whose stem is in ``terms``."""
    spans: list[tuple[int, int]] = []
    for token in iter_tokens(text):
        if stem_word(token.text) not in terms:
            continue
        if spans and token.start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], token.end))
        else:
            spans.append((token.start, token.end))
    return spans


def highlight(text: str, query_string: str, max_chars: int = 160) -> str:
    """Return an HTML-escaped snippet of ``text`` with ``<mark>`` around query hits.

    The snippet is a window of at most about ``max_chars`` characters centred on
    the first hit, with an ellipsis where text was cut. A hit is any token of the
    text that equals a token of the query after the same analysis, so ``ＳＮＳ``
    marks ``SNS`` and ``zoning`` marks ``zones``.
    NOTE: bigrams are marked one by one, so a query bigram that occurs alone
    (``会い`` from ``出会い系`` inside ``会いたい``) is marked as well.
    Returns the escaped start of the text when nothing matches.
    """
    spans = _hit_spans(text, _query_terms(query_string))
    if not spans:
        cut = text[:max_chars]
        return html.escape(cut) + ("…" if len(text) > max_chars else "")

    window_start = max(0, spans[0][0] - max_chars // 4)
    window_end = min(len(text), window_start + max_chars)
    parts: list[str] = ["…"] if window_start > 0 else []
    cursor = window_start
    for start, end in spans:
        if start >= window_end:
            break
        end = min(end, window_end)
        parts.append(html.escape(text[cursor:start]))
        parts.append("<mark>" + html.escape(text[start:end]) + "</mark>")
        cursor = end
    parts.append(html.escape(text[cursor:window_end]))
    if window_end < len(text):
        parts.append("…")
    return "".join(parts)
