"""Signal receivers: publishing a guideline page in Wagtail freezes its text as the version in force."""

import logging

from django.core.exceptions import ValidationError
from django.dispatch import receiver
from wagtail.signals import page_published

from portal.audit.models import Outcome
from portal.audit.services import record

from . import services
from .models import GuidelinePage

logger = logging.getLogger(__name__)


@receiver(page_published)
def freeze_published_guideline(sender, instance, revision=None, **kwargs):
    """Create the version in force from a published guideline page.

    The editor's form checks the version fields before publishing. Publishing without the form (scheduled
    publishing, bulk actions, code) is checked here: a page that fails the checks stays live, but readers
    keep seeing the earlier version in force, and the failure is logged and audited.
    """
    if not isinstance(instance, GuidelinePage):
        return
    actor = getattr(revision, "user", None)
    try:
        services.publish_version(instance, revision=revision, actor=actor)
    except ValidationError as error:
        logger.warning(
            "Guideline page %s revision %s was published without a new version: %s",
            instance.pk,
            getattr(revision, "pk", None),
            "; ".join(sorted(error.message_dict)),
        )
        record(
            "guidelines.version.published",
            actor=actor,
            target=instance,
            outcome=Outcome.FAILURE,
            detail={"revision": getattr(revision, "pk", None), "fields": sorted(error.message_dict)},
        )
