"""Packs: several curricula downloaded as one PDF, and the errors of an invalid choice."""

import pytest

from curricula import services
from curricula.models import CurriculumPackPdf, DownloadCount

from .conftest import build_curriculum, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(db):
    return [
        build_curriculum(title=f"教材{number}", slug=f"pack-{number}", worksheets=0, activities=1)
        for number in range(1, 4)
    ]


def pack_query(pages) -> str:
    return "&".join(f"curriculum={page.pk}" for page in pages)


def test_pack_of_three_is_one_pdf(client, three):
    response = client.get(f"/ja/curricula/pack/?{pack_query(three)}")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert all(page.title in text for page in three)


def test_pack_download_name_is_japanese(client, three):
    response = client.get(f"/ja/curricula/pack/?{pack_query(three)}")

    assert "filename*=utf-8''%E5%95%93%E7%99%BA" in response["Content-Disposition"]  # 啓発…


def test_pack_counted_for_each_curriculum(client, three):
    client.get(f"/ja/curricula/pack/?{pack_query(three)}")

    assert [count.pack_downloads for count in DownloadCount.objects.order_by("page_id")] == [1, 1, 1]


def test_second_pack_download_served_from_storage(client, three):
    first = client.get(f"/ja/curricula/pack/?{pack_query(three)}")
    stored = CurriculumPackPdf.objects.get()

    second = client.get(f"/ja/curricula/pack/?{pack_query(reversed(three))}")

    assert second.content == first.content
    assert CurriculumPackPdf.objects.get().pk == stored.pk


def test_publishing_member_retires_pack(client, three):
    client.get(f"/ja/curricula/pack/?{pack_query(three)}")

    three[0].save_revision().publish()

    assert not CurriculumPackPdf.objects.exists()


def test_duplicates_removed(client, three):
    response = client.get(f"/ja/curricula/pack/?{pack_query([three[0], three[0], three[1]])}")

    assert response.status_code == 200
    assert DownloadCount.objects.count() == 2


@pytest.mark.parametrize(
    ("language", "message"),
    [("ja", "教材を2件以上選んでください"), ("en", "Tick at least two curricula")],
)
def test_single_curriculum_rejected_in_language(client, three, language, message):
    response = client.get(f"/{language}/curricula/pack/?{pack_query(three[:1])}")

    assert response.status_code == 400
    assert message in response.content.decode()


def test_duplicate_of_one_rejected(client, three):
    response = client.get(f"/ja/curricula/pack/?{pack_query([three[0], three[0]])}")

    assert "教材を2件以上選んでください" in response.content.decode()


def test_too_many_rejected(client, db):
    pages = [
        build_curriculum(title=f"教材{number}", slug=f"many-{number}", worksheets=0)
        for number in range(services.MAX_PACK_SIZE + 1)
    ]

    response = client.get(f"/ja/curricula/pack/?{pack_query(pages)}")

    assert response.status_code == 400
    assert f"{services.MAX_PACK_SIZE}件まで" in response.content.decode()


def test_unpublished_curriculum_rejected(client, three):
    three[2].unpublish()

    response = client.get(f"/ja/curricula/pack/?{pack_query(three)}")

    assert response.status_code == 400
    assert "1件は公開が終了しています" in response.content.decode()


def test_unknown_id_rejected(client, three):
    response = client.get(f"/en/curricula/pack/?{pack_query(three[:1])}&curriculum=999999")

    assert "1 of the ticked curricula is no longer available" in response.content.decode()


def test_non_numeric_value_rejected(client, three):
    response = client.get(f"/en/curricula/pack/?{pack_query(three[:2])}&curriculum=abc")

    assert response.status_code == 400
    assert "not a curriculum" in response.content.decode()


@pytest.mark.parametrize("value", ["99999999999999999999999", "-99999999999999999999999", "0", "-1"])
def test_out_of_range_id_rejected(client, three, value):
    response = client.get(f"/en/curricula/pack/?{pack_query(three[:2])}&curriculum={value}")

    assert response.status_code == 400
    assert "not a curriculum" in response.content.decode()


def test_ids_of_other_pages_rejected(client, three):
    from wagtail.models import Page

    folder = three[0].get_parent()
    home = folder.get_parent()
    root = Page.objects.get(depth=1)

    response = client.get(f"/en/curricula/pack/?{pack_query([folder, home, root])}")

    assert response.status_code == 400
    assert "3 of the ticked curricula are no longer available" in response.content.decode()


def test_new_packs_rate_limited_per_sender(client, three, settings):
    settings.CURRICULA_PACK_RENDER_LIMIT = 1
    first = client.get(f"/en/curricula/pack/?{pack_query(three[:2])}")

    second = client.get(f"/en/curricula/pack/?{pack_query(three[1:])}")
    stored_again = client.get(f"/en/curricula/pack/?{pack_query(three[:2])}")
    other_sender = client.get(f"/en/curricula/pack/?{pack_query(three[1:])}", REMOTE_ADDR="192.0.2.9")

    assert first.status_code == 200
    assert second.status_code == 429
    assert "many new packs" in second.content.decode()
    assert stored_again.status_code == 200  # A stored pack costs no render, so it is not counted.
    assert other_sender.status_code == 200


def test_error_keeps_ticked_curricula(client, three):
    response = client.get(f"/ja/curricula/pack/?{pack_query(three[:1])}")

    content = response.content.decode()
    assert f'value="{three[0].pk}" id="pick-{three[0].pk}" checked' in content
    assert f'value="{three[1].pk}" id="pick-{three[1].pk}" checked' not in content


def test_error_announced_to_screen_readers(client, three):
    response = client.get(f"/ja/curricula/pack/?{pack_query(three[:1])}")

    assert 'role="alert"' in response.content.decode()
