"""Site search across every kind of content, filtered by the access policy before anything is counted.

Each source returns a queryset that already contains only what the user may see. The search backend only
ranks inside it, so hidden items cannot reach a result, a count, a facet or a suggestion. Later areas add
their content here as new sources.
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
from wagtail.models import Page

from portal.search.backends.whoosh_analysis import highlight

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
# Hits taken from each source before facets are counted; a query matching more shows a note.
MAX_HITS_PER_SOURCE = 500
MAX_SUGGESTIONS = 8


@dataclass(frozen=True)
class SearchSource:
    """One kind of content the search page covers."""

    key: str
    label: str

    def queryset(self, user) -> QuerySet:
        raise NotImplementedError


class PageSource(SearchSource):
    def queryset(self, user) -> QuerySet:
        # Live pages without view restrictions. Pages that members may read are added as their areas arrive,
        # each through the access policy.
        return Page.objects.live().public().exclude(depth=1).select_related("locale", "content_type")


# TODO: only Wagtail pages are searched so far. Guidelines, curricula, operators and briefings join when their
# apps gain models, each as a source whose queryset access.py has filtered, and the registry adds a site-type facet.
SOURCES = [PageSource(key="pages", label=_("Pages"))]


@dataclass
class Hit:
    title: str
    url: str
    kind: str
    language: str
    page_id: int | None = None
    snippet: str = ""


@dataclass
class SearchOutcome:
    hits: list[Hit] = field(default_factory=list)
    kind_counts: Counter = field(default_factory=Counter)
    language_counts: Counter = field(default_factory=Counter)
    truncated: bool = False
    failed: bool = False

    @property
    def kind_facets(self) -> list[tuple[str, int]]:
        return self.kind_counts.most_common()

    @property
    def language_facets(self) -> list[tuple[str, int]]:
        return self.language_counts.most_common()


class QueryTooLong(ValueError):
    pass


def clean_query(raw: str) -> str:
    """Strip the query and raise ``QueryTooLong`` past ``MAX_QUERY_LENGTH`` characters."""
    query = " ".join(raw.split())
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryTooLong(query)
    return query


def run_search(user, query: str, *, kind: str = "", language: str = "", request=None) -> SearchOutcome:
    """Search every source the user may see; facet counts cover the visible hits before the facet filter."""
    outcome = SearchOutcome()
    backend = get_search_backend()
    _filters, parsed = parse_query_string(query, operator="and")
    for source in SOURCES:
        try:
            results = list(backend.search(parsed, source.queryset(user))[:MAX_HITS_PER_SOURCE])
        except Exception:
            # A backend error is logged and shown as a message, never as an error page.
            logger.exception("Search failed in source %s (query length %d)", source.key, len(query))
            outcome.failed = True
            continue
        outcome.truncated |= len(results) >= MAX_HITS_PER_SOURCE
        for item in results:
            hit = _hit_for(item, request)
            outcome.kind_counts[hit.kind] += 1
            outcome.language_counts[hit.language] += 1
            if (not kind or hit.kind == kind) and (not language or hit.language == language):
                outcome.hits.append(hit)
    return outcome


def suggest(user, prefix: str) -> list[str]:
    """Return titles that complete ``prefix`` among the items the user may see."""
    backend = get_search_backend()
    titles: list[str] = []
    for source in SOURCES:
        try:
            results = backend.autocomplete(prefix, source.queryset(user))[:MAX_SUGGESTIONS]
            titles.extend(str(item.title) for item in results)
        except NotImplementedError:
            continue
        except Exception:
            logger.exception("Autocomplete failed in source %s (prefix length %d)", source.key, len(prefix))
    return list(dict.fromkeys(titles))[:MAX_SUGGESTIONS]


def _hit_for(item, request) -> Hit:
    specific_class = item.specific_class or Page
    return Hit(
        title=item.title,
        url=item.get_url(request) or "",
        kind=capfirst(str(specific_class._meta.verbose_name)),
        language=item.locale.language_code,
        page_id=item.pk,
    )


def attach_snippets(hits: list[Hit], query: str) -> None:
    """Give each hit an HTML snippet with the query's terms marked, in one query per page type.

    Only the hits of one results page are passed, so the work does not grow with the number of results.
    The marking uses the portal's Japanese-aware analysis whichever search backend is configured.
    """
    page_ids = [hit.page_id for hit in hits if hit.page_id is not None]
    pages = {page.pk: page for page in Page.objects.filter(pk__in=page_ids).specific()}
    for hit in hits:
        page = pages.get(hit.page_id)
        if page is None:
            continue
        hit.snippet = mark_safe(highlight(snippet_source(page), query))  # noqa: S308 (highlight escapes)


def snippet_source(page) -> str:
    """Return the plain text a page offers for snippets: its own ``search_snippet_text()`` or its description."""
    if hasattr(page, "search_snippet_text"):
        return page.search_snippet_text()
    return page.search_description or ""
