"""The site shell: languages, navigation, error pages."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from portal.home import views


def language_link(content: bytes, code: str) -> str:
    match = re.search(rf'<a href="([^"]+)"[^>]*data-language="{code}"', content.decode())
    assert match, f"no language link for {code}"
    return match.group(1)


@pytest.mark.django_db
def test_root_redirects_to_japanese(client):
    response = client.get("/")

    assert response["Location"] == "/ja/"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ja", "en"])
def test_home_page_in_language(client, language):
    response = client.get(f"/{language}/")

    assert f'<html lang="{language}">'.encode() in response.content


@pytest.mark.django_db
def test_home_language_switch_links_translation(client):
    response = client.get("/ja/")

    assert language_link(response.content, "en") == "/en/"


@pytest.mark.django_db
def test_language_switch_keeps_current_page(client):
    response = client.get("/en/registry/")

    assert language_link(response.content, "ja") == "/ja/registry/"


@pytest.mark.django_db
def test_language_switch_keeps_query_string(client):
    response = client.get("/ja/curricula/?audience=teachers")

    assert language_link(response.content, "en") == "/en/curricula/?audience=teachers"


@pytest.mark.django_db
def test_navigation_links_every_area(client):
    response = client.get("/ja/")

    for path in ["/ja/guidelines/", "/ja/curricula/", "/ja/registry/", "/ja/members/", "/ja/reports/"]:
        assert f'href="{path}"'.encode() in response.content


@pytest.mark.django_db
def test_skip_link_targets_main(client):
    content = client.get("/ja/").content.decode()

    assert content.index('class="skip-link" href="#main"') < content.index("<header")
    assert '<main id="main"' in content


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "text"), [("ja", "ページが見つかりません"), ("en", "Page not found")])
def test_not_found_page_in_language(client, language, text):
    response = client.get(f"/{language}/no-such-page/")

    assert response.status_code == 404
    assert text in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "text"), [("ja", "アクセスできません"), ("en", "Access denied")])
def test_forbidden_page_in_language(client, language, text):
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory
    from django.utils import translation

    request = RequestFactory().get(f"/{language}/")
    request.user = AnonymousUser()
    with translation.override(language):
        response = views.permission_denied(request, PermissionDenied())

    assert response.status_code == 403
    assert text in response.content.decode()


@pytest.mark.parametrize(("language", "text"), [("ja", "サーバーエラー"), ("en", "Server error")])
def test_server_error_page_in_language(language, text):
    from django.utils import translation

    request = RequestFactory().get(f"/{language}/")
    with translation.override(language):
        response = views.server_error(request)

    assert response.status_code == 500
    assert text in response.content.decode()


@pytest.mark.django_db
def test_static_assets_are_local(client):
    content = client.get("/ja/").content.decode()

    assert re.findall(r'(?:src|href)="(https?:)?//', content) == []


@pytest.mark.django_db
def test_language_switch_translates_next(client):
    response = client.get("/ja/accounts/login/?next=/ja/members/")

    assert language_link(response.content, "en") == "/en/accounts/login/?next=/en/members/"


@pytest.mark.django_db
def test_home_title_names_site_once(client):
    content = client.get("/ja/").content.decode()

    title = re.search(r"<title>(.*?)</title>", content, re.S).group(1)
    assert title.count("コミュニティサイト事業者協議会ポータル") == 1


@pytest.mark.django_db
def test_registry_card_only_for_operators(client, make_user):
    client.force_login(make_user("educator"))

    content = client.get("/en/members/").content.decode()

    assert "Your organization in the registry" not in content


@pytest.mark.django_db
def test_anonymous_post_returns_to_dashboard_after_sign_in(client):
    response = client.post("/ja/members/memberships/1/approve/")

    assert response["Location"] == "/ja/accounts/login/?next=/ja/members/"
