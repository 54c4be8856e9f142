"""A modelsearch (Wagtail 8) search backend on Whoosh, tuned for Japanese text.

Configure it with::

    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "portal.search.backends.whoosh",
            "PATH": BASE_DIR / "var" / "search-index",
            "WRITE_TIMEOUT": 30,             # seconds a write waits for the lock
            "REQUIRE_FILTER_FIELDS": False,  # True: reject filters on non-FilterFields
        }
    }

``PATH`` defaults to ``<BASE_DIR>/var/search-index`` (or ``./var/search-index``
when the settings have no ``BASE_DIR``). The module imports nothing from the
project, so any modelsearch project can use it.

Results never leave the caller's queryset
-----------------------------------------
Whoosh stores only searchable text, primary keys and content types. Filters are
not evaluated in Whoosh: the primary keys of the Whoosh hits are intersected
with the primary keys of the queryset passed to ``search()`` or
``autocomplete()`` in the database, before anything is counted, paginated,
faceted or returned. Counts, pages and facets therefore cover only objects that
exist and that the queryset, with its access-policy filters, contains. This
holds for filters on fields that are not indexed ``FilterField``s
(``.filter(pk__in=...)``, ``Page.objects.live()``, a subquery) and when the
index is stale. Raw Whoosh hit counts are never reported. Up to
``MAX_IN_QUERY_KEYS`` hits are checked with ``pk__in`` queries of
``IN_QUERY_CHUNK`` keys. For more hits, the queryset's primary keys are streamed
once and intersected in Python.

modelsearch backends normally raise ``FilterFieldError`` for filters on fields
that are not ``FilterField``s. This backend accepts any filter by default, since
the database applies it anyway. Set ``REQUIRE_FILTER_FIELDS`` to ``True`` for
the usual modelsearch behaviour (the conformance tests use it).

Ordering with ``order_by_relevance=False`` and facets are computed by the
database on the intersected keys. Queries that are exactly ``MATCH_ALL`` skip
Whoosh and use the queryset alone. Their results have a score of ``None``.

Query syntax
------------
``PlainText`` splits on whitespace. Each chunk must match as a whole: all of its
tokens, such as the bigrams of a Japanese word, in one field. Chunks are then
combined with the ``operator`` argument. ``Phrase`` matches consecutive tokens,
``Fuzzy`` allows an edit distance on Latin words, ``Boost``, ``And``, ``Or`` and
``Not`` map to the Whoosh queries of the same names. Scores are Whoosh BM25F
with the ``boost`` of each ``SearchField``. A query of one CJK character also
matches bigrams that start with it.
NOTE: a single CJK character at the end of a longer run (``活`` in ``パパ活``) is
not found by a one-character query.

Highlighted snippets
--------------------
``highlight(text, query_string)`` (re-exported here from ``whoosh_analysis``)
returns an HTML-escaped snippet with ``<mark>`` around the hits. Templates mark
it safe after this escaping, for example
``{{ snippet }}`` with ``snippet = mark_safe(highlight(page.body_text, q))``.

Concurrent writes and failures
------------------------------
See ``whoosh_storage``: one fcntl lock serialises writes from all processes,
with retries and backoff up to ``WRITE_TIMEOUT`` seconds. A failed index write
(lock timeout, disk error) in ``add``, ``add_bulk`` or ``delete`` is logged at
ERROR with the model label and primary keys and is not raised, so saving an
object never fails because of the index. The object stays stale in the index
until it is saved again or ``manage.py update_index`` rebuilds the index, which
is the documented retry. ``update_index`` builds a new index generation while
the old one keeps serving searches and then switches atomically.
"""

import logging
import os
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import models
from modelsearch.backends.base import (
    BaseIndex,
    BaseSearchBackend,
    BaseSearchQueryCompiler,
    BaseSearchResults,
    FilterFieldError,
)
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.query import (
    And,
    Boost,
    Fuzzy,
    MatchAll,
    Not,
    Or,
    Phrase,
    PlainText,
    SearchQuery,
)
from whoosh import query as wq
from whoosh.writing import IndexWriter

from .whoosh_analysis import TextToken, analyze_query_chunks, highlight
from .whoosh_documents import (
    build_document,
    build_schema,
    document_key,
    field_boosts,
    model_label,
)
from .whoosh_storage import IndexWriteError, WhooshStorage, describe_keys

