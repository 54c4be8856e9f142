"""The catalogue and the checklist versions in the Wagtail admin."""

import pytest

from portal.audit.models import AuditEvent
from registry.models import ChecklistTemplate, ItemKind, Measure
from tests.registry.factories import make_secretary, make_template

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary_client(client):
    client.force_login(make_secretary())
    return client


@pytest.mark.parametrize(
    "url",
    ["/admin/registry/site-types/", "/admin/registry/measures/", "/admin/registry/checklist-templates/"],
)
def test_secretariat_opens_catalogue(secretary_client, url):
    assert secretary_client.get(url).status_code == 200


def test_measure_code_cannot_change(secretary_client):
    measure = Measure.objects.get(code="internet_zoning")

    secretary_client.post(
        f"/admin/registry/measures/edit/{measure.pk}/",
        {
            "code": "renamed",
            "name_ja": measure.name_ja,
            "name_en": "Zoning, renamed",
            "description_ja": "",
            "description_en": "",
            "sort_order": 5,
            "is_active": "on",
        },
    )

    measure.refresh_from_db()
    assert measure.code == "internet_zoning"
    assert measure.name_en == "Zoning, renamed"
    assert AuditEvent.objects.filter(action="registry.measure.changed").exists()


def test_measure_cannot_be_deleted(secretary_client):
    measure = Measure.objects.get(code="internet_zoning")

    response = secretary_client.post(f"/admin/registry/measures/delete/{measure.pk}/")

    assert response.status_code in (302, 403)
    assert Measure.objects.filter(pk=measure.pk).exists()


def template_form(publish: bool, title_en: str = "Register your services") -> dict:
    data = {
        "name_ja": "新規事業者向けチェックリスト",
        "name_en": "Checklist for new operators",
        "change_note": "",
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "1",
        "items-MAX_NUM_FORMS": "1000",
        "items-0-kind": ItemKind.TASK,
        "items-0-title_ja": "サービスを登録する",
        "items-0-title_en": title_en,
        "items-0-description_ja": "",
        "items-0-description_en": "",
        "items-0-owner": "operator",
        "items-0-due_after_days": "14",
        "items-0-ORDER": "1",
        "items-0-id": "",
        "items-0-DELETE": "",
    }
    if publish:
        data["publish"] = "on"
    return data


def test_create_and_publish_template(secretary_client):
    response = secretary_client.post("/admin/registry/checklist-templates/new/", template_form(publish=True))

    template = ChecklistTemplate.objects.get()
    assert response.status_code == 302
    assert template.version == 1
    assert template.is_published
    assert template.items.get().title_en == "Register your services"


def test_measure_item_needs_measure(secretary_client):
    data = template_form(publish=False)
    data["items-0-kind"] = ItemKind.ADOPT_MEASURE

    response = secretary_client.post("/admin/registry/checklist-templates/new/", data)

    assert response.status_code == 200
    assert not ChecklistTemplate.objects.exists()


def test_published_template_cannot_be_edited(secretary_client):
    template = make_template()

    response = secretary_client.post(
        f"/admin/registry/checklist-templates/edit/{template.pk}/",
        template_form(publish=True, title_en="Changed"),
    )

    assert response.status_code == 302
    assert not template.items.filter(title_en="Changed").exists()


def test_published_template_cannot_be_deleted(secretary_client):
    template = make_template()

    secretary_client.post(f"/admin/registry/checklist-templates/delete/{template.pk}/")

    assert ChecklistTemplate.objects.filter(pk=template.pk).exists()


def test_new_version_copies_items_as_draft(secretary_client):
    template = make_template()

    response = secretary_client.post(f"/admin/registry/checklist-templates/new-version/{template.pk}/")

    draft = ChecklistTemplate.objects.get(version=2)
    assert response.status_code == 302
    assert draft.is_published is False
    assert [item.title_en for item in draft.items.all()] == [item.title_en for item in template.items.all()]
    assert ChecklistTemplate.objects.current() == template


def test_operator_cannot_open_catalogue(client):
    from tests.registry.factories import make_operator_admin

    client.force_login(make_operator_admin())

    assert client.get("/admin/registry/measures/").status_code == 403
    assert (
        client.post(f"/admin/registry/checklist-templates/new-version/{make_template().pk}/").status_code
        == 403
    )


def test_template_list_offers_new_version_not_edit(secretary_client):
    published = make_template()
    draft = make_template(published=False)

    content = secretary_client.get("/admin/registry/checklist-templates/").content.decode()

    assert f"/admin/registry/checklist-templates/new-version/{published.pk}/" in content
    assert f"/admin/registry/checklist-templates/edit/{published.pk}/" not in content
    assert f"/admin/registry/checklist-templates/edit/{draft.pk}/" in content
