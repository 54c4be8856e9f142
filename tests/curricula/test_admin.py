"""The secretariat's screens: the download report with its chart and the read-only feedback list."""

import pytest

from curricula import services
from curricula.models import Feedback

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat_client(client, make_user):
    client.force_login(make_user("secretariat", role="admin", totp=True))
    return client


@pytest.fixture
def downloads(curriculum):
    for _number in range(3):
        services.count_download(curriculum)
    services.count_download(curriculum, in_pack=True)
    return curriculum


def test_report_draws_accessible_chart(secretariat_client, downloads):
    content = secretariat_client.get("/admin/curricula/downloads/").content.decode()

    assert 'role="img"' in content
    assert 'aria-labelledby="chart-title chart-desc"' in content
    assert "期間中のダウンロードは4件" in content


def test_report_tables_give_numbers(secretariat_client, downloads):
    response = secretariat_client.get("/admin/curricula/downloads/")

    row = response.context["curricula"][0]
    assert (row["title"], row["single_total"], row["pack_total"], row["total"]) == (downloads.title, 3, 1, 4)
    assert response.context["days"][-1].total == 4


def test_report_includes_feedback_average(secretariat_client, downloads):
    for rating in (3, 5):
        Feedback.objects.create(
            page=downloads, rating=rating, curriculum_version="1.2", language="ja", sender="anonymous"
        )

    row = secretariat_client.get("/admin/curricula/downloads/").context["curricula"][0]

    assert row["average"] == 4


def test_report_rejects_reversed_period(secretariat_client, downloads):
    response = secretariat_client.get(
        "/admin/curricula/downloads/", {"start": "2026-02-01", "end": "2026-01-01"}
    )

    assert "開始日は終了日より後にできません。" in response.content.decode()


@pytest.mark.parametrize(
    "period",
    [
        {"end": "0001-01-05"},
        {"start": "9999-12-01", "end": "9999-12-31"},
        {"start": "0001-01-01", "end": "0001-01-02"},
    ],
)
def test_report_rejects_dates_out_of_range(secretariat_client, downloads, period):
    response = secretariat_client.get("/admin/curricula/downloads/", period)

    assert response.status_code == 200
    assert response.context["form"].errors
    assert len(response.context["days"]) == 30  # The default period is shown instead.


def test_report_fills_days_without_downloads(secretariat_client, downloads):
    response = secretariat_client.get(
        "/admin/curricula/downloads/", {"start": "2025-01-01", "end": "2025-01-10"}
    )

    assert [day.total for day in response.context["days"]] == [0] * 10


def test_feedback_listed_for_secretariat(secretariat_client, curriculum):
    Feedback.objects.create(
        page=curriculum,
        rating=2,
        comment="図が見にくい",
        curriculum_version="1.2",
        language="ja",
        sender="educator",
    )

    response = secretariat_client.get("/admin/curricula/feedback/")

    assert "図が見にくい" in response.content.decode()


def test_feedback_filtered_by_rating(secretariat_client, curriculum):
    for rating, comment in ((2, "低い評価"), (5, "高い評価")):
        Feedback.objects.create(
            page=curriculum,
            rating=rating,
            comment=comment,
            curriculum_version="1.2",
            language="ja",
            sender="anonymous",
        )

    content = secretariat_client.get("/admin/curricula/feedback/", {"rating": "5"}).content.decode()

    assert "高い評価" in content
    assert "低い評価" not in content


def test_feedback_cannot_be_edited(secretariat_client, curriculum):
    feedback = Feedback.objects.create(
        page=curriculum, rating=2, curriculum_version="1.2", language="ja", sender="anonymous"
    )

    response = secretariat_client.get(f"/admin/curricula/feedback/edit/{feedback.pk}/")

    assert response.status_code == 302
    assert Feedback.objects.get(pk=feedback.pk).rating == 2


def test_editor_opens_curriculum(secretariat_client, curriculum):
    response = secretariat_client.get(f"/admin/pages/{curriculum.pk}/edit/")

    assert response.status_code == 200
    assert "指導計画" in response.content.decode()


def test_editor_offers_curriculum_in_folder(secretariat_client, curriculum):
    folder = curriculum.get_parent()

    response = secretariat_client.get(f"/admin/pages/add/curricula/curriculumpage/{folder.pk}/")

    assert response.status_code == 200


def test_lesson_plan_longer_than_duration_rejected(curriculum):
    from curricula.models.pages import CurriculumPage

    form_class = CurriculumPage.get_edit_handler().get_form_class()
    data = {
        "title": curriculum.title,
        "slug": curriculum.slug,
        "audience": "junior_high",
        "duration_minutes": "20",
        "version": "1.2",
        "summary": curriculum.summary,
        "worksheets-count": "0",
        **formset_data("objectives", [{"text": "ねらい"}]),
        **formset_data("activities", [{"title": "活動", "minutes": "30", "description": "説明"}]),
        **formset_data("discussion_prompts", []),
        **formset_data("related_guidelines", []),
        **formset_data("comments", []),
    }

    bound = form_class(data, instance=curriculum, parent_page=curriculum.get_parent(), for_user=None)

    assert not bound.is_valid()
    assert "30分で、所要時間の20分を超えています" in str(bound.errors["duration_minutes"])


def formset_data(prefix: str, rows: list[dict]) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
        data[f"{prefix}-{index}-ORDER"] = str(index + 1)
    return data