__all__ = ["SearchBackend", "WhooshSearchBackend", "highlight"]

logger = logging.getLogger(__name__)

IN_QUERY_CHUNK = 500
MAX_IN_QUERY_KEYS = 10_000
FUZZY_MAX_DISTANCE = 2
FUZZY_PREFIX_LENGTH = 1


def default_index_path() -> Path:
    """Return ``<BASE_DIR>/var/search-index``, or ``./var/search-index`` without ``BASE_DIR``."""
    base_dir = getattr(settings, "BASE_DIR", None) or os.getcwd()
    return Path(base_dir) / "var" / "search-index"


# Query compilation


def _token_query(field: str, token: TextToken, boost: float) -> wq.Query:
    term = wq.Term(field, token.text, boost=boost)
    if token.is_cjk and len(token.text) == 1:
        # A one-character query has no bigram of its own, so it also matches bigrams starting with it.
        return wq.Or([term, wq.Prefix(field, token.text, boost=boost)])
    return term


def _chunk_query(fields: dict[str, float], tokens: list[TextToken], fuzzy: bool = False) -> wq.Query:
    """Match one whitespace-separated chunk: all its tokens in the same field, any field."""
    per_field = []
    for field, boost in fields.items():
        if fuzzy:
            parts = [
                wq.FuzzyTerm(
                    field,
                    token.text,
                    boost=boost,
                    maxdist=FUZZY_MAX_DISTANCE,
                    prefixlength=FUZZY_PREFIX_LENGTH,
                )
                if not token.is_cjk
                else _token_query(field, token, boost)
                for token in tokens
            ]
        else:
            parts = [_token_query(field, token, boost) for token in tokens]
        per_field.append(parts[0] if len(parts) == 1 else wq.And(parts))
    return wq.Or(per_field)


def _phrase_query(fields: dict[str, float], tokens: list[TextToken]) -> wq.Query:
    if len(tokens) == 1:
        return wq.Or([_token_query(field, tokens[0], boost) for field, boost in fields.items()])
    words = [token.text for token in tokens]
    return wq.Or([wq.Phrase(field, words, boost=boost) for field, boost in fields.items()])


def _combine(query: And | Or, subqueries: list[wq.Query]) -> wq.Query:
    # Whoosh's normalize() drops NullQuery from And as well as Or, which would
    # turn "x AND nothing" into "x", so empty and match-all parts are handled here.
    if isinstance(query, And):
        if any(sub is wq.NullQuery for sub in subqueries):
            return wq.NullQuery
        subqueries = [sub for sub in subqueries if not isinstance(sub, wq.Every)] or [wq.Every()]
        return subqueries[0] if len(subqueries) == 1 else wq.And(subqueries)
    subqueries = [sub for sub in subqueries if sub is not wq.NullQuery]
    if not subqueries:
        return wq.NullQuery
    return subqueries[0] if len(subqueries) == 1 else wq.Or(subqueries)


def compile_query(query: SearchQuery, fields: dict[str, float], stemmed: bool) -> wq.Query:
    """Translate a modelsearch query into a Whoosh query over ``fields`` (name -> boost).

    Raises ``NotImplementedError`` for query classes this backend does not know.
    """
    if isinstance(query, MatchAll):
        return wq.Every()
    if isinstance(query, PlainText | Fuzzy):
        chunks = analyze_query_chunks(query.query_string, stemmed=stemmed)
        if not chunks or not fields:
            return wq.NullQuery
        fuzzy = isinstance(query, Fuzzy)
        parts = [_chunk_query(fields, tokens, fuzzy=fuzzy) for tokens in chunks]
        combined = wq.And(parts) if query.operator == "and" else wq.Or(parts)
        boost = getattr(query, "boost", 1.0)
        return combined.with_boost(boost) if boost != 1.0 else combined
    if isinstance(query, Phrase):
        tokens = [
            token for chunk in analyze_query_chunks(query.query_string, stemmed=stemmed) for token in chunk
        ]
        if not tokens or not fields:
            return wq.NullQuery
        return _phrase_query(fields, tokens)
    if isinstance(query, Boost):
        return compile_query(query.subquery, fields, stemmed).with_boost(query.boost)
    if isinstance(query, And | Or):
        return _combine(query, [compile_query(sub, fields, stemmed).normalize() for sub in query.subqueries])
    if isinstance(query, Not):
        inner = compile_query(query.subquery, fields, stemmed).normalize()
        if isinstance(inner, wq.Every):
            return wq.NullQuery
        if inner is wq.NullQuery:
            return wq.Every()
        return wq.Not(inner)
    raise NotImplementedError(f"The Whoosh search backend does not support {type(query).__name__} queries.")


