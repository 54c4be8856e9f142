"""Guidelines on the site search: the versions each user may read, in force or under consultation.

Superseded versions stay out of search so that a guideline shows once; readers find them from its page.
"""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.home.search import Hit, SearchSource
from registry.models import Measure, SiteType

from .models import GuidelinePage, GuidelineVersion, VersionState


class GuidelineSource(SearchSource):
    key = "guidelines"
    label = gettext_lazy("Guidelines")
    page_models = (GuidelinePage,)

    def __init__(self):
        self._site_types_by_measure: dict[int, tuple[tuple[str, str], ...]] | None = None

    def queryset(self, user):
        return (
            GuidelineVersion.objects.visible_to(user)
            .filter(state__in=[VersionState.IN_FORCE, VersionState.CONSULTATION])
            .select_related("guideline__locale")
        )

    def hit(self, item: GuidelineVersion, request) -> Hit:
        guideline = item.guideline
        if item.is_in_force:
            title, url = item.title, guideline.get_url(request) or ""
        else:
            title = _("%(title)s (draft %(label)s under consultation)") % {
                "title": item.title,
                "label": item.label,
            }
            url = item.get_absolute_url()
        return Hit(
            title=title,
            url=url,
            kind=capfirst(str(GuidelinePage._meta.verbose_name)),
            language=guideline.locale.language_code,
            site_types=self.site_types(item),
            item=item,
            source=self,
        )

    def site_types(self, item: GuidelineVersion) -> tuple[tuple[str, str], ...]:
        """The site types of the measures the version recommends; a measure for every site type counts for all."""
        by_measure = self._measure_site_types()
        found: dict[str, str] = {}
        for measure_id in item.measure_ids:
            found.update(by_measure.get(measure_id, ()))
        return tuple(found.items())

    def _measure_site_types(self) -> dict[int, tuple[tuple[str, str], ...]]:
        # Loaded once per search: the catalogue contains a few dozen measures at most.
        if self._site_types_by_measure is None:
            every_type = tuple((site_type.code, site_type.name) for site_type in SiteType.objects.all())
            self._site_types_by_measure = {
                measure.pk: tuple((site_type.code, site_type.name) for site_type in measure.site_types.all())
                or every_type
                for measure in Measure.objects.prefetch_related("site_types")
            }
        return self._site_types_by_measure
