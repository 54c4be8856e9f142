"""Send notifications: a row in each recipient's notification list and, unless ``email=False``, an email.

Callers choose the recipients; this module only delivers. Each text is rendered in the recipient's language, so
pass lazy strings (``gettext_lazy``) or callables that build the text when called::

    notify(
        users,
        kind="guideline_reply",
        title=lambda: _("New reply on %(title)s") % {"title": page.title},
        url=lambda: page.url,
    )
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import transaction
from django.utils import translation

from .models import Notification

logger = logging.getLogger(__name__)

Text = str | Callable[[], str]


def _render(value: Text) -> str:
    return str(value() if callable(value) else value)


def notify(
    recipients: Iterable,
    *,
    kind: str,
    title: Text,
    body: Text = "",
    url: Text = "",
    email: bool = True,
) -> list[Notification]:
    """Add one notification per distinct active recipient and queue its email after the transaction commits."""
    created: list[Notification] = []
    seen: set[int] = set()
    for recipient in recipients:
        if recipient is None or recipient.pk in seen or not recipient.is_active:
            continue
        seen.add(recipient.pk)
        with translation.override(recipient.language or settings.LANGUAGE_CODE):
            notification = Notification(
                recipient=recipient,
                kind=kind,
                title=" ".join(_render(title).split())[:300],
                body=_render(body),
                url=_render(url)[:500],
            )
        created.append(notification)
    Notification.objects.bulk_create(created)
    if email and created:
        from .tasks import send_notification_email

        ids = [notification.pk for notification in created]
        transaction.on_commit(lambda: [send_notification_email.enqueue(pk) for pk in ids])
    return created


def unread_count(user) -> int:
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user).unread().count()


def mark_read(user, notifications=None) -> int:
    """Mark the user's notifications (all of them unless given a queryset) as read; return how many changed."""
    from django.utils import timezone

    queryset = Notification.objects.filter(recipient=user).unread()
    if notifications is not None:
        queryset = queryset.filter(pk__in=notifications.values("pk"))
    return queryset.update(read_at=timezone.now())
