"""Comments: threads, official responses, edits, moderation, carrying to new versions and who is told."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from guidelines import services
from guidelines.models import CommentPlacement, CommentStatus, PlacementState
from portal.members.models import MembershipRole, OrganizationKind
from portal.notifications.models import Notification
from tests.factories import make_member, make_organization
from tests.guidelines.factories import BASIC_SECTIONS, make_guideline, open_consultation, publish, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    """An operator with a colleague and an admin, another operator, and the secretariat."""
    company = make_organization(OrganizationKind.OPERATOR, name_ja="見守りチャット株式会社")
    other_company = make_organization(OrganizationKind.OPERATOR, name_ja="つながる掲示板株式会社")
    return {
        "operator": make_member(organization=company, name="佐藤 花子"),
        "colleague": make_member(organization=company, name="田中 次郎"),
        "operator_admin": make_member(organization=company, role=MembershipRole.ADMIN, name="鈴木 一郎"),
        "other_operator": make_member(organization=other_company, name="高橋 三郎"),
        "other_admin": make_member(organization=other_company, role=MembershipRole.ADMIN, name="伊藤 四郎"),
        "secretariat": make_member(
            OrganizationKind.SECRETARIAT, MembershipRole.ADMIN, with_totp=True, name="事務局 五郎"
        ),
    }


def recipients(kind: str) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__name", flat=True))


def comment_on(guideline, user, anchor="monitoring", body="目視の件数について質問します。"):
    return services.post_comment(user, guideline.versions.in_force().get(), anchor=anchor, body=body)


def test_comment_keeps_author_organization(guideline, people):
    comment = comment_on(guideline, people["operator"])

    assert comment.organization.name_ja == "見守りチャット株式会社"
    assert comment.status == CommentStatus.OPEN
    assert comment.is_official is False


def test_comment_on_unknown_section_rejected(guideline, people):
    with pytest.raises(ValidationError) as raised:
        comment_on(guideline, people["operator"], anchor="nowhere")

    assert "section" in raised.value.message_dict


def test_empty_comment_rejected(guideline, people):
    with pytest.raises(ValidationError) as raised:
        comment_on(guideline, people["operator"], body="   ")

    assert "body" in raised.value.message_dict


def test_control_character_rejected(guideline, people):
    with pytest.raises(ValidationError):
        comment_on(guideline, people["operator"], body="見出し\u202e逆順")


def test_official_reply_answers_thread(guideline, people):
    comment = comment_on(guideline, people["operator"])

    reply = services.post_reply(people["secretariat"], comment, body="全件の確認を求めています。")

    comment.refresh_from_db()
    assert reply.is_official is True
    assert comment.status == CommentStatus.ANSWERED


def test_official_reply_may_resolve_thread(guideline, people):
    comment = comment_on(guideline, people["operator"])

    services.post_reply(people["secretariat"], comment, body="対応しました。", status=CommentStatus.RESOLVED)

    comment.refresh_from_db()
    assert comment.status == CommentStatus.RESOLVED


def test_member_reply_leaves_status(guideline, people):
    comment = comment_on(guideline, people["operator"])

    services.post_reply(people["other_operator"], comment, body="当社も同じ課題があります。")

    comment.refresh_from_db()
    assert comment.status == CommentStatus.OPEN


def test_reply_to_reply_stays_in_thread(guideline, people):
    comment = comment_on(guideline, people["operator"])
    first = services.post_reply(people["secretariat"], comment, body="回答します。")

    second = services.post_reply(people["operator"], first, body="ありがとうございます。")

    assert second.thread_id == comment.pk
    assert second.parent_id == first.pk
    assert second.section_anchor == comment.section_anchor


def test_reply_tells_commenter_and_their_admin_only(guideline, people, django_capture_on_commit_callbacks):
    comment = comment_on(guideline, people["operator"])
    mail.outbox = []

    with django_capture_on_commit_callbacks(execute=True):
        services.post_reply(people["secretariat"], comment, body="回答します。")

    assert recipients("guideline_comment_reply") == {"佐藤 花子", "鈴木 一郎"}
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [people["operator"].email, people["operator_admin"].email]
    )


def test_reply_in_thread_tells_both_authors(guideline, people):
    comment = comment_on(guideline, people["operator"])
    reply = services.post_reply(people["other_operator"], comment, body="同感です。")
    Notification.objects.all().delete()

    services.post_reply(people["secretariat"], reply, body="両社に回答します。")

    assert recipients("guideline_comment_reply") == {"佐藤 花子", "鈴木 一郎", "高橋 三郎", "伊藤 四郎"}


def test_replier_not_told_of_own_reply(guideline, people):
    comment = comment_on(guideline, people["operator"])

    services.post_reply(people["operator"], comment, body="補足します。")

    assert "佐藤 花子" not in recipients("guideline_comment_reply")


def test_reply_notice_in_recipient_language(guideline, people):
    people["operator"].language = "en"
    people["operator"].save(update_fields=["language"])
    comment = comment_on(guideline, people["operator"])

    services.post_reply(people["secretariat"], comment, body="回答します。")

    notice = Notification.objects.get(recipient=people["operator"])
    assert notice.title.startswith("The secretariat answered a comment on")
    assert notice.url.endswith(f"#comment_{comment.pk + 1}")


def test_status_change_tells_commenter(guideline, people):
    comment = comment_on(guideline, people["operator"])

    services.set_status(people["secretariat"], comment, CommentStatus.RESOLVED)

    assert recipients("guideline_comment_status") == {"佐藤 花子", "鈴木 一郎"}


def test_status_set_by_members_refused(guideline, people):
    comment = comment_on(guideline, people["operator"])

    with pytest.raises(PermissionDenied):
        services.set_status(people["operator"], comment, CommentStatus.RESOLVED)


def test_edit_keeps_history(guideline, people):
    comment = comment_on(guideline, people["operator"], body="最初の文")

    services.edit_comment(people["operator"], comment, body="直した文")

    comment.refresh_from_db()
    assert comment.body == "直した文"
    assert comment.edited_at is not None
    assert [edit.previous_body for edit in comment.edits.all()] == ["最初の文"]


def test_edit_after_window_refused(guideline, people, settings):
    settings.GUIDELINES_COMMENT_EDIT_MINUTES = 30
    comment = comment_on(guideline, people["operator"])

    with pytest.raises(PermissionDenied):
        services.edit_comment(
            people["operator"], comment, body="遅すぎる編集", now=timezone.now() + timedelta(minutes=31)
        )


def test_edit_by_colleague_refused(guideline, people):
    comment = comment_on(guideline, people["operator"])

    with pytest.raises(PermissionDenied):
        services.edit_comment(people["colleague"], comment, body="他人の編集")


def test_withdrawn_comment_text_hidden_from_members(guideline, people):
    from portal.members import access

    comment = comment_on(guideline, people["operator"])
    services.withdraw_comment(people["operator"], comment)

    assert access.can_read_guideline_comment_text(people["other_operator"], comment) is False
    assert access.can_read_guideline_comment_text(people["secretariat"], comment) is True


def test_hide_needs_reason(guideline, people):
    comment = comment_on(guideline, people["operator"])

    with pytest.raises(ValidationError) as raised:
        services.hide_comment(people["secretariat"], comment, reason="")

    assert "reason" in raised.value.message_dict


def test_hide_records_who_and_why(guideline, people):
    comment = comment_on(guideline, people["operator"])

    services.hide_comment(people["secretariat"], comment, reason="個人情報を含むため")

    comment.refresh_from_db()
    assert comment.hidden_by == people["secretariat"]
    assert comment.hidden_reason == "個人情報を含むため"


def test_hide_by_member_refused(guideline, people):
    comment = comment_on(guideline, people["operator"])

    with pytest.raises(PermissionDenied):
        services.hide_comment(people["other_operator"], comment, reason="不適切")


def test_restore_shows_comment_again(guideline, people):
    comment = comment_on(guideline, people["operator"])
    services.hide_comment(people["secretariat"], comment, reason="確認のため")

    services.restore_comment(people["secretariat"], comment)

    comment.refresh_from_db()
    assert comment.hidden_at is None


def test_comment_after_consultation_closed_refused(guideline, people):
    draft = open_consultation(guideline, label="2.0-draft", items=BASIC_SECTIONS, closes_in=timedelta(days=1))
    draft.consultation_closes_at = timezone.now() - timedelta(minutes=1)
    draft.save(update_fields=["consultation_closes_at"])

    with pytest.raises(PermissionDenied):
        services.post_comment(people["operator"], draft, anchor="scope", body="締切後の意見")


def test_secretariat_answers_after_consultation_closed(guideline, people):
    draft = open_consultation(guideline, label="2.0-draft", items=BASIC_SECTIONS)
    comment = services.post_comment(people["operator"], draft, anchor="scope", body="締切前の意見")
    draft.consultation_closes_at = timezone.now() - timedelta(minutes=1)
    draft.save(update_fields=["consultation_closes_at"])

    reply = services.post_reply(people["secretariat"], comment, body="締切後の回答")

    assert reply.is_official is True


def test_comment_on_superseded_version_refused(guideline, people):
    publish(guideline, label="2.0", items=BASIC_SECTIONS[:1])

    with pytest.raises(PermissionDenied):
        services.post_comment(
            people["operator"], guideline.versions.get(label="1.0"), anchor="scope", body="古い版"
        )


# Carrying threads to a new version

REVISED = (
    ("scope", "対象", "<p>ミニメールを提供する全てのコミュニティサイトを対象とする。</p>"),
    ("monitoring", "監視の方法", "<p>検知と目視確認、記録の保存を組み合わせる。</p>"),
    ("records", "記録", "<p>記録は1年保存する。</p>"),
)


def test_open_threads_carried_with_section_state(guideline, people):
    same = comment_on(guideline, people["operator"], anchor="scope")
    changed = comment_on(guideline, people["operator"], anchor="monitoring")

    version = publish(guideline, label="2.0", items=REVISED)

    states = dict(CommentPlacement.objects.filter(version=version).values_list("comment_id", "state"))
    assert states == {same.pk: PlacementState.SAME, changed.pk: PlacementState.CHANGED}


def test_thread_on_removed_section_marked_removed(guideline, people):
    comment = comment_on(guideline, people["operator"], anchor="monitoring")

    version = publish(guideline, label="2.0", items=REVISED[:1])

    placement = CommentPlacement.objects.get(version=version)
    assert placement.comment == comment
    assert placement.state == PlacementState.REMOVED


def test_carried_thread_stays_on_its_version(guideline, people):
    comment = comment_on(guideline, people["operator"])

    publish(guideline, label="2.0", items=REVISED)

    comment.refresh_from_db()
    assert comment.version.label == "1.0"


def test_resolved_hidden_and_withdrawn_threads_not_carried(guideline, people):
    resolved = comment_on(guideline, people["operator"], anchor="scope")
    services.set_status(people["secretariat"], resolved, CommentStatus.RESOLVED)
    hidden = comment_on(guideline, people["operator"], anchor="scope")
    services.hide_comment(people["secretariat"], hidden, reason="重複")
    withdrawn = comment_on(guideline, people["operator"], anchor="scope")
    services.withdraw_comment(people["operator"], withdrawn)

    version = publish(guideline, label="2.0", items=REVISED)

    assert CommentPlacement.objects.filter(version=version).count() == 0


def test_change_compared_with_text_commented_on(guideline, people):
    comment = comment_on(guideline, people["operator"], anchor="monitoring")
    publish(guideline, label="2.0", items=REVISED)

    third = publish(guideline, label="3.0", items=BASIC_SECTIONS)

    assert CommentPlacement.objects.get(comment=comment, version=third).state == PlacementState.SAME


def test_carried_thread_shown_on_new_version_page(guideline, people, client):
    comment_on(guideline, people["operator"], anchor="monitoring", body="運ばれるべき意見")
    publish(guideline, label="2.0", items=REVISED)

    html = client.get(guideline.url).content.decode()

    assert "運ばれるべき意見" in html
    assert "節が変更されました" in html


# Notices of new versions


def test_major_version_tells_commenters_admins_and_subscribers(guideline, people):
    comment_on(guideline, people["operator"])
    subscriber = make_member(name="購読 六郎")
    services.subscribe(subscriber, guideline=guideline)
    make_member(name="無関係 七郎")

    publish(guideline, label="2.0", items=REVISED)

    assert recipients("guideline_version") == {"佐藤 花子", "鈴木 一郎", "購読 六郎"}


def test_minor_version_tells_nobody(guideline, people):
    comment_on(guideline, people["operator"])
    services.subscribe(make_member(), guideline=guideline)

    publish(guideline, label="1.1", items=REVISED, major=False)

    assert Notification.objects.filter(kind="guideline_version").count() == 0


def test_topic_subscriber_told_in_own_language(people):
    from guidelines.models import GuidelineTopic

    topic = GuidelineTopic.objects.create(slug="zoning", name_ja="ゾーニング", name_en="Zoning")
    japanese = make_guideline(topics=[topic])
    english = translate(japanese, title="Zoning guideline")
    reader = make_member(name="英語 八郎")
    reader.language = "en"
    reader.save(update_fields=["language"])
    services.subscribe(reader, topic=topic)

    publish(japanese, label="2.0", items=REVISED)
    publish(english, label="2.0", items=REVISED, title="Zoning guideline")

    notices = Notification.objects.filter(recipient=reader, kind="guideline_version")
    assert [notice.url.split("/")[1] for notice in notices] == ["en"]


def test_consultation_notice_skips_former_members(guideline, people):
    from portal.members.models import MembershipStatus

    comment_on(guideline, people["other_operator"])
    membership = people["other_operator"].memberships.get()
    membership.status = MembershipStatus.ENDED
    membership.save(update_fields=["status"])

    open_consultation(guideline, label="2.0-draft", items=REVISED)

    assert "高橋 三郎" not in recipients("guideline_version")


# The public page cache


def test_new_comment_retires_cached_page(
    guideline, people, client, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    client.get(guideline.url)

    with django_capture_on_commit_callbacks(execute=True):
        comment_on(guideline, people["operator"], body="キャッシュの後の意見")
    response = client.get(guideline.url)

    assert "キャッシュの後の意見" in response.content.decode()


def test_hidden_comment_leaves_cached_page(
    guideline, people, client, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    comment = comment_on(guideline, people["operator"], body="後で隠される意見")
    client.get(guideline.url)

    with django_capture_on_commit_callbacks(execute=True):
        services.hide_comment(people["secretariat"], comment, reason="不適切な表現")
    response = client.get(guideline.url)

    assert "後で隠される意見" not in response.content.decode()


def test_consultation_comment_leaves_cache_alone(
    guideline, people, settings, django_capture_on_commit_callbacks
):
    from portal.home.page_cache import cache_version

    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    draft = open_consultation(guideline, label="2.0-draft", items=BASIC_SECTIONS)
    before = cache_version()

    with django_capture_on_commit_callbacks(execute=True):
        services.post_comment(people["operator"], draft, anchor="scope", body="案への意見")

    assert cache_version() == before


def test_anonymous_page_served_from_cache(guideline, client, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    client.get(guideline.url)

    response = client.get(guideline.url)

    assert response.context is None


def test_comments_past_hourly_limit_rejected(guideline, people, settings):
    settings.GUIDELINES_COMMENT_HOURLY_LIMIT = 2
    first = comment_on(guideline, people["operator"])
    services.post_reply(people["operator"], first, body="補足します。")

    with pytest.raises(ValidationError) as raised:
        comment_on(guideline, people["operator"], body="三件目です。")

    assert "過去 1 時間" in raised.value.message_dict["body"][0]
    # Each member has a limit of their own, and the secretariat's responses do not count.
    comment_on(guideline, people["colleague"])
    services.post_reply(people["secretariat"], first, body="回答します。")
    services.post_reply(people["secretariat"], first, body="追記します。")
