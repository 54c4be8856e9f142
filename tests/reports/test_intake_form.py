"""The report form: the service choice, validation per field, spam defences and routing."""

import pytest

from portal.members.models import OrganizationKind
from reports.models import Category, Report, Source
from tests.factories import make_member, make_organization
from tests.registry.factories import make_service

pytestmark = pytest.mark.django_db

FORM_URL = "/ja/reports/"


@pytest.fixture
def service():
    operator = make_organization(OrganizationKind.OPERATOR, name_ja="みどり通信", name_en="Midori Net")
    return make_service(operator, name_ja="みどりチャット", name_en="Midori Chat")


def report_data(listed, **fields) -> dict:
    """Return the fields of a valid report about service ``listed``, or about an unlisted site for ``None``."""
    return {
        "service": str(listed.pk) if listed is not None else "not_listed",
        "site_address": "",
        "post_url": "https://chat.example.com/posts/123",
        "category": Category.COMPENSATED_DATING,
        "description": "中学生に金銭を示して会おうと誘う投稿です。",
        "contact_email": "",
        "website": "",
    } | fields


def send(client, data, *, url=FORM_URL, remote_addr="192.0.2.10"):
    return client.post(url, data, REMOTE_ADDR=remote_addr)


def test_form_lists_public_services_by_operator(client, service):
    hidden = make_service(service.organization, name_ja="準備中サービス", is_public=False)
    unapproved = make_service(make_organization(OrganizationKind.OPERATOR, approved=False), name_ja="未承認")

    content = client.get(FORM_URL).content.decode()

    assert '<optgroup label="みどり通信">' in content
    assert f'value="{service.pk}"' in content
    assert f'value="{hidden.pk}"' not in content
    assert f'value="{unapproved.pk}"' not in content
    assert 'value="not_listed"' in content


def test_form_says_what_not_to_send(client, settings):
    content = client.get(FORM_URL).content.decode()

    assert "ファイルや画像は受け付けません" in content
    assert "子どもの氏名" in content
    assert f'href="{settings.REPORTS_HOTLINE_URL}"' in content
    assert "警察" in content


def test_form_in_english(client):
    content = client.get("/en/reports/").content.decode()

    assert "This form takes no files or images." in content


def test_service_preselected_from_query(client, service):
    content = client.get(f"{FORM_URL}?service={service.pk}").content.decode()

    assert f'value="{service.pk}" selected' in content


def test_report_about_listed_service_goes_to_operator(client, service):
    response = send(client, report_data(service))

    assert response.status_code == 302
    assert response["Location"] == "/ja/reports/received/"
    report = Report.objects.get()
    assert report.operator == service.organization
    assert report.language == "ja"
    assert report.source == Source.PUBLIC
    assert report.reporter is None
    assert not report.is_forwarded_to_police


def test_sexual_images_forwarded_to_police(client, service):
    send(client, report_data(service, category=Category.SEXUAL_IMAGES))

    assert Report.objects.get().is_forwarded_to_police


def test_unlisted_site_needs_its_address(client):
    response = send(client, report_data(None))

    content = response.content.decode()
    assert response.status_code == 400
    assert "通報はまだ送られていません。" in content
    assert "登録簿に載っていないため、サイトのアドレスを入力してください。" in content
    assert not Report.objects.exists()


def test_unlisted_site_stored_with_address(client):
    send(client, report_data(None, site_address="https://unknown.example.org/"))

    report = Report.objects.get()
    assert report.service is None
    assert report.site_address == "https://unknown.example.org/"


def test_site_address_dropped_for_listed_service(client, service):
    send(client, report_data(service, site_address="https://unknown.example.org/"))

    assert Report.objects.get().site_address == ""


@pytest.mark.parametrize("value", ["12345678", "abc", "1" * 5000])
def test_unknown_service_rejected(client, service, value):
    response = send(client, report_data(service, service=value))

    assert response.status_code == 400
    assert "一覧からサービスを選ぶか" in response.content.decode()
    assert not Report.objects.exists()


def test_hidden_service_rejected(client, service):
    hidden = make_service(service.organization, is_public=False)

    response = send(client, report_data(hidden))

    assert response.status_code == 400
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "ftp://files.example.com/post",
        "data:text/html,<script>alert(1)</script>",
        "https://chat.example.com/\x01posts",
        "https://chat.example.com/" + "a" * 2000,
    ],
)
def test_post_url_rejected(client, service, value):
    response = send(client, report_data(service, post_url=value))

    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Report.objects.exists()


