import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.audit.models import AuditEvent
from portal.members.models import OrganizationKind
from reports import services
from reports.models import Category, Outcome, Reply, Report, Source
from tests.factories import make_member
from tests.portal.test_access_matrix import SIGN_IN, outcome_of

from .factories import make_report

pytestmark = pytest.mark.django_db


def queue_references(response) -> set[str]:
    return {report.reference for report in response.context["reports"]}


# The queue


def test_queue_lists_own_operators_reports_only(client, service_a, service_b, moderator_a):
    own, _pin = make_report(service_a)
    other, _pin = make_report(service_b)
    client.force_login(moderator_a)

    response = client.get("/ja/reports/queue/")

    assert response.status_code == 200
    assert queue_references(response) == {own.reference}
    assert f'href="/ja/reports/{other.pk}/"' not in response.text


def test_queue_shows_open_reports_newest_first(client, service_a, moderator_a):
    older, _pin = make_report(service_a)
    newer, _pin = make_report(service_a)
    closed, _pin = make_report(service_a)
    services.record_outcome(closed, outcome=Outcome.REMOVED, user=moderator_a)
    client.force_login(moderator_a)

    response = client.get("/ja/reports/queue/")

    assert [report.pk for report in response.context["reports"]] == [newer.pk, older.pk]


def test_queue_filters_closed_reports(client, service_a, moderator_a):
    make_report(service_a)
    closed, _pin = make_report(service_a)
    services.record_outcome(closed, outcome=Outcome.NO_VIOLATION, user=moderator_a)
    client.force_login(moderator_a)

    response = client.get("/ja/reports/queue/?state=closed")

    assert queue_references(response) == {closed.reference}


def test_queue_filters_category_source_and_forwarding(client, service_a, moderator_a):
    volunteer = make_member(OrganizationKind.VOLUNTEER_GROUP)
    grooming, _pin = make_report(service_a, category=Category.GROOMING)
    images, _pin = make_report(service_a, category=Category.SEXUAL_IMAGES)
    patrol, _pin = make_report(service_a, category=Category.OTHER, user=volunteer)
    client.force_login(moderator_a)

    by_category = client.get("/ja/reports/queue/?category=grooming")
    by_source = client.get("/ja/reports/queue/?source=volunteer")
    forwarded = client.get("/ja/reports/queue/?forwarded=yes")
    not_forwarded = client.get("/ja/reports/queue/?forwarded=no")

    assert queue_references(by_category) == {grooming.reference}
    assert queue_references(by_source) == {patrol.reference}
    assert queue_references(forwarded) == {images.reference}
    assert queue_references(not_forwarded) == {grooming.reference, patrol.reference}


def test_queue_service_filter_offers_own_services_only(client, operator_a, service_a, service_b, moderator_a):
    from tests.registry.factories import make_service

    second = make_service(operator_a, name_ja="みまもり動画")
    make_report(service_a)
    on_second, _pin = make_report(second)
    client.force_login(moderator_a)

    response = client.get(f"/ja/reports/queue/?service={second.pk}")
    offered = {value for value, _label in response.context["filter_form"].fields["service"].choices}

    assert queue_references(response) == {on_second.reference}
    assert offered == {"", str(service_a.pk), str(second.pk)}


def test_queue_ignores_another_operators_service(client, service_a, service_b, moderator_a):
    own, _pin = make_report(service_a)
    make_report(service_b)
    client.force_login(moderator_a)

    response = client.get(f"/ja/reports/queue/?service={service_b.pk}")

    assert queue_references(response) == {own.reference}
    assert response.context["filter_form"].errors["service"]


def test_secretariat_queue_holds_every_report(client, service_a, service_b, secretary):
    first, _pin = make_report(service_a)
    second, _pin = make_report(service_b)
    unlisted, _pin = make_report(site_address="https://unlisted.example.org/")
    client.force_login(secretary)

    everything = client.get("/ja/reports/queue/")
    only_unlisted = client.get("/ja/reports/queue/?service=unlisted")

    assert queue_references(everything) == {first.reference, second.reference, unlisted.reference}
    assert queue_references(only_unlisted) == {unlisted.reference}
    assert "https://unlisted.example.org/" in everything.text


