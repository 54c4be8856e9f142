"""Email a notification to its recipient, in the language the notification was written in."""

import logging
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from .models import Notification

logger = logging.getLogger(__name__)


@task()
def send_notification_email(notification_id: int) -> None:
    notification = Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    if notification is None:
        logger.info("Notification %s is gone; no email sent.", notification_id)
        return
    recipient = notification.recipient
    if not recipient.is_active or not recipient.email:
        return
    link = urljoin(settings.WAGTAILADMIN_BASE_URL, notification.url) if notification.url else ""
    context = {"notification": notification, "recipient": recipient, "link": link}
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        context["list_url"] = urljoin(settings.WAGTAILADMIN_BASE_URL, _list_path())
        message = render_to_string("notifications/email/notification_message.txt", context)
    send_mail(notification.title, message, None, [recipient.email])


def _list_path() -> str:
    from django.urls import reverse

    return reverse("notifications:list")
