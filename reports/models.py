"""Reports of inappropriate posts: what a reporter sent, where it was routed and what became of it.

A report names a post on a service of the registry (or on a site the registry does not list), a category
and a description. It is routed to the operator of that service; reports of sexual images of minors also
go to the police queue at once. The reporter keeps a receipt number and a PIN, stored only as a hash, to
look the outcome up. The reporter's address and account link are personal data: ``prune_report_contacts``
deletes them ``REPORTS_CONTACT_RETENTION_DAYS`` after the report is closed.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.members.models import Organization, OrganizationKind
from registry.models import Service

# Crockford's base32 without the letters people misread (I, L, O, U): 12 characters carry 60 random bits.
RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECEIPT_LENGTH = 12
PIN_LENGTH = 8


class Category(models.TextChoices):
    COMPENSATED_DATING = (
        "compensated_dating",
        pgettext_lazy("report category", "Compensated-dating solicitation"),
    )
    GROOMING = "grooming", pgettext_lazy("report category", "Grooming (approaching a child)")
    SEXUAL_IMAGES = "sexual_images", pgettext_lazy("report category", "Sexual images of minors")
    OTHER = "other", pgettext_lazy("report category", "Other")


class Outcome(models.TextChoices):
    REMOVED = "removed", pgettext_lazy("report outcome", "Post removed")
    ACCOUNT_SUSPENDED = "account_suspended", pgettext_lazy("report outcome", "Account suspended")
    NO_VIOLATION = "no_violation", pgettext_lazy("report outcome", "No violation found")
    FORWARDED_TO_POLICE = "forwarded_to_police", pgettext_lazy("report outcome", "Forwarded to the police")


class Source(models.TextChoices):
    PUBLIC = "public", pgettext_lazy("report source", "Public")
    VOLUNTEER = "volunteer", pgettext_lazy("report source", "Cyber patrol volunteer")


def normalize_receipt_number(value: str) -> str:
    """Return ``value`` as stored: upper case, without spaces or hyphens, misread letters mapped to digits."""
    cleaned = "".join(value.split()).replace("-", "").upper()
    return cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


def format_receipt_number(value: str) -> str:
    """Return a stored receipt number in groups of four, as reporters see and type it."""
    return "-".join(value[index : index + 4] for index in range(0, len(value), 4))


def new_receipt_number() -> str:
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))


def new_pin() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(PIN_LENGTH))


class ReportQuerySet(models.QuerySet):
    def open(self) -> ReportQuerySet:
        return self.filter(closed_at__isnull=True)

    def closed(self) -> ReportQuerySet:
        return self.filter(closed_at__isnull=False)

    def forwarded_to_police(self) -> ReportQuerySet:
        return self.filter(forwarded_to_police_at__isnull=False)

    def with_contact_due_for_deletion(self, now=None) -> ReportQuerySet:
        """Reports closed more than ``REPORTS_CONTACT_RETENTION_DAYS`` ago that still hold contact data."""
        now = now or timezone.now()
        cutoff = now - timezone.timedelta(days=settings.REPORTS_CONTACT_RETENTION_DAYS)
        return self.filter(closed_at__lt=cutoff).filter(~Q(contact_email="") | Q(reporter__isnull=False))


class Report(models.Model):
    receipt_number = models.CharField(
        _("receipt number"), max_length=RECEIPT_LENGTH, unique=True, editable=False
    )
    pin_hash = models.CharField(max_length=128, editable=False)

    service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("service"),
    )
    # The service's operator when the report arrived, kept so that the queue and the published totals stay
    # with that operator even if the service later changes hands. Empty for sites the registry does not list.
    operator = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        limit_choices_to={"kind": OrganizationKind.OPERATOR},
        verbose_name=_("operator"),
    )
    site_address = models.URLField(
        _("site address"),
        max_length=500,
        blank=True,
        help_text=_("For a site that the registry does not list."),
    )
    post_url = models.URLField(_("address of the post (URL)"), max_length=2000)
    category = models.CharField(_("category"), max_length=32, choices=Category.choices)
    description = models.TextField(_("description"), max_length=2000)

    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.PUBLIC)
    # The volunteer group a volunteer reported for. It stays after the contact data is deleted, because it
    # names a group, not a person.
    reporter_organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("volunteer group"),
    )
    # Contact data: never shown to the operator or the police; deleted after closure (see the module docstring).
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reporter's account"),
    )
    contact_email = models.EmailField(_("reporter's email address"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="ja")

    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    forwarded_to_police_at = models.DateTimeField(_("forwarded to the police"), null=True, blank=True)
    police_acknowledged_at = models.DateTimeField(_("seen by the police"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=32, choices=Outcome.choices, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, db_index=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    contact_deleted_at = models.DateTimeField(_("contact data deleted"), null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [
            models.Index(fields=["operator", "received_at"], name="report_operator_received"),
            models.Index(fields=["operator", "closed_at"], name="report_operator_closed"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(service__isnull=False) | ~Q(site_address=""),
                name="report_names_a_service_or_site",
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True, outcome="") | Q(closed_at__isnull=False) & ~Q(outcome=""),
                name="report_outcome_with_closure",
            ),
        ]

    def __str__(self) -> str:
        return _("Report %(number)s") % {"number": self.reference}

    def get_absolute_url(self) -> str:
        """Return the handling page, for operators, the police and the secretariat (not the reporter's lookup)."""
        return reverse("reports:detail", kwargs={"pk": self.pk})

    @property
    def reference(self) -> str:
        """The short id operators, police and the secretariat use; unlike the receipt number it opens nothing."""
        return f"#{self.pk}"

    @property
    def formatted_receipt_number(self) -> str:
        return format_receipt_number(self.receipt_number)

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def is_forwarded_to_police(self) -> bool:
        return self.forwarded_to_police_at is not None

    @property
    def site_name(self) -> str:
        return self.service.name if self.service_id else self.site_address

    @property
    def days_to_outcome(self) -> float | None:
        if self.closed_at is None:
            return None
        return (self.closed_at - self.received_at).total_seconds() / 86400

    def set_pin(self, pin: str) -> None:
        self.pin_hash = make_password(pin)

    def check_pin(self, pin: str) -> bool:
        return check_password(pin, self.pin_hash)


class Reply(models.Model):
    """A message to the reporter from the organization handling the report, shown on the lookup page."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="replies")
    body = models.TextField(_("message"), max_length=2000)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("organization")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self) -> str:
        return _("Reply to report %(reference)s") % {"reference": self.report.reference}
