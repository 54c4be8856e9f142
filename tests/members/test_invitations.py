from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from portal.audit.models import AuditEvent
from portal.members import services
from portal.members.models import Invitation, Membership, MembershipRole, MembershipStatus
from tests.factories import PASSWORD, make_member, make_user

pytestmark = pytest.mark.django_db

INVITED = "colleague@example.jp"


@pytest.fixture
def invitation(operator, operator_admin):
    return services.invite(operator, INVITED, MembershipRole.ADMIN, actor=operator_admin, language="ja")


def invitation_url(invitation: Invitation, language: str = "ja") -> str:
    return f"/{language}/members/invitations/{invitation.token}/"


def test_org_admin_sends_invitation_email(client, operator, operator_admin, outbox, on_commit):
    client.force_login(operator_admin)

    with on_commit():
        response = client.post(
            reverse("members:organization", kwargs={"pk": operator.pk}),
            {"email": INVITED, "role": MembershipRole.MEMBER},
        )

    invitation = Invitation.objects.get(email=INVITED)
    assert response.status_code == 302
    assert outbox[0].to == [INVITED]
    assert f"/ja/members/invitations/{invitation.token}/" in outbox[0].body
    assert AuditEvent.objects.filter(action="members.invitation.sent").count() == 1


def test_invitation_form_error_keeps_typed_address(client, operator, operator_admin):
    client.force_login(operator_admin)

    response = client.post(
        reverse("members:organization", kwargs={"pk": operator.pk}),
        {"email": "not-an-address", "role": "member"},
    )

    assert response.status_code == 400
    assert response.context["invitation_form"]["email"].value() == "not-an-address"


def test_second_invitation_to_same_address_is_refused(operator, operator_admin, invitation):
    with pytest.raises(ValidationError):
        services.invite(operator, INVITED.upper(), MembershipRole.MEMBER, actor=operator_admin, language="ja")


def test_plain_member_cannot_invite(operator):
    member = make_member(organization=operator)

    with pytest.raises(PermissionDenied):
        services.invite(operator, INVITED, MembershipRole.MEMBER, actor=member, language="ja")


def test_signed_in_invitee_joins_at_once(client, operator, invitation):
    user = make_user(INVITED)
    client.force_login(user)

    response = client.get(invitation_url(invitation))

    membership = Membership.objects.get(user=user)
    assert response.url == reverse("members:dashboard")
    assert membership.organization == operator
    assert membership.status == MembershipStatus.APPROVED
    assert membership.role == MembershipRole.ADMIN


def test_accepted_invitation_is_marked_and_audited(client, invitation):
    client.force_login(make_user(INVITED))

    client.get(invitation_url(invitation))

    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert AuditEvent.objects.filter(action="members.invitation.accepted").count() == 1


def test_invitation_for_other_address_is_refused(client, invitation):
    client.force_login(make_user("someone-else@example.jp"))

    response = client.get(invitation_url(invitation))

    assert response.status_code == 403
    assert response.context["reason"] == "wrong_email"
    assert not Membership.objects.filter(
        organization=invitation.organization, user__email="someone-else@example.jp"
    ).exists()


def test_invitee_with_membership_elsewhere_is_told(client, invitation):
    user = make_member(email=INVITED)
    client.force_login(user)

    response = client.get(invitation_url(invitation))

    assert response.status_code == 409
    assert response.context["reason"] == "already_member"
    assert Membership.objects.filter(user=user).count() == 1


def test_expired_invitation_shows_message(client, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    client.force_login(make_user(INVITED))

    response = client.get(invitation_url(invitation))

    assert response.status_code == 410
    assert response.context["reason"] == "expired"


def test_revoked_invitation_shows_message(client, operator_admin, invitation):
    services.revoke_invitation(invitation, actor=operator_admin)

    response = client.get(invitation_url(invitation))

    assert response.status_code == 410
    assert response.context["reason"] == "revoked"


def test_used_invitation_shows_message(client, invitation):
    client.force_login(make_user(INVITED))
    client.get(invitation_url(invitation))
    client.logout()

    response = client.get(invitation_url(invitation))

    assert response.status_code == 410
    assert response.context["reason"] == "used"


def test_unknown_invitation_is_not_found(client, db):
    response = client.get("/ja/members/invitations/no-such-token/")

    assert response.status_code == 404


def test_org_admin_revokes_invitation(client, operator, operator_admin, invitation):
    client.force_login(operator_admin)

    client.post(reverse("members:invitation_revoke", kwargs={"pk": invitation.pk}))

    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert AuditEvent.objects.filter(action="members.invitation.revoked").count() == 1


def test_other_org_admin_cannot_revoke_invitation(client, invitation):
    client.force_login(make_member(role=MembershipRole.ADMIN))

    response = client.post(reverse("members:invitation_revoke", kwargs={"pk": invitation.pk}))

    assert response.status_code == 403


def test_anonymous_invitee_is_sent_to_signup(client, invitation):
    response = client.get(invitation_url(invitation))

    assert response.url == reverse("account_signup")


def test_signup_form_fills_invited_address(client, invitation):
    client.get(invitation_url(invitation))

    response = client.get(reverse("account_signup"))

    assert response.context["form"]["email"].value() == INVITED
    assert "organization" not in response.context["form"].fields


def test_invitee_signup_skips_verification(client, operator, invitation):
    client.get(invitation_url(invitation))

    response = client.post(
        reverse("account_signup"),
        {"name": "Colleague", "email": INVITED, "password1": PASSWORD, "password2": PASSWORD},
    )

    user = Membership.objects.get(organization=operator, user__email=INVITED).user
    assert response.status_code == 302
    assert response.url != reverse("account_email_verification_sent")
    assert EmailAddress.objects.get(user=user).verified is True
    assert user.memberships.get().status == MembershipStatus.APPROVED
    assert client.session["_auth_user_id"] == str(user.pk)


def test_invitee_signup_with_other_address_rejected(client, invitation):
    client.get(invitation_url(invitation))

    response = client.post(
        reverse("account_signup"),
        {"name": "Colleague", "email": "other@example.jp", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 200
    assert "email" in response.context["form"].errors


def test_forgetting_invitation_restores_normal_signup(client, invitation):
    client.get(invitation_url(invitation))

    client.post(reverse("members:invitation_forget"))
    response = client.get(reverse("account_signup"))

    assert "organization" in response.context["form"].fields
    assert client.session.get("account_verified_email") is None


def test_invitee_with_account_is_sent_to_sign_in(client, invitation):
    make_user(INVITED)

    response = client.get(invitation_url(invitation))

    assert response.url.startswith(reverse("account_login"))
    assert invitation_url(invitation) in response.url.replace("%2F", "/")


def test_invitations_past_daily_limit_rejected(client, operator, operator_admin, settings):
    settings.MEMBERS_INVITATION_DAILY_LIMIT = 2
    for number in range(2):
        services.invite(operator, f"new{number}@example.jp", "member", actor=operator_admin, language="ja")
    client.force_login(operator_admin)

    response = client.post(
        reverse("members:organization", kwargs={"pk": operator.pk}),
        {"email": "third@example.jp", "role": "member"},
    )

    assert response.status_code == 400
    assert "24 時間" in response.context["invitation_form"].errors["email"][0]
    assert not Invitation.objects.filter(email="third@example.jp").exists()
