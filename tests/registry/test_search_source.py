"""The registry on the site search: operators found by their adopted measures, with a site-type facet."""

import pytest
from django.core.management import call_command

from registry.models import AdoptionStatus, Service
from tests.registry.factories import make_adoption, make_operator, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed():
    operator = make_operator(name_ja="つなぐSNS合同会社", name_en="Tsunagu SNS LLC")
    sns = make_service(
        operator, name_ja="つなぐSNS", name_en="Tsunagu SNS", site_types=["multiple_interaction"]
    )
    make_adoption(sns, "age_verification", AdoptionStatus.VERIFIED)
    make_adoption(sns, "internet_zoning")
    video = make_service(name_ja="動画ひろば", name_en="Video Square", site_types=["video"])
    make_adoption(video, "age_verification", AdoptionStatus.PLANNED)
    hidden = make_service(name_ja="準備中SNS", name_en="Draft SNS", site_types=["chat"], is_public=False)
    make_adoption(hidden, "internet_zoning")
    call_command("update_index", verbosity=0)
    return sns


def registry_hits(response) -> list[str]:
    return [
        hit.item.name_en for hit in response.context["page_obj"].object_list if isinstance(hit.item, Service)
    ]


@pytest.mark.parametrize(
    ("path", "query"), [("/ja/search/", "年齢確認"), ("/ja/search/", "ＳＮＳ"), ("/en/search/", "zoning")]
)
def test_search_finds_operator_by_measure_or_name(client, indexed, path, query):
    response = client.get(path, {"q": query})

    assert registry_hits(response) == ["Tsunagu SNS"]


def test_planned_measure_does_not_match(client, indexed):
    response = client.get("/en/search/", {"q": "verification"})

    assert "Video Square" not in registry_hits(response)


def test_hidden_service_not_found_or_counted(client, indexed):
    response = client.get("/en/search/", {"q": "Draft"})

    assert registry_hits(response) == []
    assert response.context["outcome"].site_type_counts["chat"] == 0


def test_hidden_services_not_suggested(client, indexed):
    unapproved = make_operator(name_ja="審査中株式会社", name_en="Pending Operator", approved=False)
    make_service(unapproved, name_ja="審査中チャット", name_en="Draft Chat")
    call_command("update_index", verbosity=0)

    suggestions = client.get("/en/search/suggestions/", {"q": "Draft"}).json()["suggestions"]

    assert suggestions == []


def test_site_type_facet(client, indexed):
    response = client.get("/en/search/", {"q": "zoning"})

    facets = {code: count for code, _name, count in response.context["outcome"].site_type_facets}
    assert facets == {"multiple_interaction": 1}


def test_hit_links_to_operator_page(client, indexed):
    response = client.get("/en/search/", {"q": "zoning"})

    hit = response.context["page_obj"].object_list[0]
    assert hit.url == f"/en/registry/operators/{indexed.organization_id}/#service-{indexed.pk}"
    assert hit.title == "Tsunagu SNS (Tsunagu SNS LLC)"


def test_new_adoption_reindexes_service(client, indexed, django_capture_on_commit_callbacks):
    from django.utils import timezone

    from registry.models import Adoption, Measure
    from registry.services.adoptions import save_adoption
    from tests.registry.factories import make_operator_admin

    admin = make_operator_admin(indexed.organization)
    adoption = Adoption(
        service=indexed,
        measure=Measure.objects.get(code="keyword_screening"),
        status=AdoptionStatus.ADOPTED,
        started_on=timezone.localdate(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        save_adoption(adoption, actor=admin)

    response = client.get("/en/search/", {"q": "keyword"})

    assert registry_hits(response) == ["Tsunagu SNS"]


def test_snippet_names_adopted_measures(client, indexed):
    response = client.get("/ja/search/", {"q": "年齢確認"})

    assert "<mark>年齢確認</mark>" in response.content.decode()
