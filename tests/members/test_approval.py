import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from portal.audit.models import AuditEvent, Outcome
from portal.members import services
from portal.members.models import Membership, MembershipRole, MembershipStatus, OrganizationKind
from portal.members.services import SECRETARIAT_GROUP
from tests.factories import make_member, make_organization

pytestmark = pytest.mark.django_db


def approve_url(membership: Membership) -> str:
    return reverse("members:membership_approve", kwargs={"pk": membership.pk})


def reject_url(membership: Membership) -> str:
    return reverse("members:membership_reject", kwargs={"pk": membership.pk})


def test_org_admin_approves_request(client, operator_admin, applicant):
    client.force_login(operator_admin)

    response = client.post(approve_url(applicant.memberships.get()))

    assert response.url == reverse(
        "members:organization", kwargs={"pk": applicant.memberships.get().organization_id}
    )
    assert applicant.memberships.get().status == MembershipStatus.APPROVED


def test_approval_records_decider(client, operator_admin, applicant):
    client.force_login(operator_admin)

    client.post(approve_url(applicant.memberships.get()))

    membership = applicant.memberships.get()
    assert membership.decided_by == operator_admin
    assert membership.decided_at is not None


def test_approval_emails_applicant(client, operator_admin, applicant, outbox, on_commit):
    client.force_login(operator_admin)

    with on_commit():
        client.post(approve_url(applicant.memberships.get()))

    assert len(outbox) == 1
    assert outbox[0].to == [applicant.email]
    assert reverse("members:dashboard") in outbox[0].body


def test_approval_writes_audit_entry(client, operator_admin, applicant):
    client.force_login(operator_admin)

    client.post(approve_url(applicant.memberships.get()))

    event = AuditEvent.objects.get(action="members.membership.approved")
    assert event.actor == operator_admin
    assert event.object_id == str(applicant.memberships.get().pk)
    assert event.outcome == Outcome.SUCCESS


def test_org_admin_rejects_request(client, operator_admin, applicant, outbox, on_commit):
    client.force_login(operator_admin)

    with on_commit():
        client.post(reject_url(applicant.memberships.get()))

    assert applicant.memberships.get().status == MembershipStatus.REJECTED
    assert outbox[0].to == [applicant.email]
    assert AuditEvent.objects.filter(action="members.membership.rejected").count() == 1


def test_secretariat_approves_request_in_portal(client, secretary, applicant):
    client.force_login(secretary)

    client.post(approve_url(applicant.memberships.get()))

    assert applicant.memberships.get().status == MembershipStatus.APPROVED


def test_org_admin_cannot_approve_other_organization(client, applicant):
    other_admin = make_member(role=MembershipRole.ADMIN)
    client.force_login(other_admin)

    response = client.post(approve_url(applicant.memberships.get()))

    assert response.status_code == 403
    assert applicant.memberships.get().status == MembershipStatus.PENDING


def test_denied_approval_is_audited(client, applicant):
    other_admin = make_member(role=MembershipRole.ADMIN)
    client.force_login(other_admin)

    client.post(approve_url(applicant.memberships.get()))

    event = AuditEvent.objects.get(action="members.membership.approved")
    assert event.outcome == Outcome.DENIED
    assert event.actor == other_admin


def test_plain_member_cannot_approve(client, operator, applicant):
    colleague = make_member(organization=operator)
    client.force_login(colleague)

    response = client.post(approve_url(applicant.memberships.get()))

    assert response.status_code == 403


def test_applicant_cannot_approve_themself(applicant):
    with pytest.raises(PermissionDenied):
        services.approve_membership(applicant.memberships.get(), actor=applicant)


def test_decided_request_cannot_be_decided_again(operator_admin, applicant):
    membership = services.approve_membership(applicant.memberships.get(), actor=operator_admin)

    with pytest.raises(ValidationError):
        services.reject_membership(membership, actor=operator_admin)


def test_second_decision_shows_message(client, operator_admin, applicant):
    membership = applicant.memberships.get()
    client.force_login(operator_admin)
    client.post(approve_url(membership))

    response = client.post(reject_url(membership), follow=True)

    assert response.status_code == 200
    assert applicant.memberships.get().status == MembershipStatus.APPROVED
    assert "error" in [message.level_tag for message in response.context["messages"]]


def test_approval_into_secretariat_grants_admin_group(secretary):
    secretariat = secretary.memberships.get().organization
    applicant = make_member(organization=secretariat, status=MembershipStatus.PENDING)

    services.approve_membership(applicant.memberships.get(), actor=secretary)

    assert applicant.groups.filter(name=SECRETARIAT_GROUP).exists()
    assert applicant.has_perm("wagtailadmin.access_admin")


