"""The public registry: filters, search, the operator matrix and what stays out of public pages."""

import datetime
import re

import pytest
from django.core.management import call_command

from registry.models import AdoptionStatus, DatePrecision, Evidence, EvidenceKind, Measure
from tests.registry.factories import make_adoption, make_operator, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    """Two chat apps (one with zoning since 2012), a video site with zoning, and a hidden service."""
    operator = make_operator(name_ja="見守りチャット株式会社", name_en="Mimamori Chat Inc.")
    zoned_chat = make_service(
        operator, name_ja="見守りチャット", name_en="Mimamori Chat", site_types=["chat"]
    )
    make_adoption(
        zoned_chat, "internet_zoning", started_on=datetime.date(2012, 1, 1), precision=DatePrecision.YEAR
    )
    plain_chat = make_service(name_ja="おしゃべり広場", name_en="Chatter Square", site_types=["chat"])
    make_adoption(plain_chat, "internet_zoning", AdoptionStatus.PLANNED)
    video = make_service(name_ja="動画ひろば", name_en="Video Square", site_types=["video"])
    make_adoption(video, "internet_zoning", AdoptionStatus.VERIFIED, started_on=datetime.date(2019, 4, 1))
    hidden = make_service(name_ja="準備中アプリ", name_en="Draft App", site_types=["chat"], is_public=False)
    make_adoption(hidden, "internet_zoning")
    return {"zoned_chat": zoned_chat, "plain_chat": plain_chat, "video": video, "hidden": hidden}


def listed(response) -> list[str]:
    return [service.name_en for service in response.context["page_obj"].object_list]


def test_chat_apps_with_zoning_since_when(client, registry):
    response = client.get(
        "/en/registry/", {"site_type": "chat", "measure": "internet_zoning", "status": "in_place"}
    )

    assert listed(response) == ["Mimamori Chat"]
    assert "since 2012" in response.content.decode()


def test_status_filter_planned(client, registry):
    response = client.get("/en/registry/", {"measure": "internet_zoning", "status": "planned"})

    assert listed(response) == ["Chatter Square"]


def test_verified_filter(client, registry):
    response = client.get("/en/registry/", {"status": "verified"})

    assert listed(response) == ["Video Square"]


def test_non_public_service_not_listed(client, registry):
    response = client.get("/en/registry/")

    assert "Draft App" not in listed(response)


def test_unapproved_operator_not_listed(client, registry):
    make_service(make_operator(approved=False), name_en="Unapproved App")

    response = client.get("/en/registry/")

    assert "Unapproved App" not in listed(response)


def test_invalid_filter_shown_on_field(client, registry):
    response = client.get("/en/registry/", {"measure": "no_such_measure"})

    assert response.status_code == 200
    assert response.context["form"].errors["measure"]
    assert len(listed(response)) == 3


HOSTILE_FILTERS = [
    {"site_type": "no_such_code"},
    {"measure": "internet_zoning' OR '1'='1"},
    {"status": "adopted; DROP TABLE registry_service"},
    {"page": "99999999999999999999"},
    {"page": "-1"},
    {"q": '"unbalanced'},
    {"q": "(zoning"},
    {"q": "AND"},
    {"q": "NOT OR"},
    {"q": "zon*"},
    {"q": "\x00"},
    {"q": "a" * 10_000},
    {"q": "準備中"},
]


@pytest.mark.parametrize("path", ["/en/registry/", "/en/registry/export.csv", "/en/registry/export.json"])
@pytest.mark.parametrize("params", HOSTILE_FILTERS)
def test_hostile_filters_show_public_services_only(client, registry, path, params):
    if "q" in params:
        call_command("update_index", verbosity=0)

    response = client.get(path, params)

    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200
    assert b"Draft App" not in content
    assert "準備中アプリ".encode() not in content


def test_repeated_filters_use_last_value(client, registry):
    response = client.get("/en/registry/?site_type=video&site_type=chat&status=planned&status=in_place")

    assert sorted(listed(response)) == ["Mimamori Chat"]


def test_search_uses_index(client, registry):
    call_command("update_index", verbosity=0)

    response = client.get("/ja/registry/", {"q": "見守り"})

    assert listed(response) == ["Mimamori Chat"]


