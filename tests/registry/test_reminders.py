"""The daily reminders: evidence about to expire and overdue checklist items, each sent once."""

import datetime

import pytest
from django.core.management import call_command

from portal.notifications.models import Notification
from registry.models import ChecklistItem, Evidence, EvidenceKind, ItemOwner
from registry.services.onboarding import give_checklist
from registry.services.reminders import send_evidence_expiry_reminders, send_overdue_item_reminders
from tests.registry.factories import (
    make_adoption,
    make_operator,
    make_operator_admin,
    make_secretary,
    make_service,
    make_template,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def operator():
    return make_operator()


@pytest.fixture
def admin(operator):
    return make_operator_admin(operator)


def add_evidence(operator, expires_on):
    adoption = make_adoption(make_service(operator), "internet_zoning")
    return Evidence.objects.create(
        adoption=adoption,
        kind=EvidenceKind.LINK,
        title="Moderation policy",
        url="https://example.jp/policy",
        effective_on=datetime.date(2025, 1, 1),
        expires_on=expires_on,
    )


def test_evidence_expiring_soon_reminded(operator, admin):
    evidence = add_evidence(operator, TODAY + datetime.timedelta(days=10))

    assert send_evidence_expiry_reminders(TODAY) == 1

    notification = Notification.objects.get(recipient=admin, kind="registry_evidence_expiring")
    assert "Moderation policy" in notification.body
    evidence.refresh_from_db()
    assert evidence.expiry_reminder_sent_on == TODAY


def test_evidence_reminded_once(operator, admin):
    add_evidence(operator, TODAY + datetime.timedelta(days=10))
    send_evidence_expiry_reminders(TODAY)

    assert send_evidence_expiry_reminders(TODAY + datetime.timedelta(days=1)) == 0
    assert Notification.objects.filter(recipient=admin).count() == 1


def test_evidence_far_from_expiry_not_reminded(operator, admin):
    add_evidence(operator, TODAY + datetime.timedelta(days=31))
    add_evidence(operator, None)

    assert send_evidence_expiry_reminders(TODAY) == 0


def test_reminder_period_setting(settings, operator, admin):
    settings.REGISTRY_EVIDENCE_REMINDER_DAYS = 60
    add_evidence(operator, TODAY + datetime.timedelta(days=45))

    assert send_evidence_expiry_reminders(TODAY) == 1


def test_other_operator_admin_not_told(operator, admin):
    outsider = make_operator_admin()
    add_evidence(operator, TODAY + datetime.timedelta(days=10))

    send_evidence_expiry_reminders(TODAY)

    assert not Notification.objects.filter(recipient=outsider).exists()


@pytest.fixture
def overdue_checklist(operator, admin):
    make_template()
    checklist = give_checklist(operator)
    checklist.items.update(due_on=TODAY - datetime.timedelta(days=1))
    return checklist


def test_overdue_operator_items_told_to_admins(overdue_checklist, admin):
    secretary = make_secretary()

    assert send_overdue_item_reminders(TODAY) == 3

    to_admin = Notification.objects.get(recipient=admin, kind="registry_checklist_overdue")
    to_secretary = Notification.objects.get(recipient=secretary, kind="registry_checklist_overdue")
    assert "Register your services" in to_admin.body or "サービスを登録する" in to_admin.body
    assert to_secretary.body.count("\n") == 0


def test_overdue_items_reminded_once(overdue_checklist, admin):
    send_overdue_item_reminders(TODAY)

    assert send_overdue_item_reminders(TODAY) == 0
    assert ChecklistItem.objects.filter(overdue_reminder_sent_on=TODAY).count() == 3


def test_items_not_yet_due_not_reminded(overdue_checklist):
    overdue_checklist.items.filter(owner=ItemOwner.SECRETARIAT).update(due_on=TODAY)

    assert send_overdue_item_reminders(TODAY) == 2


def test_command_runs_both(overdue_checklist, operator, admin, capsys):
    add_evidence(operator, TODAY + datetime.timedelta(days=3))

    call_command("registry_reminders", "--date", TODAY.isoformat())

    output = capsys.readouterr().out
    assert "Reminded of 1 expiring evidence records and 3 overdue checklist items." in output


def test_command_rejects_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("registry_reminders", "--date", "June 1st")
