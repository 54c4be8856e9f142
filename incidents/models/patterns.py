"""Incident patterns: anonymized accounts of how offenders operated, shared between members.

An operator writes a pattern in the portal, the secretariat reviews it and releases it, and from then on the
members its distribution level reaches can find it. Every free-text field passes the PII guard
(``incidents.pii``) before anything is saved, in ``clean()`` and again in the services, so text with
personal information never reaches the database, a revision or the search index.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.search import index

from portal.members.distribution import DistributedModel, Distribution
from portal.members.models import Organization, OrganizationKind
from registry.models import Measure, SiteType

from .. import periods
from ..regions import REGION_CHOICES
from .choices import AgeBracket, OffenceType


class PeriodKind(models.TextChoices):
    MONTH = "month", pgettext_lazy("period", "Month")
    QUARTER = "quarter", pgettext_lazy("period", "Quarter")


class PatternStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("pattern status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("pattern status", "Awaiting review")
    RETURNED = "returned", pgettext_lazy("pattern status", "Returned for changes")
    RELEASED = "released", pgettext_lazy("pattern status", "Released")
    WITHDRAWN = "withdrawn", pgettext_lazy("pattern status", "Withdrawn")
    ARCHIVED = "archived", pgettext_lazy("pattern status", "Archived")


# Levels a pattern may carry. TLP:CLEAR is left out because patterns live in the members area only.
PATTERN_DISTRIBUTIONS = [
    (Distribution.GREEN.value, Distribution.GREEN.label),
    (Distribution.AMBER.value, Distribution.AMBER.label),
    (Distribution.AMBER_STRICT.value, Distribution.AMBER_STRICT.label),
    (Distribution.RED.value, Distribution.RED.label),
]

RETENTION_CHOICES = [
    (12, _("1 year")),
    (24, _("2 years")),
    (36, _("3 years")),
    (60, _("5 years")),
]

# The free-text fields the PII guard reads, in the order errors are shown.
FREE_TEXT_FIELDS = ("title", "description", "indicators", "coded_terms", "measures_note")


class IncidentPatternQuerySet(models.QuerySet):
    def released(self) -> IncidentPatternQuerySet:
        return self.filter(status=PatternStatus.RELEASED)

    def current(self, today: datetime.date | None = None) -> IncidentPatternQuerySet:
        """Released patterns whose retention period has not run out, even before the archive command runs."""
        today = today or timezone.localdate()
        return self.released().filter(Q(archive_on__isnull=True) | Q(archive_on__gt=today))

    def awaiting_review(self) -> IncidentPatternQuerySet:
        return self.filter(status=PatternStatus.SUBMITTED)

    def expired(self, today: datetime.date | None = None) -> IncidentPatternQuerySet:
        today = today or timezone.localdate()
        return self.released().filter(archive_on__lte=today)

    def with_list_relations(self) -> IncidentPatternQuerySet:
        return self.select_related(
            "first_contact_site_type", "next_site_type", "contributor_site_type", "origin_organization"
        )


class IncidentPattern(index.Indexed, DistributedModel):
    """An anonymized pattern of how an offender approached a child, shared by one operator.

    Operators write and edit patterns in the members area; the secretariat releases or returns them from the
    review queue there. The contributing organization is ``origin_organization``.
    """

    distribution = models.CharField(
        _("distribution"),
        max_length=16,
        choices=PATTERN_DISTRIBUTIONS,
        default=Distribution.AMBER,
        help_text=_(
            "TLP:AMBER, the default, reaches operators, the police and the secretariat: the narrowest level at "
            "which other operators can learn from the pattern."
        ),
    )
    title = models.CharField(
        _("title"), max_length=200, help_text=_("One line saying how the offender operated, with no names.")
    )
    description = models.TextField(
        _("how the offender operated"),
        max_length=5000,
        help_text=_(
            "The steps from first contact to the offence. Leave out anything that identifies a person."
        ),
    )
    indicators = models.TextField(
        _("warning signs"),
        max_length=3000,
        blank=True,
        help_text=_("What moderators or systems could notice early: wording, timing, account traits."),
    )
    coded_terms = models.TextField(
        _("coded terms used"),
        max_length=1000,
        blank=True,
        help_text=_("Slang or hidden words the offender used, one per line."),
    )
    measures_note = models.TextField(
        _("how the measures would have stopped it"),
        max_length=3000,
        blank=True,
    )
    first_contact_site_type = models.ForeignKey(
        SiteType,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("site type of first contact"),
    )
    next_site_type = models.ForeignKey(
        SiteType,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("where the contact moved next"),
        help_text=_("Leave empty when the contact stayed on the first service."),
    )
    offence_type = models.CharField(_("offence type"), max_length=40, choices=OffenceType.choices)
    age_bracket = models.CharField(_("victim's age bracket"), max_length=16, choices=AgeBracket.choices)
    period_kind = models.CharField(
        _("period length"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.QUARTER
    )
    period_year = models.PositiveSmallIntegerField(_("year"))
    period_number = models.PositiveSmallIntegerField(
        _("month or quarter"), help_text=_("1 to 12 for a month, 1 to 4 for a quarter.")
    )
    period_start = models.DateField(_("period start"), editable=False)
    period_end = models.DateField(_("period end"), editable=False)
    region = models.CharField(
        _("region"),
        max_length=20,
        choices=REGION_CHOICES,
        help_text=_("A prefecture or a wider area; nothing finer is recorded."),
    )
    measures = models.ManyToManyField(
        Measure, blank=True, related_name="+", verbose_name=_("measures that would have stopped it")
    )
    contributor_site_type = models.ForeignKey(
        SiteType,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("your service's site type"),
        help_text=_('Other members see the contributor as "an operator of a service of this type".'),
    )
    show_contributor_name = models.BooleanField(
        _("show our organization's name"),
        default=False,
        help_text=_("Leave unticked to appear only as an operator of a service of the type above."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=PatternStatus.choices, default=PatternStatus.DRAFT, db_index=True
    )
    review_note = models.TextField(
        _("note from the secretariat"),
        max_length=2000,
        blank=True,
        help_text=_("Why the pattern was returned, for its contributor."),
    )
    retention_months = models.PositiveSmallIntegerField(
        _("keep for"),
        choices=RETENTION_CHOICES,
        default=24,
        help_text=_("After this time from its release the pattern is archived out of members' view."),
    )
    archive_on = models.DateField(_("archived on or after"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    released_at = models.DateTimeField(_("released"), null=True, blank=True, db_index=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("released by"),
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    objects = IncidentPatternQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("description"),
        index.SearchField("indicators"),
        index.SearchField("coded_terms", boost=2),
        index.SearchField("measures_note"),
        index.FilterField("status"),
        index.FilterField("distribution"),
        index.FilterField("offence_type"),
        index.FilterField("age_bracket"),
    ]

    class Meta:
        verbose_name = _("incident pattern")
        verbose_name_plural = _("incident patterns")
        ordering = ["-released_at", "-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "period_start"], name="incidents_pattern_period")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(distribution=Distribution.CLEAR), name="incidents_pattern_not_public"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("incidents:pattern_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        from ..pii import find_pii
        from ..validation import pii_errors

        errors = {}
        for field in FREE_TEXT_FIELDS:
            messages = pii_errors(find_pii(getattr(self, field) or ""))
            if messages:
                errors[field] = messages
        if self.period_kind == PeriodKind.MONTH and not 1 <= (self.period_number or 0) <= 12:
            errors["period_number"] = _("Enter a month from 1 to 12.")
        if self.period_kind == PeriodKind.QUARTER and not 1 <= (self.period_number or 0) <= 4:
            errors["period_number"] = _("Enter a quarter from 1 to 4.")
        if self.period_year and not 2000 <= self.period_year <= timezone.localdate().year:
            errors["period_year"] = _("Enter a year from 2000 to this year.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs) -> None:
        self.period_start, self.period_end = self.period_bounds()
        super().save(*args, **kwargs)

    def period_bounds(self) -> tuple[datetime.date, datetime.date]:
        if self.period_kind == PeriodKind.MONTH:
            return periods.month_bounds(self.period_year, self.period_number)
        return periods.quarter_bounds(self.period_year, self.period_number)

    @property
    def period_label(self) -> str:
        if self.period_kind == PeriodKind.MONTH:
            return periods.month_label(self.period_year, self.period_number)
        return periods.quarter_label(self.period_year, self.period_number)

    @property
    def coded_term_list(self) -> list[str]:
        return [term.strip() for term in self.coded_terms.splitlines() if term.strip()]

    @property
    def is_current(self) -> bool:
        return self.status == PatternStatus.RELEASED and (
            self.archive_on is None or self.archive_on > timezone.localdate()
        )

    @property
    def is_editable(self) -> bool:
        return self.status in (PatternStatus.DRAFT, PatternStatus.RETURNED, PatternStatus.SUBMITTED)

    def contributor_label(self, *, reveal: bool = False) -> str:
        """Return how the contributor appears: its name if it chose so (or ``reveal``), else its site type."""
        if (self.show_contributor_name or reveal) and self.origin_organization is not None:
            return self.origin_organization.display_name
        return str(
            _("An operator of a %(site_type)s service") % {"site_type": self.contributor_site_type.name}
        )

    def search_snippet_text(self) -> str:
        return " ".join(part for part in (self.description, self.indicators) if part)


class PatternAction(models.TextChoices):
    CREATED = "created", pgettext_lazy("pattern history", "Created")
    EDITED = "edited", pgettext_lazy("pattern history", "Edited")
    SUBMITTED = "submitted", pgettext_lazy("pattern history", "Submitted for review")
    RETURNED = "returned", pgettext_lazy("pattern history", "Returned for changes")
    RELEASED = "released", pgettext_lazy("pattern history", "Released")
    DISTRIBUTION_CHANGED = "distribution_changed", pgettext_lazy("pattern history", "Distribution changed")
    WITHDRAWN = "withdrawn", pgettext_lazy("pattern history", "Withdrawn")
    ARCHIVED = "archived", pgettext_lazy("pattern history", "Archived")


class PatternEvent(models.Model):
    """One entry of a pattern's history, kept for as long as the pattern. Every level change has one."""

    pattern = models.ForeignKey(
        IncidentPattern, on_delete=models.CASCADE, related_name="history", verbose_name=_("pattern")
    )
    action = models.CharField(_("action"), max_length=32, choices=PatternAction.choices)
    occurred_at = models.DateTimeField(_("time"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organization"),
    )
    old_distribution = models.CharField(
        _("previous distribution"), max_length=16, choices=Distribution.choices, blank=True
    )
    new_distribution = models.CharField(
        _("distribution"), max_length=16, choices=Distribution.choices, blank=True
    )
    old_audience = models.CharField(_("previous audience"), max_length=300, blank=True)
    new_audience = models.CharField(_("audience"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("pattern history entry")
        verbose_name_plural = _("pattern history")
        ordering = ["occurred_at", "pk"]

    def __str__(self) -> str:
        return f"{self.pattern_id} {self.action} {self.occurred_at:%Y-%m-%d %H:%M}"

    @property
    def audience_display(self) -> str:
        """Whom the level reached after this event: kinds for TLP:AMBER, organization names for TLP:RED."""
        codes = [code for code in self.new_audience.split(",") if code]
        if self.new_distribution == Distribution.AMBER:
            labels = dict(OrganizationKind.choices)
            return ", ".join(str(labels.get(code, code)) for code in codes)
        if self.new_distribution == Distribution.RED:
            names = Organization.objects.filter(pk__in=[int(code) for code in codes if code.isdigit()])
            return ", ".join(organization.display_name for organization in names)
        return ""


class ReactionKind(models.TextChoices):
    SEEN_TOO = "seen_too", _("Seen on our service too")
    ACTED = "acted", _("We acted on it")
    NOT_USEFUL = "not_useful", _("Not useful for us")


class PatternReaction(models.Model):
    """A member's reaction to a pattern. Each member gives each kind at most once and can take it back."""

    pattern = models.ForeignKey(
        IncidentPattern, on_delete=models.CASCADE, related_name="reactions", verbose_name=_("pattern")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("member")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("organization")
    )
    kind = models.CharField(_("reaction"), max_length=16, choices=ReactionKind.choices)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        constraints = [
            models.UniqueConstraint(
                fields=["pattern", "user", "kind"], name="incidents_one_reaction_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.pattern_id} {self.kind}"


class PatternView(models.Model):
    """An organization's reads of a pattern (how many, first and last), for its contributor. No person is recorded."""

    pattern = models.ForeignKey(
        IncidentPattern, on_delete=models.CASCADE, related_name="views", verbose_name=_("pattern")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("organization")
    )
    first_viewed_at = models.DateTimeField(_("first read"), default=timezone.now)
    last_viewed_at = models.DateTimeField(_("last read"), default=timezone.now)
    view_count = models.PositiveIntegerField(_("reads"), default=0)

    class Meta:
        verbose_name = _("pattern read")
        verbose_name_plural = _("pattern reads")
        ordering = ["-last_viewed_at"]
        constraints = [
            models.UniqueConstraint(fields=["pattern", "organization"], name="incidents_one_view_row_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.pattern_id} {self.organization_id}"
