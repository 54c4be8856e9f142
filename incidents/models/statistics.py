"""Public statistics: child victims of crimes arising from community sites, per period, with their source.

A period holds the total and, where known, breakdowns by site type, offence type and age bracket. Each total
and each breakdown names where its figures come from. The police and the secretariat add periods through a
form in the members area; anyone may read them and download them as CSV.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.i18n import localized


class StatisticsPeriodKind(models.TextChoices):
    YEAR = "year", pgettext_lazy("statistics period", "Full year")
    FIRST_HALF = "first_half", pgettext_lazy("statistics period", "January to June")
    SECOND_HALF = "second_half", pgettext_lazy("statistics period", "July to December")


class StatisticsDimension(models.TextChoices):
    SITE_TYPE = "site_type", _("Site type")
    OFFENCE_TYPE = "offence_type", _("Offence type")
    AGE_BRACKET = "age_bracket", _("Age bracket")


class StatisticsPeriodQuerySet(models.QuerySet):
    def chronological(self) -> StatisticsPeriodQuerySet:
        order = models.Case(
            models.When(kind=StatisticsPeriodKind.FIRST_HALF, then=0),
            models.When(kind=StatisticsPeriodKind.YEAR, then=1),
            default=2,
            output_field=models.IntegerField(),
        )
        return self.order_by("year", order)


class StatisticsPeriod(models.Model):
    """The number of child victims in one year or half-year, with the source of the figures."""

    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(
        _("period"), max_length=16, choices=StatisticsPeriodKind.choices, default=StatisticsPeriodKind.YEAR
    )
    total_victims = models.PositiveIntegerField(_("child victims"))
    source_ja = models.CharField(_("source (Japanese)"), max_length=500)
    source_en = models.CharField(_("source (English)"), max_length=500, blank=True)
    source_url = models.URLField(_("source URL"), blank=True)
    breakdown_source_ja = models.CharField(
        _("source of the breakdowns (Japanese)"),
        max_length=500,
        blank=True,
        help_text=_("Leave empty when the breakdowns come from the same source as the total."),
    )
    breakdown_source_en = models.CharField(
        _("source of the breakdowns (English)"), max_length=500, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = StatisticsPeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("statistics period")
        verbose_name_plural = _("statistics periods")
        ordering = ["year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["year", "kind"], name="incidents_one_statistics_period")
        ]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return f"{reverse('incidents:statistics')}?period={self.pk}"

    @property
    def label(self) -> str:
        if self.kind == StatisticsPeriodKind.YEAR:
            return str(_("%(year)d") % {"year": self.year})
        if self.kind == StatisticsPeriodKind.FIRST_HALF:
            return str(_("%(year)d (January to June)") % {"year": self.year})
        return str(_("%(year)d (July to December)") % {"year": self.year})

    @property
    def source(self) -> str:
        return localized(self, "source")

    @property
    def breakdown_source(self) -> str:
        return localized(self, "breakdown_source") or self.source


class VictimCount(models.Model):
    """The number of child victims in one category (a site type, an offence type or an age bracket) of a period."""

    period = models.ForeignKey(
        StatisticsPeriod, on_delete=models.CASCADE, related_name="counts", verbose_name=_("period")
    )
    dimension = models.CharField(_("breakdown"), max_length=16, choices=StatisticsDimension.choices)
    category = models.CharField(
        _("category"), max_length=40, help_text=_("The code of the site type, offence type or age bracket.")
    )
    victims = models.PositiveIntegerField(_("child victims"))

    class Meta:
        verbose_name = _("victim count")
        verbose_name_plural = _("victim counts")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "dimension", "category"], name="incidents_one_count_per_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.dimension}:{self.category} {self.victims}"
