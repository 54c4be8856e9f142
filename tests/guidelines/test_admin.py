"""The page editor's version checks and "Open for consultation" action, and the secretariat's admin screens."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from guidelines.models import GuidelinePage, VersionState
from portal.members.models import MembershipRole, OrganizationKind
from tests.factories import make_member
from tests.guidelines.factories import open_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    client.force_login(make_member(OrganizationKind.SECRETARIAT, MembershipRole.ADMIN, with_totp=True))
    return client


def edit_form(page, *, label, body, note="改訂の理由。", kind="major", closes_at="", action="action-publish"):
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "sections": streamfield(
                [("section", {"heading": "対象", "anchor": "scope", "body": rich_text(body)})]
            ),
            "topics": [],
            "recommended_measures": [],
            "version_label": label,
            "change_kind": kind,
            "change_note": note,
            "effective_date": "",
            "consultation_closes_at": closes_at,
            "comments": inline_formset([]),
        }
    )
    data[action] = "1"
    return data


def edit_url(page) -> str:
    return f"/admin/pages/{page.pk}/edit/"


def test_publish_through_editor_creates_version(editor, guideline):
    response = editor.post(edit_url(guideline), edit_form(guideline, label="2.0", body="<p>新しい本文</p>"))

    assert response.status_code == 302
    assert guideline.versions.in_force().get().label == "2.0"


def test_reused_label_shown_on_its_field(editor, guideline):
    response = editor.post(edit_url(guideline), edit_form(guideline, label="1.0", body="<p>別の本文</p>"))

    assert response.status_code == 200
    assert "version_label" in response.context["form"].errors
    assert guideline.versions.count() == 1


def test_major_change_without_note_shown_on_its_field(editor, guideline):
    response = editor.post(
        edit_url(guideline), edit_form(guideline, label="2.0", body="<p>別の本文</p>", note="")
    )

    assert "change_note" in response.context["form"].errors


def test_draft_save_skips_version_checks(editor, guideline):
    response = editor.post(
        edit_url(guideline), edit_form(guideline, label="1.0", body="<p>作業中</p>", action="action-save")
    )

    assert response.status_code == 302
    assert guideline.versions.count() == 1


def test_open_consultation_from_editor(editor, guideline):
    closes = (timezone.localtime() + timedelta(days=14)).strftime("%Y-%m-%d %H:%M")

    response = editor.post(
        edit_url(guideline),
        edit_form(
            guideline,
            label="2.0-draft",
            body="<p>案の本文</p>",
            closes_at=closes,
            action="action-open-consultation",
        ),
    )

    assert response.status_code == 302
    draft = guideline.versions.get(label="2.0-draft")
    assert draft.state == VersionState.CONSULTATION
    assert GuidelinePage.objects.get(pk=guideline.pk).live_revision.as_object().version_label == "1.0"


def test_open_consultation_needs_closing_time(editor, guideline):
    response = editor.post(
        edit_url(guideline),
        edit_form(guideline, label="2.0-draft", body="<p>案の本文</p>", action="action-open-consultation"),
    )

    assert "consultation_closes_at" in response.context["form"].errors
    assert not guideline.versions.filter(label="2.0-draft").exists()


def test_editor_offers_consultation_action(editor, guideline):
    response = editor.get(edit_url(guideline))

    assert 'name="action-open-consultation"' in response.content.decode()


def test_closing_time_moved_in_admin(editor, guideline):
    draft = open_consultation(guideline, label="2.0-draft")
    later = (timezone.localtime() + timedelta(days=30)).replace(second=0, microsecond=0)

    response = editor.post(
        f"/admin/guideline-versions/edit/{draft.pk}/",
        {"consultation_closes_at": later.strftime("%Y-%m-%d %H:%M")},
    )

    draft.refresh_from_db()
    assert response.status_code == 302
    assert draft.consultation_closes_at == later


def test_version_in_force_not_editable_in_admin(editor, guideline):
    version = guideline.versions.get()

    response = editor.get(f"/admin/guideline-versions/edit/{version.pk}/")

    # Wagtail's admin answers a refusal by returning to the dashboard with a message.
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_comment_queue_lists_threads(editor, guideline):
    from guidelines import services

    services.post_comment(
        make_member(), guideline.versions.get(), anchor="scope", body="管理画面で見える意見"
    )

    response = editor.get("/admin/guideline-comments/")

    assert "管理画面で見える意見" in response.content.decode()


def test_comment_queue_puts_open_threads_first(editor, guideline):
    from guidelines import services
    from guidelines.models import CommentStatus

    secretary = make_member(OrganizationKind.SECRETARIAT, MembershipRole.ADMIN, with_totp=True)
    resolved = services.post_comment(
        make_member(), guideline.versions.get(), anchor="scope", body="解決済みの意見"
    )
    services.set_status(secretary, resolved, CommentStatus.RESOLVED)
    services.post_comment(make_member(), guideline.versions.get(), anchor="scope", body="未回答の意見")

    html = editor.get("/admin/guideline-comments/").content.decode()

    assert html.index("未回答の意見") < html.index("解決済みの意見")
