"""Render portal HTML to PDF with WeasyPrint, and check the system pieces Japanese PDFs need.

Every PDF of the portal (curricula, onboarding certificates) goes through ``render_pdf``. Its URL fetcher
reads the portal's own static and media files from disk and storage and fetches nothing else, so text that
users typed cannot make the renderer reach another host.
"""

from __future__ import annotations

import ctypes.util
import logging
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# The base URL of rendered documents. It never resolves on a network: the fetcher maps its paths to files.
DOCUMENT_BASE_URL = "https://portal.invalid/"


class LocalFileFetcher(URLFetcher):
    """Serve ``STATIC_URL`` paths from the static file finders and ``MEDIA_URL`` paths from storage.

    Any other URL, including ``file:``, ``data:`` and other hosts, raises ``ValueError``; WeasyPrint then
    leaves the resource out and logs a warning.
    """

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}/" != DOCUMENT_BASE_URL:
            raise ValueError(f"Refused to fetch {url[:200]!r}: PDFs may use the portal's own files only.")
        path = unquote(parts.path)
        if path.startswith(settings.STATIC_URL):
            name = relative_file_name(path.removeprefix(settings.STATIC_URL))
            return URLFetcherResponse(url, read_static_file(name))
        if path.startswith(settings.MEDIA_URL):
            name = relative_file_name(path.removeprefix(settings.MEDIA_URL))
            with default_storage.open(name, "rb") as handle:
                return URLFetcherResponse(url, handle.read())
        raise ValueError(f"Refused to fetch {url!r}: not a static or media path.")


def relative_file_name(name: str) -> str:
    """Return ``name`` if it is a plain relative file name, and raise ``ValueError`` otherwise.

    Percent-encoded ``..``, ``/`` and ``\\`` survive WeasyPrint's URL resolution and appear only after
    ``unquote``, so the file name is checked here rather than left to the storages' own path checks.
    """
    segments = name.split("/")
    if "\\" in name or "\x00" in name or any(segment in ("", ".", "..") for segment in segments):
        raise ValueError(f"Refused to fetch {name!r}: not a plain relative file name.")
    return name


@dataclass(frozen=True)
class RenderedPdf:
    """A rendered PDF and its number of pages."""

    content: bytes
    page_count: int


def read_static_file(name: str) -> bytes:
    """Return a static file's bytes, from the app folders or, for the hashed names that
    ``ManifestStaticFilesStorage`` gives ``{% static %}`` in production, from ``STATIC_ROOT``."""
    found = finders.find(name)
    if found:
        with open(found, "rb") as handle:
            return handle.read()
    if staticfiles_storage.exists(name):
        with staticfiles_storage.open(name, "rb") as handle:
            return handle.read()
    raise ValueError(f"Static file {name!r} not found.")


def render_pdf(html: str) -> bytes:
    """Render an HTML document, whose relative URLs point at static or media files, to PDF bytes."""
    return render_pdf_document(html).content


def render_pdf_document(html: str) -> RenderedPdf:
    """Render like ``render_pdf`` and also return the number of pages, which callers record or check."""
    warn_once_about_missing_pieces()
    document = HTML(string=html, base_url=DOCUMENT_BASE_URL, url_fetcher=LocalFileFetcher()).render()
    return RenderedPdf(content=document.write_pdf(), page_count=len(document.pages))


def pdf_response(content: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    """Return PDF bytes as a download whose file name may be Japanese (RFC 6266 ``filename*``)."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    response["Content-Length"] = str(len(content))
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Fonts and HarfBuzz


def missing_pieces() -> list[tuple[str, str]]:
    """Return ``(check id, sentence)`` for each system piece that Japanese PDFs need and this machine lacks."""
    problems = []
    if not has_japanese_font():
        problems.append(
            (
                "portal.W001",
                "No Japanese font is installed, so Japanese text in PDFs would show as missing glyphs. "
                "Install Debian's fonts-noto-cjk (or fonts-ipaexfont).",
            )
        )
    if ctypes.util.find_library("harfbuzz-subset") is None:
        problems.append(
            (
                "portal.W002",
                "libharfbuzz-subset is not installed, so WeasyPrint subsets fonts with fontTools, which for "
                "Japanese fonts takes several times longer and more memory. Install Debian's libharfbuzz-subset0.",
            )
        )
    return problems


@cache
def has_japanese_font() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    try:
        output = subprocess.run(  # noqa: S603 (fixed arguments)
            [fc_list, ":lang=ja", "family"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        logger.warning("fc-list failed; cannot tell whether a Japanese font is installed.")
        return False
    return bool(output.strip())


@cache
def warn_once_about_missing_pieces() -> None:
    for _check_id, problem in missing_pieces():
        logger.warning("%s", problem)
