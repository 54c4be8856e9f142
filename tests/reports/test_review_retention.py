"""Retention of the reporter's account link outside the report itself."""

import datetime

import pytest
from django.utils import timezone

from portal.audit.models import AuditEvent
from portal.members.models import OrganizationKind
from reports import services
from reports.models import Outcome, Report
from tests.factories import make_member

from .factories import make_report

pytestmark = pytest.mark.django_db


def report_events(report) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(object_type="reports.report", object_id=str(report.pk)))


def test_pruning_unlinks_reporter_from_audit_log(settings):
    settings.REPORTS_CONTACT_RETENTION_DAYS = 90
    volunteer = make_member(OrganizationKind.VOLUNTEER_GROUP)
    report, _pin = make_report(user=volunteer, contact_email="reporter@example.net")
    closed = timezone.now() - datetime.timedelta(days=91)
    Report.objects.filter(pk=report.pk).update(closed_at=closed, outcome=Outcome.REMOVED)
    assert any(event.actor_id == volunteer.pk for event in report_events(report))

    services.delete_due_contacts()

    events = report_events(report)
    assert events
    assert all(event.actor_id != volunteer.pk for event in events)
    assert all(event.actor_label != volunteer.get_username() for event in events)


def test_pruning_keeps_handlers_in_audit_log(settings):
    settings.REPORTS_CONTACT_RETENTION_DAYS = 90
    volunteer = make_member(OrganizationKind.VOLUNTEER_GROUP)
    report, _pin = make_report(user=volunteer)
    moderator = make_member(OrganizationKind.OPERATOR, organization=report.operator)
    services.record_outcome(report, outcome=Outcome.REMOVED, user=moderator)
    closed = timezone.now() - datetime.timedelta(days=91)
    Report.objects.filter(pk=report.pk).update(closed_at=closed)

    services.delete_due_contacts()

    closing = AuditEvent.objects.get(action="reports.report.closed", object_id=str(report.pk))
    assert closing.actor_id == moderator.pk