def test_police_queue_page_lists_forwarded_reports_only(client, service_a, police):
    make_report(service_a)
    forwarded, _pin = make_report(service_a, category=Category.SEXUAL_IMAGES)
    client.force_login(police)

    response = client.get("/ja/reports/queue/")

    assert queue_references(response) == {forwarded.reference}


def test_queue_empty_state(client, moderator_a):
    client.force_login(moderator_a)

    response = client.get("/ja/reports/queue/")

    assert "未対応の通報はありません" in response.text


def test_queue_empty_state_with_filters(client, service_a, moderator_a):
    make_report(service_a, category=Category.GROOMING)
    client.force_login(moderator_a)

    response = client.get("/en/reports/queue/?category=other")

    assert "No report matches these filters" in response.text


def test_queue_paginates(client, service_a, moderator_a):
    for _ in range(27):
        make_report(service_a)
    client.force_login(moderator_a)

    first = client.get("/ja/reports/queue/")
    second = client.get("/ja/reports/queue/?page=2")

    assert len(first.context["reports"]) == 25
    assert len(second.context["reports"]) == 2
    assert 'rel="next"' in first.text


@pytest.mark.parametrize("url", ["/ja/reports/queue/", "/ja/reports/police/"])
def test_queue_query_count_does_not_grow(client, service_a, service_b, police, url):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries)

    client.force_login(police)
    for index in range(5):
        make_report(service_a if index % 2 else service_b, category=Category.SEXUAL_IMAGES)
    with_five = count_queries()
    for index in range(45):
        make_report(
            service_a if index % 2 else service_b,
            category=Category.SEXUAL_IMAGES,
            site_address="https://unlisted.example.org/" if index % 3 == 0 else "",
        )

    assert count_queries() == with_five


def test_operator_queue_query_count_does_not_grow(client, service_a, moderator_a):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get("/ja/reports/queue/?source=public")
        return len(queries)

    client.force_login(moderator_a)
    for _ in range(5):
        make_report(service_a)
    with_five = count_queries()
    for _ in range(45):
        make_report(service_a)

    assert count_queries() == with_five


def test_queue_sends_anonymous_to_sign_in(client):
    assert outcome_of(client.get("/ja/reports/queue/")) == SIGN_IN


def test_queue_refuses_volunteers(client):
    client.force_login(make_member(OrganizationKind.VOLUNTEER_GROUP))

    assert client.get("/ja/reports/queue/").status_code == 403


# The police queue


def test_police_queue_puts_unseen_reports_first(client, service_a, police):
    seen, _pin = make_report(service_a, category=Category.SEXUAL_IMAGES)
    services.acknowledge(seen, user=police)
    unseen, _pin = make_report(service_a, category=Category.SEXUAL_IMAGES)
    make_report(service_a)
    client.force_login(police)

    response = client.get("/ja/reports/police/")

    assert [report.pk for report in response.context["reports"]] == [unseen.pk, seen.pk]


def test_police_queue_empty_state(client, police):
    client.force_login(police)

    response = client.get("/en/reports/police/")

    assert "No report has been forwarded to the police" in response.text


# The report page


def test_report_page_shows_the_report_without_the_reporter(client, service_a, moderator_a):
    volunteer = make_member(OrganizationKind.VOLUNTEER_GROUP, email="patrol@example.net")
    report, pin = make_report(
        service_a,
        user=volunteer,
        contact_email="patrol@example.net",
        post_url="https://chat.example.com/posts/42?ref=abc",
        description="中学生に会おうと持ちかける投稿",
    )
    client.force_login(moderator_a)

    response = client.get(f"/ja/reports/{report.pk}/")

    assert response.status_code == 200
    assert "https://chat.example.com/posts/42?ref=abc" in response.text
    assert 'href="https://chat.example.com' not in response.text
    assert "中学生に会おうと持ちかける投稿" in response.text
    assert "みまもりチャット" in response.text
    assert "見守りチャット株式会社" in response.text
    assert str(Source.VOLUNTEER.label) in response.text
    assert "patrol@example.net" not in response.text
    assert volunteer.memberships.get().organization.name_ja not in response.text
    assert report.formatted_receipt_number not in response.text
    assert pin not in response.text


