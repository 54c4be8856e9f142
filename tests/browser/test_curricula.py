"""Curricula in a real browser: an anonymous visitor downloads a PDF in Japanese and a pack in English.

The live server runs with the immediate task backend, so publishing a curriculum renders its PDF at once.
"""

from pathlib import Path

import pytest

from tests.curricula.conftest import build_curriculum, pdf_reader, pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_downloads_japanese_pdf(page):
    curriculum = build_curriculum(
        title="中学生：SNSで知り合った人に会う前に", slug="junior-high", worksheets=1
    )

    page.goto("/ja/curricula/")
    page.get_by_label("対象").select_option(label="中学生")
    page.get_by_role("button", name="教材を表示").click()
    page.get_by_role("link", name=curriculum.title, exact=True).click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF（A4）をダウンロード").click()
    download = download_info.value

    assert download.suggested_filename == f"{curriculum.title}（第1.2版）.pdf"
    content = Path(download.path()).read_bytes()
    assert curriculum.title in pdf_text(content)
    assert "学習のねらい" in pdf_text(content)


def test_visitor_downloads_english_pack(page):
    titles = ["Strangers in games", "Think before you swap IDs", "Filtering for guardians"]
    for number, title in enumerate(titles):
        build_curriculum("en", title=title, slug=f"pack-{number}", worksheets=0, activities=1)

    page.goto("/en/curricula/")
    for title in titles:
        page.get_by_label(f"Add to the pack: {title}").check()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the ticked curricula as one PDF").click()
    download = download_info.value

    assert download.suggested_filename == "Curricula pack (3 curricula).pdf"
    content = Path(download.path()).read_bytes()
    assert all(title in pdf_text(content) for title in titles)
    assert len(pdf_reader(content).pages) >= 4


def test_pack_of_one_shows_error_in_english(page):
    build_curriculum("en", title="Only one", slug="only-one", worksheets=0, activities=1)

    page.goto("/en/curricula/")
    page.get_by_label("Add to the pack: Only one").check()
    page.get_by_role("button", name="Download the ticked curricula as one PDF").click()

    alert = page.get_by_role("alert")
    assert "Tick at least two curricula" in alert.inner_text()
    assert page.get_by_label("Add to the pack: Only one").is_checked()
