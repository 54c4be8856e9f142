"""Looking a report up by receipt number and PIN: status, equal failures and the failure limit."""

import pytest

from portal.members.models import OrganizationKind
from reports import services
from reports.models import Category, Outcome
from tests.factories import make_member

from .factories import make_moderator, make_report

pytestmark = pytest.mark.django_db

LOOKUP_URL = "/ja/reports/lookup/"


def wrong(pin: str) -> str:
    return "00000000" if pin != "00000000" else "11111111"


def look_up(client, number, pin, *, url=LOOKUP_URL, remote_addr="192.0.2.20"):
    return client.post(url, {"receipt_number": number, "pin": pin}, REMOTE_ADDR=remote_addr)


def answer_body(response) -> str:
    """The page without the CSRF token, which differs between any two responses."""
    content = response.content.decode()
    start = content.index('name="csrfmiddlewaretoken"')
    return content[:start] + content[content.index(">", start) :]


def test_lookup_form_is_labelled(client):
    content = client.get(LOOKUP_URL).content.decode()

    assert '<label for="id_receipt_number">受付番号:</label>' in content
    assert '<label for="id_pin">暗証番号:</label>' in content
    assert 'method="post"' in content


def test_lookup_shows_status(client):
    report, pin = make_report()

    response = look_up(client, report.formatted_receipt_number, pin)

    content = response.content.decode()
    assert response.status_code == 200
    assert report.formatted_receipt_number in content
    assert "未決定です。通報は対応中です。" in content
    assert "警察には連絡していません。" in content
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("typed", ["lower", "spaces", "bare", "full_width"])
def test_lookup_accepts_typing_variants(client, typed):
    report, pin = make_report()
    number = report.formatted_receipt_number
    variants = {
        "lower": number.lower(),
        "spaces": number.replace("-", " "),
        "bare": report.receipt_number,
        "full_width": "".join(chr(ord(c) + 0xFEE0) for c in number.replace("-", "")) + " ",
    }

    response = look_up(client, variants[typed], pin)

    assert response.status_code == 200


def test_lookup_shows_outcome_and_reply_without_names(client):
    report, pin = make_report()
    moderator = make_moderator(report.service)
    services.record_outcome(report, outcome=Outcome.REMOVED, user=moderator, message="投稿を削除しました。")

    content = look_up(client, report.receipt_number, pin).content.decode()

    assert "投稿を削除" in content
    assert "投稿を削除しました。" in content
    assert "送信元: コミュニティサイト事業者" in content
    assert moderator.email not in content
    assert report.operator.name_ja not in content


def test_lookup_shows_police_acknowledgement(client):
    report, pin = make_report(category=Category.SEXUAL_IMAGES)
    police = make_member(OrganizationKind.POLICE, with_totp=True)
    services.acknowledge(report, user=police)

    content = look_up(client, report.receipt_number, pin).content.decode()

    assert "に警察に連絡しました。" in content
    assert "に警察が確認しました。" in content


def test_lookup_in_english(client):
    report, pin = make_report()

    content = look_up(client, report.receipt_number, pin, url="/en/reports/lookup/").content.decode()

    assert "Not decided yet: the report is being handled." in content


def test_failures_answer_alike(client):
    report, pin = make_report()

    wrong_pin = look_up(client, report.receipt_number, wrong(pin))
    missing_pin = look_up(client, report.receipt_number, "")
    unknown_number = look_up(client, "ZZZZ-ZZZZ-ZZZZ", pin)
    unknown_without_pin = look_up(client, "ZZZZ-ZZZZ-ZZZZ", "")

    assert missing_pin.status_code == unknown_number.status_code == 400
    assert wrong_pin.status_code == 400
    assert unknown_without_pin.status_code == 400
    assert answer_body(missing_pin) == answer_body(unknown_number).replace(
        "ZZZZ-ZZZZ-ZZZZ", report.receipt_number
    )
    assert answer_body(wrong_pin) == answer_body(missing_pin)
    assert answer_body(wrong_pin).count("この受付番号と暗証番号に一致する通報はありません。") == 1


def test_oversized_values_fail_like_wrong_pin(client):
    report, pin = make_report()

    oversized = look_up(client, report.receipt_number, pin + "0" * 100_000)

    assert oversized.status_code == 400
    assert "この受付番号と暗証番号に一致する通報はありません。" in oversized.content.decode()


def test_pin_not_kept_in_form(client):
    report, pin = make_report()

    content = look_up(client, report.receipt_number, wrong(pin)).content.decode()

    assert wrong(pin) not in content


def test_lookup_get_with_query_shows_empty_form(client):
    report, pin = make_report()

    response = client.get(f"{LOOKUP_URL}?receipt_number={report.receipt_number}&pin={pin}")

    assert response.status_code == 200
    assert report.formatted_receipt_number not in response.content.decode()


def test_failures_limited_per_address(client, settings):
    settings.REPORTS_LOOKUP_FAILURE_LIMIT = 2
    report, pin = make_report()
    look_up(client, "AAAA-AAAA-AAAA", pin)
    look_up(client, "BBBB-BBBB-BBBB", pin)

    limited = look_up(client, report.receipt_number, pin)
    other_address = look_up(client, report.receipt_number, pin, remote_addr="198.51.100.9")

    assert limited.status_code == 429
    assert "確認の失敗が多すぎます。" in limited.content.decode()
    assert other_address.status_code == 200


def test_failures_limited_per_number(client, settings):
    settings.REPORTS_LOOKUP_FAILURE_LIMIT = 2
    report, pin = make_report()
    look_up(client, report.receipt_number, wrong(pin), remote_addr="192.0.2.1")
    look_up(client, report.formatted_receipt_number.lower(), wrong(pin), remote_addr="192.0.2.2")

    limited = look_up(client, report.receipt_number, pin, remote_addr="192.0.2.3")

    assert limited.status_code == 429


def test_limited_answer_same_for_unknown_number(client, settings):
    settings.REPORTS_LOOKUP_FAILURE_LIMIT = 1
    report, pin = make_report()
    look_up(client, report.receipt_number, wrong(pin), remote_addr="192.0.2.1")
    look_up(client, "ZZZZ-ZZZZ-ZZZZ", wrong(pin), remote_addr="192.0.2.2")

    existing = look_up(client, report.receipt_number, pin, remote_addr="192.0.2.3")
    unknown = look_up(client, "ZZZZ-ZZZZ-ZZZZ", pin, remote_addr="192.0.2.4")

    assert existing.status_code == unknown.status_code == 429
    assert answer_body(existing) == answer_body(unknown).replace("ZZZZ-ZZZZ-ZZZZ", report.receipt_number)


def test_success_does_not_count_as_failure(client, settings):
    settings.REPORTS_LOOKUP_FAILURE_LIMIT = 1
    report, pin = make_report()
    look_up(client, report.receipt_number, pin)

    assert look_up(client, report.receipt_number, pin).status_code == 200


def test_number_and_pin_not_logged(client, caplog):
    caplog.set_level("DEBUG")
    report, pin = make_report()
    look_up(client, report.receipt_number, wrong(pin))
    look_up(client, report.receipt_number, pin)

    assert report.receipt_number not in caplog.text
    assert pin not in caplog.text
