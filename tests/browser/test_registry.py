"""Registry flows in a real browser: an adoption recorded, verified and shown publicly; a checklist item done."""

import re
import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.utils import formats, timezone, translation
from playwright.sync_api import expect

from registry.models import AdoptionStatus, Evidence
from registry.services.onboarding import give_checklist
from tests.browser.conftest import DEFAULT_TIMEOUT_MS
from tests.factories import PASSWORD
from tests.registry.factories import (
    make_operator,
    make_operator_admin,
    make_reviewer,
    make_service,
    make_template,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def catalogue(transactional_db):
    """Seed the site types and measures again: the flush after each transactional test removes them."""
    from importlib import import_module

    from django.apps import apps

    import_module("registry.migrations.0002_catalogue").seed(apps, None)


def sign_in(page, language_code: str, email: str) -> None:
    labels = {"ja": ("メールアドレス", "パスワード", "ログイン"), "en": ("Email", "Password", "Sign In")}[
        language_code
    ]
    page.goto(f"/{language_code}/accounts/login/")
    page.get_by_label(labels[0]).fill(email)
    page.get_by_label(labels[1], exact=False).first.fill(PASSWORD)
    page.get_by_role("button", name=labels[2], exact=True).click()


def totp_code(user) -> str:
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def test_adoption_recorded_verified_and_shown(page, browser, live_server, settings):
    settings.MFA_TOTP_TOLERANCE = 1
    operator = make_operator(name_ja="セーフチャット株式会社", name_en="Safe Chat Inc.")
    admin = make_operator_admin(operator)
    make_service(operator, name_ja="セーフチャット", name_en="Safe Chat", site_types=["chat"])
    reviewer = make_reviewer()
    review_body = reviewer.memberships.get().organization

    # The operator's admin records internet zoning with a PDF as evidence.
    sign_in(page, "en", admin.email)
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    page.goto("/en/registry/manage/")
    page.get_by_role("link", name="Safe Chat", exact=True).click()
    page.get_by_role("link", name="Record a measure").click()
    page.get_by_label("Measure").select_option(label="Internet zoning with carrier age data")
    page.get_by_label("Status").select_option(label="Adopted")
    page.get_by_label("In place since").fill("2024-04-01")
    page.get_by_role("button", name="Save").click()
    expect(
        page.get_by_text("“Internet zoning with carrier age data” was saved for Safe Chat.")
    ).to_be_visible()

    page.get_by_role("link", name="Add evidence for Internet zoning with carrier age data").click()
    page.get_by_label("File (PDF, PNG or JPEG)").check()
    page.get_by_label("Title").fill("Zoning design document")
    page.get_by_label("Effective from").fill("2024-04-01")
    page.get_by_label(re.compile(r"^File:?$")).set_input_files(
        {"name": "zoning.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    page.get_by_role("button", name="Add the evidence").click()
    expect(page.get_by_text("The evidence “Zoning design document” was added.")).to_be_visible()
    expect(page.get_by_text("self-declared").first).to_be_visible()
    assert Evidence.objects.get().file.name.endswith(".pdf")

    # A reviewer signs in with the second factor and verifies it.
    reviewer_context = browser.new_context(locale="en-US", base_url=live_server.url)
    reviewer_context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    reviewer_page = reviewer_context.new_page()
    sign_in(reviewer_page, "en", reviewer.email)
    expect(reviewer_page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    reviewer_page.get_by_label("Code").fill(totp_code(reviewer))
    reviewer_page.get_by_role("main").get_by_role("button", name="Sign In").click()
    expect(reviewer_page).not_to_have_url(re.compile(r"/accounts/"))
    reviewer_page.goto("/en/registry/review/")
    reviewer_page.get_by_role("link", name="Internet zoning with carrier age data").click()
    expect(reviewer_page.get_by_role("link", name="Download the file")).to_be_visible()
    reviewer_page.get_by_label("Verified: the evidence shows the measure in place").check()
    reviewer_page.get_by_role("button", name="Record the decision").click()
    expect(
        reviewer_page.get_by_text("“Internet zoning with carrier age data” on Safe Chat is now verified.")
    ).to_be_visible()
    reviewer_context.close()

    # Anyone sees it verified on the public page, in either language.
    visitor = browser.new_context(locale="en-US", base_url=live_server.url)
    visitor_page = visitor.new_page()
    visitor_page.goto(f"/en/registry/operators/{operator.pk}/")
    with translation.override("en"):
        today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    verified_line = f"verified by {review_body.name_en} on {today}"
    expect(visitor_page.get_by_text(verified_line)).to_be_visible()
    expect(visitor_page.get_by_text("Zoning design document")).to_have_count(0)
    visitor_page.goto(f"/ja/registry/operators/{operator.pk}/")
    expect(visitor_page.get_by_text(f"{review_body.name_ja}が")).to_be_visible()
    visitor.close()
    assert operator.services.get().adoptions.get().status == AdoptionStatus.VERIFIED


def test_new_entrant_completes_checklist_item(page):
    make_template()
    operator = make_operator(name_ja="はじめてチャット株式会社", name_en="Hajimete Chat Inc.")
    admin = make_operator_admin(operator)
    give_checklist(operator)

    sign_in(page, "ja", admin.email)
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    page.goto("/ja/registry/onboarding/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "はじめてチャット株式会社の新規参加チェックリスト"
    )
    expect(page.get_by_text("3項目中0項目が完了または該当なし")).to_be_visible()

    page.get_by_role("link", name="サービスを登録する").click()
    page.get_by_label("完了", exact=True).check()
    page.get_by_role("button", name="保存").click()

    expect(page.get_by_text("「サービスを登録する」を更新しました。")).to_be_visible()
    expect(page.get_by_text("3項目中1項目が完了または該当なし")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="サービスを登録する")
    expect(row.get_by_role("cell").last).to_contain_text("完了")
