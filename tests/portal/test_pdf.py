"""Rendering PDFs: Japanese text with embedded fonts, local files only, download names."""

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from portal import pdf


def embedded_font_files(reader: PdfReader) -> list[str]:
    names = []
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor_owner = descendants[0].get_object() if descendants else font
            descriptor = descriptor_owner.get("/FontDescriptor")
            if descriptor is None:
                continue
            descriptor = descriptor.get_object()
            if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                names.append(str(font["/BaseFont"]))
    return names


def test_japanese_text_renders_with_embedded_font():
    html = '<html lang="ja"><body><h1>年齢確認とゾーニング</h1><p>保護者向けの資料です。</p></body></html>'

    reader = PdfReader(io.BytesIO(pdf.render_pdf(html)))

    text = reader.pages[0].extract_text()
    assert "年齢確認とゾーニング" in text
    assert embedded_font_files(reader)


def test_static_stylesheet_is_read_from_disk():
    response = pdf.LocalFileFetcher().fetch(f"{pdf.DOCUMENT_BASE_URL}static/portal/css/portal.css")

    assert b"{" in response.read()


def test_collected_static_file_with_hashed_name_is_read(settings):
    hashed = Path(settings.STATIC_ROOT) / "portal/css/portal.0123abcd.css"
    hashed.parent.mkdir(parents=True, exist_ok=True)
    hashed.write_text("body { color: black; }")

    response = pdf.LocalFileFetcher().fetch(f"{pdf.DOCUMENT_BASE_URL}static/portal/css/portal.0123abcd.css")

    assert response.read() == b"body { color: black; }"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/secret.png",
        "file:///etc/passwd",
        "https://portal.invalid/admin/",
        "https://portal.invalid.example/static/portal/css/portal.css",
        "data:text/css,body{color:red}",
        "data:image/png;base64," + "A" * 1_000_000,
        "https://portal.invalid/static/..%2f..%2fsettings/base.py",
        "https://portal.invalid/static/portal/..%2F..%2F..%2Fportal/settings/base.py",
        "https://portal.invalid/static/%2e%2e/%2e%2e/portal/settings/base.py",
        "https://portal.invalid/static//etc/passwd",
        "https://portal.invalid/static/%2fetc%2fpasswd",
        "https://portal.invalid/static/portal%5c..%5c..%5csettings.py",
        "https://portal.invalid/static/portal/css/portal.css%00.png",
        "https://portal.invalid/media/..%2f..%2fprivate/registry/evidence/x.pdf",
        "https://portal.invalid/media//etc/passwd",
    ],
)
def test_fetcher_refuses_other_urls(url):
    with pytest.raises(ValueError):
        pdf.LocalFileFetcher().fetch(url)


def test_document_renders_without_refused_resources():
    html = (
        '<html><head><link rel="stylesheet" href="/static/..%2f..%2fsettings/base.py"></head>'
        '<body><p>本文</p><img src="data:image/png;base64,iVBORw0KGgo="><img src="file:///etc/passwd">'
        '<img src="//127.0.0.1/x.png"></body></html>'
    )

    reader = PdfReader(io.BytesIO(pdf.render_pdf(html)))

    assert "本文" in reader.pages[0].extract_text()


def test_response_names_japanese_file():
    response = pdf.pdf_response(b"%PDF-1.7", "中学生向け教材.pdf")

    assert response["Content-Type"] == "application/pdf"
    assert "filename*=utf-8''%E4%B8%AD" in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment;")


def test_machine_has_japanese_font_and_harfbuzz_subset():
    assert pdf.missing_pieces() == []
