"""Writing, editing, withdrawing, answering and moderating comments on guideline sections.

Every operation asks ``portal.members.access`` first: a denied attempt is recorded in the audit log and
raises ``PermissionDenied``. Text that cannot be saved raises ``ValidationError`` keyed by form field.
A change to a comment that anonymous readers can see retires the public page cache.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit.models import Outcome
from portal.audit.services import record
from portal.home.page_cache import retire_cached_pages
from portal.members import access
from portal.members.validators import validate_multi_line

from ..models import Comment, CommentEdit, CommentStatus, GuidelineVersion
from ..models.comments import COMMENT_MAX_LENGTH, HIDDEN_REASON_MAX_LENGTH
from . import notices

logger = logging.getLogger(__name__)


def post_comment(user, version: GuidelineVersion, *, anchor: str, body: str) -> Comment:
    """Start a thread on the section ``anchor`` of ``version``.

    Raises ``ValidationError`` when the version has no such section or the text is empty or too long.
    """
    _require(access.can_comment_on_guideline(user, version), "guidelines.comment.posted", user, version)
    _check_comment_limit(user)
    if anchor not in version.section_map:
        raise ValidationError({"section": _("Choose a section of this version.")})
    organization = access.standing(user).organization
    with transaction.atomic():
        comment = Comment.objects.create(
            version=version,
            section_anchor=anchor,
            author=user,
            organization=organization,
            body=_clean_text(body, field="body", max_length=COMMENT_MAX_LENGTH),
            is_official=access.can_answer_guideline_comments(user),
            members_only=not version.is_public,
        )
        record("guidelines.comment.posted", actor=user, target=comment, detail=_detail(comment))
        _retire_public_copy(comment)
    return comment


def _check_comment_limit(user) -> None:
    """Refuse a new comment or reply once the user wrote ``GUIDELINES_COMMENT_HOURLY_LIMIT`` in the past hour.

    The secretariat's official responses are not counted.
    """
    if access.can_answer_guideline_comments(user):
        return
    limit = settings.GUIDELINES_COMMENT_HOURLY_LIMIT
    since = timezone.now() - timedelta(hours=1)
    if Comment.objects.filter(author=user, created_at__gte=since).count() >= limit:
        message = _(
            "You have written %(limit)d comments in the past hour, the most the portal accepts. "
            "Please try again later; your text is still in the box."
        ) % {"limit": limit}
        raise ValidationError({"body": ValidationError(message, code="rate_limited")})


def post_reply(user, parent: Comment, *, body: str, status: str | None = None) -> Comment:
    """Reply to ``parent`` within its thread.

    A reply by the secretariat is an official response: it sets the thread's status to ``status``, answered
    unless told otherwise. The thread's first commenter, the author replied to and their organizations'
    admins are told.
    """
    _require(access.can_reply_to_guideline_comment(user, parent), "guidelines.comment.replied", user, parent)
    thread = parent.root
    official = access.can_answer_guideline_comments(user)
    if not official:
        _check_comment_limit(user)
    if status is not None and status not in CommentStatus.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    with transaction.atomic():
        reply = Comment.objects.create(
            version=thread.version,
            section_anchor=thread.section_anchor,
            thread=thread,
            parent=parent,
            author=user,
            organization=access.standing(user).organization,
            body=_clean_text(body, field="body", max_length=COMMENT_MAX_LENGTH),
            is_official=official,
            members_only=thread.members_only or not thread.version.is_public,
        )
        record("guidelines.comment.replied", actor=user, target=reply, detail=_detail(reply))
        if official:
            new_status = status or CommentStatus.ANSWERED
            if thread.status != new_status:
                _change_status(thread, new_status, actor=user)
        _retire_public_copy(reply)
        notices.tell_of_reply(reply, actor=user)
    return reply


def edit_comment(user, comment: Comment, *, body: str, now: datetime | None = None) -> Comment:
    """Replace the text of the user's own comment, keeping the earlier text in its history."""
    _require(
        access.can_edit_guideline_comment(user, comment, now), "guidelines.comment.edited", user, comment
    )
    text = _clean_text(body, field="body", max_length=COMMENT_MAX_LENGTH)
    if text == comment.body:
        return comment
    with transaction.atomic():
        CommentEdit.objects.create(
            comment=comment, previous_body=comment.body, edited_at=now or timezone.now()
        )
        comment.body = text
        comment.edited_at = now or timezone.now()
        comment.save(update_fields=["body", "edited_at"])
        record("guidelines.comment.edited", actor=user, target=comment, detail=_detail(comment))
        _retire_public_copy(comment)
    return comment


