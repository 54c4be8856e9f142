"""Who hears of what in the guidelines area, and the notices they get.

Replies and status changes reach the thread's commenters and the admins of their organizations. A major new
version reaches everyone who commented on the guideline, their organizations' admins and the subscribers of
the guideline or of one of its topics. Nobody else is told. A recipient who may not read what a notice is
about (a draft, or a members-only comment, after leaving their organization) is skipped.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.members import access
from portal.members.models import MembershipRole, MembershipStatus, User
from portal.notifications.services import notify

from ..models import Comment, GuidelinePage, GuidelineVersion, Subscription

logger = logging.getLogger(__name__)


def organization_admins(organization_ids) -> list[User]:
    ids = {pk for pk in organization_ids if pk is not None}
    if not ids:
        return []
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organization_id__in=ids,
            memberships__role=MembershipRole.ADMIN,
            memberships__status=MembershipStatus.APPROVED,
        ).distinct()
    )


def _commenters_and_admins(comments) -> list[User]:
    authors = [comment.author for comment in comments if comment.author is not None]
    admins = organization_admins(comment.organization_id for comment in comments)
    return authors + admins


def _readers(users, can_read, actor) -> list[User]:
    """Keep the users other than ``actor`` for whom ``can_read(user)`` holds, each once."""
    kept: dict[int, User] = {}
    for user in users:
        if user.pk == getattr(actor, "pk", None) or user.pk in kept:
            continue
        if can_read(user):
            kept[user.pk] = user
    return list(kept.values())


def _thread_url(comment: Comment, version: GuidelineVersion | None = None) -> str:
    version = version or comment.version
    return f"{version.get_absolute_url()}#{comment.element_id}"


def tell_of_reply(reply: Comment, *, actor) -> None:
    """Tell the thread's first commenter and the author replied to, with their organizations' admins."""
    thread = reply.thread
    involved = [comment for comment in {thread, reply.parent} if comment is not None]
    recipients = _readers(
        _commenters_and_admins(involved), lambda user: access.can_read_guideline_comment(user, reply), actor
    )
    version = thread.version
    heading = version.section_heading(thread.section_anchor)

    def title() -> str:
        if reply.is_official:
            return _("The secretariat answered a comment on “%(title)s”") % {"title": version.title}
        return _("New reply to a comment on “%(title)s”") % {"title": version.title}

    def body() -> str:
        return _("Version %(label)s, section “%(heading)s”.") % {"label": version.label, "heading": heading}

    notify(
        recipients,
        kind="guideline_comment_reply",
        title=title,
        body=body,
        url=lambda: _thread_url(reply),
    )


def tell_of_status(thread: Comment, *, actor) -> None:
    """Tell the thread's first commenter and their organization's admins that its status changed."""
    version = thread.version
    recipients = _readers(
        _commenters_and_admins([thread]), lambda user: access.can_read_guideline_comment(user, thread), actor
    )
    notify(
        recipients,
        kind="guideline_comment_status",
        title=lambda: (
            _("A comment on “%(title)s” is now “%(status)s”")
            % {"title": version.title, "status": thread.get_status_display()}
        ),
        body=lambda: (
            _("Version %(label)s, section “%(heading)s”.")
            % {"label": version.label, "heading": version.section_heading(thread.section_anchor)}
        ),
        url=lambda: _thread_url(thread),
    )


def tell_of_new_version(version: GuidelineVersion, *, actor) -> None:
    """Tell commenters, their organizations' admins and subscribers of a major new version."""
    guideline = version.guideline
    comments = Comment.objects.filter(version__guideline=guideline).select_related("author")
    recipients = _commenters_and_admins(list(comments)) + _subscribers(guideline)
    recipients = _readers(recipients, lambda user: access.can_read_guideline_version(user, version), actor)

    def title() -> str:
        if version.is_consultation:
            return _("Draft %(label)s of “%(title)s” is open for comments") % {
                "label": version.label,
                "title": version.title,
            }
        return _("Version %(label)s of “%(title)s” is in force") % {
            "label": version.label,
            "title": version.title,
        }

    def body() -> str:
        parts = []
        if version.is_consultation and version.consultation_closes_at:
            closes = date_format(timezone.localtime(version.consultation_closes_at), "DATETIME_FORMAT")
            parts.append(_("Members may comment until %(closes)s.") % {"closes": closes})
        if version.change_note:
            parts.append(version.change_note)
        return "\n\n".join(parts)

    notify(
        recipients, kind="guideline_version", title=title, body=body, url=lambda: version.get_absolute_url()
    )


def _subscribers(guideline: GuidelinePage) -> list[User]:
    """Subscribers of the guideline, and topic subscribers who read in its language.

    A topic covers the guideline in both languages, so a topic subscriber hears of the page in their own
    language, or of the page in the default language (Japanese) when the guideline has no page in their language.
    """
    topic_ids = [topic.pk for topic in guideline.topics.all()]
    subscriptions = Subscription.objects.filter(
        Q(guideline_id=guideline.pk) | Q(topic_id__in=topic_ids)
    ).select_related("user")
    language = guideline.locale.language_code
    translated_languages = set(
        guideline.get_translations().filter(live=True).values_list("locale__language_code", flat=True)
    )
    users = []
    for subscription in subscriptions:
        user = subscription.user
        if subscription.guideline_id is not None:
            users.append(user)
            continue
        wanted = user.language or settings.LANGUAGE_CODE
        if wanted == language or (language == settings.LANGUAGE_CODE and wanted not in translated_languages):
            users.append(user)
    return users
