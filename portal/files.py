"""Uploaded files that only the access policy hands out: checks on the way in, a safe response on the way out.

Store such files in the ``private`` storage (``storage=get_private_storage`` on the ``FileField``), which has
no URL, and serve them from a view that first asks ``portal.members.access`` and then returns
``protected_file_response``.
"""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.functional import LazyObject
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError


class NoURLStorageMixin:
    """Make a storage's ``url()`` raise, so no template or admin widget can link a private file directly."""

    def url(self, name, *args, **kwargs):
        raise ValueError(f"{name!r} is a private file: serve it through a view that asks the access policy.")


class PrivateFileSystemStorage(NoURLStorageMixin, FileSystemStorage):
    """File system storage whose files have no URL; ``url()`` raises instead of pointing at ``MEDIA_URL``."""


class PrivateStorage(LazyObject):
    """The ``private`` storage of ``STORAGES``, looked up when first used so tests may override settings."""

    def _setup(self):
        self._wrapped = storages["private"]


private_storage = PrivateStorage()


def get_private_storage():
    """Return the private storage. Pass this callable as ``FileField(storage=...)``, so migrations name it
    instead of recording one machine's folder."""
    return private_storage


# Content type: (leading bytes, file name suffixes that may carry it)
ALLOWED_TYPES = {
    "application/pdf": (b"%PDF-", {".pdf"}),
    "image/png": (b"\x89PNG\r\n\x1a\n", {".png"}),
    "image/jpeg": (b"\xff\xd8\xff", {".jpg", ".jpeg"}),
}


def detect_content_type(file) -> str | None:
    """Return the allowed content type that the file's first bytes show, or ``None``."""
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(16)
    file.seek(position)
    for content_type, (signature, _suffixes) in ALLOWED_TYPES.items():
        if head.startswith(signature):
            return content_type
    return None


@deconstructible
class DocumentFileValidator:
    """Accept a PDF, PNG or JPEG file, judged by its content, no larger than ``PORTAL_UPLOAD_MAX_BYTES``.

    The file name's suffix must match the content, so a browser never opens a file as something else.
    Images must also decode, which rejects truncated or disguised files, and have at most
    ``PORTAL_UPLOAD_MAX_PIXELS`` pixels.
    """

    def __call__(self, file) -> None:
        limit = settings.PORTAL_UPLOAD_MAX_BYTES
        if file.size > limit:
            raise ValidationError(
                _("The file is %(size)s; files may be at most %(limit)s."),
                code="file_too_large",
                params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            )
        content_type = detect_content_type(file)
        suffix = PurePath(file.name or "").suffix.lower()
        if content_type is None or suffix not in ALLOWED_TYPES[content_type][1]:
            raise ValidationError(
                _("Upload a PDF, PNG or JPEG file. This file's content or name is of another type."),
                code="file_type",
            )
        if content_type.startswith("image/"):
            check_image(file)

    def __eq__(self, other) -> bool:
        return isinstance(other, DocumentFileValidator)


def check_image(file) -> None:
    """Raise ``ValidationError`` unless the image decodes and has at most ``PORTAL_UPLOAD_MAX_PIXELS`` pixels.

    The size is read from the header before anything is decoded. A small compressed file can declare an image
    that takes gigabytes of memory to decode, and uploads are decoded again to strip their metadata.
    """
    limit = settings.PORTAL_UPLOAD_MAX_PIXELS
    position = file.tell()
    file.seek(0)
    try:
        with Image.open(file) as image:
            width, height = image.size
            if width * height > limit:
                raise ValidationError(
                    _(
                        "The image is %(width)d × %(height)d pixels; images may have at most %(limit)s pixels."
                    ),
                    code="image_too_large",
                    params={"width": width, "height": height, "limit": f"{limit:,}"},
                )
            image.verify()
    except Image.DecompressionBombError as error:
        # Pillow refuses to open images far above its own limit before the size can be read here.
        raise ValidationError(
            _("The image is too large; images may have at most %(limit)s pixels."),
            code="image_too_large",
            params={"limit": f"{limit:,}"},
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("The image could not be read. Upload it again."), code="file_broken"
        ) from error
    finally:
        file.seek(position)


def protected_file_response(field_file, download_name: str) -> FileResponse:
    """Stream a stored file as a download, with the content type taken from its content.

    Call this only after the access policy allowed the read. The response is never cached by shared caches,
    and a browser neither sniffs nor runs it.
    """
    handle = field_file.open("rb")
    content_type = detect_content_type(handle) or "application/octet-stream"
    response = FileResponse(handle, as_attachment=True, filename=download_name, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
