"""Forms of the registry: the public filters, operators' services, adoptions and evidence, reviews, checklists."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import (
    Adoption,
    AdoptionStatus,
    DatePrecision,
    Evidence,
    EvidenceKind,
    ItemState,
    Measure,
    Service,
    SiteType,
)
from .models.operators import DECLARABLE_STATUSES, EARLIEST_YEAR


def https_by_default(db_field, **kwargs):
    """Build a model form field; an address typed without a scheme is taken to use HTTPS."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class DateInput(forms.DateInput):
    """The browser's date picker, which submits ISO dates whatever the page's language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class CatalogueChoiceField(forms.ModelChoiceField):
    """A select of site types or measures, by code, labelled in the active language."""

    def __init__(self, queryset, **kwargs):
        kwargs.setdefault("to_field_name", "code")
        super().__init__(queryset, **kwargs)

    def label_from_instance(self, obj) -> str:
        return obj.name


class CatalogueMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


# The public registry


class StatusFilter(models.TextChoices):
    """The statuses a visitor can filter by; "in place" covers adopted and verified."""

    IN_PLACE = "in_place", _("In place (adopted or verified)")
    VERIFIED = AdoptionStatus.VERIFIED.value, _("Verified by a review body")
    ADOPTED = AdoptionStatus.ADOPTED.value, _("Adopted, self-declared")
    IN_PROGRESS = AdoptionStatus.IN_PROGRESS.value, pgettext_lazy("adoption status", "In progress")
    PLANNED = AdoptionStatus.PLANNED.value, pgettext_lazy("adoption status", "Planned")
    DISCONTINUED = AdoptionStatus.DISCONTINUED.value, pgettext_lazy("adoption status", "Discontinued")


class RegistryFilterForm(forms.Form):
    """The filters of the public registry, read from the query string. Every field is optional."""

    q = forms.CharField(
        label=_("Words to search for"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Names of operators, services or measures, in Japanese or English."),
    )
    site_type = CatalogueChoiceField(
        queryset=SiteType.objects.all(), required=False, label=_("Site type"), empty_label=_("Any site type")
    )
    measure = CatalogueChoiceField(
        queryset=Measure.objects.all(), required=False, label=_("Measure"), empty_label=_("Any measure")
    )
    status = forms.ChoiceField(
        choices=[("", _("Any status")), *StatusFilter.choices],
        required=False,
        label=_("Status"),
        help_text=_("With a measure chosen, the status of that measure; otherwise of any measure."),
    )

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())


# Operators' records


class ServiceForm(forms.ModelForm):
    site_types = CatalogueMultipleChoiceField(
        queryset=SiteType.objects.all(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        label=_("Site types"),
        help_text=_("Choose every type that fits."),
    )

    class Meta:
        model = Service
        formfield_callback = https_by_default
        fields = [
            "name_ja",
            "name_en",
            "url",
            "site_types",
            "description_ja",
            "description_en",
            "user_count",
            "minor_share",
            "launched_year",
            "is_public",
        ]
        widgets = {
            "description_ja": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "url": forms.URLInput(attrs={"placeholder": "https://"}),
        }

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organization is not None:
            self.instance.organization = organization
        self.fields["launched_year"].widget.attrs.update(
            {"min": EARLIEST_YEAR, "max": timezone.localdate().year}
        )

    def clean_launched_year(self) -> int | None:
        year = self.cleaned_data["launched_year"]
        if year is not None and not EARLIEST_YEAR <= year <= timezone.localdate().year:
            raise ValidationError(
                _("Enter a year between %(first)d and %(last)d."),
                params={"first": EARLIEST_YEAR, "last": timezone.localdate().year},
            )
        return year

    def clean_name_ja(self) -> str:
        name = self.cleaned_data["name_ja"].strip()
        duplicates = Service.objects.filter(organization=self.instance.organization, name_ja=name)
        if self.instance.pk:
            duplicates = duplicates.exclude(pk=self.instance.pk)
        if duplicates.exists():
            raise ValidationError(_("Your organization already has a service with this name."))
        return name


class AdoptionForm(forms.ModelForm):
    """An operator's record of one measure on one service. Reviewers, not this form, set "verified"."""

    measure = CatalogueChoiceField(queryset=Measure.objects.none(), label=_("Measure"))
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(status.value, status.label) for status in DECLARABLE_STATUSES],
        help_text=_(
            "Once you save a verified measure with changes, it shows as self-declared until verified again."
        ),
    )

    class Meta:
        model = Adoption
        fields = ["measure", "status", "started_on", "started_precision", "planned_for", "ended_on", "reason"]
        widgets = {
            "started_on": DateInput(),
            "planned_for": DateInput(),
            "ended_on": DateInput(),
            "reason": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, service: Service, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.service = service
        for name in ("started_on", "planned_for", "ended_on"):
            self.fields[name].widget.attrs["min"] = f"{EARLIEST_YEAR}-01-01"
        if self.instance.pk:
            del self.fields["measure"]
            if self.instance.status == AdoptionStatus.VERIFIED:
                self.initial["status"] = AdoptionStatus.ADOPTED
        else:
            taken = Adoption.objects.filter(service=service).values("measure_id")
            self.fields["measure"].queryset = Measure.objects.filter(is_active=True).exclude(pk__in=taken)

    def clean(self) -> dict:
        cleaned = super().clean()
        started_on: datetime.date | None = cleaned.get("started_on")
        precision = cleaned.get("started_precision")
        if started_on and precision == DatePrecision.YEAR:
            cleaned["started_on"] = started_on.replace(month=1, day=1)
        elif started_on and precision == DatePrecision.MONTH:
            cleaned["started_on"] = started_on.replace(day=1)
        return cleaned


class EvidenceForm(forms.ModelForm):
    kind = forms.ChoiceField(
        choices=EvidenceKind.choices,
        widget=forms.RadioSelect,
        label=_("Kind of evidence"),
        initial=EvidenceKind.LINK,
    )

    class Meta:
        model = Evidence
        formfield_callback = https_by_default
        fields = ["kind", "title", "url", "text", "file", "is_public", "effective_on", "expires_on"]
        widgets = {
            "effective_on": DateInput(),
            "expires_on": DateInput(),
            "text": forms.Textarea(attrs={"rows": 4}),
            "file": forms.ClearableFileInput(
                attrs={"accept": ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"}
            ),
        }

    def __init__(self, *args, adoption: Adoption | None = None, checklist_item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.adoption = adoption
        self.instance.checklist_item = checklist_item
        self.fields["effective_on"].initial = timezone.localdate()

    def clean(self) -> dict:
        cleaned = super().clean()
        kind = cleaned.get("kind")
        # Keep only the content of the chosen kind, so a text typed before switching to "file" is not stored.
        if kind != EvidenceKind.LINK:
            cleaned["url"] = ""
        if kind != EvidenceKind.TEXT:
            cleaned["text"] = ""
        if kind != EvidenceKind.FILE:
            cleaned["file"] = None
        return cleaned


class VerificationForm(forms.Form):
    """A reviewer's decision on one adoption."""

    VERIFY = "verify"
    DECLINE = "decline"

    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            (VERIFY, _("Verified: the evidence shows the measure in place")),
            (DECLINE, _("Not verified: something is missing")),
        ],
    )
    verified_on = forms.DateField(
        label=_("Date of the review"), widget=DateInput(), initial=timezone.localdate, required=False
    )
    note = forms.CharField(
        label=_("Note to the operator"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_(
            "Required when the measure is not verified. Seen by the operator, reviewers and the secretariat only."
        ),
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("decision") == self.VERIFY and not cleaned.get("verified_on"):
            self.add_error("verified_on", _("Enter the date of the review."))
        if cleaned.get("decision") == self.DECLINE and not cleaned.get("note", "").strip():
            self.add_error("note", _("Say what is missing, so the operator can act on it."))
        return cleaned


class ChecklistItemForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"),
        widget=forms.RadioSelect,
        choices=[
            (ItemState.DONE.value, _("Done")),
            (ItemState.NOT_APPLICABLE.value, _("Not applicable")),
            (ItemState.OPEN.value, _("Still open")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("Required for “Not applicable”: why the item does not apply to your organization."),
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("state") == ItemState.NOT_APPLICABLE and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Say why this item does not apply to your organization."))
        return cleaned


class RevokeCertificateForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revoking"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to the operator and on the public verification page."),
    )
