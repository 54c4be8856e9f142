"""Placeholder: built in the reports issue."""

from django.views.generic import TemplateView


class _Placeholder(TemplateView):
    template_name = "portal/area.html"


TotalsView = TotalsCsvView = _Placeholder
