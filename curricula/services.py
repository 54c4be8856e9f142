"""Operations of the curricula area that touch several models or the file storage.

* PDFs: ``pdf_for_download`` returns the stored PDF of a curriculum's live revision, rendering and storing
  it first when the background task has not finished yet. ``render_and_store_pdf`` is the one place that
  renders and stores; the unique constraint on ``CurriculumPdf`` keeps concurrent renders from storing two.
* Packs: ``pack_for_download`` renders several curricula as one document, stored by their revisions.
* Download counts: ``count_download`` adds one to a (curriculum, day, language) row with an F() update.
* Feedback: ``submit_feedback`` and the rate limit, keyed on a keyed hash of the client address.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from portal import ratelimit
from portal.members import access

from . import documents
from .models import CurriculumPackPdf, CurriculumPage, CurriculumPdf, DownloadCount, Feedback, FeedbackSender
from .signals import pdf_rendered

logger = logging.getLogger(__name__)

# Largest number of curricula in one pack. Rendering runs in the request, so the limit bounds its time.
MAX_PACK_SIZE = 10
# Seconds a render lock is held at most, and seconds a request waits for another one's render to finish.
RENDER_LOCK_SECONDS = 300
RENDER_WAIT_SECONDS = 30
RENDER_POLL_SECONDS = 0.5


class PdfUnavailable(Exception):
    """Raised when a PDF is neither stored nor renderable now; the cause is logged where it happened."""


@dataclass(frozen=True)
class PdfFile:
    """PDF bytes ready to send, with what the response's caching headers need."""

    content: bytes
    sha256: str
    rendered_at: datetime
    page_count: int

    @property
    def etag(self) -> str:
        return f'"{self.sha256[:32]}"'


def pdf_source(page: CurriculumPage) -> CurriculumPage:
    """Return the page whose PDFs ``page`` shows: the page itself, or the original of an alias."""
    if page.is_pdf_source:
        return page
    return CurriculumPage.objects.select_related("locale").get(pk=page.alias_of_id)


# Single curricula


def stored_pdf(page: CurriculumPage, revision_id: int) -> CurriculumPdf | None:
    return CurriculumPdf.objects.filter(
        page=page, revision_id=revision_id, language=page.language_code
    ).first()


def pdf_for_download(page: CurriculumPage) -> PdfFile:
    """Return the PDF of ``page``'s live revision, rendering and storing it now if it is not stored yet.

    A page published without a revision (only possible from code) is rendered and not stored. Raises
    ``PdfUnavailable`` when rendering fails.
    """
    page = pdf_source(page)
    revision_id = page.live_revision_id
    if revision_id is None:
        logger.warning(
            "Curriculum %s is live without a live revision; its PDF is rendered and not stored.", page.pk
        )
        return render_or_raise(page, revision_id)

    stored = read_stored_pdf(page, revision_id)
    if stored is not None:
        return stored

    with render_lock(f"curricula:render:{page.pk}:{revision_id}:{page.language_code}") as acquired:
        if not acquired and wait_for_stored_pdf(page, revision_id):
            stored = read_stored_pdf(page, revision_id)
            if stored is not None:
                return stored
        return render_or_raise(page, revision_id)


def read_stored_pdf(page: CurriculumPage, revision_id: int) -> PdfFile | None:
    record = stored_pdf(page, revision_id)
    if record is None:
        return None
    content = read_stored(record)
    return pdf_file_of(record, content) if content is not None else None


def render_or_raise(page: CurriculumPage, revision_id: int | None) -> PdfFile:
    """Render (and, given a revision, store) the PDF of ``page`` now; raise ``PdfUnavailable`` on failure."""
    try:
        if revision_id is None:
            rendered = documents.render_curriculum(page)
            return PdfFile(
                content=rendered.content,
                sha256=hashlib.sha256(rendered.content).hexdigest(),
                rendered_at=timezone.now(),
                page_count=rendered.page_count,
            )
        record = render_and_store_pdf(page, revision_id)
    except Exception as error:
        logger.exception(
            "Rendering the PDF of curriculum %s revision %s (%s) during a download failed.",
            page.pk,
            revision_id,
            page.language_code,
        )
        raise PdfUnavailable from error
    content = read_stored(record)
    if content is None:
        raise PdfUnavailable(
            f"The PDF of curriculum {page.pk} revision {revision_id} vanished after storing."
        )
    return pdf_file_of(record, content)


