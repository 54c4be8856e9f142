"""Members' comments on a section of a guideline version, their edit history and their carrying-over."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.members.validators import validate_multi_line

from .versions import GuidelineVersion

COMMENT_MAX_LENGTH = 4000
HIDDEN_REASON_MAX_LENGTH = 500


class CommentStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("comment status", "Open")
    ANSWERED = "answered", pgettext_lazy("comment status", "Answered")
    RESOLVED = "resolved", pgettext_lazy("comment status", "Resolved")


class CommentQuerySet(models.QuerySet):
    def threads(self) -> CommentQuerySet:
        """Comments that start a thread, as opposed to replies."""
        return self.filter(thread__isnull=True)

    def carried_forward(self) -> CommentQuerySet:
        """Threads that follow the guideline to its next version: still unresolved, neither hidden nor withdrawn."""
        return self.threads().filter(
            hidden_at__isnull=True,
            withdrawn_at__isnull=True,
            status__in=[CommentStatus.OPEN, CommentStatus.ANSWERED],
        )


class Comment(models.Model):
    """A member's comment on one section of one guideline version, or a reply within its thread.

    A thread starts with a comment on a section (``thread`` empty); every reply points to the comment it
    answers (``parent``) and to the thread's first comment (``thread``), and shares its version and section.
    The secretariat's comments are official responses. Status belongs to the thread's first comment.
    """

    version = models.ForeignKey(
        GuidelineVersion, on_delete=models.CASCADE, related_name="comments", verbose_name=_("version")
    )
    section_anchor = models.CharField(_("section"), max_length=60)
    thread = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="thread_replies",
        verbose_name=_("thread"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="guideline_comments",
        verbose_name=_("author"),
    )
    # The author's organization when they wrote it, which stays with the comment if they move on.
    organization = models.ForeignKey(
        "members.Organization",
        on_delete=models.SET_NULL,
        null=True,
        related_name="guideline_comments",
        verbose_name=_("organization"),
    )
    body = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH, validators=[validate_multi_line])
    is_official = models.BooleanField(_("official response"), default=False)
    # Set when written on a draft under consultation (or in such a thread): members only, for good, even
    # where the draft is adopted or the thread is carried to a public version.
    members_only = models.BooleanField(_("members only"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=CommentStatus.choices, default=CommentStatus.OPEN
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("last edited"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    hidden_reason = models.CharField(
        _("reason for hiding"),
        max_length=HIDDEN_REASON_MAX_LENGTH,
        blank=True,
        validators=[validate_multi_line],
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("guideline comment")
        verbose_name_plural = _("guideline comments")
        indexes = [models.Index(fields=["version", "section_anchor"], name="guideline_comment_section")]
        constraints = [
            models.CheckConstraint(
                condition=Q(thread__isnull=True, parent__isnull=True)
                | Q(thread__isnull=False, parent__isnull=False),
                name="guideline_comment_reply_has_thread",
            )
        ]

    def __str__(self) -> str:
        return _("Comment %(number)s on %(version)s") % {"number": self.pk, "version": self.version}

    @property
    def root(self) -> Comment:
        """The thread's first comment: this comment itself unless it is a reply."""
        return self.thread if self.thread_id else self

    @property
    def is_thread_start(self) -> bool:
        return self.thread_id is None

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def excerpt(self) -> str:
        """The first words of the text, for lists in the admin."""
        text = " ".join(self.body.split())
        return text if len(text) <= 80 else f"{text[:79]}…"

    @property
    def element_id(self) -> str:
        # Section anchors cannot contain "_", so these ids never clash with them.
        return f"comment_{self.pk}"


class CommentEdit(models.Model):
    """The text a comment had before one edit by its author."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="edits", verbose_name=_("comment")
    )
    previous_body = models.TextField(_("text before the edit"))
    edited_at = models.DateTimeField(_("edited at"), default=timezone.now)

    class Meta:
        ordering = ["-edited_at", "-pk"]
        verbose_name = _("comment edit")
        verbose_name_plural = _("comment edits")

    def __str__(self) -> str:
        return f"{self.comment_id} @ {self.edited_at:%Y-%m-%d %H:%M}"


class PlacementState(models.TextChoices):
    SAME = "same", pgettext_lazy("section comparison", "Section unchanged")
    CHANGED = "changed", pgettext_lazy("section comparison", "Section changed")
    REMOVED = "removed", pgettext_lazy("section comparison", "Section removed")


class CommentPlacement(models.Model):
    """The place of an unresolved thread in a later version, and how its section compares with the original.

    The thread stays attached to the version it was written on. The comparison is always with the text the
    comment was written about, so a section that changed and changed back counts as unchanged.
    """

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="placements", verbose_name=_("comment")
    )
    version = models.ForeignKey(
        GuidelineVersion,
        on_delete=models.CASCADE,
        related_name="carried_comments",
        verbose_name=_("later version"),
    )
    section_anchor = models.CharField(_("section"), max_length=60)
    state = models.CharField(_("section"), max_length=16, choices=PlacementState.choices)

    class Meta:
        verbose_name = _("carried comment")
        verbose_name_plural = _("carried comments")
        constraints = [
            models.UniqueConstraint(fields=["comment", "version"], name="guideline_comment_placement_once")
        ]

    def __str__(self) -> str:
        return f"{self.comment_id} → {self.version_id} ({self.state})"
