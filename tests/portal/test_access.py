"""The access policy's TLP 2.0 rules, checked object by object and as queryset filters."""

import pytest

from portal.members import access
from portal.members.distribution import Distribution, join_kinds
from portal.members.models import MembershipStatus, Organization, OrganizationKind
from tests.testapp.models import SharedNote

ROLES = [
    "anonymous",
    "applicant",
    "operator",
    "police",
    "educator",
    "volunteer_group",
    "carrier",
    "filtering_provider",
    "review_body",
    "secretariat",
    "police_without_totp",
]


@pytest.fixture
def origin(db):
    return Organization.objects.create(name_ja="発信元", kind=OrganizationKind.OPERATOR, is_approved=True)


@pytest.fixture
def named(db):
    return Organization.objects.create(name_ja="指名先", kind=OrganizationKind.CARRIER, is_approved=True)


@pytest.fixture
def users(make_user, named):
    from django.contrib.auth.models import AnonymousUser

    result = {
        "anonymous": AnonymousUser(),
        "applicant": make_user(OrganizationKind.OPERATOR, status="pending"),
    }
    for kind in OrganizationKind:
        result[kind.value] = make_user(kind, totp=True)
    result["police_without_totp"] = make_user(OrganizationKind.POLICE)
    result["named_member"] = make_user(organization=named)
    return result


@pytest.fixture
def notes(origin, named):
    notes = {}
    for level in Distribution:
        notes[level.value] = SharedNote.objects.create(
            title=level.value, distribution=level, origin_organization=origin
        )
    notes["red"].named_organizations.add(named)
    notes["amber_educators"] = SharedNote.objects.create(
        title="amber educators",
        distribution=Distribution.AMBER,
        audience_kinds=join_kinds([OrganizationKind.EDUCATOR]),
        origin_organization=origin,
    )
    return notes


# Expected readers of each note, by role; the originating operator reads everything it shared.
EXPECTED = {
    "clear": set(ROLES) | {"named_member"},
    "green": {
        "operator",
        "police",
        "educator",
        "volunteer_group",
        "carrier",
        "filtering_provider",
        "review_body",
        "secretariat",
        "named_member",
    },
    "amber": {"operator", "police", "secretariat"},
    "amber_strict": {"police", "secretariat"},
    "red": {"named_member"},
    "amber_educators": {"educator", "secretariat"},
}


@pytest.mark.parametrize("note_name", sorted(EXPECTED))
def test_can_read_matches_expected_readers(users, notes, note_name):
    readers = {role for role, user in users.items() if access.can_read(user, notes[note_name])}

    assert readers == EXPECTED[note_name]


@pytest.mark.parametrize("role", [*ROLES, "named_member"])
def test_visible_queryset_agrees_with_can_read(users, notes, role):
    user = users[role]
    listed = set(access.visible(SharedNote.objects.all(), user).values_list("pk", flat=True))
    readable = {note.pk for note in notes.values() if access.can_read(user, note)}

    assert listed == readable


def test_origin_organization_reads_its_own_red_note(make_user, origin, notes):
    author = make_user(organization=origin)

    assert access.can_read(author, notes["red"])


def test_member_of_unapproved_organization_reads_only_clear(make_user, notes):
    organization = Organization.objects.create(
        name_ja="未承認", kind=OrganizationKind.OPERATOR, is_approved=False
    )
    user = make_user(organization=organization)

    assert set(access.visible(SharedNote.objects.all(), user)) == {notes["clear"]}


def test_rejected_membership_counts_as_applicant(make_user):
    user = make_user(OrganizationKind.OPERATOR, status=MembershipStatus.REJECTED)

    assert access.standing(user).role is access.Role.APPLICANT


def test_second_factor_required_for_police(make_user):
    user = make_user(OrganizationKind.POLICE)

    assert access.members_area_decision(user) is access.Decision.SET_UP_SECOND_FACTOR


def test_second_factor_not_required_for_operator(make_user):
    user = make_user(OrganizationKind.OPERATOR)

    assert access.members_area_decision(user) is access.Decision.ALLOW


def test_org_admin_manages_only_own_organization(make_user):
    admin = make_user(OrganizationKind.OPERATOR, role="admin")
    other = Organization.objects.create(name_ja="他社", kind=OrganizationKind.OPERATOR, is_approved=True)

    assert access.can_manage_organization(admin, access.standing(admin).organization)
    assert not access.can_manage_organization(admin, other)
