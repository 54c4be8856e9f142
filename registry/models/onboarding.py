"""Onboarding: versioned checklist templates, the checklists given to new operators, and their certificates.

The secretariat edits templates in the Wagtail admin (Registry → Checklist templates). A published version is
frozen; a change means a new version. Giving a checklist copies the items of the current version, so later
versions never change a checklist already given.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from portal.i18n import localized
from portal.members.models import Organization
from portal.members.validators import validate_multi_line, validate_single_line

from .catalogue import Measure


class ItemKind(models.TextChoices):
    READ_GUIDELINE = "read_guideline", _("Read a guideline")
    ADOPT_MEASURE = "adopt_measure", _("Adopt a measure, or record why not")
    TASK = "task", _("Task")


class ItemOwner(models.TextChoices):
    """Who ticks the item: the new operator's organization admins, or the secretariat."""

    OPERATOR = "operator", _("The operator")
    SECRETARIAT = "secretariat", _("The secretariat")


class ItemState(models.TextChoices):
    OPEN = "open", pgettext_lazy("checklist item state", "Open")
    DONE = "done", _("Done")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class ChecklistTemplateQuerySet(models.QuerySet):
    def published(self) -> ChecklistTemplateQuerySet:
        return self.filter(published_at__isnull=False)

    def current(self) -> ChecklistTemplate | None:
        """The published version with the highest number, which new operators receive."""
        return self.published().order_by("-version").first()