def test_ending_secretariat_membership_removes_admin_group(secretary):
    secretariat = secretary.memberships.get().organization
    colleague = make_member(organization=secretariat)

    services.end_membership(colleague.memberships.get(), actor=secretary)

    assert not colleague.groups.filter(name=SECRETARIAT_GROUP).exists()
    assert not colleague.has_perm("wagtailadmin.access_admin")


def test_operator_approval_grants_no_admin_group(operator_admin, applicant):
    services.approve_membership(applicant.memberships.get(), actor=operator_admin)

    assert not applicant.groups.filter(name=SECRETARIAT_GROUP).exists()


def test_org_admin_changes_colleague_role(client, operator, operator_admin):
    colleague = make_member(organization=operator)
    membership = colleague.memberships.get()
    client.force_login(operator_admin)

    client.post(
        reverse("members:membership_role", kwargs={"pk": membership.pk}), {"role": MembershipRole.ADMIN}
    )

    assert colleague.memberships.get().role == MembershipRole.ADMIN
    event = AuditEvent.objects.get(action="members.membership.role_changed")
    assert event.detail["old_role"] == MembershipRole.MEMBER
    assert event.detail["new_role"] == MembershipRole.ADMIN


def test_org_admin_cannot_change_own_role(client, operator_admin):
    membership = operator_admin.memberships.get()
    client.force_login(operator_admin)

    response = client.post(
        reverse("members:membership_role", kwargs={"pk": membership.pk}), {"role": MembershipRole.MEMBER}
    )

    assert response.status_code == 403
    assert operator_admin.memberships.get().role == MembershipRole.ADMIN


def test_role_change_rejects_unknown_role(operator, operator_admin):
    colleague = make_member(organization=operator)

    with pytest.raises(ValidationError):
        services.change_role(colleague.memberships.get(), "owner", actor=operator_admin)


def test_org_admin_ends_colleague_membership(client, operator, operator_admin):
    colleague = make_member(organization=operator)
    client.force_login(operator_admin)

    client.post(reverse("members:membership_end", kwargs={"pk": colleague.memberships.get().pk}))

    assert colleague.memberships.get().status == MembershipStatus.ENDED
    assert AuditEvent.objects.filter(action="members.membership.ended").count() == 1


def test_org_admin_cannot_end_own_membership(client, operator_admin):
    client.force_login(operator_admin)

    response = client.post(
        reverse("members:membership_end", kwargs={"pk": operator_admin.memberships.get().pk})
    )

    assert response.status_code == 403
    assert operator_admin.memberships.get().status == MembershipStatus.APPROVED


def test_ended_member_loses_members_area(client, operator, operator_admin):
    colleague = make_member(organization=operator)
    services.end_membership(colleague.memberships.get(), actor=operator_admin)
    client.force_login(colleague)

    response = client.get("/ja/members/")

    assert response.url == reverse("members:join")


def test_organization_page_lists_pending_requests(client, operator_admin, applicant):
    client.force_login(operator_admin)

    response = client.get(
        reverse("members:organization", kwargs={"pk": operator_admin.memberships.get().organization_id})
    )

    assert list(response.context["pending"]) == [applicant.memberships.get()]
    assert applicant.email in response.content.decode()


def test_own_organization_redirects_to_its_page(client, operator_admin):
    client.force_login(operator_admin)

    response = client.get(reverse("members:own_organization"))

    assert response.url == reverse(
        "members:organization", kwargs={"pk": operator_admin.memberships.get().organization_id}
    )


def test_plain_member_cannot_open_organization_page(client, operator):
    member = make_member(organization=operator)
    client.force_login(member)

    response = client.get(reverse("members:organization", kwargs={"pk": operator.pk}))

    assert response.status_code == 403


def test_org_admin_cannot_open_other_organization_page(client, operator_admin):
    other = make_organization()
    client.force_login(operator_admin)

    response = client.get(reverse("members:organization", kwargs={"pk": other.pk}))

    assert response.status_code == 403


def test_decision_email_uses_applicant_language(operator_admin, applicant, outbox, on_commit):
    applicant.language = "en"
    applicant.save(update_fields=["language"])

    with on_commit():
        services.approve_membership(applicant.memberships.get(), actor=operator_admin)

    assert "was approved" in outbox[0].subject
    assert "/en/members/" in outbox[0].body


def test_request_without_org_admin_emails_secretariat(client, secretary, outbox, on_commit):
    organization = make_organization(OrganizationKind.EDUCATOR)
    user = make_member(organization=organization, status=MembershipStatus.ENDED)

    with on_commit():
        services.request_membership(user, organization)

    assert outbox[0].to == [secretary.email]
    assert "/admin/membership-requests/" in outbox[0].body


def test_dashboard_links_org_admin_to_organization(client, operator_admin):
    client.force_login(operator_admin)

    response = client.get(reverse("members:dashboard"))

    assert reverse("members:own_organization") in response.content.decode()
