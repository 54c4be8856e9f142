"""``manage.py prune_report_contacts``: delete reporters' contact data once the retention period has passed."""

from django.conf import settings
from django.core.management.base import BaseCommand

from reports.services import delete_due_contacts


class Command(BaseCommand):
    help = (
        "Delete the reporter's email address and account link of reports closed more than "
        "REPORTS_CONTACT_RETENTION_DAYS (90 by default) days ago. Run it once a day."
    )

    def handle(self, *args, **options) -> None:
        cleared = delete_due_contacts()
        days = settings.REPORTS_CONTACT_RETENTION_DAYS
        self.stdout.write(f"Deleted the contact data of {cleared} reports closed more than {days} days ago.")