class WhooshSearchQueryCompiler(BaseSearchQueryCompiler):
    """Compiles a modelsearch query into a Whoosh query over ``SearchField`` text."""

    HANDLES_ORDER_BY_EXPRESSIONS = True
    field_kind = SearchField
    stemmed = True

    def __init__(self, queryset, query, *, backend: "WhooshSearchBackend", **kwargs):
        super().__init__(queryset, query, **kwargs)
        self.backend = backend
        self._ranked_cache: list[tuple[str, float | None]] | None = None

    def _get_filters_from_queryset(self, check_only=False):
        # The database applies the queryset's filters (see the module docstring),
        # so checking them against FilterFields is only needed for strict mode.
        if check_only and not self.backend.require_filter_fields:
            return None
        return super()._get_filters_from_queryset(check_only=check_only)

    def is_match_all(self) -> bool:
        """Return True when the query is exactly ``MATCH_ALL`` and Whoosh can be skipped."""
        return isinstance(self.query, MatchAll)

    def whoosh_query(self) -> wq.Query:
        """Return the Whoosh query for ``self.query`` on the searched fields."""
        fields = field_boosts(self.queryset.model, self.field_kind, only=self.fields)
        return compile_query(self.query, fields, self.stemmed)

    def content_type_filter(self) -> wq.Query:
        """Return the Whoosh query selecting documents of the searched model and its subclasses."""
        return wq.Term("content_types", model_label(self.queryset.model))


class WhooshAutocompleteQueryCompiler(WhooshSearchQueryCompiler):
    """Compiles ``PlainText`` autocomplete queries into prefix matches on ``AutocompleteField``s."""

    field_kind = AutocompleteField
    stemmed = False

    def check(self):
        if not isinstance(self.query, PlainText):
            raise NotImplementedError(
                "The Whoosh search backend supports only PlainText autocomplete queries."
            )
        # The ``fields`` argument names AutocompleteFields here, not SearchFields.
        allowed = {field.field_name for field in self.queryset.model.get_autocomplete_search_fields()}
        unknown = [name for name in self.fields or [] if name not in allowed]
        if unknown:
            raise FilterFieldError(
                f'Cannot autocomplete with field "{unknown[0]}". Please add index.AutocompleteField("{unknown[0]}") '
                f"to {self.queryset.model.__name__}.search_fields.",
                field_name=unknown[0],
            )
        self._get_filters_from_queryset(check_only=True)
        list(self._get_order_by())


# Results


def _chunks(values: Sequence, size: int) -> Iterable[Sequence]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


