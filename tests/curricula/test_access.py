"""The curricula rules of the access policy."""

import pytest
from django.contrib.auth.models import AnonymousUser
from wagtail.models import PageViewRestriction

from curricula.models import CurriculumPage
from portal.members import access

from .conftest import build_curriculum

pytestmark = pytest.mark.django_db


@pytest.fixture
def restricted(db):
    page = build_curriculum(title="限定", slug="restricted", worksheets=0)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


def test_live_curriculum_downloadable_by_anonymous(curriculum):
    assert access.can_download_curriculum(AnonymousUser(), curriculum)


def test_draft_not_downloadable(db):
    draft = build_curriculum(title="下書き", slug="draft", worksheets=0, publish=False)

    assert not access.can_download_curriculum(AnonymousUser(), draft)


def test_restricted_not_downloadable_even_for_members(restricted, make_user):
    assert not access.can_download_curriculum(make_user("educator"), restricted)


def test_downloadable_queryset_matches_rule(curriculum, restricted):
    pages = access.downloadable_curricula(CurriculumPage.objects.all(), AnonymousUser())

    assert list(pages) == [curriculum]


def test_feedback_follows_download_rule(curriculum, restricted):
    assert access.can_send_curriculum_feedback(AnonymousUser(), curriculum)
    assert not access.can_send_curriculum_feedback(AnonymousUser(), restricted)


@pytest.mark.parametrize(
    ("kind", "role", "totp", "allowed"),
    [
        (None, "member", False, False),
        ("educator", "member", False, False),
        ("operator", "admin", False, False),
        ("secretariat", "admin", False, False),
        ("secretariat", "admin", True, True),
    ],
)
def test_feedback_and_counts_for_secretariat_only(make_user, kind, role, totp, allowed):
    user = make_user(kind, role=role, totp=totp) if kind else make_user()

    assert access.can_read_curriculum_feedback(user) is allowed
    assert access.can_view_curriculum_downloads(user) is allowed
