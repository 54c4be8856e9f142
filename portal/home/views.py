"""Views of the site shell: area landing pages and the error pages."""

from django.shortcuts import render
from django.views.generic import TemplateView


class AreaView(TemplateView):
    """The landing page of one area of the portal, before that area has content of its own."""

    template_name = "portal/area.html"


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without context processors: the failure may lie in one of them.
    from django.template import loader

    from django.http import HttpResponseServerError

    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request": request}))
