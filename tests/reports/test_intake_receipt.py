"""The receipt page: the PIN shown once from the session, never cached, and the emailed copy."""

import pytest
from django.core import mail

from reports.models import Category, Report
from tests.registry.factories import make_service

from .test_intake_form import report_data

pytestmark = pytest.mark.django_db

RECEIPT_URL = "/ja/reports/received/"


def send_report(client, **fields):
    response = client.post("/ja/reports/", report_data(make_service(), **fields))
    assert response.status_code == 302
    return response


def shown_pin(content: str) -> str:
    marker = "<dt>暗証番号</dt>\n    <dd><code>"
    start = content.index(marker) + len(marker)
    return content[start : content.index("</code>", start)]


def test_receipt_shows_number_and_pin(client):
    send_report(client)

    response = client.get(RECEIPT_URL)

    content = response.content.decode()
    report = Report.objects.get()
    assert report.formatted_receipt_number in content
    assert report.check_pin(shown_pin(content))


def test_receipt_not_cached(client):
    send_report(client)

    response = client.get(RECEIPT_URL)

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_pin_not_in_redirect_url(client):
    response = send_report(client)
    content = client.get(RECEIPT_URL).content.decode()

    assert shown_pin(content) not in response["Location"]
    assert Report.objects.get().receipt_number not in response["Location"]


def test_receipt_shown_once(client):
    send_report(client)
    first = client.get(RECEIPT_URL).content.decode()
    pin = shown_pin(first)

    second = client.get(RECEIPT_URL)

    content = second.content.decode()
    assert second.status_code == 200
    assert "受付番号は表示済みです" in content
    assert pin not in content
    assert "reports:receipt" not in client.session


def test_receipt_without_report_goes_to_form(client):
    response = client.get(RECEIPT_URL)

    assert response.status_code == 302
    assert response["Location"] == "/ja/reports/"


def test_receipt_rejects_head(client):
    send_report(client)

    assert client.head(RECEIPT_URL).status_code == 405
    assert "暗証番号" in client.get(RECEIPT_URL).content.decode()


def test_receipt_email_carries_pin(client):
    send_report(client, contact_email="reporter@example.net")

    content = client.get(RECEIPT_URL).content.decode()

    assert "入力されたメールアドレスに控えを送りました。" in content
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["reporter@example.net"]
    assert shown_pin(content) in mail.outbox[0].body


def test_receipt_email_in_english(client):
    client.post("/en/reports/", report_data(make_service(), contact_email="reporter@example.net"))

    assert mail.outbox[0].subject.startswith("Your report was received")


def test_receipt_says_when_email_failed(client, settings):
    settings.EMAIL_BACKEND = "tests.reports.failing_mail.Backend"
    send_report(client, contact_email="reporter@example.net")

    content = client.get(RECEIPT_URL).content.decode()

    assert "控えの送信に失敗しました" in content
    assert Report.objects.get().contact_email == "reporter@example.net"


def test_receipt_without_email_says_so(client):
    send_report(client)

    content = client.get(RECEIPT_URL).content.decode()

    assert "控えは送っていません" in content
    assert len(mail.outbox) == 0


def test_receipt_points_to_hotline_for_images(client, settings):
    send_report(client, category=Category.SEXUAL_IMAGES)

    content = client.get(RECEIPT_URL).content.decode()

    assert "この通報は警察にも連絡されました" in content
    assert f'href="{settings.REPORTS_HOTLINE_URL}"' in content


def test_pin_not_logged(client, caplog):
    caplog.set_level("DEBUG")
    send_report(client, contact_email="reporter@example.net")
    pin = shown_pin(client.get(RECEIPT_URL).content.decode())

    assert pin not in caplog.text
    assert Report.objects.get().receipt_number not in caplog.text
