"""Guidelines in a real browser: an operator comments on a section and the secretariat answers officially.

The live server runs in the test process, so ``django.core.mail.outbox`` contains the emails it sends.
"""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from playwright.sync_api import expect

from guidelines.models import Comment, CommentStatus
from portal.members.models import MembershipRole, OrganizationKind
from portal.notifications.models import Notification
from tests.browser.test_members import open_context, sign_in
from tests.factories import PASSWORD, current_totp_code, make_member, make_organization
from tests.guidelines.factories import make_guideline, translate

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def sign_in_with_totp(page, language_code: str, user) -> None:
    """Sign in with the password, then with the code that the user's authenticator app would show."""
    sign_in(page, language_code, user.email, PASSWORD)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    page.locator('input[name="code"]').fill(current_totp_code(authenticator))
    page.locator("form").get_by_role(
        "button", name="ログイン" if language_code == "ja" else "Sign In"
    ).click()
    expect(page).not_to_have_url(re.compile(r"/accounts/"))


def test_operator_comments_and_secretariat_answers(page, browser, live_server, settings):
    settings.MFA_TOTP_TOLERANCE = 1
    company = make_organization(OrganizationKind.OPERATOR, name_ja="見守りチャット株式会社")
    operator = make_member(organization=company, name="佐藤 花子")
    company_admin = make_member(organization=company, role=MembershipRole.ADMIN, name="鈴木 一郎")
    bystander = make_member(name="無関係 三郎")
    secretary = make_member(
        OrganizationKind.SECRETARIAT, MembershipRole.ADMIN, with_totp=True, name="事務局 五郎"
    )
    guideline = make_guideline(title="ミニメール監視の指針")
    mail.outbox = []

    sign_in(page, "ja", operator.email, PASSWORD)
    page.goto(guideline.url)
    section = page.locator("section#monitoring")
    section.get_by_label("この節へのコメント").fill("夜間の目視確認の目安を示してください。")
    section.get_by_role("button", name="コメントを投稿する").click()

    expect(page.get_by_text("コメントを投稿しました。")).to_be_visible()
    comment = Comment.objects.get()
    expect(page.locator(f"#comment_{comment.pk}")).to_contain_text("佐藤 花子 · 見守りチャット株式会社")

    secretariat_context = open_context(browser, live_server, "ja-JP")
    secretariat_page = secretariat_context.new_page()
    sign_in_with_totp(secretariat_page, "ja", secretary)
    secretariat_page.goto(f"{guideline.url}#comment_{comment.pk}")
    thread = secretariat_page.locator(f"#comment_{comment.pk}")
    thread.get_by_text("公式に回答する").click()
    thread.get_by_label("公式回答").fill(
        "検知した件数のうち、勧誘の疑いが強いものから全件を確認してください。"
    )
    thread.get_by_label("回答後のスレッドの状態").select_option(label="回答済み")
    thread.get_by_role("button", name="公式回答を投稿する").click()

    expect(secretariat_page.get_by_text("回答を投稿しました。")).to_be_visible()
    expect(secretariat_page.get_by_text("事務局の公式回答")).to_be_visible()
    secretariat_context.close()

    comment.refresh_from_db()
    assert comment.status == CommentStatus.ANSWERED
    told = set(
        Notification.objects.filter(kind="guideline_comment_reply").values_list("recipient", flat=True)
    )
    assert told == {operator.pk, company_admin.pk}
    assert bystander.pk not in told
    assert sorted(message.to[0] for message in mail.outbox) == sorted([operator.email, company_admin.email])

    page.goto("/ja/members/notifications/")
    expect(page.get_by_text("「ミニメール監視の指針」へのコメントに事務局が回答しました")).to_be_visible()
    page.goto(guideline.url)
    thread = page.locator(".thread").filter(has=page.locator(f"#comment_{comment.pk}"))
    expect(thread.locator(".thread__meta")).to_contain_text("状態： 回答済み")


def test_english_comment_error_kept_on_field(page, live_server):
    japanese = make_guideline(title="ミニメール監視の指針")
    english = translate(japanese, title="Guideline on monitoring direct messages")
    carrier = make_member(OrganizationKind.CARRIER, name="Naoko Watanabe")
    typed = "Please explain \u202ethe night shift."

    sign_in(page, "en", carrier.email, PASSWORD)
    page.goto(english.url)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    section = page.locator("section#scope")
    field = section.get_by_label("Your comment on this section")
    field.fill(typed)
    section.get_by_role("button", name="Post comment").click()

    field = page.locator("section#scope").get_by_label("Your comment on this section")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("section#scope .errorlist")).to_contain_text("invisible control character (U+202E)")
    expect(field).to_have_value(typed)
    assert not Comment.objects.exists()