def test_post_url_without_scheme_assumed_https(client, service):
    send(client, report_data(service, post_url="chat.example.com/posts/9"))

    assert Report.objects.get().post_url == "https://chat.example.com/posts/9"


def test_invalid_url_message_on_field(client, service):
    response = send(client, report_data(service, post_url="javascript:alert(1)"))

    content = response.content.decode()
    assert '<ul class="errorlist" id="id_post_url_error">' in content
    assert "http:// または https:// で始まる" in content


def test_description_too_long_kept(client, service):
    text = "あ" * 2001

    response = send(client, report_data(service, description=text))

    content = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_description_error"' in content
    assert text in content


def test_description_control_character_rejected(client, service):
    response = send(client, report_data(service, description="投稿\x1b[31mです"))

    assert response.status_code == 400
    assert "U+001B" in response.content.decode()


def test_description_required(client, service):
    response = send(client, report_data(service, description="   "))

    assert "投稿の何が問題かを書いてください。" in response.content.decode()


@pytest.mark.parametrize("value", ["", "everything", "x" * 100000])
def test_category_must_be_listed(client, service, value):
    response = send(client, report_data(service, category=value))

    assert response.status_code == 400
    assert 'id="id_category_error"' in response.content.decode()
    assert not Report.objects.exists()


def test_invalid_email_rejected_and_typed_text_kept(client, service):
    response = send(client, report_data(service, contact_email="not an address", description="残す文"))

    content = response.content.decode()
    assert 'id="id_contact_email_error"' in content
    assert "残す文" in content


def test_huge_values_give_errors_on_fields(client, service):
    huge = "x" * 200_000
    data = report_data(service, post_url=huge, site_address=huge, contact_email=huge, description=huge)

    response = send(client, data)

    content = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_post_url_error"' in content
    assert 'id="id_contact_email_error"' in content
    assert 'id="id_description_error"' in content
    assert not Report.objects.exists()


def test_service_filter_options_carry_both_names(client, service):
    content = client.get(FORM_URL).content.decode()

    assert 'data-search="みどりチャット Midori Chat みどり通信 Midori Net"' in content


def test_honeypot_report_dropped(client, service):
    response = send(client, report_data(service, website="https://spam.example.com/"))

    assert response.status_code == 302
    assert response["Location"] == FORM_URL
    assert not Report.objects.exists()


def test_address_rate_limit(client, service, settings):
    settings.REPORTS_SUBMIT_ADDRESS_LIMIT = 2
    for _attempt in range(2):
        assert send(client, report_data(service)).status_code == 302

    response = send(client, report_data(service, description="三通目の説明"))

    content = response.content.decode()
    assert response.status_code == 429
    assert "短い時間に多くの通報" in content
    assert "三通目の説明" in content
    assert Report.objects.count() == 2


def test_address_rate_limit_is_per_address(client, service, settings):
    settings.REPORTS_SUBMIT_ADDRESS_LIMIT = 1
    send(client, report_data(service), remote_addr="192.0.2.10")

    response = send(client, report_data(service), remote_addr="198.51.100.7")

    assert response.status_code == 302


def test_account_rate_limit(client, service, settings):
    settings.REPORTS_SUBMIT_ACCOUNT_LIMIT = 1
    client.force_login(make_member(OrganizationKind.VOLUNTEER_GROUP))
    send(client, report_data(service), remote_addr="192.0.2.10")

    response = send(client, report_data(service), remote_addr="198.51.100.7")

    assert response.status_code == 429
    assert Report.objects.count() == 1


def test_volunteer_sees_and_sends_group_report(client, service):
    volunteer = make_member(OrganizationKind.VOLUNTEER_GROUP)
    group = volunteer.memberships.get().organization
    client.force_login(volunteer)

    content = client.get(FORM_URL).content.decode()
    send(client, report_data(service))

    assert group.name_ja in content
    report = Report.objects.get()
    assert report.source == Source.VOLUNTEER
    assert report.reporter_organization == group
    assert report.reporter == volunteer


def test_signed_in_operator_reports_as_public(client, service):
    client.force_login(make_member(OrganizationKind.OPERATOR))

    send(client, report_data(service))

    report = Report.objects.get()
    assert report.source == Source.PUBLIC
    assert report.reporter_organization is None


def test_english_report_keeps_language(client, service):
    send(client, report_data(service), url="/en/reports/")

    assert Report.objects.get().language == "en"
