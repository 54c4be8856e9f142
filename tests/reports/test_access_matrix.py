"""Role × URL × expected outcome for the handlers' side of reports: queues, report pages and their actions.

Besides the portal's roles, ``operator_a`` and ``operator_b`` are members of the two operators whose services
the reports name. The portal's ``operator`` and ``operator_admin`` belong to a third operator with no reports.
A report page that the user may not read returns 404, the same as a report that does not exist.
"""

import pytest

from portal.members.models import OrganizationKind
from reports.models import Category, Report
from tests.factories import make_member
from tests.portal.conftest import make_user  # noqa: F401 (a fixture that sign_in_as uses)
from tests.portal.test_access_matrix import (  # noqa: F401 (sign_in_as is a fixture)
    PENDING,
    ROLES,
    SECOND_FACTOR,
    SIGN_IN,
    members_only,
    outcome_of,
    sign_in_as,
)
from tests.registry.factories import make_operator, make_service

from .factories import make_report

pytestmark = pytest.mark.django_db

OWN_ROLES = ["operator_a", "operator_b"]
ALL_ROLES = [*ROLES, *OWN_ROLES]
# Members whose role has no report queue at all.
NO_QUEUE = ["educator", "volunteer", "carrier", "filtering_provider", "reviewer"]
# Every role that passes the members' area: the policy decides on the report itself for these.
SIGNED_IN_MEMBERS = [
    role for role, expected in members_only(operator_a=200, operator_b=200).items() if expected == 200
]
GATEKEEPING = {
    "anonymous": SIGN_IN,
    "applicant": PENDING,
    "police_without_totp": SECOND_FACTOR,
    "reviewer_without_totp": SECOND_FACTOR,
    "secretariat_without_totp": SECOND_FACTOR,
}
# The reports of the world fixture and who may read each one.
READERS = {
    "a_open": {"operator_a", "secretariat"},
    "a_forwarded": {"operator_a", "secretariat", "police"},
    "b_open": {"operator_b", "secretariat"},
    "unlisted": {"secretariat"},
    "unlisted_forwarded": {"secretariat", "police"},
    "missing": set(),
}


def queue(**overrides):
    expected = {**members_only(operator_a=200, operator_b=200), **dict.fromkeys(NO_QUEUE, 403)}
    expected.update(overrides)
    return expected


def police_only():
    return {**GATEKEEPING, **dict.fromkeys(SIGNED_IN_MEMBERS, 403), "police": 200}


def report_page(key):
    return {**GATEKEEPING, **{role: 200 if role in READERS[key] else 404 for role in SIGNED_IN_MEMBERS}}


MATRIX = {
    "/ja/reports/queue/": queue(),
    "/en/reports/queue/?state=closed&forwarded=yes": queue(),
    "/ja/reports/police/": police_only(),
    **{f"/ja/reports/{{{key}}}/": report_page(key) for key in READERS},
}

CASES = [(url, role, expected) for url, outcomes in MATRIX.items() for role, expected in outcomes.items()]

# What each role's queue lists.
QUEUE_ROWS = {
    **dict.fromkeys(ALL_ROLES, set()),
    "operator_a": {"a_open", "a_forwarded"},
    "operator_b": {"b_open"},
    "police": {"a_forwarded", "unlisted_forwarded"},
    "secretariat": {"a_open", "a_forwarded", "b_open", "unlisted", "unlisted_forwarded"},
}


@pytest.fixture
def world():
    """Reports about two operators' services and about unlisted sites, forwarded to the police and not."""
    operator_a = make_operator(name_ja="事業者A", name_en="Operator A")
    operator_b = make_operator(name_ja="事業者B", name_en="Operator B")
    service_a = make_service(operator_a)
    service_b = make_service(operator_b)
    unlisted = {"site_address": "https://unlisted.example.org/"}
    reports = {
        "a_open": make_report(service_a)[0],
        "a_forwarded": make_report(service_a, category=Category.SEXUAL_IMAGES)[0],
        "b_open": make_report(service_b)[0],
        "unlisted": make_report(**unlisted)[0],
        "unlisted_forwarded": make_report(category=Category.SEXUAL_IMAGES, **unlisted)[0],
    }
    ids = {key: report.pk for key, report in reports.items()}
    ids["missing"] = max(ids.values()) + 1000
    return {"organizations": {"operator_a": operator_a, "operator_b": operator_b}, "ids": ids}


