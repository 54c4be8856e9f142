"""Coverage of the measures: the numbers, the series by year, and the accessible charts."""

import datetime

import pytest

from registry.coverage import coverage_by_measure, coverage_by_year
from registry.models import AdoptionStatus, DatePrecision, Measure, Service
from tests.registry.factories import make_adoption, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def services():
    first = make_service(launched_year=2010)
    make_adoption(
        first, "internet_zoning", started_on=datetime.date(2011, 1, 1), precision=DatePrecision.YEAR
    )
    second = make_service(launched_year=2012)
    make_adoption(second, "internet_zoning", AdoptionStatus.VERIFIED, started_on=datetime.date(2013, 6, 1))
    third = make_service(launched_year=2012)
    make_adoption(
        third,
        "internet_zoning",
        AdoptionStatus.DISCONTINUED,
        started_on=datetime.date(2012, 1, 1),
        ended_on=datetime.date(2014, 3, 1),
    )
    make_service()
    return Service.objects.public()


def test_share_by_measure(services):
    rows = {row.measure.code: row for row in coverage_by_measure(services)}

    zoning = rows["internet_zoning"]
    assert zoning.services == 4
    assert zoning.verified == 1
    assert zoning.self_declared == 1
    assert zoning.share == 0.5
    assert rows["age_verification"].in_place == 0


def test_share_by_year(services):
    zoning = Measure.objects.get(code="internet_zoning")

    series = {point.year: point for point in coverage_by_year(services, zoning, 2015)}

    assert min(series) == 2011
    # 2011: the service launched in 2010 and the one without a launch year operate; one has zoning.
    assert (series[2011].services, series[2011].with_measure) == (2, 1)
    # 2013: all four operate; the first, second and the not yet discontinued third have zoning.
    assert (series[2013].services, series[2013].with_measure) == (4, 3)
    # 2014: the third discontinued zoning in March.
    assert series[2014].with_measure == 2


def test_series_starts_no_earlier_than_1990(services):
    zoning = Measure.objects.get(code="internet_zoning")
    # A start date typed as year 1, saved before the form checked dates, would add 2,000 columns.
    make_adoption(make_service(), "internet_zoning", started_on=datetime.date(1, 1, 1))

    series = coverage_by_year(services, zoning, 2015)

    assert series[0].year == 1990
    assert len(series) == 26


def test_measure_never_adopted_has_no_series(services):
    assert coverage_by_year(services, Measure.objects.get(code="awareness_talks"), 2015) == []


def test_chart_is_accessible_svg_with_table(client, services):
    content = client.get("/en/registry/coverage/", {"measure": "internet_zoning"}).content.decode()

    assert content.count('role="img"') == 2
    assert '<title id="by-measure-title">' in content
    assert '<desc id="by-measure-desc">' in content
    assert 'aria-labelledby="by-measure-title by-measure-desc"' in content
    assert 'fill="url(#hatch)"' in content
    assert "<caption>Services with each measure in place, in numbers</caption>" in content
    assert ">50%</text>" in content


def test_coverage_filters_by_site_type(client, services):
    make_service(site_types=["video"])

    response = client.get("/en/registry/coverage/", {"site_type": "video"})

    assert response.context["service_count"] == 1


def test_coverage_ignores_unknown_codes(client, services):
    response = client.get("/en/registry/coverage/", {"site_type": "nope", "measure": "nope"})

    assert response.status_code == 200
    assert response.context["measure"].code == "internet_zoning"
