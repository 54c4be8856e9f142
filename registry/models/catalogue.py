"""The registry's shared vocabulary: site types and the catalogue of protective measures.

Other areas refer to these: incident patterns name site types, guidelines recommend measures, reports name
services. The catalogue itself is seeded by a data migration from the public report the conference grew out
of, and the secretariat keeps it current in the Wagtail admin.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.i18n import localized


class SiteType(models.Model):
    """A kind of community site, as the police statistics group them."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    description_ja = models.TextField(_("description (Japanese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("site type")
        verbose_name_plural = _("site types")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def description(self) -> str:
        return localized(self, "description")


class Measure(models.Model):
    """A protective measure in the catalogue, which services adopt and guidelines recommend."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_ja = models.TextField(_("description (Japanese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    site_types = models.ManyToManyField(
        SiteType,
        blank=True,
        related_name="measures",
        verbose_name=_("applicable site types"),
        help_text=_("Leave empty when the measure applies to every kind of site."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("in the catalogue"),
        default=True,
        help_text=_("Retired measures stay on record but are not offered."),
    )

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def description(self) -> str:
        return localized(self, "description")
