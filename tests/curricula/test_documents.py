"""The printed curriculum: produced PDFs parsed back with pypdf."""

import re

import pytest
from django.db import transaction

from curricula import documents
from tests.portal.test_pdf import embedded_font_files

from .conftest import TITLES, build_curriculum, pdf_reader, pdf_text

pytestmark = pytest.mark.django_db

JAPANESE_SECTIONS = [
    "学習のねらい",
    "指導者のための背景",
    "指導計画",
    "話し合いの問い",
    "ワークシート1：ワーク1",
    "ワークシート2：ワーク2",
]
# Characters that Japanese line breaking (kinsoku) never puts at the start of a line.
NO_LINE_START = set("、。，．・：；？！ー）」』】ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々")


@pytest.fixture(scope="module")
def japanese_pdf(django_db_setup, django_db_blocker):
    """Render one curriculum for the whole module, in a transaction that is rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        rendered = documents.render_curriculum(build_curriculum())
        transaction.set_rollback(True)
    return rendered


def test_pdf_contains_japanese_title(japanese_pdf):
    assert TITLES["ja"] in pdf_text(japanese_pdf.content)


@pytest.mark.parametrize("heading", JAPANESE_SECTIONS)
def test_pdf_contains_section(japanese_pdf, heading):
    assert heading in pdf_text(japanese_pdf.content)


def test_pdf_embeds_every_font(japanese_pdf):
    reader = pdf_reader(japanese_pdf.content)
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"].get("/Font", {}).values()
    }

    assert set(embedded_font_files(reader)) == fonts


def test_pdf_uses_only_noto_cjk(japanese_pdf):
    fonts = embedded_font_files(pdf_reader(japanese_pdf.content))

    # A glyph missing from Noto Sans CJK would fall back to another font (or draw a blank box).
    assert all(re.search(r"Noto-?Sans-?(Mono-)?CJK-?JP", name) for name in fonts), fonts


def test_pdf_page_count_plausible(japanese_pdf):
    # Cover, contents, sections and two worksheets of one page each.
    assert 5 <= japanese_pdf.page_count <= 8


def test_recorded_page_count_matches_pdf(japanese_pdf):
    assert len(pdf_reader(japanese_pdf.content).pages) == japanese_pdf.page_count


def test_worksheets_start_new_pages(japanese_pdf):
    pages = [page.extract_text() for page in pdf_reader(japanese_pdf.content).pages]

    first = [index for index, text in enumerate(pages) if text.startswith("ワークシート1：ワーク1")]
    second = [index for index, text in enumerate(pages) if text.startswith("ワークシート2：ワーク2")]
    assert len(first) == 1
    assert second == [first[0] + 1]


def test_table_of_contents_gives_page_numbers(japanese_pdf):
    contents = pdf_reader(japanese_pdf.content).pages[1].extract_text()

    assert contents.startswith("目次")
    assert re.search(r"指導計画 ?\.+ ?\d+", contents)


def test_short_curriculum_has_no_contents(db):
    page = build_curriculum(worksheets=0, background="", title="短い教材")

    text = pdf_reader(documents.render_curriculum(page).content).pages[1].extract_text()

    assert not text.startswith("目次")


def test_footer_has_version_date_and_page_numbers(japanese_pdf):
    reader = pdf_reader(japanese_pdf.content)
    last = reader.pages[-1].extract_text()

    assert re.search(r"第1\.2版・\d{4}年\d{1,2}月\d{1,2}日", last)
    assert f"{len(reader.pages)} / {len(reader.pages)}" in last


def test_every_page_carries_distribution_label(japanese_pdf):
    pages = pdf_reader(japanese_pdf.content).pages

    assert all("TLP:CLEAR" in page.extract_text() for page in pages)


def test_japanese_lines_respect_kinsoku(japanese_pdf):
    lines = [line for line in pdf_text(japanese_pdf.content).splitlines() if line]

    assert [line for line in lines if line[0] in NO_LINE_START] == []


def test_document_declares_japanese(curriculum):
    html = documents.curriculum_html(curriculum)

    assert '<html lang="ja">' in html
    assert "line-break: strict" in html
    assert "word-break: normal" in html


def test_english_pdf_has_english_labels(english_curriculum):
    text = pdf_text(documents.render_curriculum(english_curriculum).content)

    assert TITLES["en"] in text
    assert "Learning objectives" in text
    assert "Version 1.2" in text


def test_pack_keeps_each_language(curriculum, english_curriculum):
    text = pdf_text(documents.render_pack([curriculum, english_curriculum], "en").content)

    assert "Pack of awareness curricula" in text
    assert "学習のねらい" in text
    assert "Learning objectives" in text


def test_preview_marks_draft(curriculum):
    text = pdf_text(documents.render_curriculum(curriculum, preview=True).content)

    assert "下書きのプレビュー" in text


@pytest.fixture
def listener():
    """A TCP socket on 127.0.0.1 that records whether anything connected to it."""
    import socket

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.5)
    yield server
    server.close()


def connected(server) -> bool:
    try:
        connection, _address = server.accept()
    except TimeoutError:
        return False
    connection.close()
    return True


def test_markup_in_fields_fetches_nothing(db, listener):
    port = listener.getsockname()[1]
    hostile = (
        f'<img src="http://127.0.0.1:{port}/img"><link rel="stylesheet" href="http://127.0.0.1:{port}/css">'
        f'<style>@import url("http://127.0.0.1:{port}/import"); p {{ background: url(file:///etc/passwd) }}</style>'
        '<img src="https://portal.invalid/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd">'
    )
    # Rich text that the admin's editor would never store, written to the database as an attacker with
    # database access or a future import could.
    title = f'<img src="http://127.0.0.1:{port}/title">'
    page = build_curriculum(title=title, slug="hostile", background=f"<p>{hostile}</p>", worksheets=0)
    page.summary = hostile
    page.save_revision().publish()
    page.refresh_from_db()

    rendered = documents.render_curriculum(page)

    assert rendered.page_count >= 1
    assert not connected(listener)
    assert "root:" not in pdf_text(rendered.content)
