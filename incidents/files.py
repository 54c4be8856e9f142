"""Attachments of police briefings: where they are stored and how images lose their metadata on upload.

Uploads are checked by ``portal.files.DocumentFileValidator`` (PDF, PNG or JPEG by content, size limit) and
served by ``portal.files.protected_file_response`` after the access policy allowed the read.
"""

from __future__ import annotations

import io
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.utils.text import get_valid_filename
from PIL import Image, ImageOps

from portal.files import detect_content_type

SAFE_NAME_LENGTH = 120


def safe_download_name(name: str) -> str:
    """Return ``name`` without folders or characters a file system or a header would misread."""
    stem = PurePath(name).name
    cleaned = get_valid_filename(stem) if stem else "attachment"
    suffix = PurePath(cleaned).suffix.lower()
    return (
        cleaned[: SAFE_NAME_LENGTH - len(suffix)].rstrip(".") + suffix
        if len(cleaned) > SAFE_NAME_LENGTH
        else cleaned
    )


def without_image_metadata(upload) -> ContentFile | None:
    """Return a PNG or JPEG re-encoded without EXIF, GPS or text chunks, or ``None`` for other files.

    Photos taken for a briefing can carry the place and the device they were taken with. The image is turned
    upright first, because its orientation lives in the EXIF data that is dropped.
    """
    content_type = detect_content_type(upload)
    if content_type not in ("image/png", "image/jpeg"):
        return None
    upload.seek(0)
    with Image.open(upload) as image:
        upright = ImageOps.exif_transpose(image)
        output = io.BytesIO()
        if content_type == "image/jpeg":
            upright.convert("RGB").save(output, format="JPEG", quality=92)
        else:
            upright.save(output, format="PNG")
    upload.seek(0)
    return ContentFile(output.getvalue(), name=upload.name)
