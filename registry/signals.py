"""Receivers that keep the registry in step with the guidelines area and the members app.

They take what the signals carry and never import the guidelines app's models, so the registry works whether
or not that app defines them yet.
"""

import logging

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from guidelines.signals import version_acknowledged, version_published
from portal.members.models import Organization
from portal.members.signals import organization_approved

from .services.adoptions import flag_adoptions_for_review
from .services.common import reindex_services
from .services.onboarding import acknowledge_guideline, give_checklist

logger = logging.getLogger(__name__)


@receiver(version_published)
def flag_adoptions_on_major_version(sender, guideline, version, is_major, previous=None, **kwargs) -> None:
    """Flag the adoptions of a guideline's recommended measures for review when a major version is published."""
    if not is_major:
        return
    label = str(getattr(version, "label", "") or "")
    count = flag_adoptions_for_review(
        guideline.recommended_measures.all(),
        lambda: (
            _("“%(guideline)s” has a new major version, %(version)s.")
            % {"guideline": guideline.title, "version": label}
        ),
    )
    logger.info("Guideline %s version %s flagged %d adoptions for review", guideline.pk, label, count)


@receiver(version_acknowledged)
def tick_guideline_items(sender, organization, guideline, version, user=None, **kwargs) -> None:
    """Tick the organization's "read this guideline" checklist items once it acknowledges a version."""
    acknowledge_guideline(organization, guideline, version, user)


@receiver(organization_approved)
def give_checklist_on_approval(sender, organization, actor=None, **kwargs) -> None:
    """Give a newly approved operator organization its onboarding checklist."""
    give_checklist(organization)


@receiver(post_save, sender=Organization)
def reindex_operator_services(sender, instance, created=False, raw=False, **kwargs) -> None:
    """Refresh the search entries of an operator's services, which hold the operator's names."""
    if raw or created:
        return
    reindex_services(instance.services.values_list("pk", flat=True))
