"""The organization page: invitations to people who already have a membership, labels and confirmations."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from portal.members import services
from portal.members.models import Invitation, MembershipRole
from tests.factories import make_member, make_organization, make_user

pytestmark = pytest.mark.django_db


def organization_url(organization, language: str = "en") -> str:
    with translation.override(language):
        return reverse("members:organization", kwargs={"pk": organization.pk})


def invite(organization, actor, email: str):
    return services.invite(organization, email, MembershipRole.MEMBER, actor=actor, language="en")


def test_invite_rejects_member_of_same_organization(operator, operator_admin, language):
    language("en")
    colleague = make_member(organization=operator, email="colleague@example.jp")

    with pytest.raises(ValidationError) as caught:
        invite(operator, operator_admin, colleague.email.upper())

    assert caught.value.code == "already_member"
    assert "change their role" in caught.value.messages[0]
    assert not Invitation.objects.exists()


def test_invite_rejects_pending_applicant_of_same_organization(operator, operator_admin, applicant):
    with pytest.raises(ValidationError) as caught:
        invite(operator, operator_admin, applicant.email)

    assert caught.value.code == "already_requested"
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("status", ["approved", "pending"])
def test_invite_rejects_member_of_other_organization(operator, operator_admin, status, language):
    language("en")
    other = make_organization(name_ja="別組織", name_en="Other Org")
    person = make_member(organization=other, status=status)

    with pytest.raises(ValidationError) as caught:
        invite(operator, operator_admin, person.email)

    message = caught.value.messages[0]
    assert caught.value.code == "member_elsewhere"
    assert "must leave" in message
    assert "Other Org" not in message
    assert "別組織" not in message


def test_invite_accepts_former_member(operator, operator_admin):
    former = make_member(organization=operator, status="ended")

    invitation = invite(operator, operator_admin, former.email)

    assert invitation.email == former.email


def test_invite_accepts_account_without_membership(operator, operator_admin):
    person = make_user()

    invitation = invite(operator, operator_admin, person.email)

    assert invitation.email == person.email


def test_invitation_form_shows_existing_member_error(client, operator, operator_admin):
    colleague = make_member(organization=operator)
    client.force_login(operator_admin)

    response = client.post(organization_url(operator), {"email": colleague.email, "role": "member"})

    assert response.status_code == 400
    assert "already a member of this organization" in response.context["invitation_form"].errors["email"][0]


def test_role_select_label_names_member(client, operator, operator_admin):
    colleague = make_member(organization=operator, name="佐藤 花子")
    client.force_login(operator_admin)

    page = client.get(organization_url(operator)).content.decode()

    label = re.search(rf'<label[^>]*for="role-{colleague.memberships.get().pk}"[^>]*>([^<]*)</label>', page)
    assert label is not None
    assert label.group(1) == "Role of 佐藤 花子"


def test_member_buttons_name_member(client, operator, operator_admin):
    make_member(organization=operator, name="佐藤 花子")
    client.force_login(operator_admin)

    page = client.get(organization_url(operator)).content.decode()

    assert 'aria-label="Change the role of 佐藤 花子"' in page
    assert 'aria-label="End the membership of 佐藤 花子"' in page


def test_request_buttons_name_applicant(client, operator, operator_admin, applicant):
    client.force_login(operator_admin)

    page = client.get(organization_url(operator)).content.decode()

    assert 'aria-label="Approve the request of Applicant"' in page
    assert 'aria-label="Reject the request of Applicant"' in page


def test_irreversible_forms_ask_for_confirmation(client, operator, operator_admin, applicant):
    make_member(organization=operator, name="佐藤 花子")
    invite(operator, operator_admin, "new@example.jp")
    client.force_login(operator_admin)

    page = client.get(organization_url(operator)).content.decode()

    assert 'data-confirm="Reject the request of Applicant?' in page
    assert 'data-confirm="End the membership of 佐藤 花子?' in page
    assert 'data-confirm="Revoke the invitation to new@example.jp?' in page
    assert "/static/members/confirm.js" in page


def test_confirmation_text_escapes_name(client, operator, operator_admin):
    make_member(organization=operator, name='Bob "the" <b>')
    client.force_login(operator_admin)

    page = client.get(organization_url(operator)).content.decode()

    assert 'data-confirm="End the membership of Bob &quot;the&quot; &lt;b&gt;?' in page


def test_confirm_script_is_found_by_staticfiles():
    path = finders.find("members/confirm.js")

    assert path is not None
    assert "window.confirm(form.dataset.confirm)" in Path(path).read_text()


def test_invite_rejects_unconfirmed_applicant_of_same_organization(operator, operator_admin, language):
    language("en")
    person = make_member(organization=operator, status="pending", verified=False)

    with pytest.raises(ValidationError) as caught:
        invite(operator, operator_admin, person.email)

    assert caught.value.code == "already_requested"
    assert "has not confirmed their email address" in caught.value.messages[0]
