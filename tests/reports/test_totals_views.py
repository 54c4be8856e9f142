"""The public totals page and its CSV: filters, languages, suppression on screen and in the file."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation

from portal.audit.models import AuditEvent
from reports import totals
from reports.models import Outcome
from tests.registry.factories import make_operator, make_service

from .factories import make_report
from .test_totals import add_report, at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    totals.forget_totals()


def url(name: str, language: str = "ja") -> str:
    with translation.override(language):
        return reverse(f"reports:{name}")


def rows_of(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


@pytest.fixture
def month_with_reports():
    """Reports this month: five on one operator's service (three closed), one on another's, four on unlisted sites.

    The single report is hidden, and so are the unlisted sites' four, since the total would give it away.
    """
    month = totals.current_month()
    service = make_service(make_operator(name_ja="つなぐSNS合同会社", name_en="Tsunagu SNS LLC"))
    for index in range(5):
        closed = at(month, 1, index + 1) if index < 3 else None
        add_report(
            service,
            received=at(month, 1, 0),
            closed=closed,
            outcome=Outcome.REMOVED,
            contact_email=f"reporter{index}@example.net",
        )
    add_report(make_service(make_operator(name_en="Hiroba Video Inc.")), received=at(month, 1, 0))
    for _index in range(4):
        add_report(None, received=at(month, 1, 0), site_address="https://unlisted.example.com/")
    return service


def test_page_is_public_in_japanese(client, month_with_reports):
    response = client.get(url("totals"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "通報件数は" in content
    assert "つなぐSNS合同会社" in content
    assert "3未満" in content
    assert 'role="img"' in content


def test_page_in_english(client, month_with_reports):
    response = client.get(url("totals", "en"))

    content = response.content.decode()
    assert "measures how much people report, not how much abuse a site has" in content
    assert "Tsunagu SNS LLC" in content
    assert "Sites not in the registry" in content
    assert "fewer than 3" in content


def test_page_never_shows_reporters(client, month_with_reports):
    content = client.get(url("totals", "en")).content.decode()

    assert "reporter0@example.net" not in content
    assert "example.net" not in content


def test_empty_page_says_so(client):
    response = client.get(url("totals", "en"))

    assert response.status_code == 200
    assert "No report was received or processed in this period." in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"year": "abc"},
        {"year": "99999999999999999999999"},
        {"year": "-1"},
        {"year": "2025\x00"},
        {"operator": "' OR 1=1 --"},
        {"operator": "-1"},
        {"operator": "99999999999999999999999"},
        {"operator": ["1", "not-a-row"]},
        {"year": "<script>alert(1)</script>"},
    ],
)
def test_hostile_filters_get_an_error_not_a_crash(client, month_with_reports, query):
    response = client.get(url("totals", "en"), query)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Select a valid choice" in content
    assert "<script>alert(1)</script>" not in content
    assert client.get(url("totals_csv", "en"), query).status_code == 200


def test_operator_filter_shows_one_row(client, month_with_reports):
    key = str(month_with_reports.organization_id)

    content = client.get(url("totals", "en"), {"operator": key}).content.decode()

    assert "Tsunagu SNS LLC: figures per month" in content
    assert "All operators and sites: figures per month" not in content
    assert "By operator" not in content


def test_year_filter_shows_that_year(client, month_with_reports):
    add_report(month_with_reports, received=at(totals.add_months(totals.current_month(), -12)))
    year = totals.add_months(totals.current_month(), -12).year

    response = client.get(url("totals", "en"), {"year": str(year)})

    assert response.status_code == 200
    assert f"January {year}" in response.content.decode()


def test_csv_holds_the_cells_of_the_page(client, month_with_reports):
    response = client.get(url("totals_csv", "en"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = rows_of(response)
    assert rows[0] == [
        "Month",
        "Operator ID",
        "Operator",
        "Received",
        "Processed",
        "Posts removed",
        "Median days to outcome",
    ]
    month = f"{totals.current_month():%Y-%m}"
    by_name = {(row[0], row[2]): row for row in rows[1:]}
    operator = by_name[(month, "Tsunagu SNS LLC")]
    assert operator[3:] == ["5", "3", "3", "0.1"]
    assert by_name[(month, "Hiroba Video Inc.")][3] == "fewer than 3"
    assert by_name[(month, "Sites not in the registry")][3] == "not shown"
    assert by_name[(month, "Sites not in the registry")][6] == "not shown"
    assert by_name[(month, "All operators and sites")][3] == "10"
    assert len(rows) == 1 + 4 * 12


def test_csv_neutralises_formulas_in_operator_names(client):
    service = make_service(make_operator(name_en='=HYPERLINK("https://evil.example")'))
    for _index in range(3):
        add_report(service, received=at(totals.current_month()))

    rows = rows_of(client.get(url("totals_csv", "en")))

    names = {row[2] for row in rows[1:]}
    assert '\'=HYPERLINK("https://evil.example")' in names


def test_csv_download_is_audited(client, month_with_reports):
    client.get(url("totals_csv"), {"operator": str(month_with_reports.organization_id)})

    event = AuditEvent.objects.get(action="reports.totals.exported")
    assert event.detail["operator"] == str(month_with_reports.organization_id)


def test_csv_downloads_past_the_senders_limit_answer_429(client, month_with_reports, settings):
    settings.PORTAL_EXPORT_LIMIT = 1
    client.get(url("totals_csv"))

    assert client.get(url("totals_csv")).status_code == 429
    assert AuditEvent.objects.filter(action="reports.totals.exported").count() == 1


def test_page_changes_at_once_after_a_new_report(client, month_with_reports):
    key = str(month_with_reports.organization_id)
    client.get(url("totals", "en"))

    make_report(month_with_reports)

    rows = rows_of(client.get(url("totals_csv", "en"), {"operator": key}))
    current = next(row for row in rows[1:] if row[0] == f"{totals.current_month():%Y-%m}")
    assert current[3] == "6"


def test_japanese_csv_uses_japanese_labels(client, month_with_reports):
    rows = rows_of(client.get(url("totals_csv")))

    assert rows[0][0] == "月"
    assert rows[0][3] == "受付"
    assert "3未満" in {row[3] for row in rows[1:]}
