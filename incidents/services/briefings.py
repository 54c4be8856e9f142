"""Posting and withdrawing police briefings, which are Wagtail pages created and published by the portal.

Police members post from a form in the members area rather than in the Wagtail admin, which is the
secretariat's. The form lets the portal check the second factor, the PII guard and the attachments, and
notify exactly the members the level reaches.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import Locale, Page, PageViewRestriction

from portal.audit.models import Outcome
from portal.audit.services import record
from portal.files import detect_content_type
from portal.home.models import HomePage
from portal.members import access
from portal.members.distribution import Distribution
from portal.members.models import Organization, User
from registry.models import SiteType

from .. import tasks
from ..files import safe_download_name, without_image_metadata
from ..models import BriefingArrest, BriefingAttachment, BriefingIndexPage, PoliceBriefingPage
from ..validation import check_free_text

logger = logging.getLogger(__name__)

BRIEFING_INDEX_SLUG = "briefings"


@dataclass
class BriefingDraft:
    """A police member's entries for a new briefing, already validated by the form."""

    title: str
    period_start: date
    period_end: date
    summary: str
    distribution: str
    audience_kinds: str
    named_organizations: list[Organization] = field(default_factory=list)
    arrests: dict[str, int] = field(default_factory=dict)
    site_types: list[SiteType] = field(default_factory=list)
    attachments: list = field(default_factory=list)


def briefing_index(language_code: str) -> BriefingIndexPage:
    """Return the briefings' parent page in ``language_code``'s tree, creating it on first use.

    It carries a sign-in view restriction, so that Wagtail's ``public()`` pages never include briefings.
    """
    locale = Locale.objects.get(language_code=language_code)
    existing = BriefingIndexPage.objects.filter(locale=locale).first()
    if existing is not None:
        return existing
    home = HomePage.objects.select_for_update().filter(locale=locale).first()
    if home is None:
        raise Page.DoesNotExist(f"No home page in the {language_code!r} tree to hold briefings.")
    with translation.override(language_code):
        title = _("Police briefings")
    index = home.add_child(
        instance=BriefingIndexPage(title=title, slug=BRIEFING_INDEX_SLUG, locale=locale, show_in_menus=False)
    )
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    return index


@sensitive_variables("draft")
def post_briefing(draft: BriefingDraft, *, author: User, language_code: str) -> PoliceBriefingPage:
    """Create and publish a briefing, store its attachments and notify the members its level reaches.

    Raises ``PermissionDenied`` unless the author is a police member with a second factor, and
    ``ValidationError`` when the title or summary contains personal information.
    """
    if not access.can_post_briefing(author):
        record("incidents.briefing.posted", actor=author, outcome=Outcome.DENIED)
        raise PermissionDenied
    check_free_text({"title": draft.title, "summary": draft.summary})

    with transaction.atomic():
        page = publish_briefing_page(
            draft,
            author=author,
            organization=access.standing(author).organization,
            language_code=language_code,
        )
        record(
            "incidents.briefing.posted",
            actor=author,
            target=page,
            detail={"distribution": page.distribution, "attachments": len(draft.attachments)},
        )
        transaction.on_commit(lambda: tasks.notify_briefing_readers.enqueue(page.pk))
    return page


def publish_briefing_page(
    draft: BriefingDraft, *, author: User | None, organization: Organization, language_code: str
) -> PoliceBriefingPage:
    """Create and publish the page of a briefing with its attachments. Callers check the policy first."""
    index = briefing_index(language_code)
    page = PoliceBriefingPage(
        title=draft.title,
        # A random slug: a title in the URL could tell more than the level allows.
        slug=f"{draft.period_start:%Y%m}-{secrets.token_hex(4)}",
        period_start=draft.period_start,
        period_end=draft.period_end,
        summary=draft.summary,
        distribution=draft.distribution,
        audience_kinds=draft.audience_kinds,
        origin_organization=organization,
        owner=author,
        live=False,
    )

    page.high_incidence_site_types = draft.site_types
    page.arrests = [
        BriefingArrest(offence_type=offence, arrests=count, sort_order=order)
        for order, (offence, count) in enumerate(draft.arrests.items())
        if count
    ]
    index.add_child(instance=page)

    if draft.distribution == Distribution.RED:
        page.named_organizations.set(draft.named_organizations)
    # The portal's access policy decided who may post; police hold no Wagtail page permissions.
    page.save_revision(user=author).publish(user=author, skip_permission_checks=True)
    # Publishing updates a copy made from the revision; reload to see the page as published.
    page.refresh_from_db()

    for upload in draft.attachments:
        _store_attachment(page, upload, author)
    return page


def _store_attachment(page: PoliceBriefingPage, upload, author: User) -> BriefingAttachment:
    name = safe_download_name(upload.name)
    cleaned = without_image_metadata(upload)
    content = cleaned if cleaned is not None else upload
    content.name = name
    attachment = BriefingAttachment(
        page=page,
        name=name,
        content_type=detect_content_type(content) or "application/octet-stream",
        size=content.size,
        uploaded_by=author,
    )
    attachment.file.save(name, content, save=False)
    attachment.save()
    return attachment


def withdraw_briefing(page: PoliceBriefingPage, *, actor: User) -> None:
    """Unpublish a briefing, so that members can no longer read it or its attachments."""
    if not access.can_withdraw_briefing(actor, page):
        record("incidents.briefing.withdrawn", actor=actor, target=page, outcome=Outcome.DENIED)
        raise PermissionDenied
    with transaction.atomic():
        UnpublishPageAction(page, user=actor).execute(skip_permission_checks=True)
        record("incidents.briefing.withdrawn", actor=actor, target=page)


def record_attachment_read(attachment: BriefingAttachment, *, user: User) -> None:
    page = attachment.page
    if access.is_audited_level(page.distribution):
        record(
            "incidents.briefing.attachment_read",
            actor=user,
            target=attachment,
            detail={"briefing": page.pk, "distribution": page.distribution},
        )
