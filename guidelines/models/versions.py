"""Published versions of a guideline, frozen when published, and organizations' read acknowledgements."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelsearch import index

from portal.members import access


class VersionState(models.TextChoices):
    CONSULTATION = "consultation", pgettext_lazy("guideline version state", "Draft under consultation")
    IN_FORCE = "in_force", pgettext_lazy("guideline version state", "In force")
    SUPERSEDED = "superseded", pgettext_lazy("guideline version state", "Superseded")


class GuidelineVersionQuerySet(models.QuerySet):
    def visible_to(self, user) -> GuidelineVersionQuerySet:
        """Versions the access policy lets ``user`` read."""
        return self.filter(access.guideline_versions_q(user))

    def in_force(self) -> GuidelineVersionQuerySet:
        return self.filter(state=VersionState.IN_FORCE)

    def consultation(self) -> GuidelineVersionQuerySet:
        return self.filter(state=VersionState.CONSULTATION)

    def public(self) -> GuidelineVersionQuerySet:
        """Versions that came into force, of published guidelines: what anyone may read."""
        return self.filter(in_force_since__isnull=False, guideline__live=True)


class GuidelineVersion(index.Indexed, models.Model):
    """One published version of a guideline: its text as it was published, which never changes afterwards.

    Publishing a ``GuidelinePage`` creates a version in force; the editor's "Open for consultation" action
    creates a draft under consultation. The page serves its readers from these snapshots, never from its own
    fields, so a draft's text reaches members only. Editors see versions under "Guidelines" in the admin.
    """

    guideline = models.ForeignKey(
        "guidelines.GuidelinePage",
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("guideline"),
    )
    # Publication order within the guideline, 1 for the first version.
    sequence = models.PositiveIntegerField(_("number"))
    label = models.CharField(_("version label"), max_length=30)
    state = models.CharField(_("state"), max_length=16, choices=VersionState.choices)
    is_major = models.BooleanField(_("major change"), default=True)
    change_note = models.TextField(_("change note"), blank=True)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    consultation_closes_at = models.DateTimeField(_("consultation closes"), null=True, blank=True)
    # When the version was published: put into force, or opened for consultation as a draft.
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    # Empty for a draft that never came into force, whose text stays for members only once superseded.
    in_force_since = models.DateTimeField(_("in force since"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("superseded"), null=True, blank=True)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("page revision"),
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    # The snapshot: the text as readers see it.
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    sections = models.JSONField(
        _("sections"), default=list, help_text=_("A list of {anchor, heading, body} in page order.")
    )
    measure_ids = models.JSONField(_("recommended measures"), default=list)
    search_text = models.TextField(_("plain text"), blank=True, editable=False)

    objects = GuidelineVersionQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("summary", boost=2),
        index.SearchField("search_text"),
        index.SearchField("change_note"),
        index.FilterField("state"),
    ]

    class Meta:
        ordering = ["guideline", "-sequence"]
        verbose_name = _("guideline version")
        verbose_name_plural = _("guideline versions")
        constraints = [
            models.UniqueConstraint(fields=["guideline", "label"], name="guideline_version_unique_label"),
            models.UniqueConstraint(
                fields=["guideline", "sequence"], name="guideline_version_unique_sequence"
            ),
            models.UniqueConstraint(
                fields=["guideline"],
                condition=models.Q(state="in_force"),
                name="guideline_version_one_in_force",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.label}"

    def get_absolute_url(self) -> str:
        """Return the version's own stable address, ``…/v/<label>/``."""
        return self.guideline.url_for_version(self)

    @property
    def is_public(self) -> bool:
        """Whether the text came into force at some time, which makes it public (while the guideline is)."""
        return self.in_force_since is not None

    @property
    def is_superseded(self) -> bool:
        return self.state == VersionState.SUPERSEDED

    @property
    def is_in_force(self) -> bool:
        return self.state == VersionState.IN_FORCE

    @property
    def is_consultation(self) -> bool:
        return self.state == VersionState.CONSULTATION

    def consultation_is_open(self, now: datetime | None = None) -> bool:
        """Return whether this is a draft under consultation whose closing time has not passed."""
        if not self.is_consultation or self.consultation_closes_at is None:
            return False
        return (now or timezone.now()) < self.consultation_closes_at

    def accepts_comments(self, now: datetime | None = None) -> bool:
        """Return whether members may still comment: the version in force, or a consultation still open."""
        return self.is_in_force or self.consultation_is_open(now)

    @cached_property
    def section_map(self) -> dict[str, dict]:
        return {section["anchor"]: section for section in self.sections}

    def section_heading(self, anchor: str) -> str:
        section = self.section_map.get(anchor)
        return section["heading"] if section else anchor

    def search_snippet_text(self) -> str:
        return " ".join(part for part in (self.summary, self.search_text) if part)


class Acknowledgement(models.Model):
    """An organization's record that it has read one version of a guideline, made by one of its members."""

    version = models.ForeignKey(
        GuidelineVersion,
        on_delete=models.CASCADE,
        related_name="acknowledgements",
        verbose_name=_("version"),
    )
    organization = models.ForeignKey(
        "members.Organization",
        on_delete=models.CASCADE,
        related_name="guideline_acknowledgements",
        verbose_name=_("organization"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    acknowledged_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["-acknowledged_at"]
        verbose_name = _("read acknowledgement")
        verbose_name_plural = _("read acknowledgements")
        constraints = [
            models.UniqueConstraint(fields=["version", "organization"], name="guideline_acknowledgement_once")
        ]

    def __str__(self) -> str:
        return f"{self.organization} – {self.version}"
