"""Models of the guidelines area: plain records first, then the pages that use them."""

from .versions import Acknowledgement, GuidelineVersion, VersionState  # noqa: I001
from .comments import Comment, CommentEdit, CommentPlacement, CommentStatus, PlacementState
from .topics import GuidelineTopic, Subscription
from .pages import ChangeKind, GuidelineIndexPage, GuidelinePage

__all__ = [
    "Acknowledgement",
    "ChangeKind",
    "Comment",
    "CommentEdit",
    "CommentPlacement",
    "CommentStatus",
    "GuidelineIndexPage",
    "GuidelinePage",
    "GuidelineTopic",
    "GuidelineVersion",
    "PlacementState",
    "Subscription",
    "VersionState",
]