def test_report_page_of_unlisted_site_shows_its_address(client, secretary):
    report, _pin = make_report(site_address="https://unlisted.example.org/")
    client.force_login(secretary)

    response = client.get(f"/en/reports/{report.pk}/")

    assert "https://unlisted.example.org/" in response.text
    assert "Site not listed in the registry" in response.text


def test_report_page_tells_of_sexual_images(client, service_a, moderator_a):
    report, _pin = make_report(service_a, category=Category.SEXUAL_IMAGES)
    client.force_login(moderator_a)

    response = client.get(f"/en/reports/{report.pk}/")

    assert "already with the police" in response.text


def test_report_page_hides_other_operators_report(client, service_b, moderator_a):
    report, _pin = make_report(service_b)
    client.force_login(moderator_a)

    assert client.get(f"/ja/reports/{report.pk}/").status_code == 404
    assert client.get("/ja/reports/999999/").status_code == 404


def test_report_page_shows_actions_the_policy_allows(client, service_a, moderator_a, secretary, police):
    report, _pin = make_report(service_a)

    client.force_login(moderator_a)
    as_moderator = client.get(f"/ja/reports/{report.pk}/")
    client.force_login(secretary)
    as_secretary = client.get(f"/ja/reports/{report.pk}/")

    assert f'action="/ja/reports/{report.pk}/outcome/"' in as_moderator.text
    assert f'action="/ja/reports/{report.pk}/reply/"' in as_moderator.text
    assert f'action="/ja/reports/{report.pk}/forward/"' not in as_moderator.text
    assert f'action="/ja/reports/{report.pk}/outcome/"' not in as_secretary.text
    assert f'action="/ja/reports/{report.pk}/forward/"' in as_secretary.text


# Actions


def test_moderator_records_the_outcome(client, service_a, moderator_a):
    report, _pin = make_report(service_a)
    client.force_login(moderator_a)

    response = client.post(
        f"/ja/reports/{report.pk}/outcome/", {"outcome": Outcome.REMOVED, "message": "投稿を削除しました。"}
    )

    report.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == f"/ja/reports/{report.pk}/"
    assert report.outcome == Outcome.REMOVED
    assert report.closed_by == moderator_a
    assert report.replies.get().body == "投稿を削除しました。"


def test_outcome_form_errors_keep_the_message(client, service_a, moderator_a):
    report, _pin = make_report(service_a)
    client.force_login(moderator_a)

    response = client.post(f"/en/reports/{report.pk}/outcome/", {"outcome": "", "message": "Typed text"})

    report.refresh_from_db()
    assert response.status_code == 400
    assert response.context["outcome_form"].errors["outcome"] == ["This field is required."]
    assert "Typed text" in response.text
    assert not report.is_closed


def test_outcome_error_is_in_japanese(client, service_a, moderator_a):
    report, _pin = make_report(service_a)
    client.force_login(moderator_a)

    response = client.post(f"/ja/reports/{report.pk}/outcome/", {"outcome": "deleted"})

    assert response.status_code == 400
    assert "正しく選択してください" in response.context["outcome_form"].errors["outcome"][0]


def test_outcome_on_closed_report_is_refused(client, service_a, moderator_a):
    report, _pin = make_report(service_a)
    services.record_outcome(report, outcome=Outcome.NO_VIOLATION, user=moderator_a)
    client.force_login(moderator_a)

    response = client.post(f"/en/reports/{report.pk}/outcome/", {"outcome": Outcome.REMOVED}, follow=True)

    report.refresh_from_db()
    assert report.outcome == Outcome.NO_VIOLATION
    assert "no longer possible" in response.text


def test_other_operator_cannot_record_outcome(client, service_b, moderator_a):
    report, _pin = make_report(service_b)
    client.force_login(moderator_a)

    response = client.post(f"/ja/reports/{report.pk}/outcome/", {"outcome": Outcome.REMOVED})

    report.refresh_from_db()
    assert response.status_code == 404
    assert not report.is_closed