class WhooshSearchResults(BaseSearchResults):
    """Search results: Whoosh hits intersected with the caller's queryset in the database."""

    supports_facet = True

    @property
    def _queryset(self) -> models.QuerySet:
        return self.query_compiler.queryset

    def _to_python(self, keys: Iterable[str]) -> list:
        pk_field = self._queryset.model._meta.pk
        return [pk_field.to_python(key) for key in keys]

    def _whoosh_hits(self) -> list[tuple[str, float]]:
        """Return ``(primary key, score)`` for every Whoosh hit, best first, ties in index order."""
        searcher = self.backend.storage.searcher()
        results = searcher.search(
            self.query_compiler.whoosh_query(),
            filter=self.query_compiler.content_type_filter(),
            limit=None,
        )
        reader = searcher.reader()
        if not reader.has_column("doc_pk"):
            # An index without documents has no column to read.
            return []
        pk_column = reader.column_reader("doc_pk")
        return [(pk_column[docnum], score) for docnum, score in results.items()]

    def _keys_in_queryset(self, keys: list[str]) -> set[str]:
        """Return the subset of ``keys`` whose objects the queryset contains."""
        allowed: set[str] = set()
        if len(keys) <= MAX_IN_QUERY_KEYS:
            for chunk in _chunks(keys, IN_QUERY_CHUNK):
                found = self._queryset.filter(pk__in=self._to_python(chunk)).values_list("pk", flat=True)
                allowed.update(str(pk) for pk in found)
            return allowed
        wanted = set(keys)
        for pk in self._queryset.values_list("pk", flat=True).iterator(chunk_size=5000):
            if str(pk) in wanted:
                allowed.add(str(pk))
        return allowed

    def _ordered_queryset(self) -> models.QuerySet:
        queryset = self._queryset
        return queryset if queryset.ordered else queryset.order_by("-pk")

    def _keys_in_queryset_order(self, keys: set[str]) -> list[str]:
        """Return ``keys`` in the queryset's ordering (primary key descending when unordered)."""
        queryset = self._ordered_queryset()
        if len(keys) <= IN_QUERY_CHUNK:
            queryset = queryset.filter(pk__in=self._to_python(keys))
        ordered: list[str] = []
        seen: set[str] = set()
        # Ordering on a multi-valued relation can repeat a key, so only its first place is kept.
        for pk in queryset.values_list("pk", flat=True).iterator(chunk_size=5000):
            key = str(pk)
            if key in keys and key not in seen:
                seen.add(key)
                ordered.append(key)
        return ordered

    def _ranked(self) -> list[tuple[str, float | None]]:
        """Return every matching ``(primary key, score)``, in result order, shared by clones."""
        compiler = self.query_compiler
        if compiler._ranked_cache is not None:
            return compiler._ranked_cache
        if compiler.is_match_all():
            ranked = [
                (str(pk), None)
                for pk in self._ordered_queryset().values_list("pk", flat=True).iterator(chunk_size=5000)
            ]
            ranked = list(OrderedDict(ranked).items())
        else:
            hits = self._whoosh_hits()
            allowed = self._keys_in_queryset([key for key, _score in hits])
            if compiler.order_by_relevance:
                ranked = [(key, score) for key, score in hits if key in allowed]
            else:
                scores = dict(hits)
                ranked = [(key, scores[key]) for key in self._keys_in_queryset_order(allowed)]
        compiler._ranked_cache = ranked
        return ranked

    def _do_search(self) -> list[models.Model]:
        page = self._ranked()[self.start : self.stop]
        if not page:
            return []
        queryset = self._queryset
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        objects = {
            str(obj.pk): obj for obj in queryset.filter(pk__in=self._to_python(key for key, _ in page))
        }
        results = []
        for key, score in page:
            obj = objects.get(key)
            if obj is None:
                # Deleted between the key lookup and this fetch.
                continue
            if self._score_field:
                setattr(obj, self._score_field, score)
            results.append(obj)
        return results

    def _do_count(self) -> int:
        return len(self._ranked()[self.start : self.stop])

    def facet(self, field_name: str) -> OrderedDict:
        """Count the results per value of the ``FilterField`` ``field_name``, most frequent first.

        Raises ``FilterFieldError`` when ``field_name`` is not a ``FilterField`` of the model.
        """
        field = self.query_compiler._get_filterable_field(field_name)
        if field is None:
            raise FilterFieldError(
                f'Cannot facet search results with field "{field_name}". Please add '
                f'index.FilterField("{field_name}") to {self._queryset.model.__name__}.search_fields.',
                field_name=field_name,
            )
        attname = field.get_attname(self._queryset.model)
        keys = [key for key, _score in self._ranked()]
        counts: Counter = Counter()
        manager = self._queryset.model._default_manager
        for chunk in _chunks(keys, IN_QUERY_CHUNK):
            counts.update(manager.filter(pk__in=self._to_python(chunk)).values_list(attname, flat=True))
        return OrderedDict(counts.most_common())


# Indexing


