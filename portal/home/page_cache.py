"""Whole-response caching of published Wagtail pages for anonymous visitors.

Rendering a Wagtail page costs far more than returning a stored response (``bench/page_cache.py`` measures
both), so pages that are the same for every anonymous visitor are served from the cache, before Wagtail looks
up the site and the page.

Every publish, unpublish, slug change, move or deletion of a page, and every change of a view restriction,
bumps one version number in the cache, which retires every cached page at once, because a page's cached copy
also shows navigation and language links that other pages' changes can alter. With a shared cache (Redis in
production) this applies to every worker. With the per-process memory cache of development, other processes
serve their copy until ``PORTAL_PAGE_CACHE_SECONDS`` runs out.
"""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

VERSION_KEY = "portal:page-cache-version"


def cache_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def retire_cached_pages(**kwargs) -> None:
    """Make every cached page stale. Wagtail's page signals call it, deletion included, since it unpublishes."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
    receiver(signal)(retire_cached_pages)
# A page that gains a view restriction must stop being served from the cache at once.
for signal in (post_save, post_delete):
    receiver(signal, sender=PageViewRestriction)(retire_cached_pages)


def is_cacheable_request(request) -> bool:
    """Return whether the response to ``request`` is the same for every anonymous visitor."""
    if request.method != "GET" or request.user.is_authenticated:
        return False
    # Pending messages (for example after signing out) belong to one visitor only. len() reads them
    # without marking them as shown.
    return len(messages.get_messages(request)) == 0


def cache_key(request) -> str:
    # Hashed, because a URL can be longer than cache backends accept as a key.
    path_hash = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"portal:page:{cache_version()}:{request.LANGUAGE_CODE}:{path_hash}"


def mark_cacheable(response, page) -> None:
    """Mark ``response`` for the cache, unless ``page`` or an ancestor has a view restriction.

    An anonymous visitor who entered the password of a restricted page is served that page, and the cache
    would hand its copy to every other anonymous visitor. Restricted pages are therefore never stored.
    """
    response.portal_cacheable = not page.get_view_restrictions().exists()


class CachedPageMixin:
    """Mark a Page subclass's responses as the same for every anonymous visitor; mix in before ``Page``.

    ``PageCacheMiddleware`` stores marked responses and serves them before Wagtail routes the next request.
    Pages behind a view restriction are not marked.
    """

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        mark_cacheable(response, self)
        return response


def has_only_declared_parameters(request, response) -> bool:
    """Return whether every query parameter of ``request`` is one that ``response`` depends on.

    A view whose output depends on query parameters lists them in ``response.portal_cache_parameters``. Other
    parameters (``?utm_source=…``, random ones) would store a copy per value without changing the output.
    """
    return set(request.GET) <= set(getattr(response, "portal_cache_parameters", ()))


class PageCacheMiddleware:
    """Serve cached copies of marked pages to anonymous visitors, skipping Wagtail's routing altogether."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "PORTAL_PAGE_CACHE_SECONDS", 0)
        if not seconds or not is_cacheable_request(request):
            return self.get_response(request)
        key = cache_key(request)
        cached = cache.get(key)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if (
            getattr(response, "portal_cacheable", False)
            and response.status_code == 200
            and not response.cookies
            and has_only_declared_parameters(request, response)
        ):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            cache.set(key, response, seconds)
        return response
