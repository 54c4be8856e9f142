"""Role × URL × expected outcome for every page of the portal.

Each later area adds its URLs to ``MATRIX``. Outcomes: an HTTP status code, ``"sign-in"`` (redirect to the
sign-in page), ``"second-factor"`` (redirect to TOTP set-up) or ``"pending"`` (redirect to the page saying
the membership request awaits approval).
"""

import pytest

from portal.members.models import MembershipStatus, OrganizationKind

SIGN_IN = "sign-in"
SECOND_FACTOR = "second-factor"
PENDING = "pending"

ROLES = {
    # name: (organization kind, membership role, membership status, has TOTP)
    "anonymous": None,
    "applicant": (OrganizationKind.OPERATOR, "member", MembershipStatus.PENDING, False),
    "operator": (OrganizationKind.OPERATOR, "member", MembershipStatus.APPROVED, False),
    "operator_admin": (OrganizationKind.OPERATOR, "admin", MembershipStatus.APPROVED, False),
    "police": (OrganizationKind.POLICE, "member", MembershipStatus.APPROVED, True),
    "police_without_totp": (OrganizationKind.POLICE, "member", MembershipStatus.APPROVED, False),
    "educator": (OrganizationKind.EDUCATOR, "member", MembershipStatus.APPROVED, False),
    "volunteer": (OrganizationKind.VOLUNTEER_GROUP, "member", MembershipStatus.APPROVED, False),
    "carrier": (OrganizationKind.CARRIER, "member", MembershipStatus.APPROVED, False),
    "filtering_provider": (OrganizationKind.FILTERING_PROVIDER, "member", MembershipStatus.APPROVED, False),
    "reviewer": (OrganizationKind.REVIEW_BODY, "member", MembershipStatus.APPROVED, True),
    "reviewer_without_totp": (OrganizationKind.REVIEW_BODY, "member", MembershipStatus.APPROVED, False),
    "secretariat": (OrganizationKind.SECRETARIAT, "admin", MembershipStatus.APPROVED, True),
    "secretariat_without_totp": (OrganizationKind.SECRETARIAT, "admin", MembershipStatus.APPROVED, False),
}

PUBLIC = {role: 200 for role in ROLES}


def members_only(**overrides):
    expected = {role: 200 for role in ROLES}
    expected.update(
        anonymous=SIGN_IN,
        applicant=PENDING,
        police_without_totp=SECOND_FACTOR,
        reviewer_without_totp=SECOND_FACTOR,
        secretariat_without_totp=SECOND_FACTOR,
    )
    expected.update(overrides)
    return expected


def admin_only(**overrides):
    """The Wagtail admin: the secretariat with a second factor; other signed-in accounts get 403."""
    expected = {role: 403 for role in ROLES}
    expected.update(anonymous=SIGN_IN, secretariat=200, secretariat_without_totp=SECOND_FACTOR)
    expected.update(overrides)
    return expected


MATRIX = {
    "/ja/": PUBLIC,
    "/en/": PUBLIC,
    "/ja/guidelines/": PUBLIC,
    "/ja/curricula/": PUBLIC,
    "/ja/registry/": PUBLIC,
    "/ja/reports/": PUBLIC,
    "/en/reports/": PUBLIC,
    "/ja/members/": members_only(),
    "/en/members/": members_only(),
    "/ja/members/notifications/": members_only(),
    "/ja/incidents/": members_only(),
    "/admin/": admin_only(),
    "/admin/audit-log/": admin_only(),
    "/admin/pages/": admin_only(),
}

CASES = [(url, role, expected) for url, outcomes in MATRIX.items() for role, expected in outcomes.items()]


@pytest.fixture
def sign_in_as(client, make_user):
    def sign_in(role: str):
        spec = ROLES[role]
        if spec is None:
            return client
        kind, membership_role, status, totp = spec
        client.force_login(make_user(kind, role=membership_role, status=status, totp=totp))
        return client

    return sign_in


def outcome_of(response):
    if response.status_code != 302:
        return response.status_code
    location = response["Location"]
    if "/accounts/2fa/totp/activate/" in location:
        return SECOND_FACTOR
    if "/accounts/login/" in location:
        return SIGN_IN
    if location.endswith("/members/pending/"):
        return PENDING
    return f"302 to {location}"


@pytest.mark.parametrize(("url", "role", "expected"), CASES, ids=[f"{url}-{role}" for url, role, _ in CASES])
def test_access_matrix(sign_in_as, url, role, expected):
    client = sign_in_as(role)

    response = client.get(url)

    assert outcome_of(response) == expected