def render_and_store_pdf(page: CurriculumPage, revision_id: int) -> CurriculumPdf:
    """Render ``page`` (which must hold the content of ``revision_id``) and store the PDF.

    When another process stored the same revision first, its record is returned and this file deleted.
    PDFs of the page's other revisions in the same language are deleted afterwards. Rendering and storage
    errors propagate.
    """
    started = time.monotonic()
    rendered = documents.render_curriculum(page)
    record = CurriculumPdf(
        page=page,
        revision_id=revision_id,
        language=page.language_code,
        page_count=rendered.page_count,
        size=len(rendered.content),
        sha256=hashlib.sha256(rendered.content).hexdigest(),
    )
    record.file.save("curriculum.pdf", ContentFile(rendered.content), save=False)
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        record.file.delete(save=False)
        logger.info(
            "The PDF of curriculum %s revision %s (%s) was stored by another process first.",
            page.pk,
            revision_id,
            page.language_code,
        )
        return CurriculumPdf.objects.get(page=page, revision_id=revision_id, language=page.language_code)

    seconds = time.monotonic() - started
    logger.info(
        "Rendered the PDF of curriculum %s revision %s (%s): %d pages, %d bytes in %.1f s.",
        page.pk,
        revision_id,
        page.language_code,
        record.page_count,
        record.size,
        seconds,
    )
    pdf_rendered.send(sender=CurriculumPdf, record=record, seconds=seconds)
    retire_other_revisions(page, keep_revision_id=revision_id)
    return record


def pdf_file_of(record: CurriculumPdf | CurriculumPackPdf, content: bytes) -> PdfFile:
    return PdfFile(
        content=content, sha256=record.sha256, rendered_at=record.rendered_at, page_count=record.page_count
    )


def read_stored(record: CurriculumPdf | CurriculumPackPdf) -> bytes | None:
    """Return the stored file's bytes, or ``None`` (after deleting the record) when the file is gone."""
    try:
        with record.file.open("rb") as handle:
            return handle.read()
    except OSError:
        logger.warning(
            "The stored file of %s %s is missing; it will be rendered again.",
            type(record).__name__,
            record.pk,
        )
        record.delete()
        return None


def retire_other_revisions(page: CurriculumPage, *, keep_revision_id: int) -> None:
    """Delete the PDFs of the page's other revisions in its language; their files go after the commit."""
    stale = CurriculumPdf.objects.filter(page=page, language=page.language_code).exclude(
        revision_id=keep_revision_id
    )
    for record in stale:
        record.delete()


def wait_for_stored_pdf(page: CurriculumPage, revision_id: int) -> bool:
    """Poll for the PDF that another request or worker is rendering, for ``RENDER_WAIT_SECONDS`` at most."""
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(RENDER_POLL_SECONDS)
        if stored_pdf(page, revision_id) is not None:
            return True
    logger.warning(
        "Waited %d s for another render of curriculum %s revision %s; rendering it here.",
        RENDER_WAIT_SECONDS,
        page.pk,
        revision_id,
    )
    return False


@contextmanager
def render_lock(key: str) -> Iterator[bool]:
    """Hold a lock in the cache while rendering; yield whether this caller got it.

    The lock only saves duplicate work. With a per-process cache (development) it does not span processes,
    and the unique constraint on ``CurriculumPdf`` still keeps a second copy from being stored.
    """
    token = secrets.token_hex(8)
    acquired = cache.add(key, token, RENDER_LOCK_SECONDS)
    try:
        yield acquired
    finally:
        if acquired and cache.get(key) == token:
            cache.delete(key)


def delete_pdfs_of(page: CurriculumPage) -> None:
    """Delete the stored PDFs and packs that contain ``page``, for example after it was unpublished."""
    for record in CurriculumPdf.objects.filter(page=page):
        record.delete()
    retire_packs_containing(page)


# Packs


def pack_key(pages: list[CurriculumPage], language: str) -> str:
    parts = [language] + [f"{page.pk}:{page.live_revision_id}" for page in pages]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def is_pack_stored(pages: list[CurriculumPage], language: str) -> bool:
    """Return whether the pack of ``pages`` in ``language`` is stored, so serving it renders nothing."""
    return CurriculumPackPdf.objects.filter(key=pack_key(pages, language)).exists()


