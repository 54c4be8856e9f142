"""Role × URL × expected outcome for the registry's pages, files and exports.

Besides the portal's roles, ``own_operator`` and ``own_operator_admin`` belong to the operator whose records
the URLs name. The portal's ``operator`` and ``operator_admin`` belong to another operator, so they may read the
public registry but none of this operator's members-only records.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from portal.members.models import MembershipRole
from registry.models import (
    Adoption,
    AdoptionStatus,
    Certificate,
    Checklist,
    ChecklistItem,
    Evidence,
    EvidenceKind,
    ItemState,
    Service,
)
from registry.services.onboarding import give_checklist
from tests.portal.test_access_matrix import (
    PENDING,
    PUBLIC,
    ROLES,
    SECOND_FACTOR,
    SIGN_IN,
    admin_only,
    members_only,
    outcome_of,
)
from tests.registry.factories import make_adoption, make_operator, make_service, make_template

pytestmark = pytest.mark.django_db

OWN_ROLES = {"own_operator": MembershipRole.MEMBER, "own_operator_admin": MembershipRole.ADMIN}
ALL_ROLES = [*ROLES, *OWN_ROLES]
OTHER_MEMBERS = [
    "operator",
    "operator_admin",
    "police",
    "educator",
    "volunteer",
    "carrier",
    "filtering_provider",
]

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def everyone(expected):
    return dict.fromkeys(ALL_ROLES, expected)


def public():
    return {**PUBLIC, **dict.fromkeys(OWN_ROLES, 200)}


def records(**overrides):
    """The operator's members-only records: its own members, reviewers and the secretariat."""
    expected = {**members_only(), **dict.fromkeys(OTHER_MEMBERS, 403), **dict.fromkeys(OWN_ROLES, 200)}
    expected.update(overrides)
    return expected


def managing():
    """Changing the operator's records: its own admins and the secretariat."""
    return records(own_operator=403, reviewer=403)


def checklist_pages():
    return records(reviewer=403)


def reviewers_only():
    return {
        **members_only(),
        **dict.fromkeys([*OTHER_MEMBERS, "secretariat"], 403),
        **dict.fromkeys(OWN_ROLES, 403),
    }


def secretariat_only():
    return {
        **members_only(),
        **dict.fromkeys([*OTHER_MEMBERS, "reviewer"], 403),
        **dict.fromkeys(OWN_ROLES, 403),
    }


def own_checklist():
    expected = {
        **members_only(),
        **dict.fromkeys(
            ["police", "educator", "volunteer", "carrier", "filtering_provider", "reviewer"], 403
        ),
    }
    expected.update(own_operator="302 to checklist", own_operator_admin="302 to checklist")
    expected.update(secretariat="302 to /ja/registry/onboarding/overview/")
    return expected


MATRIX = {
    # Public pages and exports
    "/ja/registry/": public(),
    "/en/registry/?site_type=chat&measure=internet_zoning&status=in_place": public(),
    "/ja/registry/export.csv": public(),
    "/ja/registry/export.json": public(),
    "/ja/registry/coverage/": public(),
    "/ja/registry/operators/": public(),
    "/ja/registry/operators/{operator}/": public(),
    "/ja/registry/certificates/{code}/": public(),
    # An operator's records
    "/ja/registry/manage/{operator}/": records(),
    "/ja/registry/services/{service}/": records(),
    "/ja/registry/evidence/{evidence}/file/": records(),
    "/ja/registry/manage/{operator}/services/add/": managing(),
    "/ja/registry/services/{service}/edit/": managing(),
    "/ja/registry/services/{service}/adoptions/add/": managing(),
    "/ja/registry/adoptions/{adoption}/edit/": managing(),
    "/ja/registry/adoptions/{adoption}/evidence/add/": managing(),
    # Reviewers
    "/ja/registry/review/": reviewers_only(),
    "/ja/registry/adoptions/{adoption}/review/": reviewers_only(),
    # Onboarding
    "/ja/registry/onboarding/": own_checklist(),
    "/ja/registry/onboarding/{checklist}/": checklist_pages(),
    "/ja/registry/onboarding/items/{item}/": checklist_pages(),
    "/ja/registry/onboarding/{checklist}/certificate.pdf": checklist_pages(),
    "/ja/registry/onboarding/overview/": secretariat_only(),
    # The catalogue in the Wagtail admin
    "/admin/registry/site-types/": {**admin_only(), **dict.fromkeys(OWN_ROLES, 403)},
    "/admin/registry/measures/": {**admin_only(), **dict.fromkeys(OWN_ROLES, 403)},
    "/admin/registry/checklist-templates/": {**admin_only(), **dict.fromkeys(OWN_ROLES, 403)},
}

