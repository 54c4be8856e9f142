"""Membership flows in a real browser: approval in the admin after TOTP set-up, sign-up, invitations, errors.

The live server runs in the test process, so ``django.core.mail.outbox`` contains the emails it sends.
"""

import re
import time
from urllib.parse import urlsplit

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from playwright.sync_api import expect

from portal.audit.models import AuditEvent
from portal.members.models import Membership, MembershipRole, MembershipStatus, OrganizationKind, User
from tests.browser.conftest import DEFAULT_TIMEOUT_MS
from tests.factories import PASSWORD, make_member, make_organization

# The live server needs committed data, so these tests commit and the database is flushed afterwards.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

NEW_PASSWORD = "browser-signup-passphrase-4"  # noqa: S105

# Labels of allauth's sign-in form. Django's forms add the colon.
SIGN_IN_LABELS = {
    "ja": {"email": "メールアドレス:", "password": "パスワード:", "button": "ログイン"},
    "en": {"email": "Email:", "password": "Password:", "button": "Sign In"},
}


def open_context(browser, live_server, locale: str):
    """Open another browser context, for a second person in the same test."""
    context = browser.new_context(locale=locale, base_url=live_server.url)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    return context


def sign_in(page, language_code: str, email: str, password: str) -> None:
    labels = SIGN_IN_LABELS[language_code]
    page.goto(f"/{language_code}/accounts/login/")
    page.get_by_label(labels["email"]).fill(email)
    page.get_by_label(labels["password"], exact=True).fill(password)
    page.get_by_role("button", name=labels["button"], exact=True).click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def emails_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


def link_path_in_email(message, path_pattern: str) -> str:
    """Return the path and query of the first link in ``message`` whose path matches ``path_pattern``.

    The portal's own emails link to ``WAGTAILADMIN_BASE_URL``, not to the live server, so the tests open
    only the path, on the live server.
    """
    for url in re.findall(r"https?://\S+", message.body):
        parts = urlsplit(url)
        if re.fullmatch(path_pattern, parts.path):
            return parts.path + (f"?{parts.query}" if parts.query else "")
    raise AssertionError(
        f"No link matching {path_pattern!r} in the email {message.subject!r}:\n{message.body}"
    )