class WhooshIndex(BaseIndex):
    """The single Whoosh index of a backend, or the generation a rebuild is filling."""

    def __init__(self, backend: "WhooshSearchBackend", generation: str | None = None):
        super().__init__(backend)
        self.generation = generation

    def get_key(self) -> str:
        return str(self.backend.storage.path)

    def __str__(self) -> str:
        return f"whoosh:{self.backend.storage.path}"

    def reset(self) -> None:
        self.backend.storage.reset()

    def add_items(self, model: type[models.Model], items: Iterable[models.Model]) -> None:
        """Add or replace the documents of ``items``. Raises ``IndexWriteError`` on failure."""
        documents = [build_document(obj) for obj in items]
        if not documents:
            return

        def apply(writer: IndexWriter) -> None:
            for document in documents:
                writer.update_document(**document)

        keys = [document["doc_key"] for document in documents]
        self.backend.storage.write(apply, keys, generation=self.generation)

    def delete_item(self, item: models.Model) -> None:
        """Delete the document of ``item``. Raises ``IndexWriteError`` on failure."""
        key = document_key(item)
        self.backend.storage.write(
            lambda writer: writer.delete_by_term("doc_key", key), [key], generation=self.generation
        )


class WhooshIndexRebuilder:
    """Fills a new index generation while the current one serves searches, then switches."""

    def __init__(self, index: WhooshIndex):
        self.live_index = index
        self.index: WhooshIndex | None = None

    def start(self) -> WhooshIndex:
        storage = self.live_index.backend.storage
        self.index = WhooshIndex(self.live_index.backend, generation=storage.start_rebuild())
        logger.info("Search index rebuild started in %s, generation %s", storage.path, self.index.generation)
        return self.index

    def finish(self) -> None:
        storage = self.live_index.backend.storage
        storage.finish_rebuild(self.index.generation)
        logger.info("Search index rebuild finished in %s, generation %s", storage.path, self.index.generation)


class WhooshSearchBackend(BaseSearchBackend):
    """modelsearch backend storing the index in Whoosh files under ``PATH``."""

    query_compiler_class = WhooshSearchQueryCompiler
    autocomplete_query_compiler_class = WhooshAutocompleteQueryCompiler
    results_class = WhooshSearchResults
    index_class = WhooshIndex
    rebuilder_class = WhooshIndexRebuilder
    # add() and delete() already log and swallow IndexWriteError. This also covers
    # unexpected errors raised while building a document in a save signal.
    catch_indexing_errors = True

    def __init__(self, params: dict):
        super().__init__(params)
        path = params.get("PATH") or default_index_path()
        self.storage = WhooshStorage(
            path, build_schema(), lock_timeout=float(params.get("WRITE_TIMEOUT", 30))
        )
        self.require_filter_fields = bool(params.get("REQUIRE_FILTER_FIELDS", False))

    def search(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        return self._search(
            partial(self.query_compiler_class, backend=self),
            query,
            model_or_queryset,
            fields=fields,
            operator=operator,
            order_by_relevance=order_by_relevance,
        )

    def autocomplete(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        return self._search(
            partial(self.autocomplete_query_compiler_class, backend=self),
            query,
            model_or_queryset,
            fields=fields,
            operator=operator,
            order_by_relevance=order_by_relevance,
        )

    def _log_failure(
        self, action: str, model: type[models.Model], keys: Sequence[str], error: Exception
    ) -> None:
        logger.error(
            "Search index %s failed for %s (%s): %s. The index is stale for these objects until they are "
            "saved again or `manage.py update_index` runs.",
            action,
            model._meta.label,
            describe_keys(keys),
            error,
        )

    def add(self, obj: models.Model) -> None:
        """Index ``obj``; a write failure is logged, not raised."""
        try:
            self.get_index_for_object(obj).add_item(obj)
        except IndexWriteError as error:
            self._log_failure("update", type(obj), [str(obj.pk)], error)

    def add_bulk(self, model: type[models.Model], obj_list: Iterable[models.Model]) -> None:
        """Index the objects of ``obj_list``; a write failure is logged, not raised."""
        obj_list = list(obj_list)
        try:
            self.get_index_for_model(model).add_items(model, obj_list)
        except IndexWriteError as error:
            self._log_failure("update", model, [str(obj.pk) for obj in obj_list], error)

    def delete(self, obj: models.Model) -> None:
        """Remove ``obj`` from the index; a write failure is logged, not raised."""
        try:
            self.get_index_for_object(obj).delete_item(obj)
        except IndexWriteError as error:
            self._log_failure("delete", type(obj), [str(obj.pk)], error)


SearchBackend = WhooshSearchBackend
