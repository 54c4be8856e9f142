"""The audit log: who did what to which object, when, and with what outcome.

Entries record reads of TLP:AMBER and TLP:RED items, exports, and every change of status, membership or role.
They never contain secrets, free text written by users, or the contents of the object. ``detail`` carries
only ids, codes and old/new values of status-like fields.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Outcome(models.TextChoices):
    SUCCESS = "success", pgettext_lazy("audit outcome", "Success")
    DENIED = "denied", pgettext_lazy("audit outcome", "Denied")
    FAILURE = "failure", pgettext_lazy("audit outcome", "Failure")


class AuditEvent(models.Model):
    """One audited action. Rows are only ever added, never deleted through the portal.

    The one edit: ``prune_report_contacts`` clears the actor of a report's intake entry, because that actor is
    the reporter's account, which is kept only for the retention period.
    """

    occurred_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_label = models.CharField(
        _("actor at the time"), max_length=254, blank=True, help_text=_("Kept when the account is deleted.")
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_label = models.CharField(_("object"), max_length=255, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.SUCCESS)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.object_label}"
