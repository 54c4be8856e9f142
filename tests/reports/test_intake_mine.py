"""The signed-in reporter's own list of reports."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.members.models import OrganizationKind
from reports import services
from reports.models import Outcome, Report
from tests.factories import make_member, make_user

from .factories import make_moderator, make_report

pytestmark = pytest.mark.django_db

MINE_URL = "/ja/reports/mine/"


def test_anonymous_sent_to_sign_in(client):
    response = client.get(MINE_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/ja/accounts/login/")


def test_empty_list_explained(client):
    client.force_login(make_user())

    content = client.get(MINE_URL).content.decode()

    assert "ログインして送った通報はまだありません。" in content


def test_lists_own_reports_with_outcome(client):
    volunteer = make_member(OrganizationKind.VOLUNTEER_GROUP)
    report, _pin = make_report(user=volunteer)
    services.record_outcome(report, outcome=Outcome.ACCOUNT_SUSPENDED, user=make_moderator(report.service))
    other, _pin = make_report(user=make_user())
    client.force_login(volunteer)

    response = client.get(MINE_URL)

    content = response.content.decode()
    assert report.formatted_receipt_number in content
    assert "アカウントを停止" in content
    assert other.formatted_receipt_number not in content
    assert "no-store" in response["Cache-Control"]


def test_report_leaves_list_when_contact_deleted(client):
    user = make_user()
    report, _pin = make_report(user=user)
    services.record_outcome(report, outcome=Outcome.NO_VIOLATION, user=make_moderator(report.service))
    Report.objects.filter(pk=report.pk).update(closed_at=timezone.now() - timezone.timedelta(days=365))
    services.delete_due_contacts()
    client.force_login(user)

    content = client.get(MINE_URL).content.decode()

    assert report.formatted_receipt_number not in content


def test_list_paginated(client):
    user = make_user()
    for _number in range(21):
        make_report(user=user)
    client.force_login(user)

    first = client.get(MINE_URL).content.decode()
    second = client.get(f"{MINE_URL}?page=2").content.decode()

    assert first.count('class="card report-card"') == 20
    assert second.count('class="card report-card"') == 1


def test_list_queries_do_not_grow(client):
    user = make_user()
    make_report(user=user)
    client.force_login(user)
    with CaptureQueriesContext(connection) as few:
        client.get(MINE_URL)
    for _number in range(5):
        report, _pin = make_report(user=user)
        services.reply(report, body="確認中です。", user=make_moderator(report.service))

    with CaptureQueriesContext(connection) as many:
        client.get(MINE_URL)

    assert len(many) == len(few)


def test_list_in_english(client):
    client.force_login(make_user())

    content = client.get("/en/reports/mine/").content.decode()

    assert "You have not sent any reports while signed in." in content
