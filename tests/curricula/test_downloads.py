"""Downloading a curriculum's PDF: stored once per revision, rendered in the request when needed, retried."""

import logging

import pytest
from django.core.files.storage import default_storage
from wagtail.models import PageViewRestriction

from curricula import services, tasks
from curricula.models import CurriculumPdf, DownloadCount
from curricula.models.pages import safe_file_name

from .conftest import TITLES, build_curriculum, pdf_text

pytestmark = pytest.mark.django_db


def pdf_url(page) -> str:
    return f"{page.url}pdf/"


@pytest.fixture
def flaky_storage(settings, tmp_path):
    """Make the default storage fail its next saves; set ``FlakyStorage.failures`` in the test."""
    from tests.curricula.storages import FlakyStorage

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "tests.curricula.storages.FlakyStorage", "OPTIONS": {"location": tmp_path}},
    }
    FlakyStorage.failures = 0
    FlakyStorage.attempts = 0
    yield FlakyStorage
    FlakyStorage.failures = 0


def test_download_before_render_renders_then(client, curriculum, renders):
    response = client.get(pdf_url(curriculum))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert TITLES["ja"] in pdf_text(response.content)
    assert len(renders) == 1


def test_download_before_render_stores_pdf(client, curriculum):
    client.get(pdf_url(curriculum))

    record = CurriculumPdf.objects.get(page=curriculum)
    assert record.revision_id == curriculum.live_revision_id
    assert record.language == "ja"
    assert default_storage.exists(record.file.name)


def test_second_download_served_from_storage(client, curriculum, renders):
    first = client.get(pdf_url(curriculum))
    second = client.get(pdf_url(curriculum))

    assert second.content == first.content
    assert len(renders) == 1


def test_publish_renders_in_background(curriculum, renders, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        curriculum.save_revision().publish()

    curriculum.refresh_from_db()
    assert CurriculumPdf.objects.filter(page=curriculum, revision_id=curriculum.live_revision_id).count() == 1
    assert len(renders) == 1


def test_download_after_background_render_does_not_render(
    client, curriculum, renders, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        curriculum.save_revision().publish()

    client.get(pdf_url(curriculum))

    assert len(renders) == 1


def test_new_revision_replaces_stored_pdf(client, curriculum, django_capture_on_commit_callbacks):
    client.get(pdf_url(curriculum))
    old = CurriculumPdf.objects.get(page=curriculum)

    with django_capture_on_commit_callbacks(execute=True):
        curriculum.title = "改訂版のタイトル"
        curriculum.save_revision().publish()
        client.get(pdf_url(curriculum))

    assert list(CurriculumPdf.objects.filter(page=curriculum).values_list("pk", flat=True)) != [old.pk]
    assert not default_storage.exists(old.file.name)


def test_new_revision_downloads_new_content(client, curriculum):
    client.get(pdf_url(curriculum))
    curriculum.title = "改訂版のタイトル"
    curriculum.save_revision().publish()

    response = client.get(pdf_url(curriculum))

    assert "改訂版のタイトル" in pdf_text(response.content)


def test_duplicate_render_keeps_one_record(curriculum):
    first = services.render_and_store_pdf(curriculum, curriculum.live_revision_id)
    second = services.render_and_store_pdf(curriculum, curriculum.live_revision_id)

    assert second.pk == first.pk
    assert CurriculumPdf.objects.filter(page=curriculum).count() == 1


def test_missing_file_rendered_again(client, curriculum, renders):
    client.get(pdf_url(curriculum))
    default_storage.delete(CurriculumPdf.objects.get(page=curriculum).file.name)

    response = client.get(pdf_url(curriculum))

    assert response.status_code == 200
    assert len(renders) == 2


def test_download_headers(client, curriculum):
    response = client.get(pdf_url(curriculum))

    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    assert "%EF%BC%88%E7%AC%AC1.2%E7%89%88%EF%BC%89.pdf" in response["Content-Disposition"]  # （第1.2版）.pdf
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"]
    assert "max-age=300" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ('Safety"\r\nX-Injected: 1', "Safety___X-Injected_ 1 (version 1.2).pdf"),
        ("Lesson\u202efdp.exe", "Lessonfdp.exe (version 1.2).pdf"),
        ("Lesson\x7f\u200bone", "Lessonone (version 1.2).pdf"),
        ("../../etc/passwd", "_.._etc_passwd (version 1.2).pdf"),
    ],
)
def test_download_name_has_no_control_characters(title, expected):
    assert safe_file_name(f"{title} (version 1.2).pdf") == expected


