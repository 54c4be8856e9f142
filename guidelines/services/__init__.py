"""Operations of the guidelines area that touch several models, each checked by the access policy."""

from .comments import (
    edit_comment,
    hide_comment,
    post_comment,
    post_reply,
    restore_comment,
    set_status,
    withdraw_comment,
)
from .subscriptions import set_topic_subscriptions, subscribe, unsubscribe
from .versions import acknowledge_version, carry_threads, publish_version

__all__ = [
    "acknowledge_version",
    "carry_threads",
    "edit_comment",
    "hide_comment",
    "post_comment",
    "post_reply",
    "publish_version",
    "restore_comment",
    "set_status",
    "set_topic_subscriptions",
    "subscribe",
    "unsubscribe",
    "withdraw_comment",
]