def test_search_finds_adopted_measure_name(client, registry):
    call_command("update_index", verbosity=0)

    response = client.get("/en/registry/", {"q": "zoning"})

    assert set(listed(response)) == {"Mimamori Chat", "Video Square"}


def test_list_paginates(client):
    for _number in range(30):
        make_service()

    first = client.get("/en/registry/")
    second = client.get("/en/registry/", {"page": 2})

    assert len(first.context["page_obj"].object_list) == 25
    assert len(second.context["page_obj"].object_list) == 5


def test_empty_registry_explains(client):
    response = client.get("/ja/registry/")

    assert "サービスを登録した事業者はまだありません。" in response.content.decode()


def test_operator_page_shows_matrix(client, registry, language):
    operator = registry["video"].organization

    response = client.get(f"/en/registry/operators/{operator.pk}/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Video Square" in content
    assert "since April 1, 2019" in content
    assert "verified by" in content


def test_operator_page_marks_self_declared(client, registry):
    operator = registry["zoned_chat"].organization

    response = client.get(f"/en/registry/operators/{operator.pk}/")

    assert "self-declared" in response.content.decode()


def test_operator_page_links_report_form(client, registry):
    service = registry["video"]

    content = client.get(f"/en/registry/operators/{service.organization_id}/").content.decode()

    link = f'href="/en/reports/?service={service.pk}"'
    assert link in content
    form = client.get(f"/en/reports/?service={service.pk}").content.decode()
    assert re.search(rf"<option value=\"{service.pk}\"[^>]* selected", form)


def test_operator_page_of_non_operator_is_404(client):
    from portal.members.models import OrganizationKind
    from tests.factories import make_organization

    police = make_organization(OrganizationKind.POLICE)

    assert client.get(f"/en/registry/operators/{police.pk}/").status_code == 404


def test_members_only_content_stays_off_public_pages(client, registry):
    adoption = registry["video"].adoptions.get()
    adoption.reviewer_note = "Reviewer secret note"
    adoption.save()
    Evidence.objects.create(
        adoption=adoption,
        kind=EvidenceKind.TEXT,
        title="Staff rota",
        text="Private rota text",
        effective_on=datetime.date(2024, 1, 1),
    )
    Evidence.objects.create(
        adoption=adoption,
        kind=EvidenceKind.TEXT,
        title="Published summary",
        text="Public summary text",
        is_public=True,
        effective_on=datetime.date(2024, 1, 1),
    )
    operator = registry["video"].organization

    content = client.get(f"/en/registry/operators/{operator.pk}/").content.decode()

    assert "Public summary text" in content
    assert "Private rota text" not in content
    assert "Staff rota" not in content
    assert "Reviewer secret note" not in content


def test_operator_page_leaves_out_hidden_services_measures(client):
    operator = make_operator()
    make_adoption(make_service(operator), "internet_zoning")
    Measure.objects.filter(code="awareness_talks").update(is_active=False)
    make_adoption(make_service(operator, is_public=False), "awareness_talks")

    response = client.get(f"/en/registry/operators/{operator.pk}/")

    codes = [measure.code for measure in response.context["measures"]]
    assert "internet_zoning" in codes
    assert "awareness_talks" not in codes


MARKUP = '<img src=x onerror="alert(1)">'


@pytest.mark.parametrize(
    "path", ["/en/registry/", "/en/registry/operators/{operator}/", "/en/registry/coverage/"]
)
def test_user_text_escaped_on_public_pages(client, path):
    operator = make_operator(name_en=f"{MARKUP} Inc.")
    service = make_service(operator, name_en=f"{MARKUP} Chat", description_en=MARKUP)
    Measure.objects.filter(code="internet_zoning").update(name_en=f"{MARKUP} zoning")
    adoption = make_adoption(service, "internet_zoning", AdoptionStatus.DISCONTINUED, reason=MARKUP)
    Evidence.objects.create(
        adoption=adoption,
        kind=EvidenceKind.TEXT,
        title=MARKUP,
        text=MARKUP,
        is_public=True,
        effective_on=datetime.date(2024, 1, 1),
    )

    content = client.get(path.format(operator=operator.pk)).content.decode()

    assert "&lt;img src=x onerror=" in content
    assert "<img src=x" not in content


def test_certificate_page_unknown_code_404(client):
    assert client.get("/en/registry/certificates/not-a-real-code/").status_code == 404