class ChecklistTemplate(ClusterableModel):
    """One version of the onboarding checklist. Published versions cannot be edited; copy one to make the next."""

    name_ja = models.CharField(_("name (Japanese)"), max_length=200, validators=[validate_single_line])
    name_en = models.CharField(_("name (English)"), max_length=200, validators=[validate_single_line])
    version = models.PositiveIntegerField(_("version"), unique=True, editable=False)
    change_note = models.TextField(
        _("what changed"), blank=True, help_text=_("What differs from the previous version.")
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ChecklistTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")

    def __str__(self) -> str:
        return _("%(name)s, version %(version)s") % {"name": self.name, "version": self.version}

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def save(self, *args, **kwargs) -> None:
        if self.version is None:
            latest = ChecklistTemplate.objects.aggregate(models.Max("version"))["version__max"]
            self.version = (latest or 0) + 1
        super().save(*args, **kwargs)


class ChecklistTemplateItem(Orderable):
    """One item of a checklist template: a guideline to read, a measure to adopt, or a task."""

    template = ParentalKey(ChecklistTemplate, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=16, choices=ItemKind.choices, default=ItemKind.TASK)
    title_ja = models.CharField(_("title (Japanese)"), max_length=200, validators=[validate_single_line])
    title_en = models.CharField(_("title (English)"), max_length=200, validators=[validate_single_line])
    description_ja = models.TextField(_("description (Japanese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    guideline = models.ForeignKey(
        "guidelines.GuidelinePage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("guideline"),
        help_text=_("For “Read a guideline” items: the guideline page to read."),
    )
    measure = models.ForeignKey(
        Measure,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("measure"),
        help_text=_("For “Adopt a measure” items: the measure to adopt."),
    )
    owner = models.CharField(_("owner"), max_length=16, choices=ItemOwner.choices, default=ItemOwner.OPERATOR)
    due_after_days = models.PositiveSmallIntegerField(
        _("due after (days)"), default=30, help_text=_("Days after the checklist is given.")
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("title_ja"),
        FieldPanel("title_en"),
        FieldPanel("description_ja"),
        FieldPanel("description_en"),
        FieldPanel("guideline"),
        FieldPanel("measure"),
        FieldPanel("owner"),
        FieldPanel("due_after_days"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("checklist template item")
        verbose_name_plural = _("checklist template items")

    def __str__(self) -> str:
        return localized(self, "title")

    def clean(self) -> None:
        errors = {}
        if self.kind == ItemKind.READ_GUIDELINE and self.guideline_id is None:
            errors["guideline"] = _("Choose the guideline to read.")
        if self.kind == ItemKind.ADOPT_MEASURE and self.measure_id is None:
            errors["measure"] = _("Choose the measure to adopt.")
        if errors:
            raise ValidationError(errors)


class ChecklistQuerySet(models.QuerySet):
    def with_progress(self) -> ChecklistQuerySet:
        """Annotate each checklist with its item counts, for lists of many checklists."""
        return self.annotate(
            total_items=Count("items", distinct=True),
            settled_items=Count("items", filter=~Q(items__state=ItemState.OPEN), distinct=True),
            verified_items=Count("items", filter=Q(items__verified_at__isnull=False), distinct=True),
        )


class Checklist(models.Model):
    """The onboarding checklist given to one operator organization, copied from one template version."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="checklist", verbose_name=_("organization")
    )
    template = models.ForeignKey(
        ChecklistTemplate, on_delete=models.PROTECT, related_name="checklists", verbose_name=_("template")
    )
    given_at = models.DateTimeField(_("given"))
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("given by"),
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    objects = ChecklistQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("onboarding checklist")
        verbose_name_plural = _("onboarding checklists")

    def __str__(self) -> str:
        return str(self.organization)

    def get_absolute_url(self) -> str:
        return reverse("registry:checklist", kwargs={"pk": self.pk})

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class ChecklistItemQuerySet(models.QuerySet):
    def overdue(self, today: datetime.date) -> ChecklistItemQuerySet:
        return self.filter(state=ItemState.OPEN, due_on__lt=today, checklist__completed_at__isnull=True)


class ChecklistItem(models.Model):
    """One item of a given checklist, copied from the template so later template versions leave it alone."""

    checklist = models.ForeignKey(
        Checklist, on_delete=models.CASCADE, related_name="items", verbose_name=_("checklist")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=16, choices=ItemKind.choices)
    title_ja = models.CharField(_("title (Japanese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    description_ja = models.TextField(_("description (Japanese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    guideline = models.ForeignKey(
        "guidelines.GuidelinePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("guideline"),
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("measure")
    )
    owner = models.CharField(_("owner"), max_length=16, choices=ItemOwner.choices)
    due_on = models.DateField(_("due"))
    state = models.CharField(_("state"), max_length=16, choices=ItemState.choices, default=ItemState.OPEN)
    reason = models.TextField(
        _("reason"),
        blank=True,
        max_length=2000,
        validators=[validate_multi_line],
        help_text=_("Why the item does not apply to your organization."),
    )
    acknowledged_version = models.CharField(_("version read"), max_length=40, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("completed by"),
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    overdue_reminder_sent_on = models.DateField(_("overdue reminder sent"), null=True, blank=True)

    objects = ChecklistItemQuerySet.as_manager()

    class Meta:
        ordering = ["checklist", "position", "pk"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def description(self) -> str:
        return localized(self, "description")

    @property
    def is_owned_by_operator(self) -> bool:
        return self.owner == ItemOwner.OPERATOR

    @property
    def is_settled(self) -> bool:
        """Done or not applicable."""
        return self.state != ItemState.OPEN

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    def is_overdue(self, today: datetime.date) -> bool:
        return self.state == ItemState.OPEN and self.due_on < today


def new_certificate_code() -> str:
    """Return an unguessable code (192 random bits) for a certificate's public verification page."""
    return secrets.token_urlsafe(24)


class Certificate(models.Model):
    """The completion certificate of a checklist, which anyone can confirm on a public page by its code."""

    checklist = models.OneToOneField(
        Checklist, on_delete=models.CASCADE, related_name="certificate", verbose_name=_("checklist")
    )
    code = models.CharField(_("verification code"), max_length=64, unique=True, default=new_certificate_code)
    issued_at = models.DateTimeField(_("issued"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revoked_reason = models.CharField(
        _("reason for revoking"),
        max_length=500,
        blank=True,
        help_text=_("Shown to the operator and on the public verification page."),
    )

    class Meta:
        verbose_name = _("completion certificate")
        verbose_name_plural = _("completion certificates")

    def __str__(self) -> str:
        return str(self.checklist)

    def get_absolute_url(self) -> str:
        return reverse("registry:certificate", kwargs={"code": self.code})

    @property
    def is_valid(self) -> bool:
        """Whether the certificate still holds: not revoked, and its operator still an approved organization."""
        return self.revoked_at is None and self.checklist.organization.is_approved
