"""Role × URL × expected outcome for the curricula area, on top of the portal's matrix."""

import pytest
from wagtail.models import PageViewRestriction

from tests.portal.test_access_matrix import PUBLIC, ROLES, SIGN_IN, admin_only, outcome_of

from .conftest import build_curriculum

pytestmark = pytest.mark.django_db

RESTRICTED_PDF = {role: 404 for role in ROLES}
RESTRICTED_PDF["anonymous"] = SIGN_IN

MATRIX = {
    "/ja/curricula/": PUBLIC,
    "/en/curricula/": PUBLIC,
    "{page}": PUBLIC,
    "{page}pdf/": PUBLIC,
    "{page}feedback/": PUBLIC,
    "/ja/curricula/pack/?curriculum={page_id}&curriculum={other_id}": PUBLIC,
    "{restricted}pdf/": RESTRICTED_PDF,
    "/admin/curricula/downloads/": admin_only(),
    "/admin/curricula/feedback/": admin_only(),
}

CASES = [(url, role, expected) for url, outcomes in MATRIX.items() for role, expected in outcomes.items()]


@pytest.fixture
def urls(db):
    page = build_curriculum(title="マトリクス", slug="matrix", worksheets=0, activities=1, background="")
    other = build_curriculum(title="もう一つ", slug="matrix-other", worksheets=0, activities=1, background="")
    restricted = build_curriculum(title="限定", slug="matrix-restricted", worksheets=0, activities=1)
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    return {"page": page.url, "page_id": page.pk, "other_id": other.pk, "restricted": restricted.url}


@pytest.mark.parametrize(("url", "role", "expected"), CASES, ids=[f"{url}-{role}" for url, role, _ in CASES])
def test_curricula_access_matrix(sign_in_as, urls, url, role, expected):
    client = sign_in_as(role)

    response = client.get(url.format(**urls))

    assert outcome_of(response) == expected
