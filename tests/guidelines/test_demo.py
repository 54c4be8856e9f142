"""The demo guidelines: five in each language, two versions in force one after the other, comments, a draft.

Loading the demo takes seconds, so each test checks several facts of one load.
"""

import pytest
from django.core.management import call_command

from guidelines.models import Comment, GuidelinePage, GuidelineVersion, PlacementState, VersionState

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    call_command("load_demo", verbosity=0)


def test_demo_content(loaded, client):
    for language in ("ja", "en"):
        pages = GuidelinePage.objects.filter(locale__language_code=language)
        drafts = GuidelineVersion.objects.filter(
            state=VersionState.CONSULTATION, guideline__locale__language_code=language
        )
        assert pages.count() == 5
        assert [draft.guideline.slug for draft in drafts] == ["internet-zoning"]
        assert drafts.get().consultation_is_open()
        for page in pages:
            assert page.versions.filter(in_force_since__isnull=False).count() == 2, page.slug
            assert Comment.objects.filter(version__guideline=page).exists(), page.slug
            assert client.get(page.url).status_code == 200, page.url
    for page in GuidelinePage.objects.filter(locale__language_code="ja"):
        assert page.get_translations().filter(locale__language_code="en").exists(), page.slug
    states = set(Comment.objects.filter(placements__isnull=False).values_list("placements__state", flat=True))
    assert {PlacementState.CHANGED, PlacementState.REMOVED} <= states


def test_demo_loads_twice_without_duplicates(loaded):
    counts = (GuidelinePage.objects.count(), GuidelineVersion.objects.count(), Comment.objects.count())

    call_command("load_demo", verbosity=0)

    assert (
        GuidelinePage.objects.count(),
        GuidelineVersion.objects.count(),
        Comment.objects.count(),
    ) == counts
