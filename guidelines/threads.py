"""The comment threads shown on one version of a guideline, with what the reader may do on each comment.

A version shows the threads written on it and the threads carried to it from earlier versions. Carried threads
written on a draft under consultation show to members only, like the draft itself. Every thread is loaded in
a fixed number of queries, however many comments there are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from portal.members import access

from .models import Comment, CommentPlacement, GuidelineVersion, PlacementState

# Replies nest visually up to this depth; deeper replies line up with it.
MAX_DEPTH = 4


@dataclass
class CommentItem:
    comment: Comment
    depth: int
    show_text: bool
    can_reply: bool
    can_edit: bool
    can_see_history: bool
    urls: dict[str, str] = field(default_factory=dict)
    reply_form: object = None  # set by the view for items the reader may reply to


@dataclass
class Thread:
    root: Comment
    items: list[CommentItem]
    placement: CommentPlacement | None = None  # set when the thread was carried from an earlier version
    can_set_status: bool = False

    @property
    def is_carried(self) -> bool:
        return self.placement is not None

    @property
    def original_heading(self) -> str:
        """The heading of the section the thread was written on, in the version it was written on."""
        return self.root.version.section_heading(self.root.section_anchor)


@dataclass
class VersionThreads:
    by_section: dict[str, list[Thread]] = field(default_factory=lambda: defaultdict(list))
    removed_sections: list[Thread] = field(default_factory=list)

    def count(self, anchor: str) -> int:
        return len(self.by_section.get(anchor, []))

    @property
    def total(self) -> int:
        return sum(len(threads) for threads in self.by_section.values()) + len(self.removed_sections)


def threads_for(version: GuidelineVersion, user) -> VersionThreads:
    """Return the threads to show on ``version`` to ``user``, grouped by section anchor."""
    result = VersionThreads()
    if version.pk is None:
        return result
    versions = _versions_of(version)
    placements = {}
    for placement in CommentPlacement.objects.filter(version=version).select_related("comment"):
        placement.comment.version = versions[placement.comment.version_id]
        if access.can_read_guideline_comment(user, placement.comment):
            placements[placement.comment_id] = placement
    own = Comment.objects.threads().filter(version=version)
    if not access.can_see_guideline_commenter_names(user):
        # Anonymous readers and applicants: comments written on a draft stay out of sight.
        own = own.filter(members_only=False)
    thread_ids = list(own.values_list("pk", flat=True)) + list(placements)
    if not thread_ids:
        return result

    comments = list(
        Comment.objects.filter(Q(pk__in=thread_ids) | Q(thread_id__in=thread_ids))
        .select_related("author", "organization")
        .prefetch_related("placements")
        .order_by("created_at", "pk")
    )
    children: dict[int | None, list[Comment]] = defaultdict(list)
    by_pk = {comment.pk: comment for comment in comments}
    for comment in comments:
        # Point every relation at objects already loaded, so templates and access checks query nothing more.
        comment.version = versions[comment.version_id]
        for placement in comment.placements.all():
            placement.version = versions[placement.version_id]
        if comment.thread_id is not None:
            comment.thread = by_pk[comment.thread_id]
            comment.parent = by_pk[comment.parent_id]
            children[comment.parent_id].append(comment)

    can_moderate = access.can_moderate_guideline_comments(user)
    for pk in thread_ids:
        root = by_pk.get(pk)
        if root is None:
            continue
        thread = Thread(
            root=root,
            items=list(_walk(root, children, user, version.guideline)),
            placement=placements.get(pk),
            can_set_status=can_moderate,
        )
        if thread.placement is not None and thread.placement.state == PlacementState.REMOVED:
            result.removed_sections.append(thread)
        else:
            result.by_section[root.section_anchor].append(thread)
    return result


def _versions_of(version: GuidelineVersion) -> dict[int, GuidelineVersion]:
    """Every version of the guideline by primary key, sharing ``version``'s page object.

    Comments and their placements point at these, rather than each loading its own copy: a page object and a
    version's sections are costly to build, and a guideline has few versions.
    """
    page = version.guideline
    versions = {
        other.pk: other for other in GuidelineVersion.objects.filter(guideline_id=version.guideline_id)
    }
    for other in versions.values():
        other.guideline = page
    versions[version.pk] = version
    return versions


ROUTES = (
    "reply",
    "edit_comment",
    "withdraw_comment",
    "comment_history",
    "moderate_comment",
    "comment_status",
)


def _walk(root: Comment, children, user, page):
    """Yield the thread's comments depth first, oldest reply first, each with the reader's permissions."""
    stack = [(root, 0)]
    while stack:
        comment, depth = stack.pop()
        for reply in reversed(children.get(comment.pk, [])):
            stack.append((reply, depth + 1))
        if not access.can_read_guideline_comment(user, comment):
            # A reply written while the version was a draft; the replies to it may still show.
            continue
        yield CommentItem(
            comment=comment,
            depth=min(depth, MAX_DEPTH),
            show_text=access.can_read_guideline_comment_text(user, comment),
            can_reply=access.can_reply_to_guideline_comment(user, comment),
            can_edit=access.can_edit_guideline_comment(user, comment),
            can_see_history=comment.edited_at is not None
            and access.can_see_guideline_comment_history(user, comment),
            urls={name: page.url_for_comment(name, comment.pk) for name in ROUTES},
        )
