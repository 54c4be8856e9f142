"""Site search across every kind of content, filtered by the access policy before anything is counted.

Each source returns a queryset that already contains only what the user may see. The search backend only
ranks inside it, so hidden items cannot reach a result, a count, a facet or a suggestion. Areas add their
content with the ``register_search_source`` Wagtail hook (see ``SearchSource``).
"""

import logging
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelsearch.backends import get_search_backend
from modelsearch.utils import parse_query_string
from wagtail import hooks
from wagtail.models import Page

from portal.search.backends.whoosh_analysis import highlight

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
# Hits taken from each source before facets are counted; a query matching more shows a note.
MAX_HITS_PER_SOURCE = 500
MAX_SUGGESTIONS = 8


@dataclass
class Hit:
    title: str
    url: str
    kind: str
    language: str = ""
    # (code, name) of the site types the item concerns, for the site-type facet.
    site_types: tuple[tuple[str, str], ...] = ()
    item: object = None
    source: "SearchSource | None" = None
    snippet: str = ""


class SearchSource:
    """One kind of content the search page covers.

    Areas register theirs with the ``register_search_source`` Wagtail hook, a function returning an instance.
    ``queryset(user)`` must already be filtered by ``portal.members.access``: the backend only ranks inside it.
    A source for a page type lists it in ``page_models``, so the generic page source leaves those pages to it.
    """

    key: str = ""
    label = ""
    page_models: tuple = ()

    def queryset(self, user) -> QuerySet:
        raise NotImplementedError

    def hit(self, item, request) -> Hit:
        return Hit(
            title=str(item),
            url=item.get_absolute_url(),
            kind=str(self.label),
            site_types=self.site_types(item),
            item=item,
            source=self,
        )

    def site_types(self, item) -> tuple[tuple[str, str], ...]:
        return ()

    def snippet_texts(self, items: list) -> dict:
        """Return the plain text to cut snippets from, by item primary key, for one results page."""
        return {
            item.pk: item.search_snippet_text() if hasattr(item, "search_snippet_text") else ""
            for item in items
        }


class PageSource(SearchSource):
    """Live public pages of every type that has no source of its own."""

    key = "pages"
    label = _("Pages")

    def __init__(self, excluded_models=()):
        self.excluded_models = tuple(excluded_models)

    def queryset(self, user) -> QuerySet:
        pages = Page.objects.live().public().exclude(depth=1).select_related("locale", "content_type")
        if self.excluded_models:
            pages = pages.not_type(*self.excluded_models)
        return pages

    def hit(self, item, request) -> Hit:
        return page_hit(item, request, self)

    def snippet_texts(self, items: list) -> dict:
        pages = Page.objects.filter(pk__in=[item.pk for item in items]).specific()
        return {page.pk: snippet_source(page) for page in pages}


def page_hit(page, request, source: SearchSource, *, site_types=()) -> Hit:
    specific_class = page.specific_class or Page
    return Hit(
        title=page.title,
        url=page.get_url(request) or "",
        kind=capfirst(str(specific_class._meta.verbose_name)),
        language=page.locale.language_code,
        site_types=tuple(site_types),
        item=page,
        source=source,
    )


def sources() -> list[SearchSource]:
    """Return the page source and every source the areas registered, in registration order."""
    registered = [make_source() for make_source in hooks.get_hooks("register_search_source")]
    claimed = [model for source in registered for model in source.page_models]
    return [PageSource(excluded_models=claimed), *registered]


@dataclass
class SearchOutcome:
    hits: list[Hit] = field(default_factory=list)
    kind_counts: Counter = field(default_factory=Counter)
    language_counts: Counter = field(default_factory=Counter)
    site_type_counts: Counter = field(default_factory=Counter)
    site_type_names: dict = field(default_factory=dict)
    truncated: bool = False
    failed: bool = False

    @property
    def kind_facets(self) -> list[tuple[str, int]]:
        return self.kind_counts.most_common()

    @property
    def language_facets(self) -> list[tuple[str, int]]:
        return self.language_counts.most_common()

    @property
    def site_type_facets(self) -> list[tuple[str, str, int]]:
        return [
            (code, self.site_type_names[code], count) for code, count in self.site_type_counts.most_common()
        ]


class QueryTooLong(ValueError):
    pass


def clean_query(raw: str) -> str:
    """Strip the query and raise ``QueryTooLong`` past ``MAX_QUERY_LENGTH`` characters."""
    query = " ".join(raw.split())
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryTooLong(query)
    return query


def run_search(
    user, query: str, *, kind: str = "", language: str = "", site_type: str = "", request=None
) -> SearchOutcome:
    """Search every source the user may see; facet counts cover the visible hits before the facet filter."""
    outcome = SearchOutcome()
    backend = get_search_backend()
    _filters, parsed = parse_query_string(query, operator="and")
    for source in sources():
        try:
            results = list(backend.search(parsed, source.queryset(user))[:MAX_HITS_PER_SOURCE])
        except Exception:
            # A backend error is logged and shown as a message, never as an error page.
            logger.exception("Search failed in source %s (query length %d)", source.key, len(query))
            outcome.failed = True
            continue
        outcome.truncated |= len(results) >= MAX_HITS_PER_SOURCE
        for item in results:
            hit = source.hit(item, request)
            outcome.kind_counts[hit.kind] += 1
            if hit.language:
                outcome.language_counts[hit.language] += 1
            for code, name in hit.site_types:
                outcome.site_type_counts[code] += 1
                outcome.site_type_names[code] = name
            if (
                (not kind or hit.kind == kind)
                and (not language or hit.language == language)
                and (not site_type or site_type in {code for code, _name in hit.site_types})
            ):
                outcome.hits.append(hit)
    return outcome


def suggest(user, prefix: str) -> list[str]:
    """Return titles that complete ``prefix`` among the items the user may see."""
    backend = get_search_backend()
    titles: list[str] = []
    for source in sources():
        try:
            results = backend.autocomplete(prefix, source.queryset(user))[:MAX_SUGGESTIONS]
            titles.extend(str(item.title) for item in results)
        except NotImplementedError:
            continue
        except Exception:
            logger.exception("Autocomplete failed in source %s (prefix length %d)", source.key, len(prefix))
    return list(dict.fromkeys(titles))[:MAX_SUGGESTIONS]


def attach_snippets(hits: list[Hit], query: str) -> None:
    """Give each hit an HTML snippet with the query's terms marked, in one query per source.

    Only the hits of one results page are passed, so the work does not grow with the number of results.
    The marking uses the portal's Japanese-aware analysis whichever search backend is configured.
    """
    by_source: dict[int, list[Hit]] = {}
    for hit in hits:
        if hit.source is not None and hit.item is not None:
            by_source.setdefault(id(hit.source), []).append(hit)
    for source_hits in by_source.values():
        source = source_hits[0].source
        texts = source.snippet_texts([hit.item for hit in source_hits])
        for hit in source_hits:
            text = texts.get(hit.item.pk, "")
            if text:
                hit.snippet = mark_safe(highlight(text, query))  # noqa: S308 (highlight escapes)


def snippet_source(page) -> str:
    """Return the plain text a page offers for snippets: its own ``search_snippet_text()`` or its description."""
    if hasattr(page, "search_snippet_text"):
        return page.search_snippet_text()
    return page.search_description or ""
