"""Background tasks of the incidents area. Services enqueue them with ``transaction.on_commit``."""

import logging

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from portal.members import access
from portal.notifications.services import notify

logger = logging.getLogger(__name__)


@task()
def notify_briefing_readers(page_id: int) -> None:
    """Tell every member a newly posted briefing reaches, and nobody else, once.

    The notification names only the period, because emails leave the portal: the title and summary stay
    behind the sign-in.
    """
    from .models import PoliceBriefingPage

    page = PoliceBriefingPage.objects.live().filter(pk=page_id).first()
    if page is None:
        logger.info("Briefing %s is gone or unpublished; no notification sent.", page_id)
        return
    if page.notified_at is not None:
        return
    readers = access.readers_of(page).exclude(pk=page.owner_id)
    period = page.period_label
    sent = notify(
        readers,
        kind="incidents.briefing_posted",
        title=lambda: str(_("A new police briefing for %(period)s was shared with you") % {"period": period}),
        body=_("Sign in to the members area to read it."),
        url=lambda: page.get_url() or "",
    )
    PoliceBriefingPage.objects.filter(pk=page.pk).update(notified_at=timezone.now())
    logger.info("Notified %d members of briefing %s.", len(sent), page_id)
