"""Who is notified of a new or forwarded report, and in which language."""

import pytest

from portal.members.models import OrganizationKind
from portal.notifications.models import Notification
from reports import services
from reports.models import Category
from tests.factories import make_member

from .factories import make_report

pytestmark = pytest.mark.django_db


def titles(user, kind: str) -> list[str]:
    return list(Notification.objects.filter(recipient=user, kind=kind).values_list("title", flat=True))


def test_operators_members_hear_of_a_new_report(service_a, moderator_a):
    report, _pin = make_report(service_a)

    notification = Notification.objects.get(recipient=moderator_a, kind="report_received")

    assert notification.url == f"/ja/reports/{report.pk}/"
    assert report.reference in notification.title


def test_other_operators_members_not_notified(service_a, moderator_b):
    make_report(service_a)

    assert not Notification.objects.filter(recipient=moderator_b).exists()


def test_police_not_notified_of_unforwarded(service_a, police):
    make_report(service_a)

    assert not Notification.objects.filter(recipient=police).exists()


def test_police_hear_of_forwarded_reports(service_a, police, moderator_a):
    report, _pin = make_report(service_a, category=Category.SEXUAL_IMAGES)

    assert len(titles(police, "report_forwarded")) == 1
    assert len(titles(moderator_a, "report_received")) == 1
    assert not titles(police, "report_received")


def test_police_hear_of_an_outcome_forwarding(service_a, police, moderator_a):
    report, _pin = make_report(service_a)

    services.record_outcome(report, outcome="forwarded_to_police", user=moderator_a)

    assert len(titles(police, "report_forwarded")) == 1


def test_police_without_totp_not_notified(service_a):
    unprotected = make_member(OrganizationKind.POLICE)

    make_report(service_a, category=Category.SEXUAL_IMAGES)

    assert not Notification.objects.filter(recipient=unprotected).exists()


def test_secretariat_hears_of_unlisted_sites(secretary, moderator_a):
    make_report(site_address="https://unlisted.example.org/")

    assert len(titles(secretary, "report_received")) == 1
    assert not Notification.objects.filter(recipient=moderator_a).exists()


def test_notifications_use_each_recipients_language(operator_a, service_a):
    japanese = make_member(OrganizationKind.OPERATOR, organization=operator_a, language="ja")
    english = make_member(OrganizationKind.OPERATOR, organization=operator_a, language="en")

    report, _pin = make_report(service_a, category=Category.COMPENSATED_DATING)

    assert titles(english, "report_received") == [f"New report {report.reference} about Mimamori Chat"]
    assert titles(japanese, "report_received") == [f"新しい通報 {report.reference}(みまもりチャット)"]
    assert Notification.objects.get(recipient=english).body == "Compensated-dating solicitation"
    assert Notification.objects.get(recipient=japanese).body == "援助交際の勧誘"


def test_police_notification_in_english(service_a):
    officer = make_member(OrganizationKind.POLICE, with_totp=True, language="en")

    report, _pin = make_report(service_a, category=Category.SEXUAL_IMAGES)

    assert titles(officer, "report_forwarded") == [f"Report {report.reference} forwarded to the police"]