CASES = [(url, role, expected) for url, outcomes in MATRIX.items() for role, expected in outcomes.items()]


@pytest.fixture
def world():
    """One operator with a service, an adoption, a private evidence file and a completed checklist."""
    operator = make_operator(name_ja="見守りチャット株式会社", name_en="Mimamori Chat Inc.")
    service = make_service(operator)
    adoption = make_adoption(service, "internet_zoning", AdoptionStatus.ADOPTED)
    evidence = Evidence(
        adoption=adoption, kind=EvidenceKind.FILE, title="Policy", effective_on=datetime.date(2025, 1, 1)
    )
    evidence.file.save("policy.pdf", ContentFile(PDF_BYTES), save=False)
    evidence.save()
    make_template()
    checklist = give_checklist(operator)
    checklist.items.update(state=ItemState.DONE, completed_at=timezone.now())
    checklist.completed_at = timezone.now()
    checklist.save()
    Certificate.objects.create(checklist=checklist, issued_at=checklist.completed_at)
    return {
        "organization": operator,
        "operator": operator.pk,
        "service": service.pk,
        "adoption": adoption.pk,
        "evidence": evidence.pk,
        "checklist": checklist.pk,
        "item": checklist.items.first().pk,
        "code": checklist.certificate.code,
    }


@pytest.fixture
def sign_in(sign_in_as, client, make_user, world):
    def sign_in_role(role: str):
        if role in OWN_ROLES:
            client.force_login(make_user(organization=world["organization"], role=OWN_ROLES[role]))
            return client
        return sign_in_as(role)

    return sign_in_role


def normalise(outcome, world):
    checklist_path = f"/ja/registry/onboarding/{world['checklist']}/"
    if outcome == f"302 to {checklist_path}":
        return "302 to checklist"
    return outcome


@pytest.mark.parametrize(("url", "role", "expected"), CASES, ids=[f"{url}-{role}" for url, role, _ in CASES])
def test_registry_access_matrix(sign_in, world, url, role, expected):
    client = sign_in(role)

    response = client.get(url.format(**world))

    assert normalise(outcome_of(response), world) == expected


def test_matrix_covers_every_role():
    for url, outcomes in MATRIX.items():
        assert set(outcomes) == set(ALL_ROLES), url


def test_other_operator_cannot_remove_evidence(sign_in, world):
    client = sign_in("operator_admin")

    response = client.post(f"/ja/registry/evidence/{world['evidence']}/remove/")

    assert response.status_code == 403
    assert Evidence.objects.filter(pk=world["evidence"]).exists()


def test_other_operator_cannot_post_adoption(sign_in, world):
    client = sign_in("operator_admin")

    response = client.post(
        f"/ja/registry/services/{world['service']}/adoptions/add/",
        {"measure": "age_verification", "status": "adopted"},
    )

    assert response.status_code == 403


def test_operator_cannot_post_verification(sign_in, world):
    client = sign_in("own_operator_admin")

    response = client.post(
        f"/ja/registry/adoptions/{world['adoption']}/review/",
        {"decision": "verify", "verified_on": "2025-01-01"},
    )

    assert response.status_code == 403


def test_operator_cannot_give_checklists(sign_in, world):
    client = sign_in("own_operator_admin")

    response = client.post("/ja/registry/onboarding/overview/", {"organization": world["operator"]})

    assert response.status_code == 403


