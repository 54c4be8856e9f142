"""``prune_report_contacts``: reporters' contact data goes once the retention period after closure has passed."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from portal.members.models import OrganizationKind
from reports.models import Outcome, Report
from tests.factories import make_member

from .factories import make_report

pytestmark = pytest.mark.django_db


def closed_days_ago(days: int, **fields) -> Report:
    report, _pin = make_report(**fields)
    closed = timezone.now() - datetime.timedelta(days=days)
    Report.objects.filter(pk=report.pk).update(closed_at=closed, outcome=Outcome.REMOVED)
    return report


def run_command() -> str:
    output = io.StringIO()
    call_command("prune_report_contacts", stdout=output)
    return output.getvalue()


def test_command_clears_contacts_past_the_period(settings):
    settings.REPORTS_CONTACT_RETENTION_DAYS = 90
    volunteer = make_member(OrganizationKind.VOLUNTEER_GROUP)
    due = closed_days_ago(91, contact_email="reporter@example.net", user=volunteer)

    output = run_command()

    due.refresh_from_db()
    assert "Deleted the contact data of 1 reports closed more than 90 days ago." in output
    assert due.contact_email == ""
    assert due.reporter is None
    assert due.contact_deleted_at is not None
    assert due.reporter_organization == volunteer.memberships.get().organization


def test_command_keeps_recent_and_open_reports(settings):
    settings.REPORTS_CONTACT_RETENTION_DAYS = 90
    recent = closed_days_ago(89, contact_email="recent@example.net")
    still_open, _pin = make_report(contact_email="open@example.net")

    output = run_command()

    recent.refresh_from_db()
    still_open.refresh_from_db()
    assert "Deleted the contact data of 0 reports" in output
    assert recent.contact_email == "recent@example.net"
    assert still_open.contact_email == "open@example.net"


def test_command_follows_the_setting(settings):
    settings.REPORTS_CONTACT_RETENTION_DAYS = 30
    report = closed_days_ago(31, contact_email="reporter@example.net")

    run_command()

    report.refresh_from_db()
    assert report.contact_email == ""


def test_second_run_clears_nothing(settings):
    closed_days_ago(settings.REPORTS_CONTACT_RETENTION_DAYS + 1, contact_email="reporter@example.net")
    run_command()

    assert "of 0 reports" in run_command()
