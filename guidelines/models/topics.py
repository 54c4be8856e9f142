"""Topics that group guidelines, and members' subscriptions to a topic or to one guideline."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.i18n import localized
from portal.members.validators import validate_single_line


class GuidelineTopic(models.Model):
    """A theme shared by several guidelines, such as monitoring or age-based restrictions.

    The secretariat keeps topics under "Snippets" in the admin. Names are kept in both languages because one
    topic serves the Japanese and the English page trees alike.
    """

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=100, validators=[validate_single_line])
    name_en = models.CharField(_("name (English)"), max_length=100, validators=[validate_single_line])
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "slug"]
        verbose_name = _("guideline topic")
        verbose_name_plural = _("guideline topics")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


class Subscription(models.Model):
    """A member's request to hear of major new versions of one guideline or of every guideline on a topic."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="guideline_subscriptions",
        verbose_name=_("user"),
    )
    topic = models.ForeignKey(
        GuidelineTopic,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("topic"),
    )
    guideline = models.ForeignKey(
        "guidelines.GuidelinePage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("guideline"),
    )
    created_at = models.DateTimeField(_("subscribed at"), default=timezone.now)

    class Meta:
        verbose_name = _("guideline subscription")
        verbose_name_plural = _("guideline subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=(Q(topic__isnull=False) & Q(guideline__isnull=True))
                | (Q(topic__isnull=True) & Q(guideline__isnull=False)),
                name="guideline_subscription_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "topic"],
                condition=Q(topic__isnull=False),
                name="guideline_subscription_unique_topic",
            ),
            models.UniqueConstraint(
                fields=["user", "guideline"],
                condition=Q(guideline__isnull=False),
                name="guideline_subscription_unique_guideline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.topic or self.guideline}"
