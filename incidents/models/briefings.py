"""Police briefings: Wagtail pages that police members post for the members their distribution level reaches.

Police do not use the Wagtail admin (only the secretariat does), so briefings are created and published by
``incidents.services.briefings.post_briefing`` from a form in the members area. The secretariat can correct a
briefing's text in the admin under Pages → <home> → Police briefings; the distribution level is set once,
when the police post it, and is not editable there.

Serving checks the access policy in ``serve`` and again in ``get_context`` (which previews use too), so no
route of Wagtail's renders a briefing for someone the level excludes. Briefings never mix in the public page
cache, and the index page carries a sign-in view restriction, so Wagtail's ``public()`` pages, and with them
the generic search source, never include them.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.files import get_private_storage
from portal.members import access
from portal.members.distribution import DistributedModel, Distribution
from portal.members.mixins import refusal_response
from registry.models import SiteType

from ..validation import check_free_text
from .choices import OffenceType

# Levels a briefing may carry. TLP:CLEAR is left out: public figures belong on the statistics page.
BRIEFING_DISTRIBUTIONS = [
    (Distribution.GREEN.value, Distribution.GREEN.label),
    (Distribution.AMBER.value, Distribution.AMBER.label),
    (Distribution.AMBER_STRICT.value, Distribution.AMBER_STRICT.label),
    (Distribution.RED.value, Distribution.RED.label),
]


class BriefingIndexPage(Page):
    """The parent of a language's police briefings, created with the first briefing; it lists nothing itself.

    Visitors who open it are sent to the members' list of briefings, which filters by the access policy.
    """

    parent_page_types = ["home.HomePage"]
    subpage_types = ["incidents.PoliceBriefingPage"]
    max_count_per_parent = 1
    is_creatable = False

    class Meta:
        verbose_name = _("police briefings")

    def serve(self, request, *args, **kwargs):
        return redirect("incidents:briefings")

    def get_context(self, request, *args, **kwargs):
        raise Http404


class PoliceBriefingPage(DistributedModel, Page):
    """A briefing from the police: period, summary, arrests by offence type and site types with high incidence."""

    distribution = models.CharField(
        _("distribution"),
        max_length=16,
        choices=BRIEFING_DISTRIBUTIONS,
        default=Distribution.AMBER,
        help_text=_("TLP:AMBER, the default, reaches operators, the police and the secretariat."),
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    summary = models.TextField(_("summary"), max_length=10_000)
    high_incidence_site_types = ParentalManyToManyField(
        SiteType, blank=True, related_name="+", verbose_name=_("site types with high incidence")
    )
    notified_at = models.DateTimeField(_("members notified"), null=True, blank=True, editable=False)

    content_panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")], heading=_("Period")),
        FieldPanel("summary"),
        InlinePanel("arrests", heading=_("Arrests by offence type"), label=_("Offence type")),
        FieldPanel("high_incidence_site_types", widget=forms.CheckboxSelectMultiple),
        HelpPanel(
            content=_(
                "The distribution level and attachments are set by the police when they post the briefing "
                "and cannot be changed here."
            )
        ),
    ]
    promote_panels = []

    search_fields = Page.search_fields + [index.SearchField("summary")]

    parent_page_types = ["incidents.BriefingIndexPage"]
    subpage_types = []
    is_creatable = False

    class Meta:
        verbose_name = _("police briefing")
        verbose_name_plural = _("police briefings")

    @property
    def period_label(self) -> str:
        return f"{self.period_start:%Y-%m-%d} – {self.period_end:%Y-%m-%d}"

    def search_snippet_text(self) -> str:
        return self.summary

    def clean(self) -> None:
        # The PII guard runs here as well as in the police's form, so that the secretariat's edits in the
        # admin (drafts, autosaves and previews included) cannot store text the guard rejects.
        super().clean()
        check_free_text({"title": self.title, "summary": self.summary})

    def serve(self, request, *args, **kwargs):
        from portal.audit.services import record

        response = refusal_response(request, access.members_area_decision(request.user))
        if response is not None:
            return response
        if not access.can_read_briefing(request.user, self):
            raise Http404
        response = super().serve(request, *args, **kwargs)
        # A briefing must never sit in a shared cache, whatever the level.
        response["Cache-Control"] = "private, no-store"
        if access.is_audited_level(self.distribution):
            record(
                "incidents.briefing.read",
                actor=request.user,
                target=self,
                detail={"distribution": self.distribution},
            )
        return response

    def get_context(self, request, *args, **kwargs):
        if not access.can_read_briefing(request.user, self):
            raise PermissionDenied
        context = super().get_context(request, *args, **kwargs)
        context.update(
            arrests=list(self.arrests.all()),
            site_types=list(self.high_incidence_site_types.all()),
            attachments=list(self.attachments.all()),
            can_withdraw=access.can_withdraw_briefing(request.user, self),
        )
        return context


class BriefingArrest(Orderable):
    """The number of arrests of one offence type reported in a briefing."""

    page = ParentalKey(PoliceBriefingPage, on_delete=models.CASCADE, related_name="arrests")
    offence_type = models.CharField(_("offence type"), max_length=40, choices=OffenceType.choices)
    arrests = models.PositiveIntegerField(_("arrests"))

    panels = [FieldPanel("offence_type"), FieldPanel("arrests")]

    class Meta(Orderable.Meta):
        verbose_name = _("arrests by offence type")


class BriefingAttachment(models.Model):
    """A PDF, PNG or JPEG attached to a briefing, kept in private storage and served only through the policy.

    A plain foreign key, not a ``ParentalKey``: publishing an older revision in the admin must not drop files.
    """

    page = models.ForeignKey(
        PoliceBriefingPage, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("briefing")
    )
    file = models.FileField(
        _("file"), storage=get_private_storage, upload_to="briefings/%Y/%m/", max_length=300
    )
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("incidents:briefing_attachment", kwargs={"pk": self.pk, "name": self.name})
