"""Receivers that keep stored PDFs in step with publishing. ``CurriculaConfig.ready`` connects them."""

import logging
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from . import services, tasks
from .models import CurriculumPackPdf, CurriculumPage, CurriculumPdf

logger = logging.getLogger(__name__)


@receiver(page_published, sender=CurriculumPage)
def render_after_publish(sender, instance, revision, **kwargs) -> None:
    """Enqueue the PDF render of the new revision once the publish has committed."""
    if kwargs.get("alias"):
        return
    services.retire_packs_containing(instance)
    transaction.on_commit(partial(tasks.enqueue_render, instance.pk, revision.pk))


@receiver(page_unpublished, sender=CurriculumPage)
def delete_pdfs_after_unpublish(sender, instance, **kwargs) -> None:
    """Withdrawn material is not kept in storage; publishing it again renders it again."""
    services.delete_pdfs_of(instance)


@receiver(post_delete, sender=CurriculumPdf)
@receiver(post_delete, sender=CurriculumPackPdf)
def delete_stored_file(sender, instance, **kwargs) -> None:
    """Delete the file of a deleted record once the deletion has committed."""
    if not instance.file:
        return
    storage = instance.file.storage
    name = instance.file.name
    transaction.on_commit(partial(delete_file, storage, name))


def delete_file(storage, name: str) -> None:
    try:
        storage.delete(name)
    except OSError:
        logger.exception("Could not delete the stored PDF %s.", name)
