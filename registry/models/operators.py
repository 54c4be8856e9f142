"""Operators' services, the measures they adopted, the evidence behind them and the history of every change.

Operators keep these records through the portal's forms, reviewers verify them, and the public registry shows
them. Every change goes through ``registry.services``, which writes an ``AdoptionEvent`` for it.
"""

from __future__ import annotations

import datetime
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelsearch import index

from portal.files import DocumentFileValidator, get_private_storage
from portal.i18n import localized
from portal.members.models import Organization, OrganizationKind
from portal.members.validators import validate_multi_line, validate_single_line

from .catalogue import Measure, SiteType


class UserCount(models.TextChoices):
    """Registered users of a service, in brackets, so operators need not publish exact numbers."""

    UNDER_10K = "under_10k", _("Fewer than 10,000")
    FROM_10K = "10k_100k", _("10,000 to 100,000")
    FROM_100K = "100k_1m", _("100,000 to 1 million")
    FROM_1M = "1m_10m", _("1 million to 10 million")
    OVER_10M = "over_10m", _("More than 10 million")


class MinorShare(models.TextChoices):
    """Share of a service's users who are under 18, in brackets."""

    UNDER_10 = "under_10", _("Under 10%")
    FROM_10 = "10_30", _("10% to 30%")
    FROM_30 = "30_50", _("30% to 50%")
    OVER_50 = "over_50", _("Over 50%")


class ServiceQuerySet(models.QuerySet):
    def public(self) -> ServiceQuerySet:
        """Services shown in the public registry: listed by an approved operator organization."""
        return self.filter(
            is_public=True, organization__is_approved=True, organization__kind=OrganizationKind.OPERATOR
        )

    def with_adoptions(self, adoptions: models.QuerySet | None = None) -> ServiceQuerySet:
        """Fetch the operator, site types and adoptions (only those of ``adoptions`` when given) in fixed queries."""
        adoptions = Adoption.objects.all() if adoptions is None else adoptions
        return self.select_related("organization").prefetch_related(
            "site_types",
            Prefetch(
                "adoptions",
                queryset=adoptions.select_related("measure", "verified_by_organization").order_by(
                    "measure__sort_order", "measure__code"
                ),
            ),
        )


class Service(index.Indexed, models.Model):
    """A site or app that an operator organization runs, as listed in the registry."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="services",
        limit_choices_to={"kind": OrganizationKind.OPERATOR},
        verbose_name=_("operator"),
    )
    name_ja = models.CharField(_("name (Japanese)"), max_length=200, validators=[validate_single_line])
    name_en = models.CharField(
        _("name (English)"), max_length=200, blank=True, validators=[validate_single_line]
    )
    url = models.URLField(_("address (URL)"), blank=True, help_text=_("The service's public web address."))
    description_ja = models.TextField(
        _("description (Japanese)"), blank=True, max_length=2000, validators=[validate_multi_line]
    )
    description_en = models.TextField(
        _("description (English)"), blank=True, max_length=2000, validators=[validate_multi_line]
    )
    site_types = models.ManyToManyField(
        SiteType,
        related_name="services",
        verbose_name=_("site types"),
        help_text=_("Choose every type that fits."),
    )
    user_count = models.CharField(
        _("registered users"),
        max_length=16,
        choices=UserCount.choices,
        blank=True,
        help_text=_("Leave empty when you prefer not to say."),
    )
    minor_share = models.CharField(
        _("share of users under 18"),
        max_length=16,
        choices=MinorShare.choices,
        blank=True,
        help_text=_("Leave empty when you prefer not to say."),
    )
    launched_year = models.PositiveSmallIntegerField(
        _("year launched"),
        null=True,
        blank=True,
        help_text=_("The coverage charts count the service from this year on."),
    )
    is_public = models.BooleanField(
        _("shown in the public registry"),
        default=True,
        help_text=_("Untick while the entry is being prepared."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ServiceQuerySet.as_manager()

    search_fields = [
        index.SearchField("name_ja", boost=3),
        index.SearchField("name_en", boost=3),
        index.SearchField("operator_names", boost=2),
        index.SearchField("description_ja"),
        index.SearchField("description_en"),
        index.SearchField("site_type_names"),
        index.SearchField("adopted_measure_names"),
        index.AutocompleteField("name_ja"),
        index.AutocompleteField("name_en"),
    ]

    class Meta:
        ordering = ["organization__name_ja", "name_ja"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name_ja"], name="service_unique_name_per_operator"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """Return the address of the service's row on its operator's public page."""
        return f"{reverse('registry:operator', kwargs={'pk': self.organization_id})}#service-{self.pk}"

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def title(self) -> str:
        """The name, for the search page's suggestions."""
        return self.name

    @property
    def description(self) -> str:
        return localized(self, "description")

    def get_manage_url(self) -> str:
        """Return the address of the members-only page with the service's evidence and history."""
        return reverse("registry:service", kwargs={"pk": self.pk})

    @classmethod
    def get_indexed_objects(cls):
        return cls.objects.select_related("organization").prefetch_related("site_types", "adoptions__measure")

    # Text for the search index. Both languages go into one field, so a Japanese query finds an English
    # page's record and the other way round.

    def operator_names(self) -> str:
        return f"{self.organization.name_ja}\n{self.organization.name_en}"

    def site_type_names(self) -> str:
        return "\n".join(f"{site_type.name_ja}\n{site_type.name_en}" for site_type in self.site_types.all())

    def adopted_measure_names(self) -> str:
        """Return the names of the measures the service has in place, so that searching a measure finds its adopters."""
        measures = [adoption.measure for adoption in self.adoptions.all() if adoption.is_in_place]
        return "\n".join(f"{measure.name_ja}\n{measure.name_en}" for measure in measures)

    def search_snippet_text(self) -> str:
        names = [adoption.measure.name for adoption in self.adoptions.all() if adoption.is_in_place]
        return " / ".join(part for part in [self.description, "、".join(names)] if part)


class AdoptionStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("adoption status", "Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("adoption status", "In progress")
    ADOPTED = "adopted", pgettext_lazy("adoption status", "Adopted")
    VERIFIED = "verified", pgettext_lazy("adoption status", "Verified")
    DISCONTINUED = "discontinued", pgettext_lazy("adoption status", "Discontinued")


# The earliest year the registry accepts in launch years and adoption dates. Earlier dates are typing mistakes,
# and the coverage chart draws one column per year from the earliest start date, so a start in year 1 would
# add two thousand columns to a public page.
EARLIEST_YEAR = 1990

# Statuses under which a measure protects the service's users now.
IN_PLACE_STATUSES = (AdoptionStatus.ADOPTED, AdoptionStatus.VERIFIED)
# Statuses an operator may choose; only a reviewer sets "verified".
DECLARABLE_STATUSES = [status for status in AdoptionStatus if status != AdoptionStatus.VERIFIED]


class DatePrecision(models.TextChoices):
    """How much of a date is known; the public report gives many start dates as a year only."""

    DAY = "day", pgettext_lazy("date precision", "Day")
    MONTH = "month", pgettext_lazy("date precision", "Month")
    YEAR = "year", pgettext_lazy("date precision", "Year")


def format_partial_date(value: datetime.date | None, precision: str) -> str:
    """Format ``value`` in the active language, showing only the part of the date that ``precision`` marks as known."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return gettext("%(year)d") % {"year": value.year}
    if precision == DatePrecision.MONTH:
        return formats.date_format(value, "YEAR_MONTH_FORMAT")
    return formats.date_format(value, "DATE_FORMAT")


def partial_date_iso(value: datetime.date | None, precision: str) -> str | None:
    """Return ``value`` as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` depending on ``precision``."""
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


class AdoptionQuerySet(models.QuerySet):
    def in_place(self) -> AdoptionQuerySet:
        return self.filter(status__in=IN_PLACE_STATUSES)

    def awaiting_review(self) -> AdoptionQuerySet:
        """Adoptions a reviewer should look at: declared as adopted, or flagged after a guideline change."""
        return self.filter(
            Q(status=AdoptionStatus.ADOPTED) | Q(needs_review=True, status__in=IN_PLACE_STATUSES)
        )


class Adoption(models.Model):
    """One service's adoption of one measure of the catalogue, with its status and dates.

    The operator declares it; a reviewer of an independent review body may verify it. Change it only through
    ``registry.services`` so that each change is kept as an ``AdoptionEvent``.
    """

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="adoptions", verbose_name=_("service")
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.PROTECT, related_name="adoptions", verbose_name=_("measure")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=AdoptionStatus.choices, default=AdoptionStatus.PLANNED
    )
    started_on = models.DateField(
        _("in place since"),
        null=True,
        blank=True,
        help_text=_(
            "When the measure took effect. Give the first day of the month or year if that is all you know."
        ),
    )
    started_precision = models.CharField(
        _("date known to the"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_(
            "Whether the whole date is known, or only its month or year. The registry shows only that part."
        ),
    )
    planned_for = models.DateField(
        _("planned for"), null=True, blank=True, help_text=_("When a planned measure should take effect.")
    )
    ended_on = models.DateField(_("discontinued on"), null=True, blank=True)
    reason = models.TextField(
        _("reason"),
        blank=True,
        max_length=2000,
        validators=[validate_multi_line],
        help_text=_(
            "Why the measure is not in place yet, or why it was discontinued. Shown in the public registry."
        ),
    )
    verified_by_organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verified_adoptions",
        verbose_name=_("verified by"),
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    reviewer_note = models.TextField(
        _("reviewer's note"),
        blank=True,
        help_text=_("Seen by the operator, reviewers and the secretariat only."),
    )
    needs_review = models.BooleanField(_("needs review"), default=False)
    review_reason_ja = models.CharField(_("why a review is needed (Japanese)"), max_length=300, blank=True)
    review_reason_en = models.CharField(_("why a review is needed (English)"), max_length=300, blank=True)
    review_requested_at = models.DateTimeField(_("review requested"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AdoptionQuerySet.as_manager()

    class Meta:
        ordering = ["service", "measure__sort_order"]
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        constraints = [
            models.UniqueConstraint(fields=["service", "measure"], name="adoption_unique_measure_per_service")
        ]

    def __str__(self) -> str:
        return f"{self.service} – {self.measure}"

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.status in IN_PLACE_STATUSES and self.planned_for:
            errors.setdefault("planned_for", []).append(
                _("A measure in place has no planned date. Clear this field or choose another status.")
            )
        if self.status == AdoptionStatus.DISCONTINUED:
            if not self.ended_on:
                errors.setdefault("ended_on", []).append(_("Enter the date the measure was discontinued."))
            if not self.reason.strip():
                errors.setdefault("reason", []).append(_("Say why the measure was discontinued."))
        elif self.ended_on:
            errors.setdefault("ended_on", []).append(
                _("Only a discontinued measure has an end date. Clear this field or choose “Discontinued”.")
            )
        for name in ("started_on", "planned_for", "ended_on"):
            value = getattr(self, name)
            if value and value.year < EARLIEST_YEAR:
                errors.setdefault(name, []).append(
                    _("Enter a date in %(year)d or later.") % {"year": EARLIEST_YEAR}
                )
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            errors.setdefault("ended_on", []).append(_("The end date is before the start date."))
        if self.started_on and self.started_on > timezone.localdate() and self.status in IN_PLACE_STATUSES:
            errors.setdefault("started_on", []).append(
                _("A measure in place cannot start in the future. Choose “Planned” or correct the date.")
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_in_place(self) -> bool:
        return self.status in IN_PLACE_STATUSES

    @property
    def is_verified(self) -> bool:
        return self.status == AdoptionStatus.VERIFIED and self.verified_by_organization_id is not None

    @property
    def since_display(self) -> str:
        return format_partial_date(self.started_on, self.started_precision)

    @property
    def since_iso(self) -> str | None:
        return partial_date_iso(self.started_on, self.started_precision)

    @property
    def review_reason(self) -> str:
        return localized(self, "review_reason")

    @property
    def verification_display(self) -> str:
        """ "Verified by <review body> on <date>" for a verified adoption, "self-declared" for any other."""
        if self.is_verified:
            return gettext("verified by %(body)s on %(date)s") % {
                "body": self.verified_by_organization.display_name,
                "date": formats.date_format(self.verified_on, "DATE_FORMAT"),
            }
        return gettext("self-declared")


class EventKind(models.TextChoices):
    RECORDED = "recorded", _("Recorded")
    STATUS_CHANGED = "status_changed", _("Status changed")
    DETAILS_CHANGED = "details_changed", _("Details changed")
    CONFIRMED = "confirmed", _("Confirmed by the operator after a review request")
    VERIFIED = "verified", _("Verified")
    VERIFICATION_DECLINED = "verification_declined", _("Verification declined")
    VERIFICATION_WITHDRAWN = "verification_withdrawn", _("Verification withdrawn")
    FLAGGED = "flagged", _("Flagged for review")
    EVIDENCE_ADDED = "evidence_added", _("Evidence added")
    EVIDENCE_REMOVED = "evidence_removed", _("Evidence removed")


class AdoptionEvent(models.Model):
    """One entry in an adoption's history: who changed what, and when. Written by ``registry.services`` only."""

    adoption = models.ForeignKey(
        Adoption, on_delete=models.CASCADE, related_name="events", verbose_name=_("adoption")
    )
    kind = models.CharField(_("event"), max_length=32, choices=EventKind.choices)
    from_status = models.CharField(
        _("previous status"), max_length=16, choices=AdoptionStatus.choices, blank=True
    )
    to_status = models.CharField(_("new status"), max_length=16, choices=AdoptionStatus.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    actor_organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organization"),
    )
    at = models.DateTimeField(_("time"), default=timezone.now)
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("A reviewer's note, or the title of the evidence added or removed."),
    )

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("adoption history entry")
        verbose_name_plural = _("adoption history")

    def __str__(self) -> str:
        return f"{self.adoption_id}: {self.kind} at {self.at:%Y-%m-%d %H:%M}"


class EvidenceKind(models.TextChoices):
    LINK = "link", _("Link")
    TEXT = "text", _("Text")
    FILE = "file", _("File (PDF, PNG or JPEG)")


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    """Store each file under a random name, so stored names reveal neither the uploader's name nor the file's."""
    suffix = PurePath(filename).suffix.lower()
    return f"registry/evidence/{uuid.uuid4().hex}{suffix}"


class EvidenceQuerySet(models.QuerySet):
    def current(self, today: datetime.date) -> EvidenceQuerySet:
        return self.filter(effective_on__lte=today).filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=today)
        )


class Evidence(models.Model):
    """What supports an adoption or a checklist item: a link, a text or an uploaded file.

    Files are never public. They live in the private storage, and only a view that checks the access policy
    serves them. A link or text may be shown in the public registry when the operator marks it public.
    """

    adoption = models.ForeignKey(
        Adoption,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name=_("adoption"),
    )
    checklist_item = models.ForeignKey(
        "registry.ChecklistItem",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name=_("checklist item"),
    )
    kind = models.CharField(_("kind of evidence"), max_length=8, choices=EvidenceKind.choices)
    title = models.CharField(
        pgettext_lazy("evidence", "title"),
        max_length=200,
        validators=[validate_single_line],
        help_text=_("What the evidence is, for example “Moderation policy, version 3”."),
    )
    url = models.URLField(_("link"), blank=True, max_length=500)
    text = models.TextField(_("text"), blank=True, max_length=5000, validators=[validate_multi_line])
    file = models.FileField(
        _("file"),
        storage=get_private_storage,
        upload_to=evidence_upload_to,
        blank=True,
        max_length=200,
        validators=[DocumentFileValidator()],
    )
    is_public = models.BooleanField(
        _("show in the public registry"),
        default=False,
        help_text=_("Links and texts only. Files are never public."),
    )
    effective_on = models.DateField(
        _("effective from"),
        help_text=_("The date from which the evidence holds, which may differ from today."),
    )
    expires_on = models.DateField(
        _("expires on"), null=True, blank=True, help_text=_("Leave empty when the evidence does not expire.")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    uploaded_at = models.DateTimeField(_("added"), auto_now_add=True)
    expiry_reminder_sent_on = models.DateField(_("expiry reminder sent"), null=True, blank=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_on", "-pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=Q(adoption__isnull=False, checklist_item__isnull=True)
                | Q(adoption__isnull=True, checklist_item__isnull=False),
                name="evidence_supports_one_record",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.kind == EvidenceKind.LINK and not self.url:
            errors.setdefault("url", []).append(_("Enter the link."))
        if self.kind == EvidenceKind.TEXT and not self.text.strip():
            errors.setdefault("text", []).append(_("Enter the text."))
        if self.kind == EvidenceKind.FILE:
            if not self.file:
                errors.setdefault("file", []).append(_("Choose a file to upload."))
            if self.is_public:
                errors.setdefault("is_public", []).append(_("Files are never shown in the public registry."))
        if self.expires_on and self.expires_on <= self.effective_on:
            errors.setdefault("expires_on", []).append(
                _("The expiry date must come after the effective date.")
            )
        if errors:
            raise ValidationError(errors)

    @property
    def organization_id(self) -> int:
        """The operator organization the evidence belongs to."""
        if self.adoption_id:
            return self.adoption.service.organization_id
        return self.checklist_item.checklist.organization_id

    def is_expired(self, today: datetime.date) -> bool:
        return self.expires_on is not None and self.expires_on < today

    def download_name(self) -> str:
        suffix = PurePath(self.file.name).suffix
        return f"{self.title}{suffix}"
