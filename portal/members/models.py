"""Accounts, organizations and the memberships that link them.

A user belongs to at most one organization at a time. Access is decided by the kind of that organization and
the membership's role, in ``portal.members.access``. Nothing else in the project reads these fields to make
an access decision.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .validators import validate_multi_line, validate_single_line


class User(AbstractUser):
    """A person with a sign-in. The email address is the sign-in name."""

    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True, validators=[validate_single_line])
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Language of the emails the portal sends to this person."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name or super().get_full_name() or self.email


class OrganizationKind(models.TextChoices):
    OPERATOR = "operator", _("Community site operator")
    POLICE = "police", _("Police")
    EDUCATOR = "educator", _("Educator")
    VOLUNTEER_GROUP = "volunteer_group", _("Cybercrime-prevention volunteer group")
    CARRIER = "carrier", _("Mobile carrier")
    FILTERING_PROVIDER = "filtering_provider", _("Filtering provider")
    REVIEW_BODY = "review_body", _("Independent review body")
    SECRETARIAT = "secretariat", _("Conference secretariat")


class OrganizationQuerySet(models.QuerySet):
    def approved(self) -> "OrganizationQuerySet":
        return self.filter(is_approved=True)


class Organization(models.Model):
    """A member company, police department, school board, volunteer group or the secretariat itself."""

    name_ja = models.CharField(_("name (Japanese)"), max_length=200, validators=[validate_single_line])
    name_en = models.CharField(
        _("name (English)"), max_length=200, blank=True, validators=[validate_single_line]
    )
    kind = models.CharField(_("kind"), max_length=32, choices=OrganizationKind.choices)
    country = models.CharField(
        _("country"), max_length=2, default="JP", help_text=_("Two-letter ISO 3166 country code.")
    )
    website = models.URLField(_("website"), blank=True)
    is_approved = models.BooleanField(
        _("approved membership"),
        default=False,
        help_text=_("Only members of approved organizations reach the members area."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name_ja"]
        constraints = [models.UniqueConstraint(fields=["name_ja"], name="organization_unique_name_ja")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the active language, falling back to the Japanese name."""
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name_ja


class MembershipRole(models.TextChoices):
    MEMBER = "member", pgettext_lazy("membership role", "Member")
    ADMIN = "admin", pgettext_lazy("membership role", "Organization admin")


class MembershipStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("membership status", "Pending")
    APPROVED = "approved", pgettext_lazy("membership status", "Approved")
    REJECTED = "rejected", pgettext_lazy("membership status", "Rejected")
    ENDED = "ended", pgettext_lazy("membership status", "Ended")


class MembershipQuerySet(models.QuerySet):
    def pending(self) -> "MembershipQuerySet":
        return self.filter(status=MembershipStatus.PENDING)

    def awaiting_decision(self) -> "MembershipQuerySet":
        """Pending requests whose applicant has confirmed their email address, so an approver can act."""
        return self.pending().filter(
            user__emailaddress__verified=True, user__emailaddress__email__iexact=models.F("user__email")
        )

    def approved(self) -> "MembershipQuerySet":
        return self.filter(status=MembershipStatus.APPROVED)

    def active(self) -> "MembershipQuerySet":
        return self.filter(status__in=[MembershipStatus.PENDING, MembershipStatus.APPROVED])


class Membership(models.Model):
    """A user's request to belong to an organization, and once approved, their role in it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organization")
    )
    role = models.CharField(
        _("role"), max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    status = models.CharField(
        _("status"), max_length=16, choices=MembershipStatus.choices, default=MembershipStatus.PENDING
    )
    message = models.TextField(
        _("message to the approver"),
        blank=True,
        max_length=1000,
        validators=[validate_multi_line],
        help_text=_("Your job title or department, so the approver can recognise you."),
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status__in=["pending", "approved"]),
                name="membership_one_active_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organization}"

    @property
    def is_admin(self) -> bool:
        return self.role == MembershipRole.ADMIN


def default_invitation_expiry():
    return timezone.now() + timedelta(days=14)


def new_invitation_token() -> str:
    return secrets.token_urlsafe(32)


class InvitationQuerySet(models.QuerySet):
    def usable(self) -> "InvitationQuerySet":
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An organization admin's invitation for a colleague to join by email; it expires after 14 days."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("organization")
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(
        _("role"), max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), default=default_invitation_expiry)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organization}"

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()
