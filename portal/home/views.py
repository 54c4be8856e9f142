"""Views of the site shell: area landing pages and the error pages."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from . import search


class AreaView(TemplateView):
    """The landing page of one area of the portal, before that area has content of its own."""

    template_name = "portal/area.html"


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without context processors: the failure may lie in one of them.
    from django.http import HttpResponseServerError
    from django.template import loader

    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request": request}))


class SearchView(TemplateView):
    """One search box over everything the visitor may see, with facets and pagination."""

    template_name = "portal/search.html"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        raw_query = self.request.GET.get("q", "")
        kind = self.request.GET.get("kind", "")
        language = self.request.GET.get("language", "")
        site_type = self.request.GET.get("site_type", "")
        # The box keeps what was typed, up to its maxlength, so a too-long query can be shortened in place.
        context.update(query=raw_query[:2000], kind=kind, language=language, site_type=site_type)
        try:
            query = search.clean_query(raw_query)
        except search.QueryTooLong:
            context["query_error"] = _("Enter at most %(limit)d characters.") % {
                "limit": search.MAX_QUERY_LENGTH
            }
            return context
        if not query:
            return context
        outcome = search.run_search(
            self.request.user, query, kind=kind, language=language, site_type=site_type, request=self.request
        )
        paginator = Paginator(outcome.hits, self.paginate_by)
        page_obj = paginator.get_page(self.request.GET.get("page"))
        search.attach_snippets(page_obj.object_list, query)
        context.update(
            outcome=outcome,
            page_obj=page_obj,
            language_names=dict(settings.LANGUAGES),
        )
        return context


def search_suggestions(request):
    """Autocomplete for the search box: titles the visitor may see, as JSON."""
    prefix = " ".join(request.GET.get("q", "").split())[: search.MAX_QUERY_LENGTH]
    titles = search.suggest(request.user, prefix) if len(prefix) >= 2 else []
    return JsonResponse({"suggestions": titles})