def test_hostile_title_stays_in_download_name(client, db):
    page = build_curriculum(title='Safety"\r\nX-Injected: 1\u202e', slug="hostile")

    response = client.get(pdf_url(page))

    assert response.status_code == 200
    assert "X-Injected" not in response.headers
    assert "\r" not in response["Content-Disposition"]
    assert "%E2%80%AE" not in response["Content-Disposition"]  # U+202E, the right-to-left override


def test_conditional_request_gets_not_modified(client, curriculum):
    etag = client.get(pdf_url(curriculum))["ETag"]

    response = client.get(pdf_url(curriculum), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304


def test_downloads_counted_per_day(client, curriculum):
    client.get(pdf_url(curriculum))
    client.get(pdf_url(curriculum))
    client.get(pdf_url(curriculum), HTTP_IF_NONE_MATCH=client.get(pdf_url(curriculum))["ETag"])

    count = DownloadCount.objects.get(page=curriculum)
    assert count.downloads == 3
    assert count.language == "ja"


def test_download_count_has_no_personal_fields():
    names = {field.name for field in DownloadCount._meta.get_fields()}

    assert names == {"id", "page", "day", "language", "downloads", "pack_downloads"}


def test_failed_render_logged_and_retried(
    curriculum, flaky_storage, caplog, django_capture_on_commit_callbacks
):
    flaky_storage.failures = 1

    with caplog.at_level(logging.ERROR, logger="curricula"), django_capture_on_commit_callbacks(execute=True):
        revision = curriculum.save_revision()
        revision.publish()

    failures = [record for record in caplog.records if "failed, attempt 1 of 3" in record.getMessage()]
    assert len(failures) == 1
    assert f"curriculum {curriculum.pk} revision {revision.pk}" in failures[0].getMessage()
    assert CurriculumPdf.objects.filter(page=curriculum, revision=revision).exists()


def test_render_gives_up_after_last_attempt(
    curriculum, flaky_storage, caplog, django_capture_on_commit_callbacks
):
    flaky_storage.failures = 10

    with caplog.at_level(logging.ERROR, logger="curricula"), django_capture_on_commit_callbacks(execute=True):
        curriculum.save_revision().publish()

    messages = [record.getMessage() for record in caplog.records]
    assert flaky_storage.attempts == tasks.MAX_ATTEMPTS
    assert any("Gave up rendering" in message for message in messages)
    assert not CurriculumPdf.objects.filter(page=curriculum).exists()


def test_failed_render_in_request_shows_retry_page(client, curriculum, flaky_storage):
    flaky_storage.failures = 10

    response = client.get(pdf_url(curriculum))

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "PDFを用意できませんでした" in response.content.decode()


def test_task_skips_superseded_revision(curriculum):
    old_revision_id = curriculum.live_revision_id
    curriculum.save_revision().publish()

    outcome = tasks.render_curriculum_pdf.enqueue(curriculum.pk, old_revision_id)

    assert outcome.return_value == "skipped: not live"


def test_unpublish_deletes_stored_pdf(client, curriculum):
    client.get(pdf_url(curriculum))

    curriculum.unpublish()

    assert not CurriculumPdf.objects.filter(page=curriculum).exists()


def test_draft_has_no_pdf(client, db):
    draft = build_curriculum(publish=False, slug="draft")

    response = client.get("/ja/curricula/draft/pdf/")

    assert response.status_code == 404
    assert not CurriculumPdf.objects.filter(page=draft).exists()


def test_restricted_curriculum_has_no_pdf_for_members(client, curriculum, make_user):
    PageViewRestriction.objects.create(page=curriculum, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(make_user("educator"))

    response = client.get(pdf_url(curriculum))

    assert response.status_code == 404


def test_preview_renders_draft_without_storing(curriculum):
    curriculum.title = "未公開の改訂"
    draft = curriculum.save_revision().as_object()

    response = draft.make_preview_request(preview_mode="pdf")

    assert "no-store" in response["Cache-Control"]
    assert "未公開の改訂" in pdf_text(response.content)
    assert not CurriculumPdf.objects.filter(page=curriculum).exists()
