"""Adoptions through the services: history, verification, flags after guideline changes, evidence."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from portal.audit.models import AuditEvent
from portal.notifications.models import Notification
from registry.models import Adoption, AdoptionStatus, EventKind, Evidence, EvidenceKind, Measure, SiteType
from registry.services.adoptions import (
    add_evidence,
    decline_verification,
    flag_adoptions_for_review,
    remove_evidence,
    save_adoption,
    save_service,
    verify_adoption,
)
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
    return make_operator(name_ja="見守りチャット株式会社", name_en="Mimamori Chat Inc.")


@pytest.fixture
def admin(operator):
    return make_operator_admin(operator)


@pytest.fixture
def service(operator):
    return make_service(operator)


def declare(service, admin, code="internet_zoning", status=AdoptionStatus.ADOPTED, **fields):
    adoption = Adoption(service=service, measure=Measure.objects.get(code=code), status=status, **fields)
    return save_adoption(adoption, actor=admin)


def test_new_adoption_recorded_in_history(service, admin):
    adoption = declare(service, admin, started_on=datetime.date(2012, 1, 1))

    event = adoption.events.get()
    assert event.kind == EventKind.RECORDED
    assert event.to_status == AdoptionStatus.ADOPTED
    assert event.actor == admin
    assert event.actor_organization == service.organization


def test_status_change_recorded_with_both_statuses(service, admin):
    adoption = declare(service, admin, status=AdoptionStatus.PLANNED)
    adoption.status = AdoptionStatus.ADOPTED

    save_adoption(adoption, actor=admin)

    change = adoption.events.filter(kind=EventKind.STATUS_CHANGED).get()
    assert (change.from_status, change.to_status) == (AdoptionStatus.PLANNED, AdoptionStatus.ADOPTED)


def test_unchanged_save_adds_no_history(service, admin):
    adoption = declare(service, admin)

    save_adoption(Adoption.objects.get(pk=adoption.pk), actor=admin)

    assert adoption.events.count() == 1


def test_operator_cannot_declare_verified(service, admin):
    with pytest.raises(ValidationError):
        declare(service, admin, status=AdoptionStatus.VERIFIED)

    assert not Adoption.objects.exists()


def test_duplicate_measure_rejected(service, admin):
    declare(service, admin)

    with pytest.raises(ValidationError) as raised:
        declare(service, admin)

    assert "measure" in raised.value.message_dict


def test_other_operators_admin_denied(service):
    intruder = make_operator_admin()

    with pytest.raises(PermissionDenied):
        declare(service, intruder)

    assert AuditEvent.objects.filter(action="registry.adoption.saved", outcome="denied").exists()


def test_plain_member_cannot_declare(service, operator):
    member = make_member(organization=operator)

    with pytest.raises(PermissionDenied):
        declare(service, member)


def test_verification_names_review_body_and_date(service, admin):
    adoption = declare(service, admin)
    reviewer = make_reviewer()

    verify_adoption(adoption, actor=reviewer, verified_on=datetime.date(2025, 3, 1), note="Checked the logs.")

    adoption.refresh_from_db()
    assert adoption.status == AdoptionStatus.VERIFIED
    assert adoption.verified_by_organization == reviewer.memberships.get().organization
    assert adoption.verified_on == datetime.date(2025, 3, 1)
    assert adoption.events.filter(kind=EventKind.VERIFIED, actor=reviewer).exists()


def test_verification_display_lines(service, admin, language):
    language("en")
    adoption = declare(service, admin)
    reviewer = make_reviewer()
    body = reviewer.memberships.get().organization

    assert adoption.verification_display == "self-declared"

    verify_adoption(adoption, actor=reviewer, verified_on=datetime.date(2025, 3, 1))
    adoption.refresh_from_db()

    assert adoption.verification_display == f"verified by {body.name_en} on March 1, 2025"


def test_verification_notifies_operator_admins(service, admin):
    adoption = declare(service, admin)

    verify_adoption(adoption, actor=make_reviewer(), verified_on=timezone.localdate())

    assert Notification.objects.filter(recipient=admin, kind="registry_adoption_verified").exists()


def test_reviewer_without_totp_cannot_verify(service, admin):
    adoption = declare(service, admin)
    reviewer = make_member("review_body")

    with pytest.raises(PermissionDenied):
        verify_adoption(adoption, actor=reviewer, verified_on=timezone.localdate())


def test_operator_cannot_verify(service, admin):
    adoption = declare(service, admin)

    with pytest.raises(PermissionDenied):
        verify_adoption(adoption, actor=admin, verified_on=timezone.localdate())


def test_planned_measure_cannot_be_verified(service, admin):
    adoption = declare(service, admin, status=AdoptionStatus.PLANNED)

    with pytest.raises(ValidationError):
        verify_adoption(adoption, actor=make_reviewer(), verified_on=timezone.localdate())


def test_future_verification_date_rejected(service, admin):
    adoption = declare(service, admin)

    with pytest.raises(ValidationError):
        verify_adoption(
            adoption, actor=make_reviewer(), verified_on=timezone.localdate() + datetime.timedelta(days=1)
        )


def test_change_after_verification_withdraws_it(service, admin):
    adoption = declare(service, admin, started_on=datetime.date(2020, 1, 1))
    verify_adoption(adoption, actor=make_reviewer(), verified_on=timezone.localdate())
    edited = Adoption.objects.get(pk=adoption.pk)
    # The operator's form offers "adopted" for a verified adoption.
    edited.status = AdoptionStatus.ADOPTED
    edited.started_on = datetime.date(2019, 1, 1)

    save_adoption(edited, actor=admin)

    edited.refresh_from_db()
    assert edited.status == AdoptionStatus.ADOPTED
    assert edited.verified_by_organization is None
    assert edited.events.filter(kind=EventKind.VERIFICATION_WITHDRAWN).exists()


def test_unchanged_save_keeps_verification(service, admin):
    adoption = declare(service, admin)
    verify_adoption(adoption, actor=make_reviewer(), verified_on=timezone.localdate())
    edited = Adoption.objects.get(pk=adoption.pk)
    edited.status = AdoptionStatus.ADOPTED

    save_adoption(edited, actor=admin)

    assert Adoption.objects.get(pk=adoption.pk).status == AdoptionStatus.VERIFIED


def test_decline_needs_note(service, admin):
    adoption = declare(service, admin)

    with pytest.raises(ValidationError):
        decline_verification(adoption, actor=make_reviewer(), note="  ")


def test_decline_returns_verified_to_self_declared(service, admin):
    adoption = declare(service, admin)
    reviewer = make_reviewer()
    verify_adoption(adoption, actor=reviewer, verified_on=timezone.localdate())

    decline_verification(adoption, actor=reviewer, note="The policy document has expired.")

    adoption.refresh_from_db()
    assert adoption.status == AdoptionStatus.ADOPTED
    assert adoption.reviewer_note == "The policy document has expired."
    assert Notification.objects.filter(recipient=admin, kind="registry_verification_declined").exists()


# Flags after a major guideline version


def test_flag_marks_adoptions_in_place_only():
    service = make_service()
    adopted = make_adoption(service, "internet_zoning", AdoptionStatus.ADOPTED)
    verified = make_adoption(service, "age_verification", AdoptionStatus.VERIFIED)
    planned = make_adoption(service, "message_monitoring", AdoptionStatus.PLANNED)
    other_measure = make_adoption(service, "keyword_screening", AdoptionStatus.ADOPTED)
    measures = Measure.objects.filter(code__in=["internet_zoning", "age_verification", "message_monitoring"])

    count = flag_adoptions_for_review(measures, "Guideline 2.0")

    assert count == 2
    flagged = set(Adoption.objects.filter(needs_review=True).values_list("pk", flat=True))
    assert flagged == {adopted.pk, verified.pk}
    assert planned.pk not in flagged
    assert other_measure.pk not in flagged


def test_flag_keeps_status_and_writes_history():
    verified = make_adoption(make_service(), "internet_zoning", AdoptionStatus.VERIFIED)

    flag_adoptions_for_review(Measure.objects.filter(code="internet_zoning"), "Guideline 2.0")

    verified.refresh_from_db()
    assert verified.status == AdoptionStatus.VERIFIED
    assert verified.review_requested_at is not None
    assert verified.events.filter(kind=EventKind.FLAGGED).count() == 1


def test_flag_reason_stored_in_both_languages():
    from django.utils.translation import get_language

    adoption = make_adoption(make_service(), "internet_zoning")

    flag_adoptions_for_review(
        Measure.objects.filter(code="internet_zoning"), lambda: f"reason in {get_language()}"
    )

    adoption.refresh_from_db()
    assert adoption.review_reason_en == "reason in en"
    assert adoption.review_reason_ja == "reason in ja"


def test_flag_notifies_each_operator_once(operator, admin):
    first = make_service(operator)
    second = make_service(operator)
    make_adoption(first, "internet_zoning")
    make_adoption(second, "internet_zoning")

    flag_adoptions_for_review(Measure.objects.filter(code="internet_zoning"), "Guideline 2.0")

    assert Notification.objects.filter(recipient=admin, kind="registry_adoptions_flagged").count() == 1


def test_flag_with_no_measures_does_nothing():
    make_adoption(make_service(), "internet_zoning")

    assert flag_adoptions_for_review(Measure.objects.none(), "Guideline 2.0") == 0


def test_reverification_clears_flag(service, admin):
    adoption = make_adoption(service, "internet_zoning", AdoptionStatus.VERIFIED)
    flag_adoptions_for_review(Measure.objects.filter(code="internet_zoning"), "Guideline 2.0")

    verify_adoption(adoption, actor=make_reviewer(), verified_on=timezone.localdate())

    adoption.refresh_from_db()
    assert adoption.needs_review is False
    assert adoption.review_reason_ja == ""


def test_operator_save_confirms_self_declared_flag(service, admin):
    adoption = make_adoption(service, "internet_zoning")
    flag_adoptions_for_review(Measure.objects.filter(code="internet_zoning"), "Guideline 2.0")

    save_adoption(Adoption.objects.get(pk=adoption.pk), actor=admin)

    adoption.refresh_from_db()
    assert adoption.needs_review is False
    assert adoption.events.filter(kind=EventKind.CONFIRMED, actor=admin).exists()


def test_operator_save_keeps_verified_flag(service, admin):
    adoption = make_adoption(service, "internet_zoning", AdoptionStatus.VERIFIED)
    flag_adoptions_for_review(Measure.objects.filter(code="internet_zoning"), "Guideline 2.0")
    edited = Adoption.objects.get(pk=adoption.pk)
    edited.status = AdoptionStatus.ADOPTED

    save_adoption(edited, actor=admin)

    assert Adoption.objects.get(pk=adoption.pk).needs_review is True


# Services and evidence


def test_other_operators_admin_cannot_change_service(service):
    service.name_ja = "乗っ取り"

    with pytest.raises(PermissionDenied):
        save_service(service, SiteType.objects.none(), actor=make_operator_admin())


def test_secretariat_may_save_service(service):
    from tests.registry.factories import make_secretary

    service.name_en = "Renamed"

    save_service(service, SiteType.objects.filter(code="video"), actor=make_secretary())

    assert list(service.site_types.values_list("code", flat=True)) == ["video"]


def test_file_evidence_never_public(service, admin):
    adoption = declare(service, admin)
    evidence = Evidence(
        adoption=adoption,
        kind=EvidenceKind.FILE,
        title="Policy",
        file=SimpleUploadedFile("policy.pdf", PDF_BYTES),
        is_public=True,
        effective_on=timezone.localdate(),
    )

    add_evidence(evidence, actor=admin)

    evidence.refresh_from_db()
    assert evidence.is_public is False
    assert adoption.events.filter(kind=EventKind.EVIDENCE_ADDED).exists()


def test_removing_evidence_deletes_file(service, admin, django_capture_on_commit_callbacks):
    adoption = declare(service, admin)
    evidence = add_evidence(
        Evidence(
            adoption=adoption,
            kind=EvidenceKind.FILE,
            title="Policy",
            file=SimpleUploadedFile("policy.pdf", PDF_BYTES),
            effective_on=timezone.localdate(),
        ),
        actor=admin,
    )
    storage, name = evidence.file.storage, evidence.file.name

    with django_capture_on_commit_callbacks(execute=True):
        remove_evidence(evidence, actor=admin)

    assert not storage.exists(name)
    assert adoption.events.filter(kind=EventKind.EVIDENCE_REMOVED).exists()


def test_evidence_of_other_operator_cannot_be_removed(service, admin):
    adoption = declare(service, admin)
    evidence = add_evidence(
        Evidence(
            adoption=adoption,
            kind=EvidenceKind.LINK,
            title="Policy",
            url="https://example.jp/policy",
            effective_on=timezone.localdate(),
        ),
        actor=admin,
    )

    with pytest.raises(PermissionDenied):
        remove_evidence(evidence, actor=make_operator_admin())