# POST to every URL that changes a record, with data a permitted user's request succeeds with, so that a
# refusal comes from the access policy and not from the form; test_permitted_post_changes_records checks that.
POSTS = {
    "/ja/registry/manage/{operator}/services/add/": {"name_ja": "新しいサービス", "site_types": ["chat"]},
    "/ja/registry/services/{service}/edit/": {"name_ja": "改名したサービス", "site_types": ["chat"]},
    "/ja/registry/services/{service}/adoptions/add/": {
        "measure": "age_verification",
        "status": "adopted",
        "started_precision": "day",
    },
    "/ja/registry/adoptions/{adoption}/edit/": {
        "status": "discontinued",
        "started_precision": "day",
        "ended_on": "2025-01-01",
        "reason": "終了",
    },
    "/ja/registry/adoptions/{adoption}/evidence/add/": {
        "kind": "text",
        "title": "説明",
        "text": "本文",
        "effective_on": "2025-01-01",
    },
    "/ja/registry/evidence/{evidence}/remove/": {},
    "/ja/registry/adoptions/{adoption}/review/": {"decision": "verify", "verified_on": "2025-01-01"},
    "/ja/registry/onboarding/items/{item}/": {"action": "state", "state": "open"},
    "/ja/registry/onboarding/items/{item}/verify/": {},
    "/ja/registry/onboarding/overview/": {"organization": "{operator}"},
}
DENIED_POSTERS = {
    "anonymous": SIGN_IN,
    "applicant": PENDING,
    "own_operator": 403,
    "operator_admin": 403,
    "police": 403,
    "reviewer_without_totp": SECOND_FACTOR,
    "secretariat_without_totp": SECOND_FACTOR,
}
# Who else is turned away, besides DENIED_POSTERS, per URL.
ALSO_DENIED = {
    "/ja/registry/adoptions/{adoption}/review/": {"own_operator_admin": 403, "secretariat": 403},
    "/ja/registry/onboarding/items/{item}/verify/": {"own_operator_admin": 403, "reviewer": 403},
    "/ja/registry/onboarding/overview/": {"own_operator_admin": 403, "reviewer": 403},
}
POST_CASES = [
    (url, role, expected)
    for url in POSTS
    for role, expected in {
        **DENIED_POSTERS,
        **({"reviewer": 403} if "review" not in url else {}),
        **ALSO_DENIED.get(url, {}),
    }.items()
]


def snapshot() -> dict:
    """Return every registry record a POST could change, to compare before and after a refused one."""
    return {
        "services": list(Service.objects.values_list("pk", "name_ja", "is_public").order_by("pk")),
        "adoptions": list(Adoption.objects.values_list("pk", "status", "verified_on").order_by("pk")),
        "evidence": list(Evidence.objects.values_list("pk", flat=True).order_by("pk")),
        "items": list(ChecklistItem.objects.values_list("pk", "state", "verified_at").order_by("pk")),
        "checklists": Checklist.objects.count(),
    }


@pytest.mark.parametrize(
    ("url", "role", "expected"), POST_CASES, ids=[f"POST {url}-{role}" for url, role, _ in POST_CASES]
)
def test_registry_post_refused(sign_in, world, url, role, expected):
    client = sign_in(role)
    data = {
        name: value.format(**world) if isinstance(value, str) else value for name, value in POSTS[url].items()
    }
    before = snapshot()

    response = client.post(url.format(**world), data)

    assert outcome_of(response) == expected
    assert snapshot() == before


PERMITTED_POSTS = [
    ("/ja/registry/manage/{operator}/services/add/", "own_operator_admin"),
    ("/ja/registry/services/{service}/edit/", "own_operator_admin"),
    ("/ja/registry/services/{service}/adoptions/add/", "own_operator_admin"),
    ("/ja/registry/adoptions/{adoption}/edit/", "own_operator_admin"),
    ("/ja/registry/adoptions/{adoption}/evidence/add/", "own_operator_admin"),
    ("/ja/registry/evidence/{evidence}/remove/", "own_operator_admin"),
    ("/ja/registry/adoptions/{adoption}/review/", "reviewer"),
    ("/ja/registry/onboarding/items/{item}/verify/", "secretariat"),
]


@pytest.mark.parametrize(("url", "role"), PERMITTED_POSTS)
def test_permitted_post_changes_records(sign_in, world, url, role):
    client = sign_in(role)
    before = snapshot()

    response = client.post(url.format(**world), POSTS[url])

    assert response.status_code == 302
    assert snapshot() != before
