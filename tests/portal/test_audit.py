"""The audit log: what gets recorded, and who may browse it in the admin."""

import pytest

from portal.audit.models import AuditEvent, Outcome
from portal.members.models import OrganizationKind


@pytest.mark.django_db
def test_failed_sign_in_recorded_against_account(client, make_user):
    user = make_user(OrganizationKind.OPERATOR)

    client.post("/ja/accounts/login/", {"login": user.email, "password": "wrong-password"})

    event = AuditEvent.objects.get(action="accounts.sign_in.failed")
    assert event.object_id == str(user.pk)
    assert event.outcome == Outcome.FAILURE


@pytest.mark.django_db
def test_failed_sign_in_keeps_no_typed_identifier(client):
    client.post("/ja/accounts/login/", {"login": "nobody@example.jp", "password": "wrong-password"})

    event = AuditEvent.objects.get(action="accounts.sign_in.failed")
    assert "nobody" not in f"{event.object_label} {event.detail}"


def test_secretariat_filters_audit_log_by_action(client, make_user):
    secretariat = make_user(OrganizationKind.SECRETARIAT, role="admin", totp=True)
    AuditEvent.objects.create(action="members.membership.approved", object_label="approved-one")
    AuditEvent.objects.create(action="accounts.sign_in.failed", object_label="failed-one")
    client.force_login(secretariat)

    response = client.get("/admin/audit-log/", {"action": "members."})

    assert b"approved-one" in response.content
    assert b"failed-one" not in response.content


def test_audit_log_export_is_recorded(client, make_user):
    secretariat = make_user(OrganizationKind.SECRETARIAT, role="admin", totp=True)
    client.force_login(secretariat)

    response = client.get("/admin/audit-log/", {"export": "csv"})

    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="audit.log.exported", actor=secretariat).exists()


def test_audit_entries_cannot_be_edited_in_admin(client, make_user):
    secretariat = make_user(OrganizationKind.SECRETARIAT, role="admin", totp=True)
    event = AuditEvent.objects.create(action="members.membership.approved")
    client.force_login(secretariat)

    response = client.get(f"/admin/audit-log/edit/{event.pk}/")

    assert response.status_code in (302, 403)


def export(client, make_user, export_format: str):
    secretariat = make_user(OrganizationKind.SECRETARIAT, role="admin", totp=True)
    client.force_login(secretariat)
    response = client.get("/admin/audit-log/", {"export": export_format})
    return b"".join(response.streaming_content) if response.streaming else b"".join(response)


def test_csv_export_neutralises_formulas(client, make_user):
    AuditEvent.objects.create(action="members.membership.requested", object_label='=HYPERLINK("x","y")')

    content = export(client, make_user, "csv").decode("utf-8-sig")

    assert "'=HYPERLINK" in content
    assert ",=HYPERLINK" not in content


def test_csv_export_starts_with_byte_order_mark(client, make_user):
    content = export(client, make_user, "csv")

    assert content.startswith("\ufeff".encode())


def test_xlsx_export_survives_control_characters(client, make_user):
    from io import BytesIO

    from openpyxl import load_workbook

    AuditEvent.objects.create(action="members.membership.requested", object_label="a\x07\x1b[31mb")

    workbook = load_workbook(BytesIO(export(client, make_user, "xlsx")))

    cells = [cell for row in workbook.active.iter_rows(values_only=True) for cell in row]
    assert "a[31mb" in cells


def test_csv_export_writes_local_time(client, make_user):
    import datetime

    AuditEvent.objects.create(
        action="members.membership.requested",
        occurred_at=datetime.datetime(2026, 12, 4, 15, 30, tzinfo=datetime.UTC),
    )

    content = export(client, make_user, "csv").decode("utf-8-sig")

    assert "2026-12-05 00:30:00" in content


def test_xlsx_export_survives_noncharacters(client, make_user):
    from io import BytesIO

    from openpyxl import load_workbook

    AuditEvent.objects.create(action="members.membership.requested", object_label="Taro\uffff")

    workbook = load_workbook(BytesIO(export(client, make_user, "xlsx")))

    cells = [cell for row in workbook.active.iter_rows(values_only=True) for cell in row]
    assert "Taro" in cells


def test_xlsx_export_keeps_formula_text_unprefixed(client, make_user):
    from io import BytesIO

    from openpyxl import load_workbook

    AuditEvent.objects.create(action="members.membership.requested", object_label="=1+1")

    workbook = load_workbook(BytesIO(export(client, make_user, "xlsx")))

    cells = [cell for row in workbook.active.iter_rows(values_only=True) for cell in row]
    assert "=1+1" in cells
