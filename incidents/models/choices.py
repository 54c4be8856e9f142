"""Vocabularies shared by patterns, briefings and statistics: offence types and victims' age brackets.

The offence types are the categories in which the police count child victims of crimes arising from community
sites.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OffenceType(models.TextChoices):
    JUVENILE_PROTECTION_ORDINANCE = (
        "juvenile_protection_ordinance",
        _("Juvenile Protection Ordinance violation"),
    )
    CHILD_PORNOGRAPHY = "child_pornography", _("Child pornography")
    CHILD_PROSTITUTION = "child_prostitution", _("Child prostitution")
    CHILD_WELFARE_ACT = "child_welfare_act", _("Child Welfare Act violation")
    SEXUAL_ASSAULT = "sexual_assault", _("Rape or indecent assault")
    KIDNAPPING = "kidnapping", _("Kidnapping")
    OTHER = "other", _("Other offence")


class AgeBracket(models.TextChoices):
    UNDER_14 = "13_and_under", _("13 and under")
    FROM_14_TO_15 = "14_15", _("14–15")
    FROM_16_TO_17 = "16_17", _("16–17")