def test_moderator_replies_to_the_reporter(client, service_a, moderator_a):
    report, _pin = make_report(service_a)
    client.force_login(moderator_a)

    response = client.post(f"/ja/reports/{report.pk}/reply/", {"body": "確認中です。"})

    assert response.status_code == 302
    assert report.replies.get().body == "確認中です。"
    assert AuditEvent.objects.filter(action="reports.report.replied").count() == 1


def test_empty_reply_is_marked_on_its_field(client, service_a, moderator_a):
    report, _pin = make_report(service_a)
    client.force_login(moderator_a)

    response = client.post(f"/en/reports/{report.pk}/reply/", {"body": "   "})

    assert response.status_code == 400
    assert response.context["reply_form"].errors["body"] == ["Write the message to the reporter."]
    assert not Reply.objects.exists()


def test_secretariat_forwards_a_report(client, service_a, secretary, police):
    report, _pin = make_report(service_a)
    client.force_login(secretary)

    response = client.post(f"/ja/reports/{report.pk}/forward/")

    report.refresh_from_db()
    assert response.status_code == 302
    assert report.is_forwarded_to_police
    assert not report.is_closed
    assert police.notifications.filter(kind="report_forwarded").count() == 1


def test_operator_cannot_forward(client, service_a, moderator_a):
    report, _pin = make_report(service_a)
    client.force_login(moderator_a)

    response = client.post(f"/en/reports/{report.pk}/forward/", follow=True)

    report.refresh_from_db()
    assert not report.is_forwarded_to_police
    assert "no longer possible" in response.text


def test_police_mark_a_report_as_seen(client, service_a, police):
    report, _pin = make_report(service_a, category=Category.SEXUAL_IMAGES)
    client.force_login(police)

    page = client.get(f"/ja/reports/{report.pk}/")
    response = client.post(f"/ja/reports/{report.pk}/acknowledge/")

    report.refresh_from_db()
    assert f'action="/ja/reports/{report.pk}/acknowledge/"' in page.text
    assert response["Location"] == "/ja/reports/police/"
    assert report.police_acknowledged_at is not None


def test_police_cannot_acknowledge_unforwarded_report(client, service_a, police):
    report, _pin = make_report(service_a)
    client.force_login(police)

    response = client.post(f"/ja/reports/{report.pk}/acknowledge/")

    report.refresh_from_db()
    assert response.status_code == 404
    assert report.police_acknowledged_at is None


def test_action_urls_refuse_get(client, service_a, moderator_a):
    report, _pin = make_report(service_a)
    client.force_login(moderator_a)

    assert client.get(f"/ja/reports/{report.pk}/outcome/").status_code == 405


def test_report_counts_unchanged_by_refused_posts(client, service_b, moderator_a):
    report, _pin = make_report(service_b)
    client.force_login(moderator_a)

    for action in ("outcome", "reply", "forward", "acknowledge"):
        client.post(f"/ja/reports/{report.pk}/{action}/", {"outcome": Outcome.REMOVED, "body": "x"})

    report.refresh_from_db()
    assert not report.is_closed
    assert not report.is_forwarded_to_police
    assert not Reply.objects.exists()
    assert Report.objects.count() == 1


# The way in


def test_dashboard_links_handlers_to_their_queue(client, moderator_a, police):
    client.force_login(moderator_a)
    operator_page = client.get("/ja/members/")
    client.force_login(police)
    police_page = client.get("/en/members/")

    assert 'href="/ja/reports/queue/"' in operator_page.text
    assert "投稿の通報" in operator_page.text
    assert 'href="/en/reports/police/"' in police_page.text


def test_dashboard_has_no_queue_for_volunteers(client):
    client.force_login(make_member(OrganizationKind.VOLUNTEER_GROUP))

    response = client.get("/ja/members/")

    assert "/ja/reports/queue/" not in response.text
    assert "/ja/reports/police/" not in response.text


def test_opening_a_report_is_audited(client, service_a, moderator_a, moderator_b):
    report, _pin = make_report(service_a)
    client.force_login(moderator_a)

    assert client.get(report.get_absolute_url()).status_code == 200

    viewed = AuditEvent.objects.filter(action="reports.report.viewed")
    assert [event.actor_id for event in viewed] == [moderator_a.pk]
    client.force_login(moderator_b)
    assert client.get(report.get_absolute_url()).status_code == 404
    assert viewed.count() == 1
