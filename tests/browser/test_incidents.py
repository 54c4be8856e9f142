"""The incident pattern flow in a real browser, in Japanese and English.

An operator shares a pattern and gets an error naming a phone number, then removes it. The secretariat
releases the pattern and a police officer reads it in English.
"""

import re

import pytest
from playwright.sync_api import expect

from incidents.models import IncidentPattern, PatternStatus
from portal.audit.models import AuditEvent
from portal.members.models import MembershipRole, OrganizationKind
from tests.browser.conftest import DEFAULT_TIMEOUT_MS
from tests.factories import PASSWORD, current_totp_code, make_member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE = "090-1234-5678"
DESCRIPTION = "ゲームの攻略を教えると近づき、ID交換アプリへ移動させた。"

LABELS = {
    "ja": {"email": "メールアドレス:", "password": "パスワード:", "sign_in": "ログイン", "code": "コード:"},
    "en": {"email": "Email:", "password": "Password:", "sign_in": "Sign In", "code": "Code:"},
}


def sign_in(page, language: str, user, authenticator=None) -> None:
    """Sign in through allauth's forms, entering a TOTP code when the account has an authenticator."""
    labels = LABELS[language]
    page.goto(f"/{language}/accounts/login/")
    page.get_by_label(labels["email"]).fill(user.email)
    page.get_by_label(labels["password"], exact=True).fill(PASSWORD)
    page.get_by_role("button", name=labels["sign_in"], exact=True).click()
    if authenticator is not None:
        expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
        code_field = page.get_by_label(labels["code"])
        code_field.fill(current_totp_code(authenticator))
        code_field.press("Enter")
    expect(page).not_to_have_url(re.compile(r"/accounts/(login|2fa)/"))


@pytest.fixture
def catalogue():
    """Seed the registry's site types and measures again: earlier transactional tests flushed them."""
    from importlib import import_module

    from django.apps import apps

    import_module("registry.migrations.0002_catalogue").seed(apps, None)


def new_page(browser, live_server, locale: str):
    context = browser.new_context(locale=locale, base_url=live_server.url)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    return context, context.new_page()


def test_pattern_shared_fixed_released_and_read(page, browser, live_server, settings, catalogue):
    # A code computed at the end of its 30-second period can reach the server in the next one.
    settings.MFA_TOTP_TOLERANCE = 1
    operator = make_member(OrganizationKind.OPERATOR, name="運営 花子")
    secretary = make_member(OrganizationKind.SECRETARIAT, role=MembershipRole.ADMIN, with_totp=True)
    police = make_member(OrganizationKind.POLICE, with_totp=True)

    # The operator writes a pattern with a phone number in it.
    sign_in(page, "ja", operator)
    page.goto("/ja/incidents/patterns/new/")
    page.get_by_label("件名").fill("ゲームの話題から別アプリへ誘導する手口")
    description = page.get_by_label("手口", exact=True)
    description.fill(f"{DESCRIPTION}連絡先として{PHONE}を伝えていた。")
    page.get_by_label("最初に接触したサイトの種別").select_option(label="ゲーム・アバター系")
    page.get_by_label("接触の移行先").select_option(label="ID・QRコード交換系")
    page.get_by_label("罪種").select_option(label="児童ポルノ")
    page.get_by_label("被害児童の年齢層").select_option(label="13歳以下")
    page.get_by_label("年", exact=True).fill("2016")
    page.get_by_label("月または四半期").select_option("2")
    page.get_by_label("地域").select_option(label="関東地方")
    page.get_by_label("自社サービスの種別").select_option(label="ゲーム・アバター系")
    page.get_by_role("button", name="審査に提出する").click()

    # The guard names the phone number on the field, keeps the text, and nothing is stored.
    expect(page.get_by_role("alert")).to_contain_text("事案パターンは保存されませんでした")
    expect(page.get_by_text(f"「{PHONE}」（電話番号）を削除してください。")).to_be_visible()
    expect(description).to_have_attribute("aria-invalid", "true")
    assert IncidentPattern.objects.count() == 0

    description.fill(DESCRIPTION)
    page.get_by_role("button", name="審査に提出する").click()
    expect(page.get_by_text("事案パターンを提出しました。事務局が審査します。")).to_be_visible()
    pattern = IncidentPattern.objects.get()
    assert pattern.status == PatternStatus.SUBMITTED
    assert PHONE not in pattern.description

    # The secretariat releases it from the review queue.
    secretary_context, secretary_page = new_page(browser, live_server, "ja-JP")
    sign_in(secretary_page, "ja", secretary, secretary.authenticator_set.get())
    secretary_page.goto("/ja/incidents/patterns/review/")
    secretary_page.get_by_role("link", name=pattern.title).click()
    secretary_page.get_by_role("button", name="会員に公開する").click()
    expect(secretary_page.get_by_text("事案パターンを共有範囲の会員に公開しました。")).to_be_visible()
    expect(secretary_page.get_by_text("審査待ちの事案パターンはありません。")).to_be_visible()
    secretary_context.close()

    # A police officer finds it in English and reads it.
    police_context, police_page = new_page(browser, live_server, "en-US")
    sign_in(police_page, "en", police, police.authenticator_set.get())
    police_page.goto("/en/incidents/patterns/?offence_type=child_pornography")
    police_page.get_by_role("link", name=pattern.title).click()
    expect(police_page.get_by_role("heading", level=1)).to_have_text(pattern.title)
    expect(police_page.get_by_text(DESCRIPTION)).to_be_visible()
    expect(police_page.get_by_text("An operator of a Games and avatars service")).to_be_visible()
    police_context.close()

    assert AuditEvent.objects.filter(action="incidents.pattern.read", actor=police).count() == 1
