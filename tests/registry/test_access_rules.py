"""The registry's rules in the access policy, checked directly."""

import pytest

from portal.members import access
from portal.members.models import OrganizationKind
from registry.models import AdoptionStatus, Evidence, EvidenceKind, ItemOwner
from registry.services.onboarding import give_checklist
from tests.factories import make_member, make_user
from tests.registry.factories import (
    make_adoption,
    make_operator,
    make_operator_admin,
    make_reviewer,
    make_secretary,
    make_service,
    make_template,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator():
    return make_operator()


@pytest.fixture
def people(operator):
    """One person per relation to ``operator``, keyed by a short name."""
    return {
        "admin": make_operator_admin(operator),
        "member": make_member(organization=operator),
        "other_admin": make_operator_admin(),
        "police": make_member(OrganizationKind.POLICE, with_totp=True),
        "reviewer": make_reviewer(),
        "reviewer_without_totp": make_member(OrganizationKind.REVIEW_BODY),
        "secretary": make_secretary(),
        "applicant": make_member(organization=operator, status="pending"),
        "account": make_user(),
    }


def allowed(rule, people, *args) -> set[str]:
    return {name for name, user in people.items() if rule(user, *args)}


def test_manage_services(operator, people):
    assert allowed(access.can_manage_services, people, operator) == {"admin", "secretary"}


def test_manage_services_of_non_operator(people):
    police = people["police"].memberships.get().organization

    assert allowed(access.can_manage_services, people, police) == set()


def test_view_service_records(operator, people):
    assert allowed(access.can_view_service_records, people, operator) == {
        "admin",
        "member",
        "reviewer",
        "secretary",
    }


def test_verify_adoption(operator, people):
    in_place = make_adoption(make_service(operator), "internet_zoning")
    planned = make_adoption(make_service(operator), "internet_zoning", AdoptionStatus.PLANNED)

    assert allowed(access.can_verify_adoption, people, in_place) == {"reviewer"}
    assert allowed(access.can_verify_adoption, people, planned) == set()


def test_read_evidence(operator, people):
    adoption = make_adoption(make_service(operator), "internet_zoning")
    private = Evidence.objects.create(
        adoption=adoption, kind=EvidenceKind.TEXT, title="Rota", text="…", effective_on="2025-01-01"
    )
    public = Evidence.objects.create(
        adoption=adoption,
        kind=EvidenceKind.LINK,
        title="Policy",
        url="https://example.jp/",
        is_public=True,
        effective_on="2025-01-01",
    )

    assert allowed(access.can_read_evidence, people, private) == {"admin", "member", "reviewer", "secretary"}
    assert allowed(access.can_read_evidence, people, public) == set(people)


def test_checklist_rules(operator, people):
    make_template()
    checklist = give_checklist(operator)
    operator_item = checklist.items.filter(owner=ItemOwner.OPERATOR).first()
    secretariat_item = checklist.items.filter(owner=ItemOwner.SECRETARIAT).first()

    assert allowed(access.can_view_checklist, people, checklist) == {"admin", "member", "secretary"}
    assert allowed(access.can_update_checklist_item, people, operator_item) == {"admin", "secretary"}
    assert allowed(access.can_update_checklist_item, people, secretariat_item) == {"secretary"}
    assert allowed(access.can_verify_checklist_item, people, operator_item) == {"secretary"}


def test_overview_and_catalogue(people):
    assert allowed(access.can_view_onboarding_overview, people) == {"secretary"}
    assert allowed(access.can_manage_catalogue, people) == {"secretary"}
