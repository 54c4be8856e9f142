"""Onboarding: checklists given on approval, versions, items, completion, certificates and the overview."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from pypdf import PdfReader

from guidelines.services.versions import acknowledge_version
from portal.members.models import Organization, OrganizationKind
from portal.members.signals import organization_approved
from portal.notifications.models import Notification
from registry.models import (
    Adoption,
    AdoptionStatus,
    Checklist,
    ChecklistTemplateItem,
    Evidence,
    EvidenceKind,
    ItemKind,
    ItemOwner,
    ItemState,
    Measure,
)
from registry.services.adoptions import save_adoption, verify_adoption
from registry.services.onboarding import give_checklist, settle_item, verify_item
from tests.factories import make_member, make_organization
from tests.guidelines.factories import make_guideline, translate
from tests.registry.factories import (
    make_operator,
    make_operator_admin,
    make_reviewer,
    make_secretary,
    make_service,
    make_template,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def template():
    return make_template()


@pytest.fixture
def newcomer(template):
    operator = make_operator(name_ja="はじめてチャット株式会社", name_en="Hajimete Chat Inc.")
    admin = make_operator_admin(operator)
    checklist = give_checklist(operator)
    return {"operator": operator, "admin": admin, "checklist": checklist}


def items_of(checklist) -> dict[str, object]:
    return {item.title_en: item for item in checklist.items.all()}


def test_approval_signal_gives_checklist(template):
    operator = make_operator(approved=False)

    organization_approved.send(sender=Organization, organization=operator, actor=None)

    checklist = Checklist.objects.get(organization=operator)
    assert checklist.template == template
    assert checklist.items.count() == 3


def test_approval_in_admin_gives_checklist(client, template):
    secretary = make_secretary()
    operator = make_operator(approved=False)
    client.force_login(secretary)

    response = client.post(
        f"/admin/organizations/edit/{operator.pk}/",
        {
            "name_ja": operator.name_ja,
            "name_en": operator.name_en,
            "kind": "operator",
            "country": "JP",
            "website": "",
            "is_approved": "on",
        },
    )

    assert response.status_code == 302
    assert Checklist.objects.filter(organization=operator).exists()


def test_no_checklist_for_other_kinds(template):
    police = make_organization(OrganizationKind.POLICE)

    assert give_checklist(police) is None


def test_no_checklist_without_published_template():
    make_template(published=False)

    assert give_checklist(make_operator()) is None


def test_giving_twice_returns_same_checklist(newcomer):
    assert give_checklist(newcomer["operator"]) == newcomer["checklist"]


def test_items_copied_with_due_dates(newcomer):
    items = items_of(newcomer["checklist"])

    register = items["Register your services"]
    assert register.due_on == timezone.localdate() + datetime.timedelta(days=30)
    assert items["Attend the orientation briefing"].owner == ItemOwner.SECRETARIAT


def test_new_version_leaves_given_checklist_alone(newcomer, template):
    second = make_template(items=[{"kind": ItemKind.TASK, "title_ja": "新しい項目", "title_en": "New item"}])
    ChecklistTemplateItem.objects.filter(template=template).update(title_en="Changed in place")

    checklist = Checklist.objects.get(pk=newcomer["checklist"].pk)
    assert checklist.template == template
    assert "Changed in place" not in items_of(checklist)
    assert give_checklist(make_operator()).template == second


def test_checklist_notifies_admins(newcomer):
    assert Notification.objects.filter(recipient=newcomer["admin"], kind="registry_checklist_given").exists()


def test_not_applicable_needs_reason(newcomer):
    item = items_of(newcomer["checklist"])["Register your services"]

    with pytest.raises(ValidationError):
        settle_item(item, state=ItemState.NOT_APPLICABLE, reason=" ", actor=newcomer["admin"])


def test_operator_cannot_tick_secretariat_item(newcomer):
    item = items_of(newcomer["checklist"])["Attend the orientation briefing"]

    with pytest.raises(PermissionDenied):
        settle_item(item, state=ItemState.DONE, actor=newcomer["admin"])


def test_plain_member_cannot_tick(newcomer):
    member = make_member(organization=newcomer["operator"])
    item = items_of(newcomer["checklist"])["Register your services"]

    with pytest.raises(PermissionDenied):
        settle_item(item, state=ItemState.DONE, actor=member)


def test_other_operator_cannot_tick(newcomer):
    item = items_of(newcomer["checklist"])["Register your services"]

    with pytest.raises(PermissionDenied):
        settle_item(item, state=ItemState.DONE, actor=make_operator_admin())


def test_adopting_measure_ticks_item(newcomer):
    service = make_service(newcomer["operator"])
    adoption = Adoption(
        service=service, measure=Measure.objects.get(code="internet_zoning"), status=AdoptionStatus.ADOPTED
    )

    save_adoption(adoption, actor=newcomer["admin"])

    item = items_of(newcomer["checklist"])["Introduce internet zoning"]
    assert item.state == ItemState.DONE
    assert item.verified_at is None


def test_verified_adoption_verifies_item(newcomer):
    service = make_service(newcomer["operator"])
    adoption = save_adoption(
        Adoption(
            service=service,
            measure=Measure.objects.get(code="internet_zoning"),
            status=AdoptionStatus.ADOPTED,
        ),
        actor=newcomer["admin"],
    )

    verify_adoption(adoption, actor=make_reviewer(), verified_on=timezone.localdate())

    assert items_of(newcomer["checklist"])["Introduce internet zoning"].verified_at is not None


def read_item(checklist, guideline):
    return checklist.items.create(
        kind=ItemKind.READ_GUIDELINE,
        title_ja="読む",
        title_en="Read the guideline",
        guideline=guideline,
        owner=ItemOwner.OPERATOR,
        due_on=timezone.localdate(),
        position=9,
    )


def test_guideline_acknowledgement_ticks_read_item(newcomer):
    guideline = make_guideline()
    english = translate(guideline, title="Message monitoring guideline")
    item = read_item(newcomer["checklist"], guideline)

    acknowledge_version(newcomer["admin"], english.versions.get(label="1.0"))

    item.refresh_from_db()
    assert item.state == ItemState.DONE
    assert item.acknowledged_version == "1.0"
    assert item.completed_by == newcomer["admin"]


def test_acknowledgement_of_other_organization_ignored(newcomer):
    guideline = make_guideline()
    item = read_item(newcomer["checklist"], guideline)

    acknowledge_version(make_member("operator"), guideline.versions.get(label="1.0"))

    item.refresh_from_db()
    assert item.state == ItemState.OPEN


def complete(newcomer):
    secretary = make_secretary()
    items = items_of(newcomer["checklist"])
    settle_item(items["Register your services"], state=ItemState.DONE, actor=newcomer["admin"])
    settle_item(
        items["Introduce internet zoning"],
        state=ItemState.NOT_APPLICABLE,
        reason="Our service has no contact between users.",
        actor=newcomer["admin"],
    )
    settle_item(items["Attend the orientation briefing"], state=ItemState.DONE, actor=secretary)
    verify_item(items["Attend the orientation briefing"], actor=secretary)
    return Checklist.objects.get(pk=newcomer["checklist"].pk)


def test_last_item_completes_checklist_with_certificate(newcomer):
    checklist = complete(newcomer)

    assert checklist.is_complete
    assert len(checklist.certificate.code) >= 32
    assert Notification.objects.filter(
        recipient=newcomer["admin"], kind="registry_checklist_completed"
    ).exists()


def test_completed_checklist_items_frozen(newcomer):
    checklist = complete(newcomer)
    item = items_of(checklist)["Register your services"]

    with pytest.raises(ValidationError):
        settle_item(item, state=ItemState.OPEN, actor=newcomer["admin"])


def test_completed_checklist_evidence_kept(client, newcomer):
    item = items_of(newcomer["checklist"])["Register your services"]
    evidence = Evidence.objects.create(
        checklist_item=item,
        kind=EvidenceKind.TEXT,
        title="Services registered",
        text="Both apps are in the registry.",
        effective_on=datetime.date(2025, 1, 1),
    )
    complete(newcomer)
    client.force_login(newcomer["admin"])

    response = client.post(f"/en/registry/evidence/{evidence.pk}/remove/")

    assert response.status_code == 403
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_verify_open_item_rejected(newcomer):
    item = items_of(newcomer["checklist"])["Register your services"]

    with pytest.raises(ValidationError):
        verify_item(item, actor=make_secretary())


def test_operator_cannot_verify_item(newcomer):
    item = items_of(newcomer["checklist"])["Register your services"]
    settle_item(item, state=ItemState.DONE, actor=newcomer["admin"])

    with pytest.raises(PermissionDenied):
        verify_item(item, actor=newcomer["admin"])


def test_checklist_page_counts_done_and_verified_apart(client, newcomer):
    complete(newcomer)
    client.force_login(newcomer["admin"])

    response = client.get(f"/en/registry/onboarding/{newcomer['checklist'].pk}/")

    progress = response.context["progress"]
    assert (progress.done, progress.not_applicable, progress.verified) == (2, 1, 1)
    assert "3 of 3 items settled" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ja", "新規参加チェックリスト修了証"), ("en", "Onboarding certificate")],
)
def test_certificate_pdf_in_both_languages(client, newcomer, language, expected):
    checklist = complete(newcomer)
    client.force_login(newcomer["admin"])

    response = client.get(f"/{language}/registry/onboarding/{checklist.pk}/certificate.pdf")

    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert expected in text
    assert checklist.certificate.code in text.replace("\n", "")


def test_certificate_pdf_refused_before_completion(client, newcomer):
    client.force_login(newcomer["admin"])

    response = client.get(f"/en/registry/onboarding/{newcomer['checklist'].pk}/certificate.pdf")

    assert response.status_code == 302


def test_certificate_verification_page(client, newcomer):
    checklist = complete(newcomer)

    response = client.get(f"/en/registry/certificates/{checklist.certificate.code}/")

    assert "This certificate is valid: Hajimete Chat Inc. completed" in response.content.decode()


def test_certificate_of_unapproved_operator_not_valid(client, newcomer):
    checklist = complete(newcomer)
    Organization.objects.filter(pk=newcomer["operator"].pk).update(is_approved=False)

    response = client.get(f"/en/registry/certificates/{checklist.certificate.code}/")

    content = response.content.decode()
    assert "This certificate is valid" not in content
    assert "no longer valid" in content


def test_overview_lists_progress_and_missing(client, newcomer):
    without = make_operator(name_en="No Checklist Ltd.")
    client.force_login(make_secretary())

    response = client.get("/en/registry/onboarding/overview/")

    checklist = response.context["page_obj"].object_list[0]
    assert (checklist.total_items, checklist.settled_items) == (3, 0)
    assert without in response.context["without_checklist"]


def test_overview_gives_checklist(client, newcomer):
    without = make_operator()
    client.force_login(make_secretary())

    client.post("/en/registry/onboarding/overview/", {"organization": without.pk})

    assert Checklist.objects.filter(organization=without).exists()


def test_item_form_keeps_reason_on_error(client, newcomer):
    client.force_login(newcomer["admin"])
    item = items_of(newcomer["checklist"])["Register your services"]

    response = client.post(
        f"/en/registry/onboarding/items/{item.pk}/",
        {"action": "state", "state": "not_applicable", "reason": ""},
    )

    assert response.status_code == 400
    assert response.context["state_form"].errors["reason"]


def test_secretariat_revokes_certificate_with_a_reason(client, newcomer):
    checklist = complete(newcomer)
    client.force_login(make_secretary())
    url = f"/en/registry/onboarding/{checklist.pk}/certificate/revoke/"

    refused = client.post(url, {"reason": "   "})
    assert refused.status_code == 400
    assert refused.context["revoke_form"].errors["reason"]

    response = client.post(url, {"reason": "The service closed its report desk."})

    assert response.status_code == 302
    certificate = checklist.certificate.__class__.objects.get(pk=checklist.certificate.pk)
    assert certificate.revoked_at is not None and not certificate.is_valid
    public = client.get(f"/en/registry/certificates/{certificate.code}/").content.decode()
    assert "This certificate was revoked on" in public
    assert "The service closed its report desk." in public
    assert Notification.objects.filter(
        kind="registry_certificate_revoked", recipient=newcomer["admin"]
    ).exists()


def test_revoked_certificate_no_longer_downloads(client, newcomer):
    from registry.services.onboarding import revoke_certificate

    checklist = complete(newcomer)
    revoke_certificate(checklist.certificate, actor=make_secretary(), reason="Withdrawn.")
    client.force_login(newcomer["admin"])

    response = client.get(f"/en/registry/onboarding/{checklist.pk}/certificate.pdf")

    assert response.status_code == 302
    page = client.get(f"/en/registry/onboarding/{checklist.pk}/").content.decode()
    assert "The certificate was revoked on" in page
    assert "certificate.pdf" not in page


def test_operator_admin_cannot_revoke_own_certificate(client, newcomer):
    checklist = complete(newcomer)
    client.force_login(newcomer["admin"])

    response = client.post(f"/en/registry/onboarding/{checklist.pk}/certificate/revoke/", {"reason": "x"})

    assert response.status_code == 403
    assert checklist.certificate.__class__.objects.get(pk=checklist.certificate.pk).revoked_at is None
    assert (
        "Revoke the certificate"
        not in client.get(f"/en/registry/onboarding/{checklist.pk}/").content.decode()
    )
