"""The registry's demo content: the report's operators, invented ones and a new entrant halfway through."""

import pytest
from django.core.management import call_command

from registry.models import Adoption, AdoptionStatus, Certificate, Checklist, DatePrecision, Service

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def adoption(operator_en: str, code: str) -> Adoption:
    return Adoption.objects.get(service__organization__name_en=operator_en, measure__code=code)


REPORT_YEARS = [
    ("DeNA Co., Ltd.", "message_monitoring", 2007),
    ("DeNA Co., Ltd.", "internet_zoning", 2011),
    ("GREE, Inc.", "age_gap_message_block", 2009),
    ("GREE, Inc.", "message_monitoring", 2010),
    ("GREE, Inc.", "internet_zoning", 2010),
    ("GREE, Inc.", "post_monitoring_before", 2011),
    ("LINE Corporation", "internet_zoning", 2012),
]
REPORT_WITHOUT_YEAR = [
    ("DeNA Co., Ltd.", "age_gap_message_block"),
    ("DeNA Co., Ltd.", "keyword_screening"),
    ("DeNA Co., Ltd.", "round_the_clock_patrol"),
    ("LINE Corporation", "id_search_restriction"),
]


def test_report_operators_and_years(demo):
    for operator, code, year in REPORT_YEARS:
        recorded = adoption(operator, code)
        assert (operator, code, recorded.started_on.year) == (operator, code, year)
        assert recorded.started_precision == DatePrecision.YEAR
    for operator, code in REPORT_WITHOUT_YEAR:
        recorded = adoption(operator, code)
        assert (operator, code, recorded.status) == (operator, code, AdoptionStatus.ADOPTED)
        assert recorded.started_on is None


def test_report_operators_self_declared(demo):
    named = ["DeNA Co., Ltd.", "GREE, Inc.", "LINE Corporation"]

    assert not Adoption.objects.filter(
        service__organization__name_en__in=named, status=AdoptionStatus.VERIFIED
    ).exists()


def test_some_adoptions_verified_by_demo_review_body(demo):
    verified = Adoption.objects.filter(status=AdoptionStatus.VERIFIED)

    assert verified.count() >= 3
    assert set(verified.values_list("verified_by_organization__name_ja", flat=True)) == {
        "コミュニティサイト第三者審査機構"
    }


def test_new_entrant_halfway_through(demo):
    checklist = Checklist.objects.get(organization__name_en="Mirai Chat Inc.")
    items = list(checklist.items.all())
    settled = [item for item in items if item.is_settled]

    assert 0 < len(settled) < len(items)
    assert any(item.is_verified for item in settled)
    assert not checklist.is_complete


def test_completed_checklists_have_certificates(demo):
    assert Certificate.objects.filter(checklist__organization__name_en="Hiroba Video Inc.").exists()


def test_loading_twice_changes_nothing(demo):
    counts = (Service.objects.count(), Adoption.objects.count(), Checklist.objects.count())

    call_command("load_demo", verbosity=0)

    assert (Service.objects.count(), Adoption.objects.count(), Checklist.objects.count()) == counts
