"""``manage.py registry_reminders``: send the registry's daily reminders. Schedule it once a day."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from registry.services.reminders import send_evidence_expiry_reminders, send_overdue_item_reminders


class Command(BaseCommand):
    help = (
        "Remind operators' admins of evidence that expires soon and of overdue onboarding checklist items (the "
        "secretariat of the items it owns). Each reminder goes out once; run this once a day, for example from "
        "cron."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--date",
            help="Run as if today were this date (YYYY-MM-DD), to catch up after an outage.",
        )

    def handle(self, *args, **options) -> None:
        today = timezone.localdate()
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"Invalid --date {options['date']!r}: use YYYY-MM-DD.") from error
        evidence = send_evidence_expiry_reminders(today)
        items = send_overdue_item_reminders(today)
        self.stdout.write(
            f"Reminded of {evidence} expiring evidence records and {items} overdue checklist items."
        )
