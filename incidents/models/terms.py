"""Coded terms: slang used to solicit children, which operators load into their keyword screening.

The secretariat keeps the list in the Wagtail admin (Incidents → Coded terms). Every change of a term raises
the feed's version number and stamps the term with it, so a consumer that stored version N can ask for the
terms changed since then. Terms are retired rather than deleted, so consumers learn to drop them.

Organizations fetch the feed with an API token. Only a SHA-256 hash of each token is stored: the token itself
is shown once, when it is created.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from portal.i18n import localized
from portal.members.models import Organization
from registry.models import SiteType

TOKEN_PREFIX = "csct_"


class CodedTermFeed(models.Model):
    """The one row that holds the feed's current version number."""

    version = models.PositiveIntegerField(_("version"), default=0)
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        verbose_name = _("coded-term feed")
        verbose_name_plural = _("coded-term feed")

    def __str__(self) -> str:
        return f"v{self.version}"

    @classmethod
    def current_version(cls) -> int:
        return cls.objects.filter(pk=1).values_list("version", flat=True).first() or 0

    @classmethod
    def bump(cls) -> int:
        """Raise the version by one inside the caller's transaction and return the new number."""
        feed, _created = cls.objects.select_for_update().get_or_create(pk=1)
        cls.objects.filter(pk=1).update(version=F("version") + 1, changed_at=timezone.now())
        feed.refresh_from_db()
        return feed.version


class CodedTermQuerySet(models.QuerySet):
    def active(self) -> CodedTermQuerySet:
        return self.filter(is_active=True)


class CodedTerm(index.Indexed, models.Model):
    """A word or phrase used to solicit children, what it means and when it was first seen."""

    term = models.CharField(_("term"), max_length=100, unique=True)
    reading = models.CharField(
        _("reading"), max_length=100, blank=True, help_text=_("How the term is read, in hiragana.")
    )
    meaning_ja = models.TextField(_("meaning (Japanese)"), max_length=1000)
    meaning_en = models.TextField(_("meaning (English)"), max_length=1000, blank=True)
    first_seen = models.DateField(_("first seen"))
    site_types = models.ManyToManyField(
        SiteType, blank=True, related_name="+", verbose_name=_("seen on site types")
    )
    is_active = models.BooleanField(
        _("in the feed"),
        default=True,
        help_text=_(
            "Untick to retire the term: the feed keeps it, marked inactive, so screening lists drop it."
        ),
    )
    version = models.PositiveIntegerField(_("changed in feed version"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CodedTermQuerySet.as_manager()

    search_fields = [
        index.SearchField("term", boost=3),
        index.AutocompleteField("term"),
        index.SearchField("reading", boost=2),
        index.SearchField("meaning_ja"),
        index.SearchField("meaning_en"),
        index.FilterField("is_active"),
    ]

    class Meta:
        verbose_name = _("coded term")
        verbose_name_plural = _("coded terms")
        ordering = ["term"]

    def __str__(self) -> str:
        return self.term

    def save(self, *args, **kwargs) -> None:
        with transaction.atomic():
            self.version = CodedTermFeed.bump()
            super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"{reverse('incidents:coded_terms')}#term-{self.pk}"

    @property
    def title(self) -> str:
        return self.term

    @property
    def meaning(self) -> str:
        return localized(self, "meaning")

    def search_snippet_text(self) -> str:
        return self.meaning


@receiver(m2m_changed, sender=CodedTerm.site_types.through)
def stamp_site_type_change(sender, instance, action, **kwargs) -> None:
    """Give a term whose site types changed the next feed version, so consumers see the change."""
    if action not in ("post_add", "post_remove", "post_clear") or not isinstance(instance, CodedTerm):
        return
    with transaction.atomic():
        version = CodedTermFeed.bump()
        CodedTerm.objects.filter(pk=instance.pk).update(version=version)
        instance.version = version


class FeedTokenQuerySet(models.QuerySet):
    def active(self) -> FeedTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class FeedToken(models.Model):
    """An organization's API token for the coded-term feed. Only its hash is kept."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("organization")
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_('Where the token is used, for example "screening server".')
    )
    prefix = models.CharField(_("first characters"), max_length=16, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = FeedTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("feed token")
        verbose_name_plural = _("feed tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def generate(cls) -> str:
        return f"{TOKEN_PREFIX}{secrets.token_urlsafe(32)}"