def totp_code_for_secret(secret: str) -> str:
    """Return the code that an authenticator app shows now for the base32 ``secret``.

    ``tests.factories.current_totp_code`` needs a saved authenticator, which exists only after activation.
    """
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def test_secretariat_sets_up_totp_then_approves(page, live_server, settings):
    # A code computed at the end of its period (30 seconds by allauth's default) can reach the server in the
    # next one. Letting allauth accept the neighbouring periods (MFA_TOTP_TOLERANCE) keeps the test stable.
    settings.MFA_TOTP_TOLERANCE = 1
    # make_member puts a secretariat member in the Secretariat group, which opens the Wagtail admin.
    secretary = make_member(OrganizationKind.SECRETARIAT, role=MembershipRole.ADMIN, name="事務局 太郎")
    operator = make_organization(OrganizationKind.OPERATOR, name_ja="見守り運営株式会社")
    applicant = make_member(organization=operator, status=MembershipStatus.PENDING, name="申請 花子")
    mail.outbox = []

    sign_in(page, "ja", secretary.email, PASSWORD)
    page.goto("/admin/")

    # allauth requires the password again before any change to the second factor, even right after sign-in.
    expect(page).to_have_url(re.compile(r"/ja/accounts/reauthenticate/"))
    expect(page.get_by_text("このページを開く前に、二要素認証を設定してください。")).to_be_visible()
    page.get_by_label("パスワード:").fill(PASSWORD)
    page.get_by_role("button", name="確認").click()

    expect(page).to_have_url(re.compile(r"/ja/accounts/2fa/totp/activate/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("認証アプリを設定する")
    secret = page.get_by_label("認証用シークレット").input_value()
    page.get_by_label("認証アプリコード:").fill(totp_code_for_secret(secret))
    page.get_by_role("button", name="有効にする").click()

    expect(page).to_have_url(re.compile(r"/ja/accounts/2fa/recovery-codes/"))
    page.get_by_role("link", name="コードを保存しました。続ける").click()

    expect(page).to_have_url(f"{live_server.url}/admin/")
    page.goto("/admin/membership-requests/")
    expect(page.get_by_role("heading", level=1)).to_have_text("参加申請")
    request_row = page.get_by_role("row").filter(has_text=applicant.email)
    request_row.get_by_role("button", name="承認する").click()

    expect(page.get_by_text("申請 花子さんの申請を承認しました。")).to_be_visible()
    expect(page.get_by_text("承認待ちの申請はありません。")).to_be_visible()

    membership = Membership.objects.get(user=applicant)
    assert membership.status == MembershipStatus.APPROVED
    assert membership.decided_by == secretary

    applicant_emails = emails_to(applicant.email)
    assert len(applicant_emails) == 1
    assert applicant_emails[0].subject == "見守り運営株式会社への参加が承認されました"

    approvals = AuditEvent.objects.filter(action="members.membership.approved", object_id=str(membership.pk))
    assert approvals.count() == 1
    assert approvals.get().actor == secretary


def test_signup_verify_then_approval(page, browser, live_server):
    operator = make_organization(OrganizationKind.OPERATOR, name_en="Safe Chat Operator Ltd.")
    make_organization(OrganizationKind.OPERATOR, name_en="Unapproved Operator Ltd.", approved=False)
    org_admin = make_member(organization=operator, role=MembershipRole.ADMIN, name="Kenji Admin")
    applicant_email = "new.moderator@example.jp"
    mail.outbox = []

    page.goto("/en/accounts/signup/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    organization_select = page.get_by_label("Organization:")
    expect(organization_select.get_by_role("option", name="Unapproved Operator Ltd.")).to_have_count(0)
    page.get_by_label("Your name:").fill("Aiko Moderator")
    page.get_by_label("Email:").fill(applicant_email)
    page.get_by_label("Password:", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Password (again):").fill(NEW_PASSWORD)
    organization_select.select_option(label="Safe Chat Operator Ltd.")
    page.get_by_role("button", name="Sign up").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")
    verification_emails = emails_to(applicant_email)
    assert len(verification_emails) == 1
    # Approvers hear of a request only once its address is confirmed.
    assert len(emails_to(org_admin.email)) == 0

    page.goto(link_path_in_email(verification_emails[0], r"/en/accounts/confirm-email/[^/]+/"))
    page.get_by_role("button", name="Confirm").click()

    expect(page).to_have_url(f"{live_server.url}/en/members/pending/")
    assert len(emails_to(org_admin.email)) == 1
    expect(page.get_by_role("heading", level=1)).to_have_text("Your request awaits approval")
    expect(page.get_by_text("You asked to join Safe Chat Operator Ltd.")).to_be_visible()

    admin_context = open_context(browser, live_server, "en-US")
    admin_page = admin_context.new_page()
    sign_in(admin_page, "en", org_admin.email, PASSWORD)
    admin_page.goto("/en/members/organization/")
    expect(admin_page.get_by_role("heading", level=1)).to_have_text("Safe Chat Operator Ltd.")
    request_row = admin_page.get_by_role("row").filter(has_text=applicant_email)
    request_row.get_by_role("button", name="Approve").click()
    expect(admin_page.get_by_text("The request of Aiko Moderator was approved.")).to_be_visible()
    admin_context.close()

    membership = Membership.objects.get(user__email=applicant_email)
    assert membership.status == MembershipStatus.APPROVED
    assert membership.decided_by == org_admin
    decision_email = emails_to(applicant_email)[-1]
    assert decision_email.subject == "Your membership of Safe Chat Operator Ltd. was approved"

    page.reload()

    expect(page).to_have_url(f"{live_server.url}/en/members/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Members area")
    expect(page.get_by_text("Your organization: Safe Chat Operator Ltd.")).to_be_visible()


def test_invited_colleague_joins_at_once(page, browser, live_server):
    operator = make_organization(OrganizationKind.OPERATOR, name_ja="こども見守りSNS株式会社")
    org_admin = make_member(organization=operator, role=MembershipRole.ADMIN, name="管理 一郎")
    invited_email = "colleague@example.jp"
    mail.outbox = []

    sign_in(page, "ja", org_admin.email, PASSWORD)
    page.goto("/ja/members/organization/")
    invitation_form = page.locator("form").filter(has=page.get_by_role("button", name="招待を送る"))
    invitation_form.get_by_label("メールアドレス").fill(invited_email)
    invitation_form.get_by_role("button", name="招待を送る").click()

    expect(page.get_by_text(f"{invited_email} に招待を送りました。")).to_be_visible()
    invitation_emails = emails_to(invited_email)
    assert len(invitation_emails) == 1
    invitation_path = link_path_in_email(invitation_emails[0], r"/ja/members/invitations/[^/]+/")

    invitee_context = open_context(browser, live_server, "ja-JP")
    invitee_page = invitee_context.new_page()
    invitee_page.goto(invitation_path)

    expect(invitee_page).to_have_url(f"{live_server.url}/ja/accounts/signup/")
    expect(
        invitee_page.get_by_text("こども見守りSNS株式会社に「メンバー」として招待されています。")
    ).to_be_visible()
    expect(invitee_page.get_by_label("メールアドレス:")).to_have_value(invited_email)
    expect(invitee_page.get_by_label("組織:")).to_have_count(0)
    invitee_page.get_by_label("氏名:").fill("招待 次郎")
    invitee_page.get_by_label("パスワード:", exact=True).fill(NEW_PASSWORD)
    invitee_page.get_by_label("パスワード (再入力):").fill(NEW_PASSWORD)
    invitee_page.get_by_role("button", name="新規登録").click()

    expect(invitee_page).to_have_url(f"{live_server.url}/ja/members/")
    expect(invitee_page.get_by_role("heading", level=1)).to_have_text("会員エリア")
    expect(invitee_page.get_by_text("所属組織：こども見守りSNS株式会社")).to_be_visible()
    invitee_context.close()

    membership = Membership.objects.get(user__email=invited_email)
    assert membership.organization == operator
    assert membership.status == MembershipStatus.APPROVED
    assert membership.role == MembershipRole.MEMBER
    # The invitation proved the address, so allauth sent no verification email.
    assert len(emails_to(invited_email)) == 1


def test_signup_password_mismatch_shown_in_japanese(page):
    make_organization(OrganizationKind.OPERATOR, name_ja="見守り掲示板株式会社")
    typed_email = "typo@example.jp"

    page.goto("/ja/accounts/signup/")
    page.get_by_label("氏名:").fill("入力 三郎")
    page.get_by_label("メールアドレス:").fill(typed_email)
    page.get_by_label("パスワード:", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("パスワード (再入力):").fill(NEW_PASSWORD + "x")
    page.get_by_label("組織:").select_option(label="見守り掲示板株式会社")
    page.get_by_role("button", name="新規登録").click()

    confirmation_field = page.get_by_label("パスワード (再入力):")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_text("同じパスワードを入力してください。")).to_be_visible()
    expect(confirmation_field).to_have_attribute("aria-invalid", "true")
    expect(confirmation_field).to_have_accessible_description("同じパスワードを入力してください。")
    expect(page.get_by_label("パスワード:", exact=True)).not_to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("メールアドレス:")).to_have_value(typed_email)
    expect(page.get_by_label("氏名:")).to_have_value("入力 三郎")
    assert not User.objects.filter(email=typed_email).exists()
