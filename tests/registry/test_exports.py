"""CSV and JSON exports of the public registry."""

import csv
import datetime
import io
import json

import pytest
from django.db import connection

from portal.audit.models import AuditEvent
from registry.models import AdoptionStatus, DatePrecision, Evidence, EvidenceKind
from tests.registry.factories import make_adoption, make_operator, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def services():
    operator = make_operator(name_ja='=HYPERLINK("http://evil.example")', name_en="=cmd|' /C calc'!A0")
    zoned = make_service(operator, name_ja="見守りチャット", name_en="Mimamori Chat", site_types=["chat"])
    make_adoption(
        zoned, "internet_zoning", started_on=datetime.date(2012, 1, 1), precision=DatePrecision.YEAR
    )
    verified = make_adoption(
        zoned, "age_verification", AdoptionStatus.VERIFIED, verified_on=datetime.date(2025, 2, 1)
    )
    verified.reviewer_note = "Reviewer secret note"
    verified.save()
    Evidence.objects.create(
        adoption=verified,
        kind=EvidenceKind.TEXT,
        title="Staff rota",
        text="Private rota text",
        effective_on=datetime.date(2024, 1, 1),
    )
    plain = make_service(name_ja="動画ひろば", name_en="Video Square", site_types=["video"])
    return {"zoned": zoned, "plain": plain}


def read_csv(response) -> tuple[bytes, list[list[str]]]:
    raw = b"".join(response.streaming_content)
    return raw, list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_csv_starts_with_byte_order_mark(client, services):
    raw, _rows = read_csv(client.get("/ja/registry/export.csv"))

    assert raw.startswith("\ufeff".encode())


def test_csv_content_type_and_download_name(client, services):
    response = client.get("/ja/registry/export.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")


def test_csv_header_in_japanese(client, services):
    _raw, rows = read_csv(client.get("/ja/registry/export.csv"))

    assert rows[0][0] == "事業者"


def test_csv_neutralises_formulas(client, services):
    _raw, rows = read_csv(client.get("/en/registry/export.csv"))

    operator_cells = {row[0] for row in rows[1:]}
    assert "'=cmd|' /C calc'!A0" in operator_cells
    assert not any(cell.startswith("=") for row in rows for cell in row)


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r", "\x00="])
def test_csv_neutralises_formulas_in_every_text_column(client, prefix):
    if "\x00" in prefix and connection.vendor == "postgresql":
        pytest.skip("PostgreSQL text columns cannot store a NUL character at all.")
    operator = make_operator(name_en=f"{prefix}1+1 Operator")
    service = make_service(
        operator, name_en=f"{prefix}1+1 Service", url="https://example.jp/", site_types=["chat"]
    )
    make_adoption(service, "internet_zoning", AdoptionStatus.PLANNED, reason=f"{prefix}1+1 reason")

    _raw, rows = read_csv(client.get("/en/registry/export.csv"))

    (row,) = rows[1:]
    assert row[0] == "'" + f"{prefix}1+1 Operator".replace("\x00", "")
    assert row[1] == "'" + f"{prefix}1+1 Service".replace("\x00", "")
    assert row[14] == "'" + f"{prefix}1+1 reason".replace("\x00", "")


def test_csv_holds_what_filters_show(client, services):
    _raw, rows = read_csv(
        client.get("/en/registry/export.csv", {"site_type": "chat", "measure": "internet_zoning"})
    )

    assert len(rows) == 2
    assert rows[1][1] == "Mimamori Chat"
    assert rows[1][4] == "internet_zoning"
    assert rows[1][7] == "2012"


def test_csv_lists_service_without_adoptions(client, services):
    _raw, rows = read_csv(client.get("/en/registry/export.csv"))

    video_rows = [row for row in rows if row[1] == "Video Square"]
    assert len(video_rows) == 1
    assert video_rows[0][4] == ""


def test_csv_writes_local_times(client, services):
    _raw, rows = read_csv(client.get("/en/registry/export.csv"))

    last_changed = rows[1][-1]
    assert datetime.datetime.strptime(last_changed, "%Y-%m-%d %H:%M:%S")


def test_exports_leave_out_members_only_text(client, services):
    _raw, rows = read_csv(client.get("/en/registry/export.csv"))
    document = client.get("/en/registry/export.json").getvalue().decode()

    flat = "\n".join(",".join(row) for row in rows)
    for secret in ("Reviewer secret note", "Private rota text", "Staff rota"):
        assert secret not in flat
        assert secret not in document


def test_json_shape(client, services):
    document = json.loads(client.get("/en/registry/export.json", {"measure": "age_verification"}).getvalue())

    assert document["format"] == "conference-portal/registry"
    assert document["version"] == 1
    assert document["filters"]["measure"] == "age_verification"
    assert document["count"] == 1
    service = document["services"][0]
    assert service["name"] == {"ja": "見守りチャット", "en": "Mimamori Chat"}
    assert service["site_types"] == ["chat"]
    adoption = service["adoptions"][0]
    assert adoption["measure"] == "age_verification"
    assert adoption["status"] == "verified"
    assert adoption["verification"]["verified_on"] == "2025-02-01"
    assert set(adoption) == {
        "measure",
        "status",
        "since",
        "planned_for",
        "ended_on",
        "verification",
        "needs_review",
        "reason",
        "updated_at",
    }


def test_json_keeps_japanese_unescaped(client, services):
    raw = client.get("/ja/registry/export.json").getvalue()

    assert "見守りチャット".encode() in raw


def test_export_recorded_in_audit_log(client, services):
    client.get("/en/registry/export.csv", {"measure": "internet_zoning", "q": "private words"})

    event = AuditEvent.objects.get(action="registry.export.csv")
    assert event.detail["measure"] == "internet_zoning"
    assert "private words" not in json.dumps(event.detail)


def test_exports_past_limit_get_429(client, services, settings):
    settings.PORTAL_EXPORT_LIMIT = 2
    for _ in range(2):
        assert client.get("/ja/registry/export.csv").status_code == 200

    refused = client.get("/ja/registry/export.json")

    assert refused.status_code == 429
    assert refused["Retry-After"] == str(settings.PORTAL_EXPORT_WINDOW_SECONDS)
    assert "エクスポート" in refused.content.decode()
    assert AuditEvent.objects.filter(action__startswith="registry.export").count() == 2
    # Another sender has a limit of its own.
    assert client.get("/ja/registry/export.csv", REMOTE_ADDR="192.0.2.44").status_code == 200
