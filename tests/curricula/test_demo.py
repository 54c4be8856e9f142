"""Demo curricula: one per audience in both languages, linked as translations, safe to load twice."""

import pytest
from django.db import transaction

from curricula import demo
from curricula.models import Audience, CurriculumPage

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """Load the demo twice once for the module, in a transaction rolled back after its tests."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            demo.load()
            demo.load()
            yield
            transaction.set_rollback(True)


def test_one_curriculum_per_audience_and_language(loaded):
    pairs = set(CurriculumPage.objects.live().values_list("audience", "locale__language_code"))

    assert pairs == {(audience, language) for audience in Audience.values for language in ("ja", "en")}


def test_loading_twice_adds_nothing(loaded):
    assert CurriculumPage.objects.count() == 2 * len(Audience.values)


def test_english_pages_are_translations(loaded):
    for english in CurriculumPage.objects.filter(locale__language_code="en"):
        japanese = CurriculumPage.objects.get(
            translation_key=english.translation_key, locale__language_code="ja"
        )
        assert japanese.audience == english.audience


def test_english_pages_under_english_home(loaded):
    english = CurriculumPage.objects.filter(locale__language_code="en").first()

    assert english.get_ancestors().filter(depth=2).get().locale.language_code == "en"


def test_lesson_plans_fit_durations(loaded):
    for page in CurriculumPage.objects.all():
        assert sum(activity.minutes for activity in page.activities.all()) <= page.duration_minutes, (
            page.title
        )
