"""Background rendering of curriculum PDFs, enqueued after each publish.

A failed render is logged with the page and revision ids and tried again, up to ``MAX_ATTEMPTS`` times in
all. The attempts are ``RETRY_DELAYS`` seconds apart where the task backend can defer (the database queue
of production), and the immediate backend of development and tests retries at once. After the last
attempt the task gives up with an error in the log. The next download then renders the PDF in its
request, and the next publish enqueues the task again.
"""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from portal.members import access

from . import services
from .models import CurriculumPage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
# Seconds to wait before the second and the third attempt.
RETRY_DELAYS = (60, 300)


@task()
def render_curriculum_pdf(page_id: int, revision_id: int, attempt: int = 1) -> str:
    """Render and store the PDF of a published revision; return what happened, for the task's result."""
    page = CurriculumPage.objects.select_related("locale").filter(pk=page_id).first()
    if page is None or not page.live or page.live_revision_id != revision_id:
        logger.info(
            "Curriculum %s revision %s is no longer live; its PDF is not rendered.", page_id, revision_id
        )
        return "skipped: not live"
    if not access.can_download_curriculum(None, page):
        # PDFs of restricted curricula would be reachable through the default storage, so none is stored.
        logger.info("Curriculum %s has a view restriction; its PDF is not stored.", page_id)
        return "skipped: restricted"
    if services.stored_pdf(page, revision_id) is not None:
        return "skipped: already stored"

    try:
        services.render_and_store_pdf(page, revision_id)
    except Exception:
        logger.exception(
            "Rendering the PDF of curriculum %s revision %s (%s) failed, attempt %d of %d.",
            page_id,
            revision_id,
            page.language_code,
            attempt,
            MAX_ATTEMPTS,
        )
        if attempt >= MAX_ATTEMPTS:
            logger.error(
                "Gave up rendering the PDF of curriculum %s revision %s after %d attempts; "
                "the next download renders it.",
                page_id,
                revision_id,
                attempt,
            )
            return "failed: gave up"
        enqueue_render(page_id, revision_id, attempt=attempt + 1)
        return "failed: retry enqueued"
    return "rendered"


def enqueue_render(page_id: int, revision_id: int, *, attempt: int = 1) -> None:
    """Enqueue ``render_curriculum_pdf``, after the delay that belongs to ``attempt`` if the backend can defer.

    A failure to enqueue is logged and not raised: the first download renders the PDF instead.
    """
    render = render_curriculum_pdf
    delay = RETRY_DELAYS[attempt - 2] if attempt >= 2 else 0
    if delay and render.get_backend().supports_defer:
        render = render.using(run_after=timezone.now() + timedelta(seconds=delay))
    try:
        render.enqueue(page_id, revision_id, attempt)
    except Exception:
        logger.exception(
            "Could not enqueue the PDF render of curriculum %s revision %s (attempt %d).",
            page_id,
            revision_id,
            attempt,
        )
