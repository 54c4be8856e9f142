import pytest
from django.urls import reverse

from portal.audit.models import AuditEvent
from portal.members.models import Membership, MembershipRole, MembershipStatus, OrganizationKind
from tests.factories import make_member, make_organization

pytestmark = pytest.mark.django_db

REQUESTS_URL = "/admin/membership-requests/"


def decide_url(membership: Membership, action: str) -> str:
    return reverse(f"members_membership_request_{action}", kwargs={"pk": membership.pk})


def test_requests_view_lists_pending_requests(client, secretary, applicant):
    client.force_login(secretary)

    response = client.get(REQUESTS_URL)

    assert response.status_code == 200
    assert list(response.context["requests"]) == [applicant.memberships.get()]


def test_secretariat_approves_in_admin(client, secretary, applicant, outbox, on_commit):
    client.force_login(secretary)

    with on_commit():
        response = client.post(decide_url(applicant.memberships.get(), "approve"))

    assert response.url == REQUESTS_URL
    assert applicant.memberships.get().status == MembershipStatus.APPROVED
    assert outbox[0].to == [applicant.email]
    assert AuditEvent.objects.get(action="members.membership.approved").actor == secretary


def test_secretariat_rejects_in_admin(client, secretary, applicant, outbox, on_commit):
    client.force_login(secretary)

    with on_commit():
        client.post(decide_url(applicant.memberships.get(), "reject"))

    assert applicant.memberships.get().status == MembershipStatus.REJECTED
    assert outbox[0].to == [applicant.email]
    assert AuditEvent.objects.get(action="members.membership.rejected").actor == secretary


def test_decision_rejects_get(client, secretary, applicant):
    client.force_login(secretary)

    response = client.get(decide_url(applicant.memberships.get(), "approve"))

    assert response.status_code == 405
    assert applicant.memberships.get().status == MembershipStatus.PENDING


def test_org_admin_cannot_open_admin_requests(client, operator_admin):
    client.force_login(operator_admin)

    response = client.get(REQUESTS_URL)

    assert response.status_code == 403


def test_superuser_outside_secretariat_cannot_approve(client, applicant):
    # A superuser may open the admin, but deciding memberships stays with the secretariat and org admins.
    superuser = make_member(OrganizationKind.OPERATOR, with_totp=True, is_superuser=True)
    client.force_login(superuser)

    client.post(decide_url(applicant.memberships.get(), "approve"))

    assert applicant.memberships.get().status == MembershipStatus.PENDING


def test_membership_list_puts_pending_first(client, secretary, operator, applicant):
    make_member(organization=operator)
    client.force_login(secretary)

    response = client.get("/admin/memberships/")

    assert response.status_code == 200
    assert response.context["object_list"][0] == applicant.memberships.get()


def test_membership_list_filters_by_organization_kind(client, secretary, applicant):
    police = make_member(OrganizationKind.POLICE)
    client.force_login(secretary)

    response = client.get("/admin/memberships/", {"organization__kind": OrganizationKind.POLICE})

    assert list(response.context["object_list"]) == [police.memberships.get()]


def test_membership_list_filters_by_status(client, secretary, applicant):
    client.force_login(secretary)

    response = client.get("/admin/memberships/", {"status": MembershipStatus.PENDING})

    assert list(response.context["object_list"]) == [applicant.memberships.get()]


def test_membership_edit_form_has_no_status(client, secretary, operator_admin):
    client.force_login(secretary)

    response = client.get(f"/admin/memberships/edit/{operator_admin.memberships.get().pk}/")

    assert response.status_code == 200
    assert "status" not in response.context["form"].fields


def test_membership_edit_changes_role_through_service(client, secretary, operator):
    member = make_member(organization=operator)
    membership = member.memberships.get()
    client.force_login(secretary)

    client.post(f"/admin/memberships/edit/{membership.pk}/", {"role": MembershipRole.ADMIN})

    assert member.memberships.get().role == MembershipRole.ADMIN
    assert AuditEvent.objects.get(action="members.membership.role_changed").actor == secretary


def test_membership_edit_ignores_posted_status(client, secretary, applicant):
    membership = applicant.memberships.get()
    client.force_login(secretary)

    client.post(f"/admin/memberships/edit/{membership.pk}/", {"role": "member", "status": "approved"})

    assert applicant.memberships.get().status == MembershipStatus.PENDING


def test_membership_cannot_be_added_in_admin(client, secretary):
    client.force_login(secretary)

    response = client.get("/admin/memberships/new/")

    assert response.status_code == 302


def test_organization_list_searches_by_name(client, secretary):
    wanted = make_organization(name_ja="青少年ネット安全協会")
    make_organization(name_ja="別の事業者")
    client.force_login(secretary)

    response = client.get("/admin/organizations/", {"q": "安全"})

    assert list(response.context["object_list"]) == [wanted]


def test_organization_list_filters_by_kind(client, secretary):
    educator = make_organization(OrganizationKind.EDUCATOR)
    client.force_login(secretary)

    response = client.get("/admin/organizations/", {"kind": OrganizationKind.EDUCATOR})

    assert list(response.context["object_list"]) == [educator]


def test_organization_approval_is_audited(client, secretary):
    organization = make_organization(approved=False)
    client.force_login(secretary)

    client.post(
        f"/admin/organizations/edit/{organization.pk}/",
        {
            "name_ja": organization.name_ja,
            "name_en": "",
            "kind": organization.kind,
            "country": "JP",
            "is_approved": "on",
        },
    )

    organization.refresh_from_db()
    event = AuditEvent.objects.get(action="members.organization.changed")
    assert organization.is_approved is True
    assert event.detail["is_approved"] is True


def test_admin_menu_shows_membership_requests(client, secretary):
    client.force_login(secretary)

    response = client.get("/admin/")

    assert REQUESTS_URL in response.content.decode()


def test_membership_list_hides_unconfirmed_requests(client, secretary):
    from allauth.account.models import EmailAddress

    unconfirmed = make_member(OrganizationKind.OPERATOR, status=MembershipStatus.PENDING, name="未確認 太郎")
    EmailAddress.objects.filter(user=unconfirmed).update(verified=False)
    client.force_login(secretary)

    response = client.get("/admin/memberships/")

    assert "未確認 太郎" not in response.content.decode()
