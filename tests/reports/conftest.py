import pytest

from portal.members.models import OrganizationKind
from tests.factories import make_member
from tests.registry.factories import make_operator, make_secretary, make_service


@pytest.fixture
def operator_a():
    return make_operator(name_ja="見守りチャット株式会社", name_en="Mimamori Chat Inc.")


@pytest.fixture
def operator_b():
    return make_operator(name_ja="つながり掲示板株式会社", name_en="Tsunagari Board Inc.")


@pytest.fixture
def service_a(operator_a):
    return make_service(operator_a, name_ja="みまもりチャット", name_en="Mimamori Chat")


@pytest.fixture
def service_b(operator_b):
    return make_service(operator_b, name_ja="つながり掲示板", name_en="Tsunagari Board")


@pytest.fixture
def moderator_a(operator_a):
    return make_member(OrganizationKind.OPERATOR, organization=operator_a)


@pytest.fixture
def moderator_b(operator_b):
    return make_member(OrganizationKind.OPERATOR, organization=operator_b)


@pytest.fixture
def police():
    return make_member(OrganizationKind.POLICE, with_totp=True)


@pytest.fixture
def secretary():
    return make_secretary()