def withdraw_comment(user, comment: Comment, *, now: datetime | None = None) -> Comment:
    """Withdraw the user's own comment. Its replies stay; readers see that it was withdrawn."""
    _require(
        access.can_withdraw_guideline_comment(user, comment, now),
        "guidelines.comment.withdrawn",
        user,
        comment,
    )
    with transaction.atomic():
        comment.withdrawn_at = now or timezone.now()
        comment.save(update_fields=["withdrawn_at"])
        record("guidelines.comment.withdrawn", actor=user, target=comment, detail=_detail(comment))
        _retire_public_copy(comment)
    return comment


def hide_comment(user, comment: Comment, *, reason: str) -> Comment:
    """Hide a comment from readers, recording who hid it, when and why."""
    _require(access.can_moderate_guideline_comments(user), "guidelines.comment.hidden", user, comment)
    reason = _clean_text(reason, field="reason", max_length=HIDDEN_REASON_MAX_LENGTH)
    with transaction.atomic():
        comment.hidden_at = timezone.now()
        comment.hidden_by = user
        comment.hidden_reason = reason
        comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
        record("guidelines.comment.hidden", actor=user, target=comment, detail=_detail(comment))
        _retire_public_copy(comment)
    return comment


def restore_comment(user, comment: Comment) -> Comment:
    """Show a hidden comment again. The audit log keeps the earlier hiding."""
    _require(access.can_moderate_guideline_comments(user), "guidelines.comment.restored", user, comment)
    with transaction.atomic():
        comment.hidden_at = None
        comment.hidden_by = None
        comment.hidden_reason = ""
        comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
        record("guidelines.comment.restored", actor=user, target=comment, detail=_detail(comment))
        _retire_public_copy(comment)
    return comment


def set_status(user, thread: Comment, status: str) -> Comment:
    """Set the status of a thread (open, answered, resolved) and tell its commenter and their admins."""
    _require(access.can_set_guideline_comment_status(user, thread), "guidelines.comment.status", user, thread)
    if status not in CommentStatus.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    if thread.status == status:
        return thread
    with transaction.atomic():
        _change_status(thread, status, actor=user)
        _retire_public_copy(thread)
        notices.tell_of_status(thread, actor=user)
    return thread


def _change_status(thread: Comment, status: str, *, actor) -> None:
    previous = thread.status
    thread.status = status
    thread.save(update_fields=["status"])
    record(
        "guidelines.comment.status",
        actor=actor,
        target=thread,
        detail={"from": previous, "to": status, "version": thread.version_id},
    )


def _clean_text(value: str, *, field: str, max_length: int) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: _("Enter some text.")})
    if len(text) > max_length:
        raise ValidationError(
            {
                field: _("Use at most %(limit)d characters (you entered %(count)d).")
                % {"limit": max_length, "count": len(text)}
            }
        )
    try:
        validate_multi_line(text)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error
    return text


def _detail(comment: Comment) -> dict:
    return {
        "version": comment.version_id,
        "section": comment.section_anchor,
        "thread": comment.thread_id,
        "official": comment.is_official,
    }


def _retire_public_copy(comment: Comment) -> None:
    # Members-only comments never reach the anonymous copies of pages that the cache holds.
    if comment.version.is_public and not comment.members_only:
        transaction.on_commit(retire_cached_pages)


def _require(allowed: bool, action: str, actor, target) -> None:
    """Record a denied attempt and raise ``PermissionDenied`` unless ``allowed``."""
    if allowed:
        return
    record(action, actor=actor, target=target, outcome=Outcome.DENIED)
    logger.info(
        "Denied %s on %s %s to user %s",
        action,
        target._meta.label_lower,
        target.pk,
        getattr(actor, "pk", None),
    )
    raise PermissionDenied
