"""Records kept about curricula: stored PDFs, download counts per day and educators' feedback."""

from __future__ import annotations

import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .pages import CurriculumPage


def pdf_upload_to(instance: CurriculumPdf, filename: str) -> str:
    # The random part keeps stored names unguessable, in case the storage is reachable by URL.
    return (
        f"curricula/pdf/{instance.page_id}/{instance.revision_id}-{instance.language}-"
        f"{secrets.token_hex(8)}.pdf"
    )


def pack_upload_to(instance: CurriculumPackPdf, filename: str) -> str:
    return f"curricula/packs/{instance.key[:2]}/{instance.key}-{secrets.token_hex(8)}.pdf"


class RenderedFile(models.Model):
    """Abstract base of stored PDFs: render time, page count, size and checksum of the file."""

    rendered_at = models.DateTimeField(_("rendered at"), default=timezone.now)
    page_count = models.PositiveIntegerField(_("pages"))
    size = models.PositiveIntegerField(_("bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        abstract = True

    @property
    def etag(self) -> str:
        return f'"{self.sha256[:32]}"'


class CurriculumPdf(RenderedFile):
    """The PDF of one published revision of a curriculum in one language, rendered once and then served.

    The unique constraint keeps two workers or requests that render the same revision at once from
    storing two records. The one that loses deletes its file.
    """

    page = models.ForeignKey(
        CurriculumPage, on_delete=models.CASCADE, related_name="pdfs", verbose_name=_("curriculum")
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.CASCADE, related_name="+", verbose_name=_("revision")
    )
    language = models.CharField(_("language"), max_length=10)
    file = models.FileField(_("file"), upload_to=pdf_upload_to, max_length=255)

    class Meta:
        verbose_name = _("curriculum PDF")
        verbose_name_plural = _("curriculum PDFs")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "revision", "language"], name="curricula_pdf_one_per_revision_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.page_id} r{self.revision_id} {self.language}"


class CurriculumPackPdf(RenderedFile):
    """A stored pack of several curricula in one PDF, keyed by the revisions it contains.

    ``key`` is a SHA-256 over the language and the (page, revision) pairs, so a pack is rendered again
    only when one of its curricula gets a new published revision.
    """

    key = models.CharField(_("key"), max_length=64, unique=True)
    language = models.CharField(_("language"), max_length=10)
    pages = models.ManyToManyField(CurriculumPage, related_name="packs", verbose_name=_("curricula"))
    file = models.FileField(_("file"), upload_to=pack_upload_to, max_length=255)

    class Meta:
        verbose_name = _("curriculum pack PDF")
        verbose_name_plural = _("curriculum pack PDFs")

    def __str__(self) -> str:
        return self.key


class DownloadCount(models.Model):
    """Downloads of one curriculum on one day, with no personal data: no address, no account, no time."""

    page = models.ForeignKey(
        CurriculumPage, on_delete=models.CASCADE, related_name="download_counts", verbose_name=_("curriculum")
    )
    day = models.DateField(_("day"))
    language = models.CharField(_("language"), max_length=10)
    downloads = models.PositiveIntegerField(_("single downloads"), default=0)
    pack_downloads = models.PositiveIntegerField(_("downloads in packs"), default=0)

    class Meta:
        verbose_name = _("download count")
        verbose_name_plural = _("download counts")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "day", "language"], name="curricula_download_count_per_day"
            )
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.page_id} {self.day} {self.language}"


class FeedbackSender(models.TextChoices):
    """Role of a feedback sender when signed in, else anonymous. Nothing identifies the person."""

    ANONYMOUS = "anonymous", pgettext_lazy("feedback sender", "Anonymous visitor")
    APPLICANT = "applicant", pgettext_lazy("feedback sender", "Signed-in visitor without membership")
    OPERATOR = "operator", pgettext_lazy("feedback sender", "Operator")
    POLICE = "police", pgettext_lazy("feedback sender", "Police")
    EDUCATOR = "educator", pgettext_lazy("feedback sender", "Educator")
    VOLUNTEER = "volunteer_group", pgettext_lazy("feedback sender", "Volunteer")
    CARRIER = "carrier", pgettext_lazy("feedback sender", "Mobile carrier")
    FILTERING_PROVIDER = "filtering_provider", pgettext_lazy("feedback sender", "Filtering provider")
    REVIEWER = "review_body", pgettext_lazy("feedback sender", "Review body")
    SECRETARIAT = "secretariat", pgettext_lazy("feedback sender", "Secretariat")


class Feedback(models.Model):
    """An educator's rating (1 to 5) of a curriculum with an optional comment.

    It stores neither the account nor the address of the sender, only their role. ``manage.py
    prune_curricula`` deletes feedback older than ``CURRICULA_FEEDBACK_RETENTION_DAYS``.
    """

    page = models.ForeignKey(
        CurriculumPage, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("curriculum")
    )
    curriculum_version = models.CharField(_("version rated"), max_length=20)
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        choices=[(value, str(value)) for value in range(1, 6)],
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    language = models.CharField(_("language of the form"), max_length=10)
    sender = models.CharField(_("sent by"), max_length=32, choices=FeedbackSender.choices)
    created_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("curriculum feedback")
        verbose_name_plural = _("curriculum feedback")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.page} ★{self.rating}"
