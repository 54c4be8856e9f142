"""Every role against every page of the incidents area, at each distribution level.

Members whom a level does not reach get 404, so that they cannot tell an item exists. The feed returns 401
without a valid token or member session, because screening servers call it without a browser.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from incidents.models import PatternStatus
from portal.members.distribution import Distribution
from tests.factories import make_organization
from tests.incidents.paths import url
from tests.portal.conftest import make_user  # noqa: F401 (a fixture that sign_in_as uses)
from tests.portal.test_access_matrix import (  # noqa: F401 (sign_in_as is a fixture)
    PUBLIC,
    ROLES,
    members_only,
    outcome_of,
    sign_in_as,
)

pytestmark = pytest.mark.django_db

NOT_READERS = {"educator", "volunteer", "carrier", "filtering_provider", "reviewer"}
OPERATORS = {"operator", "operator_admin"}


def hidden_from(*roles, base=None):
    """Members-only outcomes with 404 for ``roles``."""
    return members_only(**{role: 404 for role in roles}, **(base or {}))


def forbidden_except(*allowed):
    """Members-only outcomes with 403 for every member role not in ``allowed``."""
    expected = members_only()
    for role, outcome in expected.items():
        if outcome == 200 and role not in allowed:
            expected[role] = 403
    return expected


def feed_outcomes():
    expected = {role: 200 for role in ROLES}
    expected.update(
        anonymous=401,
        applicant=401,
        police_without_totp=401,
        reviewer_without_totp=401,
        secretariat_without_totp=401,
    )
    return expected


EVERY_MEMBER_ROLE = [role for role, outcome in members_only().items() if outcome == 200]

MATRIX = {
    "index": ("index", members_only()),
    "pattern list": ("patterns", members_only()),
    "pattern export": ("pattern_export", members_only()),
    "pattern GREEN": ("pattern:green", members_only()),
    "pattern AMBER": ("pattern:amber", hidden_from(*NOT_READERS)),
    "pattern AMBER+STRICT": ("pattern:amber_strict", hidden_from(*NOT_READERS, *OPERATORS)),
    "pattern RED": ("pattern:red", hidden_from(*(set(EVERY_MEMBER_ROLE) - {"secretariat"}))),
    "pattern awaiting review": (
        "pattern:submitted",
        hidden_from(*(set(EVERY_MEMBER_ROLE) - {"secretariat"})),
    ),
    "pattern form": ("pattern_create", forbidden_except(*OPERATORS)),
    "our patterns": ("own_patterns", forbidden_except(*OPERATORS)),
    "review queue": ("review_queue", forbidden_except("secretariat")),
    "briefing list": ("briefings", members_only()),
    "briefing form": ("briefing_create", forbidden_except("police")),
    "briefing page AMBER": ("briefing:amber", hidden_from(*NOT_READERS)),
    "briefing page AMBER+STRICT": ("briefing:amber_strict", hidden_from(*NOT_READERS, *OPERATORS)),
    "attachment AMBER": ("attachment:amber", hidden_from(*NOT_READERS)),
    "attachment AMBER+STRICT": ("attachment:amber_strict", hidden_from(*NOT_READERS, *OPERATORS)),
    "statistics page": ("statistics", PUBLIC),
    "statistics CSV": ("statistics_csv", PUBLIC),
    "statistics breakdown CSV": ("statistics_breakdown", PUBLIC),
    "statistics form": ("statistics_create", forbidden_except("police", "secretariat")),
    "coded terms": ("coded_terms", members_only()),
    "feed without token": ("feed_csv", feed_outcomes()),
    "feed JSON without token": ("feed_json", feed_outcomes()),
    "feed with token": ("feed_csv:token", {role: 200 for role in ROLES}),
    "feed with revoked token": ("feed_csv:revoked", {role: 401 for role in ROLES}),
    "feed tokens": ("feed_tokens", forbidden_except("operator_admin", "secretariat")),
}


@pytest.fixture
def world(member, make_pattern, make_briefing, site_types):
    """One item of every kind and level, owned by organizations none of the signed-in roles belongs to."""
    from incidents.models import StatisticsPeriod, VictimCount
    from incidents.services.feed import create_feed_token, revoke_feed_token

    author = member("operator")
    police = member("police")
    outsider = make_organization()
    patterns = {
        "green": make_pattern(author, distribution=Distribution.GREEN),
        "amber": make_pattern(author, distribution=Distribution.AMBER),
        "amber_strict": make_pattern(author, distribution=Distribution.AMBER_STRICT),
        "red": make_pattern(author, distribution=Distribution.RED, named=[outsider]),
        "submitted": make_pattern(author, distribution=Distribution.GREEN, status=PatternStatus.SUBMITTED),
    }
    pdf = b"%PDF-1.4\n%%EOF\n"
    briefings = {
        level: make_briefing(
            police,
            distribution=distribution,
            attachments=[SimpleUploadedFile("a.pdf", pdf)],
            title=f"briefing {level}",
        )
        for level, distribution in (
            ("amber", Distribution.AMBER),
            ("amber_strict", Distribution.AMBER_STRICT),
        )
    }
    period = StatisticsPeriod.objects.get(year=2015, kind="year")
    VictimCount.objects.create(period=period, dimension="age_bracket", category="16_17", victims=800)
    admin = member("operator", admin=True)
    _token, secret = create_feed_token(actor=admin, name="screening")
    revoked, revoked_secret = create_feed_token(actor=admin, name="old")
    revoke_feed_token(revoked, actor=admin)
    return {
        "patterns": patterns,
        "briefings": briefings,
        "period": period,
        "token": secret,
        "revoked": revoked_secret,
    }


def target_request(target: str, world) -> tuple[str, dict]:
    """Return the URL and the extra headers of a matrix target."""
    name, _colon, detail = target.partition(":")
    if name == "pattern":
        return url("pattern_detail", pk=world["patterns"][detail].pk), {}
    if name == "briefing":
        return world["briefings"][detail].url, {}
    if name == "attachment":
        return world["briefings"][detail].attachments.get().get_absolute_url(), {}
    if name == "statistics_breakdown":
        return url("statistics_breakdown_csv", pk=world["period"].pk), {}
    if name == "feed_csv" and detail:
        return url("feed_csv"), {"HTTP_AUTHORIZATION": f"Bearer {world[detail]}"}
    return url(name), {}


@pytest.mark.parametrize("role", list(ROLES))
def test_incidents_access_matrix(sign_in_as, world, role):  # noqa: F811 (the imported fixture)
    # One world per role keeps the matrix fast; every case is still checked and reported.
    client = sign_in_as(role)
    mismatches = {}

    for case, (target, outcomes) in MATRIX.items():
        path, headers = target_request(target, world)
        outcome = outcome_of(client.get(path, **headers))
        if outcome != outcomes[role]:
            mismatches[case] = f"expected {outcomes[role]!r}, got {outcome!r}"

    assert mismatches == {}
