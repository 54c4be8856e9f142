"""``manage.py prune_notifications``: delete notifications older than the retention period."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.notifications.models import Notification


class Command(BaseCommand):
    help = "Delete notifications older than PORTAL_NOTIFICATION_RETENTION_DAYS (365 by default)."

    def handle(self, *args, **options) -> None:
        cutoff = timezone.now() - timedelta(days=settings.PORTAL_NOTIFICATION_RETENTION_DAYS)
        deleted, _detail = Notification.objects.filter(created_at__lt=cutoff).delete()
        self.stdout.write(f"Deleted {deleted} notifications created before {cutoff:%Y-%m-%d}.")
