"""Members' subscriptions to a guideline or to a topic."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from portal.members import access

from ..models import GuidelinePage, GuidelineTopic, Subscription


def subscribe(
    user, *, guideline: GuidelinePage | None = None, topic: GuidelineTopic | None = None
) -> Subscription:
    """Subscribe the user to one guideline or one topic; subscribing twice keeps the first subscription.

    Raises ``PermissionDenied`` unless the user is a member.
    """
    if not access.can_subscribe_to_guidelines(user):
        raise PermissionDenied
    if (guideline is None) == (topic is None):
        raise ValueError("Pass exactly one of guideline and topic.")
    target = {"guideline": guideline} if guideline is not None else {"topic": topic}
    try:
        with transaction.atomic():
            subscription, _created = Subscription.objects.get_or_create(user=user, **target)
    except IntegrityError:
        # A second request from the same user created it in between.
        subscription = Subscription.objects.get(user=user, **target)
    return subscription


def unsubscribe(user, *, guideline: GuidelinePage | None = None, topic: GuidelineTopic | None = None) -> int:
    """End the user's subscription to a guideline or a topic; return how many subscriptions ended."""
    if guideline is not None:
        deleted, _by_model = Subscription.objects.filter(user=user, guideline=guideline).delete()
    else:
        deleted, _by_model = Subscription.objects.filter(user=user, topic=topic).delete()
    return deleted


def set_topic_subscriptions(user, topics) -> None:
    """Make the user's topic subscriptions exactly ``topics``."""
    if not access.can_subscribe_to_guidelines(user):
        raise PermissionDenied
    wanted = {topic.pk for topic in topics}
    with transaction.atomic():
        Subscription.objects.filter(user=user, topic__isnull=False).exclude(topic_id__in=wanted).delete()
        existing = set(
            Subscription.objects.filter(user=user, topic_id__in=wanted).values_list("topic_id", flat=True)
        )
        Subscription.objects.bulk_create(
            [Subscription(user=user, topic_id=pk) for pk in sorted(wanted - existing)]
        )
