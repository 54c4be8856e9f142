"""The guideline list with its filters, the Atom feed, subscriptions and the version pages' notices."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.rich_text import RichText

from guidelines.models import GuidelineTopic, Subscription
from registry.models import Measure, SiteType
from tests.factories import make_member
from tests.guidelines.factories import BASIC_SECTIONS, make_guideline, open_consultation, publish

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def listed(response) -> list[str]:
    return [entry.shown.title for entry in response.context["entries"]]


@pytest.fixture
def catalogue(db):
    """Two measures: one for chat sites only, one for every kind of site (no site type named)."""
    chat, _created = SiteType.objects.get_or_create(
        code="chat", defaults={"name_ja": "チャット", "name_en": "Chat"}
    )
    SiteType.objects.get_or_create(code="video", defaults={"name_ja": "動画", "name_en": "Video"})
    message, _created = Measure.objects.get_or_create(
        code="message_monitoring", defaults={"name_ja": "監視", "name_en": "Monitoring"}
    )
    message.site_types.set([chat])
    everywhere, _created = Measure.objects.get_or_create(
        code="awareness_talks", defaults={"name_ja": "啓発", "name_en": "Awareness"}
    )
    everywhere.site_types.clear()
    return {"chat_only": message, "everywhere": everywhere}


def test_index_lists_guidelines_in_force(client):
    make_guideline(title="現行の指針")

    response = client.get("/ja/guidelines/")

    assert listed(response) == ["現行の指針"]


def test_index_lists_language_of_url(client):
    make_guideline(title="日本語の指針")
    make_guideline(title="English guideline", language="en")

    response = client.get("/en/guidelines/")

    assert listed(response) == ["English guideline"]


def test_draft_only_guideline_hidden_from_public(client):
    page = make_guideline(title="現行の指針")
    open_consultation(page, label="2.0-draft", title="案の題名")

    response = client.get("/ja/guidelines/", {"state": "consultation"})

    assert listed(response) == ["現行の指針"]
    assert "案の題名" not in response.content.decode()


def test_members_filter_drafts(client):
    make_guideline(title="案のない指針")
    page = make_guideline(title="案のある指針")
    open_consultation(page, label="2.0-draft")
    client.force_login(make_member())

    response = client.get("/ja/guidelines/", {"state": "consultation"})

    assert listed(response) == ["案のある指針"]


def test_topic_filter(client):
    topic = GuidelineTopic.objects.create(slug="zoning", name_ja="ゾーニング", name_en="Zoning")
    make_guideline(title="テーマのある指針", topics=[topic])
    make_guideline(title="テーマのない指針")

    response = client.get("/ja/guidelines/", {"topic": "zoning"})

    assert listed(response) == ["テーマのある指針"]


@pytest.mark.parametrize(
    ("site_type", "expected"), [("chat", ["チャット向け", "全種別向け"]), ("video", ["全種別向け"])]
)
def test_site_type_filter(client, catalogue, site_type, expected):
    make_guideline(title="チャット向け", measures=[catalogue["chat_only"]])
    make_guideline(title="全種別向け", measures=[catalogue["everywhere"]])
    make_guideline(title="対策なし")

    response = client.get("/ja/guidelines/", {"site_type": site_type})

    assert listed(response) == expected


def test_empty_filter_result_explained(client):
    GuidelineTopic.objects.create(slug="unused", name_ja="未使用", name_en="Unused")
    make_guideline()

    response = client.get("/ja/guidelines/", {"topic": "unused"})

    assert "条件に合うガイドラインはありません。" in response.content.decode()


def test_index_queries_independent_of_guideline_count(client, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    make_guideline()
    client.get("/ja/guidelines/")
    with CaptureQueriesContext(connection) as few:
        client.get("/ja/guidelines/")
    for _number in range(3):
        make_guideline()

    with CaptureQueriesContext(connection) as many:
        client.get("/ja/guidelines/")

    assert len(many) == len(few)


def test_version_page_queries_independent_of_comment_count(client):
    from guidelines import services

    page = make_guideline()
    author = make_member()
    version = page.versions.get()
    services.post_comment(author, version, anchor="scope", body="一件目")
    client.force_login(make_member())
    client.get(page.url)
    with CaptureQueriesContext(connection) as few:
        client.get(page.url)
    for number in range(4):
        thread = services.post_comment(author, version, anchor="monitoring", body=f"意見{number}")
        services.post_reply(author, thread, body="補足")

    with CaptureQueriesContext(connection) as many:
        client.get(page.url)

    assert len(many) == len(few)


def test_feed_lists_versions_in_force_only(client):
    page = make_guideline(title="フィードの指針")
    publish(page, label="2.0", items=BASIC_SECTIONS[:1])
    open_consultation(page, label="3.0-draft", title="フィードに出ない案")

    response = client.get("/ja/guidelines/feed/")
    feed = ET.fromstring(response.content)

    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert response["Content-Type"].startswith("application/atom+xml")
    assert titles == ["フィードの指針 2.0 版", "フィードの指針 1.0 版"]


def test_feed_links_to_stable_version_urls(client):
    page = make_guideline(slug="stable")

    feed = ET.fromstring(client.get("/ja/guidelines/feed/").content)

    links = [entry.find(f"{ATOM}link").get("href") for entry in feed.iter(f"{ATOM}entry")]
    assert links == ["http://testserver/ja/guidelines/stable/v/1.0/"]
    assert page.versions.get().label == "1.0"


def test_subscriptions_saved(client):
    topic = GuidelineTopic.objects.create(slug="patrol", name_ja="巡回", name_en="Patrol")
    member = make_member()
    client.force_login(member)

    response = client.post("/ja/guidelines/subscriptions/", {"topics": [topic.pk]})

    assert response.status_code == 302
    assert list(Subscription.objects.filter(user=member).values_list("topic__slug", flat=True)) == ["patrol"]


def test_superseded_notice_links_to_version_in_force(client):
    page = make_guideline()
    publish(page, label="2.0", items=BASIC_SECTIONS[:1])

    html = client.get(page.url + "v/1.0/").content.decode()

    assert "現在は適用されていません。" in html
    assert f'href="{page.url}">現行版（2.0）を読む' in html


def test_superseded_notice_in_english(client):
    page = make_guideline(language="en", title="English guideline")
    publish(page, label="2.0", items=BASIC_SECTIONS[:1])

    html = client.get(page.url + "v/1.0/").content.decode()

    assert "It is no longer in force." in html
    assert "Read the version in force (2.0)" in html


def test_draft_page_shows_closing_time_to_members(client):
    page = make_guideline()
    draft = open_consultation(page, label="2.0-draft")
    client.force_login(make_member())

    html = client.get(page.url + "v/2.0-draft/").content.decode()

    closes = timezone.localtime(draft.consultation_closes_at)
    assert "これは意見募集中の案です。" in html
    assert f"{closes.year}年{closes.month}月{closes.day}日" in html


def test_print_stylesheet_linked(client):
    page = make_guideline()

    html = client.get(page.url).content.decode()

    assert "guidelines/css/guidelines.css" in html


def test_index_page_of_wagtail_redirects_to_list(client):
    from tests.guidelines.factories import index_page

    page = index_page()

    response = page.serve(client.get("/ja/").wsgi_request)

    assert response["Location"] == "/ja/guidelines/"


def test_preview_shows_unsaved_text(rf):
    from django.contrib.auth.models import AnonymousUser

    page = make_guideline()
    page.sections = [
        ("section", {"anchor": "scope", "heading": "対象", "body": RichText("<p>保存前の本文</p>")})
    ]
    request = rf.get(page.url)
    request.user = AnonymousUser()

    response = page.serve_preview(request, "")
    response.render()

    assert "保存前の本文" in response.content.decode()
    assert "プレビューです。" in response.content.decode()
