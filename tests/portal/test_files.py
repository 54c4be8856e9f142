"""Content checks of uploaded files and the response that serves them."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.files import DocumentFileValidator, private_storage, protected_file_response


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header(width: int, height: int) -> bytes:
    """Return a small PNG that declares ``width`` × ``height`` pixels, as a decompression bomb would."""
    header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))  # 8-bit RGBA
    data = png_chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
    return b"\x89PNG\r\n\x1a\n" + header + data + png_chunk(b"IEND", b"")


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_header_only(width: int, height: int) -> bytes:
    """Return a small PNG whose header claims ``width`` × ``height`` pixels, as a decompression bomb does."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        checksum = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", checksum)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 16)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


@pytest.mark.parametrize(("name", "content"), [("evidence.pdf", PDF_BYTES), ("screen.PNG", None)])
def test_validator_accepts_matching_files(name, content):
    upload = SimpleUploadedFile(name, content or png_bytes())

    DocumentFileValidator()(upload)


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("evidence.pdf", b"<html><script>alert(1)</script></html>", "file_type"),
        ("evidence.html", PDF_BYTES, "file_type"),
        ("screen.pdf", None, "file_type"),
        ("screen.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "file_broken"),
    ],
)
def test_validator_rejects_disguised_files(name, content, code):
    upload = SimpleUploadedFile(name, png_bytes() if content is None else content)

    with pytest.raises(ValidationError) as raised:
        DocumentFileValidator()(upload)

    assert raised.value.code == code


def test_validator_rejects_large_file(settings):
    settings.PORTAL_UPLOAD_MAX_BYTES = 10
    upload = SimpleUploadedFile("evidence.pdf", PDF_BYTES)

    with pytest.raises(ValidationError) as raised:
        DocumentFileValidator()(upload)

    assert raised.value.code == "file_too_large"


# Pillow (13.0) warns above 89,478,485 pixels, its MAX_IMAGE_PIXELS, and raises above twice that.
@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("side", [10_000, 20_000])
def test_validator_rejects_image_too_many_pixels(side):
    upload = SimpleUploadedFile("screen.png", png_header_only(side, side))

    with pytest.raises(ValidationError) as raised:
        DocumentFileValidator()(upload)

    assert raised.value.code == "image_too_large"


def test_validator_rejects_huge_image_dimensions():
    upload = SimpleUploadedFile("screen.png", png_header(30_000, 30_000))

    with pytest.raises(ValidationError) as raised:
        DocumentFileValidator()(upload)

    assert raised.value.code == "image_too_large"


def test_validator_rejects_image_above_pixel_limit(settings):
    settings.PORTAL_UPLOAD_MAX_PIXELS = 15
    upload = SimpleUploadedFile("screen.png", png_bytes())  # 4 × 4 = 16 pixels

    with pytest.raises(ValidationError) as raised:
        DocumentFileValidator()(upload)

    assert raised.value.code == "image_too_large"


def test_private_storage_has_no_url():
    name = private_storage.save("tests/evidence.pdf", ContentFile(PDF_BYTES))

    with pytest.raises(ValueError):
        private_storage.url(name)


def test_protected_response_sets_safe_headers():
    name = private_storage.save("tests/evidence.pdf", ContentFile(PDF_BYTES))
    field_file = private_storage.open(name)

    response = protected_file_response(field_file, "証拠.pdf")

    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF_BYTES
