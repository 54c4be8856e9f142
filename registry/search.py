"""The registry's source for the site search: public services, found by their names, operators and measures.

Each service's index entry holds its operator's names, its site types and the names, in both languages, of
the measures it has in place, so a search for 年齢確認 or "zoning" finds the services that adopted age
verification or internet zoning.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from portal.home.search import Hit, SearchSource

from .models import Service


class RegistrySource(SearchSource):
    key = "registry"
    label = _("Service in the registry")

    def queryset(self, user) -> QuerySet:
        # The registry is public; only services listed in it may be found.
        return Service.objects.public().select_related("organization").prefetch_related("site_types")

    def hit(self, item: Service, request) -> Hit:
        return Hit(
            title=_("%(service)s (%(operator)s)")
            % {"service": item.name, "operator": item.organization.display_name},
            url=item.get_absolute_url(),
            kind=str(self.label),
            site_types=self.site_types(item),
            item=item,
            source=self,
        )

    def site_types(self, item: Service) -> tuple[tuple[str, str], ...]:
        return tuple((site_type.code, site_type.name) for site_type in item.site_types.all())

    def snippet_texts(self, items: list) -> dict:
        services = Service.objects.filter(pk__in=[item.pk for item in items]).prefetch_related(
            "adoptions__measure"
        )
        return {service.pk: service.search_snippet_text() for service in services}
