"""The site shell in a real browser: signing in and out, the language switch and keyboard navigation."""

import re

import pytest
from playwright.sync_api import expect

# The live server needs committed data, so these tests commit and the database is flushed afterwards.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

OPERATOR_EMAIL = "operator@example.jp"
OPERATOR_PASSWORD = "browser-test-passphrase-7"  # noqa: S105

MEMBERS_AREA_HEADINGS = re.compile(r"^\s*(会員エリア|Members area)\s*$")


def create_operator_member():
    """Create an approved operator organization and a member with a verified email address."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    from portal.members.models import (
        Membership,
        MembershipRole,
        MembershipStatus,
        Organization,
        OrganizationKind,
    )

    organization = Organization.objects.create(
        name_ja="テスト運営株式会社",
        name_en="Test Operator Inc.",
        kind=OrganizationKind.OPERATOR,
        is_approved=True,
    )
    user = get_user_model().objects.create_user(
        username="operator", email=OPERATOR_EMAIL, password=OPERATOR_PASSWORD, name="運営 花子"
    )
    EmailAddress.objects.create(user=user, email=OPERATOR_EMAIL, verified=True, primary=True)
    Membership.objects.create(
        user=user, organization=organization, role=MembershipRole.MEMBER, status=MembershipStatus.APPROVED
    )
    return user


def sign_in(page, email: str, password: str) -> None:
    page.goto("/ja/accounts/login/")
    page.locator("input[name='login']").fill(email)
    page.locator("input[name='password']").fill(password)
    page.locator("input[name='password']").press("Enter")
    page.wait_for_load_state()


def sign_out(page) -> None:
    page.locator("nav.account-nav form button[type='submit']").click()
    page.wait_for_load_state()
    # allauth shows a confirmation page when a sign-out arrives by GET. Confirm it if it appears.
    if "/accounts/logout/" in page.url:
        page.locator("main form button[type='submit']").click()
        page.wait_for_load_state()


def test_sign_in_switch_language_sign_out(page, live_server):
    create_operator_member()

    sign_in(page, OPERATOR_EMAIL, OPERATOR_PASSWORD)

    assert page.url.startswith(f"{live_server.url}/ja/members/"), page.url
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("heading", level=1)).to_have_text(MEMBERS_AREA_HEADINGS)
    expect(page.locator("nav.account-nav form button[type='submit']")).to_be_visible()

    page.locator("nav.language-switch a[data-language='en']").click()
    page.wait_for_load_state()

    assert page.url.startswith(f"{live_server.url}/en/"), page.url
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Members area")
    expect(page.locator("nav.account-nav form button[type='submit']")).to_have_text("Sign out")
    expect(page.locator("nav.language-switch [aria-current='true']")).to_have_attribute("lang", "en")

    page.locator("nav.language-switch a[data-language='ja']").click()
    page.wait_for_load_state()

    assert page.url.startswith(f"{live_server.url}/ja/"), page.url
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("heading", level=1)).to_have_text(MEMBERS_AREA_HEADINGS)

    sign_out(page)

    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.locator("nav.account-nav form button[type='submit']")).to_have_count(0)
    expect(page.locator("nav.account-nav a[href*='/accounts/login/']")).to_be_visible()

    page.goto("/ja/members/")
    assert "/accounts/login/" in page.url, page.url


def test_sign_in_wrong_password_rejected(page, live_server):
    create_operator_member()

    sign_in(page, OPERATOR_EMAIL, "not-the-password-1")

    assert "/accounts/login/" in page.url, page.url
    expect(page.locator("input[name='login']")).to_have_value(OPERATOR_EMAIL)
    expect(page.locator("nav.account-nav form button[type='submit']")).to_have_count(0)


@pytest.mark.parametrize("language_code", ["ja", "en"])
def test_home_skip_link_comes_first(page, language_code):
    page.goto(f"/{language_code}/")
    expect(page.locator("html")).to_have_attribute("lang", language_code)

    page.keyboard.press("Tab")

    focused = page.locator(":focus")
    expect(focused).to_have_class(re.compile(r"\bskip-link\b"))
    expect(focused).to_have_attribute("href", "#main")
    expect(focused).to_be_visible()

    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("language_code", ["ja", "en"])
def test_nav_links_keyboard_reachable(page, language_code):
    page.goto(f"/{language_code}/")

    # Number every link and button in the header's navigation, then press Tab until focus has visited
    # each of them or has left the page.
    targets = page.evaluate(
        """() => {
            const elements = document.querySelectorAll("header nav a[href], header nav button");
            elements.forEach((element, index) => element.setAttribute("data-keyboard-probe", String(index)));
            return Array.from(elements, (element) => element.textContent.trim());
        }"""
    )
    assert len(targets) >= 5, targets

    reached = set()
    for _ in range(len(targets) + 30):
        page.keyboard.press("Tab")
        probe = page.evaluate(
            "document.activeElement && document.activeElement.getAttribute('data-keyboard-probe')"
        )
        if probe is not None:
            reached.add(int(probe))
        if len(reached) == len(targets):
            break

    unreached = [targets[index] for index in range(len(targets)) if index not in reached]
    assert unreached == []
