"""Role × URL × expected outcome for the guidelines area, and the comment rules for each role.

Outcomes follow ``tests.portal.test_access_matrix``; comment actions add ``"done"`` (the change was made) and
``"refused"`` (the member is sent back with a message and nothing changed).
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from guidelines import services
from guidelines.models import Comment
from portal.members.models import MembershipRole, OrganizationKind
from tests.factories import make_member
from tests.guidelines.factories import BASIC_SECTIONS, make_guideline, open_consultation, publish
from tests.portal.test_access_matrix import (
    PENDING,
    PUBLIC,
    ROLES,
    SECOND_FACTOR,
    SIGN_IN,
    admin_only,
    members_only,
    outcome_of,
)

pytestmark = pytest.mark.django_db

DONE = "done"
REFUSED = "refused"

REVISED = (("scope", "対象", "<p>全てのサービスを対象とする。</p>"), BASIC_SECTIONS[1])


@pytest.fixture
def matrix_guideline(db):
    """A guideline with 1.0 superseded, 2.0 in force and 3.0-draft under consultation."""
    page = make_guideline(slug="matrix")
    publish(page, label="2.0", items=REVISED)
    open_consultation(page, label="3.0-draft", items=BASIC_SECTIONS)
    return page


MATRIX = {
    "/ja/guidelines/": PUBLIC,
    "/en/guidelines/": PUBLIC,
    "/ja/guidelines/?state=in_force&site_type=chat": PUBLIC,
    "/ja/guidelines/feed/": PUBLIC,
    "/ja/guidelines/subscriptions/": members_only(),
    "/ja/guidelines/matrix/": PUBLIC,
    "/ja/guidelines/matrix/v/1.0/": PUBLIC,
    "/ja/guidelines/matrix/v/2.0/": PUBLIC,
    "/ja/guidelines/matrix/v/3.0-draft/": members_only(),
    "/ja/guidelines/matrix/v/9.9/": {role: 404 for role in ROLES},
    "/ja/guidelines/matrix/compare/": PUBLIC,
    "/ja/guidelines/matrix/compare/?old=2.0&new=3.0-draft": members_only(),
    "/admin/guideline-versions/": admin_only(),
    "/admin/guideline-comments/": admin_only(),
    "/admin/snippets/guidelines/guidelinetopic/": admin_only(),
}


@pytest.mark.parametrize("role", ROLES)
def test_guideline_pages(sign_in_as, matrix_guideline, role):
    # One guideline per role rather than per URL and role: building it publishes three versions.
    client = sign_in_as(role)
    expected = {url: outcomes[role] for url, outcomes in MATRIX.items()}

    outcomes = {url: outcome_of(client.get(url)) for url in MATRIX}

    assert outcomes == expected


def post_outcome(response, changed: bool):
    outcome = outcome_of(response)
    if isinstance(outcome, str) and outcome.startswith("302 to"):
        return DONE if changed else REFUSED
    return outcome


# Who may comment on the version in force

COMMENT_ON_VERSION_IN_FORCE = members_only(
    **{role: DONE for role, spec in ROLES.items() if spec and spec[2] == "approved"}
)
COMMENT_ON_VERSION_IN_FORCE.update(
    police_without_totp=SECOND_FACTOR,
    reviewer_without_totp=SECOND_FACTOR,
    secretariat_without_totp=SECOND_FACTOR,
)


@pytest.mark.parametrize(("role", "expected"), COMMENT_ON_VERSION_IN_FORCE.items())
def test_comment_on_version_in_force(sign_in_as, matrix_guideline, role, expected):
    client = sign_in_as(role)

    response = client.post(
        "/ja/guidelines/matrix/v/2.0/comment/", {"section": "scope", "body": "意見を述べます。"}
    )

    assert post_outcome(response, Comment.objects.exists()) == expected


@pytest.mark.parametrize(
    ("role", "expected"), [("anonymous", SIGN_IN), ("operator", REFUSED), ("secretariat", REFUSED)]
)
def test_comment_on_superseded_version(sign_in_as, matrix_guideline, role, expected):
    client = sign_in_as(role)

    response = client.post(
        "/ja/guidelines/matrix/v/1.0/comment/", {"section": "scope", "body": "古い版への意見"}
    )

    assert post_outcome(response, Comment.objects.exists()) == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", SIGN_IN), ("applicant", PENDING), ("operator", DONE), ("carrier", DONE), ("police", DONE)],
)
def test_comment_on_open_consultation(sign_in_as, matrix_guideline, role, expected):
    client = sign_in_as(role)

    response = client.post(
        "/ja/guidelines/matrix/v/3.0-draft/comment/", {"section": "scope", "body": "案への意見"}
    )

    assert post_outcome(response, Comment.objects.exists()) == expected


@pytest.mark.parametrize(
    ("role", "expected"), [("anonymous", SIGN_IN), ("operator", REFUSED), ("secretariat", REFUSED)]
)
def test_comment_after_consultation_closed(sign_in_as, matrix_guideline, role, expected):
    draft = matrix_guideline.versions.get(label="3.0-draft")
    draft.consultation_closes_at = timezone.now() - timedelta(seconds=1)
    draft.save(update_fields=["consultation_closes_at"])
    client = sign_in_as(role)

    response = client.post(
        "/ja/guidelines/matrix/v/3.0-draft/comment/", {"section": "scope", "body": "締切後"}
    )

    assert post_outcome(response, Comment.objects.exists()) == expected


def test_closed_consultation_page_offers_no_form(matrix_guideline, client, make_user):
    draft = matrix_guideline.versions.get(label="3.0-draft")
    draft.consultation_closes_at = timezone.now() - timedelta(seconds=1)
    draft.save(update_fields=["consultation_closes_at"])
    client.force_login(make_user(OrganizationKind.OPERATOR))

    response = client.get("/ja/guidelines/matrix/v/3.0-draft/")

    assert 'action="/ja/guidelines/matrix/v/3.0-draft/comment/"' not in response.content.decode()


# Replies, official responses and status


@pytest.fixture
def thread(matrix_guideline):
    author = make_member(name="質問 太郎")
    return services.post_comment(
        author, matrix_guideline.versions.get(label="2.0"), anchor="scope", body="質問です。"
    )


REPLY = {
    "anonymous": SIGN_IN,
    "applicant": PENDING,
    "operator": DONE,
    "police_without_totp": SECOND_FACTOR,
    "educator": DONE,
    "secretariat": DONE,
}


@pytest.mark.parametrize(("role", "expected"), REPLY.items())
def test_reply_by_role(sign_in_as, thread, role, expected):
    client = sign_in_as(role)

    response = client.post(f"/ja/guidelines/matrix/comments/{thread.pk}/reply/", {"body": "返信します。"})

    assert post_outcome(response, thread.thread_replies.exists()) == expected


@pytest.mark.parametrize(("role", "official"), [("operator", False), ("secretariat", True)])
def test_reply_official_only_from_secretariat(sign_in_as, thread, role, official):
    client = sign_in_as(role)

    client.post(
        f"/ja/guidelines/matrix/comments/{thread.pk}/reply/", {"body": "返信します。", "status": "resolved"}
    )

    reply = thread.thread_replies.get()
    thread.refresh_from_db()
    assert reply.is_official is official
    assert (thread.status == "resolved") is official


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", SIGN_IN),
        ("operator", 403),
        ("operator_admin", 403),
        ("secretariat_without_totp", SECOND_FACTOR),
        ("secretariat", DONE),
    ],
)
def test_status_by_role(sign_in_as, thread, role, expected):
    client = sign_in_as(role)

    response = client.post(f"/ja/guidelines/matrix/comments/{thread.pk}/status/", {"status": "resolved"})

    thread.refresh_from_db()
    assert post_outcome(response, thread.status == "resolved") == expected


@pytest.mark.parametrize(
    ("role", "expected"), [("anonymous", SIGN_IN), ("operator", 403), ("police", 403), ("secretariat", DONE)]
)
def test_hide_by_role(sign_in_as, thread, role, expected):
    client = sign_in_as(role)

    response = client.post(f"/ja/guidelines/matrix/comments/{thread.pk}/moderate/", {"reason": "重複のため"})

    thread.refresh_from_db()
    assert post_outcome(response, thread.is_hidden) == expected


def test_hide_without_reason_keeps_form(sign_in_as, thread):
    client = sign_in_as("secretariat")

    response = client.post(f"/ja/guidelines/matrix/comments/{thread.pk}/moderate/", {"reason": ""})

    thread.refresh_from_db()
    assert response.status_code == 200
    assert thread.is_hidden is False
    assert 'aria-invalid="true"' in response.content.decode()


# Hidden comments and names


@pytest.fixture
def hidden(thread):
    moderator = make_member(OrganizationKind.SECRETARIAT, MembershipRole.ADMIN, with_totp=True)
    return services.hide_comment(moderator, thread, reason="個人の連絡先を含むため")


@pytest.mark.parametrize(
    ("role", "sees_text"),
    [("anonymous", False), ("operator", False), ("police", False), ("secretariat", True)],
)
def test_hidden_comment_text(sign_in_as, hidden, role, sees_text):
    client = sign_in_as(role)

    html = client.get("/ja/guidelines/matrix/").content.decode()

    assert ("質問です。" in html) is sees_text
    assert "事務局が非表示にしました。" in html


def test_hidden_comment_shown_to_author_with_reason(client, hidden):
    client.force_login(hidden.author)

    html = client.get("/ja/guidelines/matrix/").content.decode()

    assert "質問です。" in html
    assert "個人の連絡先を含むため" in html


@pytest.mark.parametrize(
    ("role", "sees_name"),
    [("anonymous", False), ("applicant", False), ("operator", True), ("volunteer", True)],
)
def test_commenter_name_for_members_only(sign_in_as, thread, role, sees_name):
    client = sign_in_as(role)
    response = client.get("/ja/guidelines/matrix/")
    if outcome_of(response) != 200:
        pytest.fail(f"{role} could not read the guideline")

    html = response.content.decode()

    assert ("質問 太郎" in html) is sees_name
    assert thread.organization.name_ja in html


def test_draft_comments_hidden_from_public_on_carried_version(matrix_guideline, client):
    author = make_member()
    draft = matrix_guideline.versions.get(label="3.0-draft")
    services.post_comment(author, draft, anchor="scope", body="会員限定の案への意見")
    publish(matrix_guideline, label="3.0", items=BASIC_SECTIONS)

    html = client.get("/ja/guidelines/matrix/").content.decode()

    assert "会員限定の案への意見" not in html


# Editing within the window


@pytest.mark.parametrize(("minutes_later", "expected"), [(5, DONE), (61, REFUSED)])
def test_edit_within_window_only(client, thread, settings, minutes_later, expected):
    settings.GUIDELINES_COMMENT_EDIT_MINUTES = 60
    Comment.objects.filter(pk=thread.pk).update(created_at=timezone.now() - timedelta(minutes=minutes_later))
    client.force_login(thread.author)

    response = client.post(f"/ja/guidelines/matrix/comments/{thread.pk}/edit/", {"body": "直しました。"})

    thread.refresh_from_db()
    assert post_outcome(response, thread.body == "直しました。") == expected


@pytest.mark.parametrize("role", ["operator", "secretariat"])
def test_edit_by_others_refused(sign_in_as, thread, role):
    client = sign_in_as(role)

    response = client.post(f"/ja/guidelines/matrix/comments/{thread.pk}/edit/", {"body": "他人の編集"})

    thread.refresh_from_db()
    assert post_outcome(response, thread.body == "他人の編集") == 403


def test_withdraw_by_author(client, thread):
    client.force_login(thread.author)

    client.post(f"/ja/guidelines/matrix/comments/{thread.pk}/withdraw/")

    thread.refresh_from_db()
    assert thread.is_withdrawn is True


def test_history_for_author_and_secretariat_only(sign_in_as, client, thread):
    services.edit_comment(thread.author, thread, body="二度目の文")

    assert (
        sign_in_as("operator").get(f"/ja/guidelines/matrix/comments/{thread.pk}/history/").status_code == 403
    )
    client.force_login(thread.author)
    assert "質問です。" in client.get(f"/ja/guidelines/matrix/comments/{thread.pk}/history/").content.decode()


# Acknowledgement and subscription


ACKNOWLEDGE = {
    "anonymous": SIGN_IN,
    "applicant": PENDING,
    "operator": DONE,
    "operator_admin": DONE,
    "police": 403,
    "carrier": 403,
    "secretariat": 403,
}


@pytest.mark.parametrize(("role", "expected"), ACKNOWLEDGE.items())
def test_acknowledge_by_role(sign_in_as, matrix_guideline, role, expected):
    client = sign_in_as(role)

    response = client.post("/ja/guidelines/matrix/v/2.0/acknowledge/")

    version = matrix_guideline.versions.get(label="2.0")
    assert post_outcome(response, version.acknowledgements.exists()) == expected


@pytest.mark.parametrize(
    ("role", "expected"), [("anonymous", SIGN_IN), ("applicant", PENDING), ("educator", DONE)]
)
def test_follow_by_role(sign_in_as, matrix_guideline, role, expected):
    client = sign_in_as(role)

    response = client.post("/ja/guidelines/matrix/subscription/", {"subscribe": "1"})

    assert post_outcome(response, matrix_guideline.subscriptions.exists()) == expected
