"""What the public registry lists: services filtered by site type, measure, status and search words.

The list page, the CSV and JSON exports and the coverage charts read the same ``RegistryFilters``, so an export
holds exactly the rows the page shows.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db.models import QuerySet
from modelsearch.backends import get_search_backend
from modelsearch.utils import parse_query_string

from .forms import RegistryFilterForm, StatusFilter
from .models import Adoption, AdoptionStatus, Measure, Service, SiteType
from .models.operators import IN_PLACE_STATUSES

logger = logging.getLogger(__name__)


class SearchFailed(Exception):
    """The search backend failed; the error is logged and the visitor sees a message."""


@dataclass(frozen=True)
class RegistryFilters:
    q: str = ""
    site_type: SiteType | None = None
    measure: Measure | None = None
    status: str = ""

    @classmethod
    def from_query(cls, data) -> tuple[RegistryFilters, RegistryFilterForm]:
        """Read the filters from a query string; invalid values are left out and shown as errors on the form."""
        form = RegistryFilterForm(data)
        form.is_valid()
        cleaned = {name: value for name, value in getattr(form, "cleaned_data", {}).items() if value}
        return cls(**cleaned), form

    @property
    def is_filtering_adoptions(self) -> bool:
        return self.measure is not None or bool(self.status)

    def statuses(self) -> list[str]:
        if self.status == StatusFilter.IN_PLACE:
            return list(IN_PLACE_STATUSES)
        return [self.status] if self.status in AdoptionStatus.values else []

    def adoptions(self) -> QuerySet[Adoption]:
        """The adoptions that match the measure and status filters; these are the ones listed and exported."""
        adoptions = Adoption.objects.all()
        if self.measure is not None:
            adoptions = adoptions.filter(measure=self.measure)
        if self.status:
            adoptions = adoptions.filter(status__in=self.statuses())
        return adoptions

    def services(self) -> QuerySet[Service]:
        """Public services matching every filter but the search words, with their matching adoptions."""
        services = Service.objects.public()
        if self.site_type is not None:
            services = services.filter(site_types=self.site_type)
        if self.is_filtering_adoptions:
            services = services.filter(pk__in=self.adoptions().values("service_id"))
            services = services.with_adoptions(self.adoptions())
        else:
            services = services.with_adoptions()
        return services.order_by("organization__name_ja", "name_ja", "pk")

    def results(self):
        """Return the matching services, ranked by relevance when there are search words.

        Raises ``SearchFailed`` when the search backend fails.
        """
        services = self.services()
        if not self.q:
            return services
        _filters, query = parse_query_string(self.q, operator="and")
        try:
            results = get_search_backend().search(query, services)
            results.count()
        except Exception as error:
            logger.exception("Registry search failed (query length %d)", len(self.q))
            raise SearchFailed from error
        return results

    def as_dict(self) -> dict:
        """The filters as codes, for exports and links."""
        return {
            "q": self.q,
            "site_type": self.site_type.code if self.site_type else "",
            "measure": self.measure.code if self.measure else "",
            "status": self.status,
        }
