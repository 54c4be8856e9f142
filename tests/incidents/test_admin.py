"""The incidents area in the Wagtail admin: coded terms for the secretariat, briefing pages, the review link."""

import datetime

import pytest

from incidents.models import CodedTerm, CodedTermFeed

pytestmark = pytest.mark.django_db


def test_secretariat_adds_coded_term(client, member, site_types):
    client.force_login(member("secretariat", admin=True))
    version = CodedTermFeed.current_version()

    response = client.post(
        "/admin/coded_terms/new/",
        {
            "term": "ぱぱ",
            "reading": "ぱぱ",
            "meaning_ja": "援助をする相手",
            "meaning_en": "",
            "first_seen": "2016-02-01",
            "site_types": [site_types["chat"].pk],
            "is_active": "on",
        },
    )

    term = CodedTerm.objects.get(term="ぱぱ")
    assert response.status_code == 302
    assert term.version > version
    assert list(term.site_types.all()) == [site_types["chat"]]


def test_coded_terms_cannot_be_deleted(client, member):
    term = CodedTerm.objects.create(term="サポ", meaning_ja="援助", first_seen=datetime.date(2014, 1, 1))
    client.force_login(member("secretariat", admin=True))

    response = client.post(f"/admin/coded_terms/delete/{term.pk}/")

    assert response.status_code in (302, 403)
    assert CodedTerm.objects.filter(pk=term.pk).exists()


def test_operator_kept_out_of_coded_terms_admin(client, member):
    client.force_login(member("operator"))

    response = client.get("/admin/coded_terms/")

    assert response.status_code == 403


def test_secretariat_edits_briefing_in_admin(client, member, make_briefing):
    page = make_briefing(member("police"))
    client.force_login(member("secretariat", admin=True))

    response = client.get(f"/admin/pages/{page.pk}/edit/")

    assert response.status_code == 200


def test_review_menu_item_links_to_queue(client, member):
    client.force_login(member("secretariat", admin=True))

    response = client.get("/admin/")

    assert "/incidents/patterns/review/" in response.content.decode()


def test_briefing_response_not_marked_for_page_cache(client, member, make_briefing):
    page = make_briefing(member("police"))
    client.force_login(member("operator"))

    response = client.get(page.url)

    assert response.status_code == 200
    assert not getattr(response, "portal_cacheable", False)


def briefing_edit_data(page, summary: str) -> dict:
    """Return the admin's edit form for ``page`` as the secretariat would send it, with a new summary."""
    return {
        "title": page.title,
        "period_start": "2016-01-01",
        "period_end": "2016-06-30",
        "summary": summary,
        "arrests-TOTAL_FORMS": "0",
        "arrests-INITIAL_FORMS": "0",
        "arrests-MIN_NUM_FORMS": "0",
        "arrests-MAX_NUM_FORMS": "1000",
        "loaded_revision_id": page.latest_revision_id,
        "loaded_revision_created_at": page.latest_revision.created_at.isoformat(),
    }


def stored_text() -> str:
    """Return everything that revisions and the admin's saved preview data hold, as one string."""
    from wagtail.admin.models import FormState
    from wagtail.models import Revision

    revisions = [str(content) for content in Revision.objects.values_list("content", flat=True)]
    previews = list(FormState.objects.values_list("data", flat=True))
    return " ".join(revisions + previews)


def test_admin_edit_with_phone_number_not_saved(client, member, make_briefing):
    page = make_briefing(member("police"))
    client.force_login(member("secretariat", admin=True))

    response = client.post(
        f"/admin/pages/{page.pk}/edit/", briefing_edit_data(page, "被害児童の連絡先は090-7391-4482。")
    )

    assert response.status_code == 200
    assert "090-7391-4482" in response.content.decode()  # The error names it on the form.
    assert "7391-4482" not in stored_text()


def test_admin_preview_with_phone_number_not_kept(client, member, make_briefing):
    page = make_briefing(member("police"))
    client.force_login(member("secretariat", admin=True))

    response = client.post(
        f"/admin/pages/{page.pk}/edit/preview/", briefing_edit_data(page, "連絡先は090-7391-4482。")
    )

    assert response.json()["is_valid"] is False
    assert "7391-4482" not in stored_text()
