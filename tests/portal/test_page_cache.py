"""Published pages served from the cache to anonymous visitors, and retired on publish."""

import pytest
from django.core.cache import cache

from portal.home.models import HomePage
from portal.members.models import OrganizationKind


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    cache.clear()


@pytest.mark.django_db
def test_second_anonymous_visit_served_from_cache(client):
    first = client.get("/ja/")
    second = client.get("/ja/")

    assert second.content == first.content
    assert second.context is None  # No template was rendered for the second response.


@pytest.mark.django_db
def test_publish_retires_cached_page(client):
    client.get("/en/")
    page = HomePage.objects.get(locale__language_code="en")
    page.lead = "A newly published lead sentence."
    page.save_revision().publish()

    response = client.get("/en/")

    assert "A newly published lead sentence." in response.content.decode()


@pytest.mark.django_db
def test_signed_in_visitor_not_served_cached_copy(client, make_user):
    client.get("/ja/")
    client.force_login(make_user(OrganizationKind.OPERATOR))

    response = client.get("/ja/")

    assert "ログアウト" in response.content.decode()


@pytest.mark.django_db
def test_languages_cached_apart(client):
    client.get("/ja/")

    response = client.get("/en/")

    assert '<html lang="en">' in response.content.decode()


@pytest.mark.django_db
def test_delete_retires_cached_page(client):
    from wagtail.models import Page

    home = Page.objects.get(locale__language_code="en", depth=2)
    child = home.add_child(instance=HomePage(title="Soon deleted", slug="soon-deleted"))
    assert client.get("/en/soon-deleted/").status_code == 200
    child.delete()

    response = client.get("/en/soon-deleted/")

    assert response.status_code == 404


def pass_password_restriction(client, page, password: str):
    """Enter ``password`` in Wagtail's form for ``page``, as a visitor who was given it would."""
    from wagtail.models import PageViewRestriction

    restriction = PageViewRestriction.objects.get(page=page)
    return client.post(
        f"/ja/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": password, "return_url": page.url},
    )


@pytest.mark.django_db
def test_password_protected_page_not_cached_for_others(client):
    from django.test import Client
    from wagtail.models import Page, PageViewRestriction

    home = Page.objects.get(locale__language_code="ja", depth=2)
    page = home.add_child(instance=HomePage(title="合言葉のページ", slug="protected", lead="関係者だけに"))
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="open-sesame")
    pass_password_restriction(client, page, "open-sesame")
    assert "関係者だけに" in client.get(page.url).content.decode()

    response = Client().get(page.url)

    assert "関係者だけに" not in response.content.decode()


@pytest.mark.django_db
def test_new_view_restriction_retires_cached_page(client):
    from wagtail.models import Page, PageViewRestriction

    home = Page.objects.get(locale__language_code="ja", depth=2)
    page = home.add_child(instance=HomePage(title="後から限定", slug="later", lead="まだ公開中"))
    client.get(page.url)

    PageViewRestriction.objects.create(page=page, restriction_type="password", password="open-sesame")
    response = client.get(page.url)

    assert "まだ公開中" not in response.content.decode()


@pytest.mark.django_db
def test_unknown_query_parameters_not_cached(client):
    client.get("/ja/?utm_source=newsletter")

    response = client.get("/ja/?utm_source=newsletter")

    assert response.status_code == 200
    assert response.context is not None  # Rendered again: random parameters cannot fill the cache.
