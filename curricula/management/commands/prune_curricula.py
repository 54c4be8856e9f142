"""``manage.py prune_curricula``: delete feedback and stored packs older than their retention periods."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from curricula.models import CurriculumPackPdf, Feedback


class Command(BaseCommand):
    help = (
        "Delete curriculum feedback older than CURRICULA_FEEDBACK_RETENTION_DAYS (365 by default) and stored "
        "packs rendered more than CURRICULA_PACK_RETENTION_DAYS ago (30 by default)."
    )

    def handle(self, *args, **options) -> None:
        now = timezone.now()
        feedback_cutoff = now - timedelta(days=settings.CURRICULA_FEEDBACK_RETENTION_DAYS)
        deleted_feedback, _detail = Feedback.objects.filter(created_at__lt=feedback_cutoff).delete()

        pack_cutoff = now - timedelta(days=settings.CURRICULA_PACK_RETENTION_DAYS)
        # One by one, so that the post_delete receiver removes each file from storage.
        deleted_packs = 0
        for pack in CurriculumPackPdf.objects.filter(rendered_at__lt=pack_cutoff):
            pack.delete()
            deleted_packs += 1

        self.stdout.write(
            f"Deleted {deleted_feedback} feedback entries received before {feedback_cutoff:%Y-%m-%d} and "
            f"{deleted_packs} packs rendered before {pack_cutoff:%Y-%m-%d}."
        )
