import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.urls import reverse

from portal.members.models import MembershipRole, OrganizationKind
from portal.members.views import SECOND_FACTOR_NEXT_SESSION_KEY
from tests.factories import PASSWORD, activate_totp, current_totp_code, make_member

pytestmark = pytest.mark.django_db

SECOND_FACTOR_KINDS = [OrganizationKind.POLICE, OrganizationKind.REVIEW_BODY, OrganizationKind.SECRETARIAT]


def sign_in_for_mfa_setup(client, user) -> None:
    """Sign in and confirm the password again, as allauth 65 requires before any change to a second factor."""
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})


@pytest.mark.parametrize("kind", SECOND_FACTOR_KINDS)
def test_members_area_requires_totp(client, kind):
    client.force_login(make_member(kind))

    response = client.get("/ja/members/")

    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp") + "?next=%2Fja%2Fmembers%2F"


@pytest.mark.parametrize("kind", SECOND_FACTOR_KINDS)
def test_members_area_opens_with_totp(client, kind):
    client.force_login(make_member(kind, with_totp=True))

    response = client.get("/ja/members/")

    assert response.status_code == 200


@pytest.mark.parametrize("kind", SECOND_FACTOR_KINDS)
def test_organization_page_requires_totp(client, kind):
    user = make_member(kind, role=MembershipRole.ADMIN)
    client.force_login(user)

    response = client.get(
        reverse("members:organization", kwargs={"pk": user.memberships.get().organization_id})
    )

    assert response.url.startswith(reverse("mfa_activate_totp") + "?next=")


def test_operator_needs_no_totp(client):
    client.force_login(make_member(OrganizationKind.OPERATOR))

    response = client.get("/ja/members/")

    assert response.status_code == 200


def test_admin_requires_totp_for_secretariat(client):
    client.force_login(make_member(OrganizationKind.SECRETARIAT))

    response = client.get("/admin/")

    assert response.url == reverse("mfa_activate_totp") + "?next=%2Fadmin%2F"


def test_admin_opens_for_secretariat_with_totp(client, secretary):
    client.force_login(secretary)

    response = client.get("/admin/")

    assert response.status_code == 200


def test_sign_in_asks_for_totp_code(client):
    user = make_member(OrganizationKind.POLICE, with_totp=True)

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


def test_sign_in_completes_with_totp_code(client):
    user = make_member(OrganizationKind.POLICE)
    authenticator = activate_totp(user)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    client.post(reverse("mfa_authenticate"), {"code": current_totp_code(authenticator)})

    assert client.session["_auth_user_id"] == str(user.pk)


def test_totp_setup_page_renders_in_site_layout(client):
    user = make_member(OrganizationKind.POLICE)
    sign_in_for_mfa_setup(client, user)

    response = client.get(reverse("mfa_activate_totp"))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="site-header"' in page
    assert "<svg" in page or "data:image/svg+xml" in page


def test_reauthentication_page_renders_in_site_layout(client):
    user = make_member(OrganizationKind.POLICE)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    response = client.get(reverse("mfa_activate_totp"), follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    assert 'class="site-header"' in response.content.decode()


def test_mfa_index_renders_in_site_layout(client):
    user = make_member(OrganizationKind.POLICE, with_totp=True)
    client.force_login(user)

    response = client.get(reverse("mfa_index"))

    assert response.status_code == 200
    assert 'class="site-header"' in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_totp_setup_returns_to_requested_page(client):
    user = make_member(OrganizationKind.POLICE)
    sign_in_for_mfa_setup(client, user)
    client.get(reverse("mfa_activate_totp") + "?next=/ja/incidents/")
    secret = client.session["mfa.totp.secret"]
    code = format_hotp_value(hotp_value(secret, next(iter(yield_hotp_counters_from_time()))))
    # allauth announces the new authenticator on commit, so this test needs real commits within the request.
    response = client.post(reverse("mfa_activate_totp") + "?next=/ja/incidents/", {"code": code})

    assert response.url == reverse("mfa_view_recovery_codes")
    assert client.session[SECOND_FACTOR_NEXT_SESSION_KEY] == "/ja/incidents/"
    codes_page = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    assert reverse("members:second_factor_continue") in codes_page
    assert 'class="site-header"' in codes_page
    assert client.get(reverse("members:second_factor_continue")).url == "/ja/incidents/"


def test_continue_ignores_foreign_next(client):
    user = make_member(OrganizationKind.POLICE, with_totp=True)
    client.force_login(user)
    session = client.session
    session[SECOND_FACTOR_NEXT_SESSION_KEY] = "https://attacker.example/"
    session.save()

    response = client.get(reverse("members:second_factor_continue"))

    assert response.url == reverse("members:dashboard")


def test_profile_shows_second_factor_required(client):
    client.force_login(make_member(OrganizationKind.POLICE))

    response = client.get(reverse("members:profile"))

    assert response.context["requires_second_factor"] is True
    assert response.context["has_totp"] is False
    assert reverse("mfa_activate_totp") in response.content.decode()


def test_profile_shows_second_factor_on(client):
    client.force_login(make_member(OrganizationKind.OPERATOR, with_totp=True))

    response = client.get(reverse("members:profile"))

    assert response.context["has_totp"] is True
    assert reverse("mfa_index") in response.content.decode()


def test_code_page_renders_in_site_layout(client):
    user = make_member(OrganizationKind.POLICE, with_totp=True)

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD}, follow=True)

    assert response.status_code == 200
    assert 'class="site-header"' in response.content.decode()
