"""Distribution levels of the Traffic Light Protocol 2.0, as a reusable abstract model.

Every shared item (incident patterns, police briefings, attachments, exports) carries one level. Who may read
an item at each level is decided in ``portal.members.access``; this module only stores the level and the
organizations it names.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Organization, OrganizationKind


class Distribution(models.TextChoices):
    CLEAR = "clear", "TLP:CLEAR"
    GREEN = "green", "TLP:GREEN"
    AMBER = "amber", "TLP:AMBER"
    AMBER_STRICT = "amber_strict", "TLP:AMBER+STRICT"
    RED = "red", "TLP:RED"


DISTRIBUTION_DESCRIPTIONS = {
    Distribution.CLEAR: _("Public: anyone may read it."),
    Distribution.GREEN: _("All approved members of the conference."),
    Distribution.AMBER: _("Members of the organization kinds named on this item."),
    Distribution.AMBER_STRICT: _("Only the originating organization, the police and the secretariat."),
    Distribution.RED: _("Only the organizations named on this item."),
}

DEFAULT_AMBER_KINDS = [OrganizationKind.OPERATOR, OrganizationKind.POLICE, OrganizationKind.SECRETARIAT]


def join_kinds(kinds) -> str:
    """Store a set of organization kinds as ``",operator,police,"`` so one substring test finds a kind.

    A JSON list would be neater, but JSON ``contains`` lookups do not run on SQLite.
    """
    ordered = [str(kind) for kind in OrganizationKind if str(kind) in {str(k) for k in kinds}]
    return f",{','.join(ordered)}," if ordered else ""


def split_kinds(value: str) -> list[str]:
    return [kind for kind in (value or "").split(",") if kind]


def default_amber_kinds() -> str:
    return join_kinds(DEFAULT_AMBER_KINDS)


class DistributedModel(models.Model):
    """Abstract base for anything shared under a distribution level.

    Filter querysets with ``portal.members.access.visible(queryset, user)``; check one object with
    ``portal.members.access.can_read(user, obj)``.
    """

    distribution = models.CharField(
        _("distribution"), max_length=16, choices=Distribution.choices, default=Distribution.AMBER_STRICT
    )
    audience_kinds = models.CharField(
        _("organization kinds (TLP:AMBER)"),
        max_length=200,
        default=default_amber_kinds,
        blank=True,
        help_text=_("Kinds of organization that may read an item marked TLP:AMBER."),
    )
    origin_organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("originating organization"),
    )
    named_organizations = models.ManyToManyField(
        Organization, blank=True, related_name="+", verbose_name=_("named organizations (TLP:RED)")
    )

    class Meta:
        abstract = True

    @property
    def audience_kind_list(self) -> list[str]:
        return split_kinds(self.audience_kinds)

    @property
    def distribution_label(self) -> str:
        return Distribution(self.distribution).label
