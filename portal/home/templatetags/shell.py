"""Template tags of the site shell: the language switch and the navigation."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """Links to the current page in every language, for the language switch.

    A Wagtail page links to its translation, or to the other language's home page when it has none yet;
    any other page links to the same URL under the other language's prefix.
    """
    request = context.get("request")
    page = context.get("page")
    current = context.get("LANGUAGE_CODE") or settings.LANGUAGE_CODE
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": _url_in_language(request, page, code),
                "is_current": code == current,
            }
        )
    return links


def _url_in_language(request, page, code: str) -> str:
    if page is not None and hasattr(page, "get_translation_or_none"):
        from wagtail.models import Locale, Page

        locale = Locale.objects.filter(language_code=code).first()
        translation = page.get_translation_or_none(locale) if locale else None
        if translation is not None and translation.live:
            return translation.get_url(request)
        home = Page.objects.live().filter(depth=2, locale=locale).first() if locale else None
        if home is not None:
            return home.get_url(request)
        return f"/{code}/"
    if request is None:
        return f"/{code}/"
    url = translate_url(request.path, code)
    if url == request.path and code != context_language(request):
        return f"/{code}/"
    query = request.GET.copy()
    # A sign-in page's "next" leads back to a page in the old language; send it to the new one instead.
    next_url = query.get("next", "")
    if next_url.startswith("/"):
        query["next"] = translate_url(next_url, code)
    return f"{url}?{query.urlencode(safe='/')}" if query else url


def context_language(request) -> str:
    return getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
