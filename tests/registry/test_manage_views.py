"""Operators' forms for services, adoptions and evidence; evidence files; the reviewers' form."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from portal.audit.models import AuditEvent
from registry.models import Adoption, AdoptionStatus, DatePrecision, Evidence, EvidenceKind, Service
from tests.factories import make_member
from tests.registry.factories import (
    make_adoption,
    make_operator,
    make_operator_admin,
    make_reviewer,
    make_service,
)

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def operator():
    return make_operator(name_en="Mimamori Chat Inc.")


@pytest.fixture
def admin(operator):
    return make_operator_admin(operator)


@pytest.fixture
def service(operator):
    return make_service(operator, name_ja="見守りチャット", name_en="Mimamori Chat")


def test_admin_adds_service(client, operator, admin):
    client.force_login(admin)

    response = client.post(
        f"/en/registry/manage/{operator.pk}/services/add/",
        {
            "name_ja": "新サービス",
            "name_en": "New Service",
            "url": "example.jp",
            "site_types": ["chat", "video"],
            "user_count": "10k_100k",
            "minor_share": "",
            "launched_year": "2024",
            "is_public": "on",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    service = Service.objects.get(name_ja="新サービス")
    assert service.url == "https://example.jp"
    assert set(service.site_types.values_list("code", flat=True)) == {"chat", "video"}


def test_duplicate_service_name_on_field(client, operator, admin, service):
    client.force_login(admin)

    response = client.post(
        f"/en/registry/manage/{operator.pk}/services/add/",
        {
            "name_ja": "見守りチャット",
            "name_en": "Typed English name",
            "site_types": ["chat"],
            "is_public": "on",
        },
    )

    assert response.status_code == 400
    assert response.context["form"].errors["name_ja"]
    assert 'value="Typed English name"' in response.content.decode()


def test_other_operator_cannot_open_service_form(client, service):
    client.force_login(make_operator_admin())

    assert client.get(f"/en/registry/services/{service.pk}/edit/").status_code == 403
    assert client.get(f"/en/registry/manage/{service.organization_id}/services/add/").status_code == 403


def test_admin_records_adoption_year_only(client, admin, service):
    client.force_login(admin)

    client.post(
        f"/en/registry/services/{service.pk}/adoptions/add/",
        {
            "measure": "internet_zoning",
            "status": "adopted",
            "started_on": "2012-07-15",
            "started_precision": "year",
        },
    )

    adoption = Adoption.objects.get(service=service)
    assert adoption.started_on == datetime.date(2012, 1, 1)
    assert adoption.started_precision == DatePrecision.YEAR


@pytest.mark.parametrize("field", ["started_on", "ended_on"])
def test_adoption_date_before_1990_rejected_on_field(client, admin, service, field):
    client.force_login(admin)
    dates = {"started_on": "2015-01-01", "ended_on": "2020-01-01", field: "0001-01-01"}

    response = client.post(
        f"/en/registry/services/{service.pk}/adoptions/add/",
        {
            "measure": "internet_zoning",
            "status": "discontinued",
            "reason": "Replaced",
            "started_precision": "day",
            **dates,
        },
    )

    assert response.status_code == 400
    assert "1990" in " ".join(response.context["form"].errors[field])
    assert not Adoption.objects.exists()


def test_adoption_form_offers_only_new_measures(client, admin, service):
    make_adoption(service, "internet_zoning")
    client.force_login(admin)

    response = client.get(f"/en/registry/services/{service.pk}/adoptions/add/")

    codes = [measure.code for measure in response.context["form"].fields["measure"].queryset]
    assert "internet_zoning" not in codes
    assert "age_verification" in codes


def test_adoption_form_offers_no_verified_status(client, admin, service):
    client.force_login(admin)

    response = client.get(f"/en/registry/services/{service.pk}/adoptions/add/")

    statuses = [value for value, _label in response.context["form"].fields["status"].choices]
    assert AdoptionStatus.VERIFIED not in statuses


def test_discontinued_without_reason_errors_on_fields(client, admin, service):
    client.force_login(admin)

    response = client.post(
        f"/en/registry/services/{service.pk}/adoptions/add/",
        {
            "measure": "internet_zoning",
            "status": "discontinued",
            "started_on": "2015-01-01",
            "started_precision": "day",
        },
    )

    errors = response.context["form"].errors
    assert response.status_code == 400
    assert "reason" in errors
    assert "ended_on" in errors
    assert 'value="2015-01-01"' in response.content.decode()


def test_evidence_of_wrong_type_rejected_on_field(client, admin, service):
    adoption = make_adoption(service, "internet_zoning")
    client.force_login(admin)

    response = client.post(
        f"/en/registry/adoptions/{adoption.pk}/evidence/add/",
        {
            "kind": "file",
            "title": "Typed title",
            "effective_on": "2025-01-01",
            "file": SimpleUploadedFile("policy.pdf", b"<html>not a pdf</html>"),
        },
    )

    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert 'value="Typed title"' in response.content.decode()
    assert not Evidence.objects.exists()


def test_evidence_expiry_before_effective_date_rejected(client, admin, service):
    adoption = make_adoption(service, "internet_zoning")
    client.force_login(admin)

    response = client.post(
        f"/en/registry/adoptions/{adoption.pk}/evidence/add/",
        {
            "kind": "link",
            "title": "Policy",
            "url": "https://example.jp",
            "effective_on": "2025-01-01",
            "expires_on": "2024-12-31",
        },
    )

    assert response.context["form"].errors["expires_on"]


@pytest.fixture
def file_evidence(client, admin, service):
    adoption = make_adoption(service, "internet_zoning")
    client.force_login(admin)
    client.post(
        f"/en/registry/adoptions/{adoption.pk}/evidence/add/",
        {
            "kind": "file",
            "title": "監視体制",
            "effective_on": "2025-01-01",
            "file": SimpleUploadedFile("policy.pdf", PDF_BYTES),
        },
    )
    client.logout()
    return Evidence.objects.get()


def test_evidence_file_stored_under_random_name(file_evidence):
    assert file_evidence.kind == EvidenceKind.FILE
    assert "policy" not in file_evidence.file.name
    assert file_evidence.effective_on == datetime.date(2025, 1, 1)


def test_evidence_file_served_to_own_member(client, operator, file_evidence):
    client.force_login(make_member(organization=operator))

    response = client.get(f"/en/registry/evidence/{file_evidence.pk}/file/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert AuditEvent.objects.filter(action="registry.evidence.read", outcome="success").exists()


def test_evidence_file_served_to_reviewer(client, file_evidence):
    client.force_login(make_reviewer())

    assert client.get(f"/en/registry/evidence/{file_evidence.pk}/file/").status_code == 200


def test_evidence_file_refused_to_other_operator(client, file_evidence):
    client.force_login(make_operator_admin())

    response = client.get(f"/en/registry/evidence/{file_evidence.pk}/file/")

    assert response.status_code == 403
    assert AuditEvent.objects.filter(action="registry.evidence.read", outcome="denied").exists()


def test_evidence_file_sends_anonymous_to_sign_in(client, file_evidence):
    response = client.get(f"/en/registry/evidence/{file_evidence.pk}/file/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_service_page_shows_history_to_members(client, operator, admin, service):
    client.force_login(admin)
    client.post(
        f"/en/registry/services/{service.pk}/adoptions/add/",
        {"measure": "internet_zoning", "status": "planned", "started_precision": "day"},
    )

    response = client.get(f"/en/registry/services/{service.pk}/")

    assert "Recorded: Planned" in " ".join(response.content.decode().split())


def test_reviewer_verifies_through_form(client, admin, service):
    adoption = make_adoption(service, "internet_zoning")
    reviewer = make_reviewer()
    client.force_login(reviewer)

    response = client.post(
        f"/en/registry/adoptions/{adoption.pk}/review/",
        {"decision": "verify", "verified_on": timezone.localdate().isoformat(), "note": ""},
    )

    adoption.refresh_from_db()
    assert response.status_code == 302
    assert adoption.status == AdoptionStatus.VERIFIED


def test_reviewer_decline_needs_note(client, service):
    adoption = make_adoption(service, "internet_zoning")
    client.force_login(make_reviewer())

    response = client.post(
        f"/en/registry/adoptions/{adoption.pk}/review/", {"decision": "decline", "note": ""}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["note"]


def test_review_queue_lists_declared_adoptions(client, service):
    adoption = make_adoption(service, "internet_zoning")
    make_adoption(service, "age_verification", AdoptionStatus.PLANNED)
    client.force_login(make_reviewer())

    response = client.get("/en/registry/review/")

    assert list(response.context["page_obj"].object_list) == [adoption]
