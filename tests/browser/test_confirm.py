"""The confirmation that irreversible buttons on the organization page ask for, in a real browser."""

import pytest
from playwright.sync_api import expect

from portal.members.models import Membership, MembershipRole, MembershipStatus
from tests.browser.test_members import sign_in
from tests.factories import PASSWORD, make_member, make_organization

# The live server needs committed data, as in tests/browser.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def colleague_row(page):
    """Sign in an organization admin and open their organization page; return the row of a colleague."""
    operator = make_organization(name_ja="確認テスト株式会社")
    admin = make_member(organization=operator, role=MembershipRole.ADMIN, name="管理 一郎")
    colleague = make_member(organization=operator, name="佐藤 花子")
    sign_in(page, "ja", admin.email, PASSWORD)
    page.goto(f"/ja/members/organizations/{operator.pk}/")
    return page.get_by_role("row").filter(has_text=colleague.email), colleague


def test_dismissed_confirmation_keeps_membership(page, colleague_row):
    row, colleague = colleague_row
    dialogs = []

    def dismiss(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    row.get_by_role("button", name="所属を終了").click()

    expect(row).to_be_visible()
    assert len(dialogs) == 1
    assert "佐藤 花子" in dialogs[0]
    assert Membership.objects.get(user=colleague).status == MembershipStatus.APPROVED


def test_accepted_confirmation_ends_membership(page, colleague_row):
    row, colleague = colleague_row
    page.on("dialog", lambda dialog: dialog.accept())

    row.get_by_role("button", name="所属を終了").click()

    expect(page.get_by_role("status")).to_contain_text("佐藤 花子")
    assert Membership.objects.get(user=colleague).status == MembershipStatus.ENDED


def test_role_select_has_member_name(page, colleague_row):
    row, _colleague = colleague_row

    expect(row.get_by_role("combobox")).to_have_accessible_name("佐藤 花子さんの役割")
