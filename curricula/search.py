"""The site search's source for curricula: live public curriculum pages in every language."""

from django.utils.translation import gettext_lazy as _

from portal.home.search import SearchSource, page_hit
from portal.members import access

from .models import CurriculumPage


class CurriculumSearchSource(SearchSource):
    key = "curricula"
    label = _("Curricula")
    page_models = (CurriculumPage,)

    def queryset(self, user):
        pages = CurriculumPage.objects.select_related("locale").prefetch_related("site_types")
        return access.downloadable_curricula(pages, user)

    def hit(self, item, request):
        site_types = [(site_type.code, site_type.name) for site_type in item.site_types.all()]
        return page_hit(item, request, self, site_types=site_types)

    def snippet_texts(self, items: list) -> dict:
        pages = CurriculumPage.objects.filter(pk__in=[item.pk for item in items]).prefetch_related(
            "objectives"
        )
        return {page.pk: page.search_snippet_text() for page in pages}