def pack_for_download(pages: list[CurriculumPage], language: str) -> PdfFile:
    """Return one PDF holding ``pages`` in that order, with a cover in ``language``.

    The pack is stored under a key made of the pages' live revisions, so asking again for the same pack
    serves the stored file. Raises ``PdfUnavailable`` when rendering fails.
    """
    key = pack_key(pages, language)
    record = CurriculumPackPdf.objects.filter(key=key).first()
    content = read_stored(record) if record is not None else None
    if content is not None:
        return pdf_file_of(record, content)

    page_ids = [page.pk for page in pages]
    try:
        started = time.monotonic()
        rendered = documents.render_pack(pages, language)
        record = CurriculumPackPdf(
            key=key,
            language=language,
            page_count=rendered.page_count,
            size=len(rendered.content),
            sha256=hashlib.sha256(rendered.content).hexdigest(),
        )
        record.file.save("pack.pdf", ContentFile(rendered.content), save=False)
    except Exception as error:
        logger.exception("Rendering a pack of curricula %s (%s) failed.", page_ids, language)
        raise PdfUnavailable from error

    try:
        with transaction.atomic():
            record.save()
            record.pages.set(pages)
    except IntegrityError:
        record.file.delete(save=False)
        logger.info("The pack %s was stored by another request first.", key)
    else:
        logger.info(
            "Rendered a pack of curricula %s (%s): %d pages, %d bytes in %.1f s.",
            page_ids,
            language,
            record.page_count,
            record.size,
            time.monotonic() - started,
        )
    return pdf_file_of(record, rendered.content)


def retire_packs_containing(page: CurriculumPage) -> None:
    for record in CurriculumPackPdf.objects.filter(pages=page):
        record.delete()


# Download counts


def count_download(page: CurriculumPage, *, in_pack: bool = False) -> None:
    """Add one download of ``page`` today (Asia/Tokyo), in its language, without recording who downloaded."""
    column = "pack_downloads" if in_pack else "downloads"
    key = {"page_id": page.pk, "day": timezone.localdate(), "language": page.language_code}
    if DownloadCount.objects.filter(**key).update(**{column: F(column) + 1}):
        return
    try:
        with transaction.atomic():
            DownloadCount.objects.create(**key, **{column: 1})
    except IntegrityError:
        # Another request created today's row between the update and the insert.
        DownloadCount.objects.filter(**key).update(**{column: F(column) + 1})


# Feedback


def feedback_rate_limit(user) -> int:
    """Return how many pieces of feedback the sender may send per ``CURRICULA_FEEDBACK_WINDOW_SECONDS``."""
    if access.standing(user).role is access.Role.ANONYMOUS:
        return settings.CURRICULA_FEEDBACK_ANONYMOUS_LIMIT
    return settings.CURRICULA_FEEDBACK_MEMBER_LIMIT


def consume_feedback_allowance(request) -> bool:
    """Count one piece of feedback against the sender's limit; return ``False`` once the limit is passed."""
    return consume_allowance(
        request,
        "feedback",
        limit=feedback_rate_limit(request.user),
        window=settings.CURRICULA_FEEDBACK_WINDOW_SECONDS,
    )


def consume_pack_render_allowance(request) -> bool:
    """Count one render of a new pack against the sender's limit; return ``False`` once it is passed.

    Each new choice of curricula is rendered in the request, for seconds, so without a limit one client
    could keep every worker busy by asking for the thousands of possible combinations.
    """
    return consume_allowance(
        request,
        "pack",
        limit=settings.CURRICULA_PACK_RENDER_LIMIT,
        window=settings.CURRICULA_PACK_RENDER_WINDOW_SECONDS,
    )


def consume_allowance(request, scope: str, *, limit: int, window: int) -> bool:
    """Count one request of ``scope`` for the sender in a fixed window; return whether it is within ``limit``."""
    return ratelimit.consume(
        f"curricula:{scope}", ratelimit.sender_key(request, "curricula.feedback"), limit=limit, window=window
    )


def submit_feedback(page: CurriculumPage, *, rating: int, comment: str, language: str, user) -> Feedback:
    """Store a rating of ``page``'s current version with the sender's role and nothing that identifies them."""
    role = access.standing(user).role.value
    sender = role if role in FeedbackSender.values else FeedbackSender.ANONYMOUS
    return Feedback.objects.create(
        page=page,
        curriculum_version=page.version,
        rating=rating,
        comment=comment,
        language=language,
        sender=sender,
    )
