"""Curriculum pages in the anonymous page cache: only what every visitor may read is kept there."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from tests.portal.test_page_cache import pass_password_restriction

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300


def test_password_protected_curriculum_not_served_to_others(curriculum):
    PageViewRestriction.objects.create(page=curriculum, restriction_type="password", password="teachers")
    insider = Client()
    pass_password_restriction(insider, curriculum, "teachers")
    assert curriculum.summary in insider.get(curriculum.url).content.decode()

    response = Client().get(curriculum.url)

    assert curriculum.summary not in response.content.decode()


def test_public_curriculum_still_cached(client, curriculum):
    client.get(curriculum.url)

    response = client.get(curriculum.url)

    assert response.context is None  # Served from the cache: no template was rendered.
