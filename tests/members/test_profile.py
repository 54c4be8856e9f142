import pytest
from django.urls import reverse

from portal.members.models import MembershipStatus, OrganizationKind, User
from tests.factories import make_member, make_user

pytestmark = pytest.mark.django_db


def test_profile_requires_sign_in(client):
    response = client.get(reverse("members:profile"))

    assert response.url.startswith(reverse("account_login"))


def test_profile_shows_organization_and_role(client, operator_admin, operator):
    client.force_login(operator_admin)

    response = client.get(reverse("members:profile"))

    page = response.content.decode()
    assert operator.name_ja in page
    assert "組織管理者" in page or "Organization admin" in page
    assert reverse("account_change_password") in page
    assert reverse("account_email") in page


def test_profile_shows_pending_status(client, applicant):
    client.force_login(applicant)

    response = client.get(reverse("members:profile"))

    assert response.context["membership"].status == MembershipStatus.PENDING
    assert reverse("members:pending") in response.content.decode()


def test_profile_offers_join_without_membership(client):
    client.force_login(make_user())

    response = client.get(reverse("members:profile"))

    assert response.context["membership"] is None
    assert reverse("members:join") in response.content.decode()


def test_profile_changes_email_language(client):
    user = make_member(OrganizationKind.EDUCATOR)
    client.force_login(user)

    response = client.post(reverse("members:profile"), {"language": "en"})

    user.refresh_from_db()
    assert response.url == reverse("members:profile")
    assert user.language == "en"


def test_profile_rejects_unknown_language(client):
    user = make_member(OrganizationKind.EDUCATOR)
    client.force_login(user)

    response = client.post(reverse("members:profile"), {"language": "xx"})

    user.refresh_from_db()
    assert response.status_code == 400
    assert user.language == "ja"


def test_profile_language_help_addresses_user(client):
    client.force_login(make_member(OrganizationKind.EDUCATOR))

    page = client.get("/en/members/profile/").content.decode()

    assert "Language of the emails the portal sends to you." in page
    assert "this person" not in page


def test_user_language_help_keeps_admin_wording(language):
    language("en")

    assert (
        User._meta.get_field("language").help_text
        == "Language of the emails the portal sends to this person."
    )


def test_profile_shows_organization_label_once(client, operator_admin, operator):
    client.force_login(operator_admin)

    page = client.get("/en/members/profile/").content.decode()

    assert page.count(">Organization<") == 1
    assert operator.name_en in page
