"""Public statistics: the report's figures, accessible charts, CSV downloads and the police's form."""

import csv
import io

import pytest

from incidents.models import StatisticsPeriod, VictimCount
from portal.audit.models import AuditEvent
from tests.incidents.paths import url

pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_report_figures_loaded_with_source(db):
    figures = {(period.year, period.kind): period.total_victims for period in StatisticsPeriod.objects.all()}

    assert figures == {(2008, "year"): 792, (2015, "year"): 1652, (2016, "first_half"): 889}
    assert all("National Police Agency" in period.source_en for period in StatisticsPeriod.objects.all())


def test_page_shows_figures_as_accessible_chart(client):
    response = client.get(url("statistics", "en"))

    content = response.content.decode()
    assert response.status_code == 200
    assert 'role="img"' in content
    assert '<title id="chart-periods-title">Child victims by period</title>' in content
    assert "2015: 1,652" in content
    assert '<td class="number">1,652</td>' in content


def test_breakdown_chart_for_selected_period(client):
    period = StatisticsPeriod.objects.get(year=2015)
    VictimCount.objects.create(period=period, dimension="site_type", category="chat", victims=400)
    VictimCount.objects.create(period=period, dimension="site_type", category="video", victims=2)

    response = client.get(url("statistics", "en"), {"period": period.pk})

    rows = response.context["breakdowns"][0]["rows"]
    assert [(code, cell.value) for code, _label, cell in rows] == [("chat", 400), ("video", None)]


def test_totals_csv_with_sources(client):
    response = client.get(url("statistics_csv", "en"))

    rows = csv_rows(response)
    assert rows[0][:4] == ["Period", "Year", "Months", "Child victims"]
    assert [row[3] for row in rows[1:]] == ["792", "1652", "889"]
    assert response.content.startswith("\ufeff".encode())


def test_breakdown_csv_suppresses_small_cells(client):
    period = StatisticsPeriod.objects.get(year=2015)
    VictimCount.objects.create(period=period, dimension="age_bracket", category="13_and_under", victims=1)

    response = client.get(url("statistics_breakdown_csv", "en", pk=period.pk))

    row = csv_rows(response)[1]
    assert row[2:6] == ["13_and_under", "13 and under", "", "true"]


def complete_age_breakdown(period, *, youngest: int, middle: int) -> None:
    """Record an age breakdown that adds up to the period's total, so the oldest bracket is the remainder."""
    oldest = period.total_victims - youngest - middle
    for category, victims in (("13_and_under", youngest), ("14_15", middle), ("16_17", oldest)):
        VictimCount.objects.create(period=period, dimension="age_bracket", category=category, victims=victims)


def test_small_cell_of_complete_breakdown_not_derivable(client):
    # 1,652 - 800 - 850 = 2: with every other cell and the total shown, the hidden one could be worked out.
    period = StatisticsPeriod.objects.get(year=2015)
    complete_age_breakdown(period, youngest=2, middle=800)

    rows = csv_rows(client.get(url("statistics_breakdown_csv", "en", pk=period.pk)))[1:]

    hidden = [row[2] for row in rows if row[5] == "true"]
    assert hidden == ["13_and_under", "14_15"]
    assert [row[4] for row in rows if row[2] == "16_17"] == ["850"]


def test_hidden_cells_at_their_minimums_hide_one_more(client):
    # Hiding 1 and 3 leaves a remainder of 4, which only "fewer than 3" = 1 and "not shown" = 3 add up to.
    period = StatisticsPeriod.objects.get(year=2015)
    complete_age_breakdown(period, youngest=1, middle=3)

    rows = csv_rows(client.get(url("statistics_breakdown_csv", "en", pk=period.pk)))[1:]

    assert [row[2] for row in rows if row[5] == "true"] == ["13_and_under", "14_15", "16_17"]


def test_complementary_cell_shown_as_not_shown(client):
    period = StatisticsPeriod.objects.get(year=2015)
    complete_age_breakdown(period, youngest=2, middle=800)

    content = client.get(url("statistics", "en"), {"period": period.pk}).content.decode()

    assert "fewer than 3" in content
    assert "not shown" in content
    assert "800" not in content


def test_incomplete_breakdown_hides_only_small_cells(client):
    period = StatisticsPeriod.objects.get(year=2015)
    VictimCount.objects.create(period=period, dimension="age_bracket", category="13_and_under", victims=2)
    VictimCount.objects.create(period=period, dimension="age_bracket", category="14_15", victims=800)

    rows = csv_rows(client.get(url("statistics_breakdown_csv", "en", pk=period.pk)))[1:]

    assert [row[2] for row in rows if row[5] == "true"] == ["13_and_under"]


def test_csv_download_audited(client):
    client.get(url("statistics_csv"))

    assert AuditEvent.objects.filter(action="incidents.statistics.exported").count() == 1


def test_police_adds_period_with_breakdown(client, member):
    police = member("police")
    client.force_login(police)

    response = client.post(
        url("statistics_create"),
        {
            "year": "2016",
            "kind": "second_half",
            "total_victims": "900",
            "source_ja": "警察庁の統計",
            "source_en": "NPA statistics",
            "count_age_bracket_16_17": "500",
        },
    )

    period = StatisticsPeriod.objects.get(year=2016, kind="second_half")
    assert response.status_code == 302
    assert list(period.counts.values_list("category", "victims")) == [("16_17", 500)]


def test_breakdown_above_total_rejected(client, member):
    client.force_login(member("secretariat", admin=True))

    response = client.post(
        url("statistics_create", "en"),
        {
            "year": "2014",
            "kind": "year",
            "total_victims": "10",
            "source_ja": "警察庁の統計",
            "count_offence_type_child_pornography": "11",
        },
    )

    assert response.status_code == 200
    assert "more than the total of 10" in str(response.context["form"].errors)


def test_operator_cannot_add_period(client, member):
    client.force_login(member("operator"))

    response = client.post(url("statistics_create"), {"year": "2014", "kind": "year", "total_victims": "1"})

    assert response.status_code == 403


def test_csv_downloads_past_the_senders_limit_answer_429(client, settings):
    settings.PORTAL_EXPORT_LIMIT = 1
    client.get(url("statistics_csv"))

    assert client.get(url("statistics_csv")).status_code == 429
    assert AuditEvent.objects.filter(action="incidents.statistics.exported").count() == 1
