"""Major guideline versions flag the adoptions of the measures the guideline recommends."""

import pytest

from registry.models import Adoption, AdoptionStatus, Measure
from tests.guidelines.factories import make_guideline, publish
from tests.registry.factories import make_adoption, make_service

pytestmark = pytest.mark.django_db

ZONING_SECTIONS = (("scope", "対象", "<p>年齢情報を使ったゾーニングを導入する。</p>"),)
REVISED_SECTIONS = (("scope", "対象", "<p>年齢情報と年齢確認を使ったゾーニングを導入する。</p>"),)


@pytest.fixture
def zoning_guideline():
    return make_guideline(
        title="ゾーニングの指針",
        items=ZONING_SECTIONS,
        measures=Measure.objects.filter(code="internet_zoning"),
    )


def test_major_version_flags_adoptions_of_recommended_measure(zoning_guideline):
    zoning = make_adoption(make_service(), "internet_zoning", AdoptionStatus.VERIFIED)
    unrelated = make_adoption(make_service(), "keyword_screening", AdoptionStatus.ADOPTED)

    publish(zoning_guideline, label="2.0", items=REVISED_SECTIONS, major=True)

    assert Adoption.objects.get(pk=zoning.pk).needs_review
    assert not Adoption.objects.get(pk=unrelated.pk).needs_review


def test_minor_version_leaves_adoptions_valid(zoning_guideline):
    zoning = make_adoption(make_service(), "internet_zoning", AdoptionStatus.VERIFIED)

    publish(zoning_guideline, label="1.1", items=REVISED_SECTIONS, major=False)

    assert not Adoption.objects.get(pk=zoning.pk).needs_review
