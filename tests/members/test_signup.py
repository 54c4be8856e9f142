import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from portal.audit.models import AuditEvent
from portal.members.models import Membership, MembershipStatus, OrganizationKind, User
from tests.factories import PASSWORD, make_member, make_organization, make_user

pytestmark = pytest.mark.django_db


def signup_data(organization, **overrides) -> dict:
    data = {
        "name": "山田 花子",
        "email": "hanako@example.jp",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "organization": organization.pk,
        "message": "Trust and safety team",
    }
    data.update(overrides)
    return data


def test_signup_creates_pending_membership(client, operator):
    client.post("/ja/accounts/signup/", signup_data(operator))

    membership = Membership.objects.get(user__email="hanako@example.jp")
    assert membership.organization == operator
    assert membership.status == MembershipStatus.PENDING
    assert membership.message == "Trust and safety team"


def test_signup_stores_name_and_language(client, operator):
    client.post("/en/accounts/signup/", signup_data(operator))

    user = User.objects.get(email="hanako@example.jp")
    assert user.name == "山田 花子"
    assert user.language == "en"


def test_signup_records_request_in_audit_log(client, operator):
    client.post("/ja/accounts/signup/", signup_data(operator))

    assert AuditEvent.objects.filter(action="members.membership.requested").count() == 1


def confirmation_path(outbox) -> str:
    """Return the path of the email-confirmation link in the last email sent."""
    import re

    return re.search(r"https?://[^/\s]+(/\S*/accounts/confirm-email/\S+/)", outbox[-1].body).group(1)


def test_unconfirmed_signup_not_sent_to_approvers(client, operator, operator_admin, outbox, on_commit):
    with on_commit():
        client.post("/ja/accounts/signup/", signup_data(operator))

    recipients = [message.to for message in outbox]
    assert [operator_admin.email] not in recipients


def test_confirmed_signup_tells_organization_admin(client, operator, operator_admin, outbox, on_commit):
    with on_commit():
        client.post("/ja/accounts/signup/", signup_data(operator))
        client.post(confirmation_path(outbox))

    recipients = [message.to for message in outbox]
    assert [operator_admin.email] in recipients


def test_unconfirmed_request_cannot_be_approved(client, operator, operator_admin):
    from django.core.exceptions import ValidationError

    from portal.members.services import approve_membership

    client.post("/ja/accounts/signup/", signup_data(operator))
    membership = Membership.objects.get(user__email="hanako@example.jp")

    with pytest.raises(ValidationError):
        approve_membership(membership, actor=operator_admin)


def test_signup_requires_email_verification(client, operator, outbox):
    response = client.post("/ja/accounts/signup/", signup_data(operator))

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert EmailAddress.objects.get(email="hanako@example.jp").verified is False
    assert any("hanako@example.jp" in message.to for message in outbox)


def test_unverified_user_cannot_sign_in(client, operator):
    client.post("/ja/accounts/signup/", signup_data(operator))
    client.logout()

    response = client.post("/ja/accounts/login/", {"login": "hanako@example.jp", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_signup_lists_only_approved_organizations(client, operator):
    hidden = make_organization(approved=False)

    response = client.get("/ja/accounts/signup/")

    choices = [str(value) for value, _label in response.context["form"].fields["organization"].choices]
    assert str(operator.pk) in choices
    assert str(hidden.pk) not in choices


def test_signup_labels_organizations_in_english(client, operator):
    response = client.get("/en/accounts/signup/")

    assert operator.name_en in response.content.decode()


def test_signup_rejects_unapproved_organization(client):
    hidden = make_organization(approved=False)

    response = client.post("/ja/accounts/signup/", signup_data(hidden))

    assert response.status_code == 200
    assert "organization" in response.context["form"].errors
    assert not User.objects.filter(email="hanako@example.jp").exists()


def test_signup_keeps_typed_values_after_error(client, operator):
    response = client.post("/ja/accounts/signup/", signup_data(operator, password2="another-password-1"))

    assert response.context["form"]["name"].value() == "山田 花子"
    assert response.context["form"]["organization"].value() == str(operator.pk)


def test_pending_applicant_sees_awaiting_page(client, applicant):
    client.force_login(applicant)

    response = client.get("/ja/members/", follow=True)

    assert response.redirect_chain[-1][0] == reverse("members:pending")
    assert response.status_code == 200
    assert response.context["membership"].user == applicant


def test_applicant_without_membership_is_sent_to_join(client):
    client.force_login(make_user())

    response = client.get("/ja/members/")

    assert response.url == reverse("members:join")


def test_applicant_sent_to_waiting_page_from_other_area(client, applicant):
    client.force_login(applicant)

    response = client.get("/ja/incidents/")

    assert response.url == reverse("members:pending")


def test_rejected_user_can_ask_to_join_again(client, operator):
    user = make_member(organization=operator, status=MembershipStatus.REJECTED)
    other = make_organization()
    client.force_login(user)

    response = client.post("/ja/members/join/", {"organization": other.pk, "message": ""})

    assert response.url == reverse("members:pending")
    assert Membership.objects.get(user=user, status=MembershipStatus.PENDING).organization == other


def test_join_page_sends_pending_applicant_to_waiting_page(client, applicant, operator):
    client.force_login(applicant)

    response = client.post("/ja/members/join/", {"organization": operator.pk})

    assert response.url == reverse("members:pending")
    assert Membership.objects.filter(user=applicant).count() == 1


def test_applicant_can_withdraw_request(client, applicant):
    client.force_login(applicant)

    response = client.post("/ja/members/pending/")

    assert response.url == reverse("members:join")
    assert Membership.objects.get(user=applicant).status == MembershipStatus.ENDED


def test_member_of_unapproved_organization_waits(client):
    organization = make_organization(OrganizationKind.EDUCATOR, approved=False)
    user = make_member(organization=organization)
    client.force_login(user)

    response = client.get("/ja/members/", follow=True)

    assert response.redirect_chain[-1][0] == reverse("members:pending")
    assert response.context["organization_approved"] is False
