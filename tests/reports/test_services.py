import datetime

import pytest
from django.core import mail
from django.utils import timezone

from portal.audit.models import AuditEvent
from portal.members.models import OrganizationKind
from reports import services
from reports.models import Category, Outcome, Report
from tests.factories import make_member
from tests.registry.factories import make_service

from .factories import make_moderator, make_report

pytestmark = pytest.mark.django_db


def test_report_routed_to_operator():
    service = make_service()
    report, pin = make_report(service)

    assert report.operator == service.organization
    assert len(report.receipt_number) == 12
    assert len(pin) == 8
    assert pin.isdigit()
    assert pin not in report.pin_hash
    assert report.check_pin(pin)
    assert not report.is_forwarded_to_police


def test_sexual_images_forwarded_at_once():
    report, _pin = make_report(category=Category.SEXUAL_IMAGES)

    assert report.is_forwarded_to_police
    assert report.operator is not None


def test_volunteer_report_names_group():
    volunteer = make_member(OrganizationKind.VOLUNTEER_GROUP)
    report, _pin = make_report(user=volunteer)

    assert report.source == "volunteer"
    assert report.reporter_organization == volunteer.memberships.get().organization


def test_lookup_needs_the_number_and_the_pin():
    report, pin = make_report()

    assert services.look_up(report.formatted_receipt_number.lower(), pin) == report
    assert services.look_up(report.receipt_number, "00000000" if pin != "00000000" else "11111111") is None
    assert services.look_up("ZZZZ-ZZZZ-ZZZZ", pin) is None
    assert services.look_up("", pin) is None


def test_receipt_email_carries_pin(django_capture_on_commit_callbacks):
    report, pin = make_report(contact_email="reporter@example.net")
    assert pin in mail.outbox[-1].body
    assert report.formatted_receipt_number in mail.outbox[-1].body

    with django_capture_on_commit_callbacks(execute=True):
        services.record_outcome(report, outcome=Outcome.REMOVED, user=make_moderator(report.service))

    assert len(mail.outbox) == 2
    update = mail.outbox[-1]
    assert update.to == ["reporter@example.net"]
    assert pin not in update.body


def test_closing_is_audited_and_happens_once():
    report, _pin = make_report()
    moderator = make_moderator(report.service)

    services.record_outcome(report, outcome=Outcome.NO_VIOLATION, user=moderator, message="Checked.")

    report.refresh_from_db()
    assert report.outcome == Outcome.NO_VIOLATION
    assert report.replies.get().body == "Checked."
    assert AuditEvent.objects.filter(action="reports.report.closed").count() == 1
    with pytest.raises(PermissionError):
        services.record_outcome(report, outcome=Outcome.REMOVED, user=moderator)


def test_contact_data_is_deleted_after_the_retention_period(settings):
    settings.REPORTS_CONTACT_RETENTION_DAYS = 90
    volunteer = make_member(OrganizationKind.VOLUNTEER_GROUP)
    report, _pin = make_report(user=volunteer, contact_email="reporter@example.net")
    services.record_outcome(report, outcome=Outcome.REMOVED, user=make_moderator(report.service))
    closed_at = Report.objects.get(pk=report.pk).closed_at

    assert services.delete_due_contacts(closed_at + datetime.timedelta(days=89)) == 0
    assert services.delete_due_contacts(closed_at + datetime.timedelta(days=91)) == 1

    report.refresh_from_db()
    assert report.contact_email == ""
    assert report.reporter is None
    assert report.reporter_organization is not None
    assert report.contact_deleted_at is not None


def test_open_reports_keep_their_contact_data():
    make_report(contact_email="reporter@example.net")

    assert services.delete_due_contacts(timezone.now() + datetime.timedelta(days=400)) == 0


def test_failed_update_email_retried(settings, caplog, django_capture_on_commit_callbacks):
    report, _pin = make_report(contact_email="reporter@example.net")
    settings.EMAIL_BACKEND = "tests.reports.test_services.FailingBackend"
    FailingBackend.failures = 1

    with django_capture_on_commit_callbacks(execute=True):
        services.reply(report, body="We are looking into it.", user=make_moderator(report.service))

    assert FailingBackend.sent == 1
    assert f"update email of report {report.pk} failed, attempt 1 of 3" in caplog.text
    assert "reporter@example.net" not in caplog.text


class FailingBackend:
    """An email backend that refuses the first ``failures`` messages, then accepts the rest."""

    failures = 0
    sent = 0

    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        if FailingBackend.failures:
            FailingBackend.failures -= 1
            raise ConnectionError("The mail server is down.")
        FailingBackend.sent += len(messages)
        return len(messages)