@pytest.fixture
def sign_in(sign_in_as, client, world):  # noqa: F811 (the imported fixture)
    def sign_in_role(role: str):
        if role in OWN_ROLES:
            organization = world["organizations"][role]
            client.force_login(make_member(OrganizationKind.OPERATOR, organization=organization))
            return client
        return sign_in_as(role)

    return sign_in_role


@pytest.mark.parametrize(("url", "role", "expected"), CASES, ids=[f"{url}-{role}" for url, role, _ in CASES])
def test_reports_access_matrix(sign_in, world, url, role, expected):
    client = sign_in(role)

    response = client.get(url.format(**world["ids"]))

    assert outcome_of(response) == expected


def test_matrix_covers_every_role():
    for url, outcomes in MATRIX.items():
        assert set(outcomes) == set(ALL_ROLES), url


@pytest.mark.parametrize("role", [role for role in ALL_ROLES if queue()[role] == 200])
def test_queue_lists_only_readable_reports(sign_in, world, role):
    client = sign_in(role)

    response = client.get("/ja/reports/queue/?state=all")

    listed = {report.pk for report in response.context["reports"]}
    expected = {world["ids"][key] for key in QUEUE_ROWS[role]}
    assert listed == expected


# POSTs. A role that may read the report either changes it ("done") or gets a message on the report page
# that the action is not possible ("refused"). A role that may not read it gets 404.
POSTS = {
    "outcome": {"outcome": "removed", "message": "対応しました。"},
    "reply": {"body": "確認しています。"},
    "forward": {},
    "acknowledge": {},
}
PERMITTED = {
    ("outcome", "a_open"): {"operator_a"},
    ("outcome", "a_forwarded"): {"operator_a"},
    ("outcome", "unlisted"): {"secretariat"},
    # The police read forwarded reports but do not write to reporters through the portal.
    ("reply", "a_open"): READERS["a_open"] - {"police"},
    ("reply", "a_forwarded"): READERS["a_forwarded"] - {"police"},
    ("reply", "unlisted"): READERS["unlisted"] - {"police"},
    ("forward", "a_open"): {"secretariat"},
    ("forward", "unlisted"): {"secretariat"},
    ("acknowledge", "a_forwarded"): {"police"},
}
POST_REPORTS = ["a_open", "a_forwarded", "unlisted"]


def expected_post(action: str, key: str, role: str):
    if role in GATEKEEPING:
        return GATEKEEPING[role]
    if role not in READERS[key]:
        return 404
    return "done" if role in PERMITTED.get((action, key), set()) else "refused"


POST_CASES = [
    (action, key, role, expected_post(action, key, role))
    for action in POSTS
    for key in POST_REPORTS
    for role in ALL_ROLES
]


def snapshot(pk: int) -> tuple:
    report = Report.objects.get(pk=pk)
    return (
        report.outcome,
        report.closed_at,
        report.forwarded_to_police_at,
        report.police_acknowledged_at,
        report.replies.count(),
    )


@pytest.mark.parametrize(
    ("action", "key", "role", "expected"),
    POST_CASES,
    ids=[f"{action}-{key}-{role}" for action, key, role, _ in POST_CASES],
)
def test_reports_post_matrix(sign_in, world, action, key, role, expected):
    pk = world["ids"][key]
    client = sign_in(role)
    before = snapshot(pk)

    response = client.post(f"/ja/reports/{pk}/{action}/", POSTS[action])

    changed = snapshot(pk) != before
    if expected in ("done", "refused"):
        assert response.status_code == 302
        assert changed is (expected == "done")
    else:
        assert outcome_of(response) == expected
        assert not changed
