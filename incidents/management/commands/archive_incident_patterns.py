"""``manage.py archive_incident_patterns``: archive released patterns past their retention period.

Members stop seeing a pattern on its ``archive_on`` date even before this runs. The command records the
change in the pattern's history and the audit log. Production runs it daily.
"""

from django.core.management.base import BaseCommand

from incidents.services.patterns import archive_expired_patterns


class Command(BaseCommand):
    help = "Archive released incident patterns whose retention period has run out. Run it daily."

    def handle(self, *args, **options) -> None:
        count = archive_expired_patterns()
        self.stdout.write(f"Archived {count} incident pattern(s).")
