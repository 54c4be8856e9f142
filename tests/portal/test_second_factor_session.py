"""The second factor is bound to the session, and Wagtail's own sign-in forms cannot skip it."""

import time

import pytest
from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from django.test import Client

from portal.members.models import OrganizationKind
from tests.factories import PASSWORD


def test_admin_login_leads_to_allauth(client):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"].endswith("/accounts/login/?next=/admin/")


@pytest.mark.django_db
def test_admin_login_post_signs_nobody_in(make_user):
    user = make_user(OrganizationKind.SECRETARIAT, role="admin", totp=True)
    browser = Client()

    browser.post("/admin/login/", {"username": user.username, "password": PASSWORD})

    assert "_auth_user_id" not in browser.session


@pytest.mark.django_db
def test_admin_password_reset_leads_to_allauth(client):
    response = client.get("/admin/password_reset/")

    assert "/accounts/password/reset/" in response["Location"]


@pytest.mark.django_db
def test_session_without_code_is_signed_out(make_user):
    user = make_user(OrganizationKind.POLICE, totp=True)
    browser = Client()  # Django's own client: force_login records no second factor.
    browser.force_login(user)

    response = browser.get("/ja/members/")

    assert "/accounts/login/" in response["Location"]
    assert "_auth_user_id" not in browser.session


@pytest.mark.django_db
def test_session_with_code_reaches_members_area(client, make_user):
    client.force_login(make_user(OrganizationKind.POLICE, totp=True))

    response = client.get("/ja/members/")

    assert response.status_code == 200


@pytest.mark.django_db
def test_police_cannot_remove_required_totp(make_user):
    user = make_user(OrganizationKind.POLICE, totp=True)
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)

    assert not get_adapter().can_delete_authenticator(authenticator)


@pytest.mark.django_db
def test_operator_can_remove_optional_totp(make_user):
    user = make_user(OrganizationKind.OPERATOR, totp=True)
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)

    assert get_adapter().can_delete_authenticator(authenticator)


@pytest.mark.django_db
def test_admin_sends_no_email_hash_outside(client, make_user):
    client.force_login(make_user(OrganizationKind.SECRETARIAT, role="admin", totp=True))

    response = client.get("/admin/")

    assert "gravatar" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ja", "en"])
def test_private_page_login_leads_to_allauth(client, language):
    response = client.get(f"/{language}/_util/login/?next=/{language}/")

    assert f"/{language}/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_admin_logout_leads_to_allauth(client, make_user):
    client.force_login(make_user(OrganizationKind.SECRETARIAT, role="admin", totp=True))

    response = client.get("/admin/logout/")

    assert "/accounts/logout/" in response["Location"]


@pytest.mark.django_db
def test_deactivate_page_explains_required_totp(client, make_user):
    user = make_user(OrganizationKind.POLICE, totp=True)
    client.force_login(user)
    # allauth shows the page only after the password was asked again; record that it was.
    session = client.session
    reauthenticated = {"method": "password", "at": time.time(), "reauthenticated": True}
    session["account_authentication_methods"] = [*session["account_authentication_methods"], reauthenticated]
    session.save()

    response = client.get("/en/accounts/2fa/totp/deactivate/")

    assert "cannot be removed" in response.content.decode()
