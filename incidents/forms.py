"""Forms of the incidents area. Free-text fields go through the PII guard in ``clean()``."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.files import DocumentFileValidator
from portal.members.distribution import DEFAULT_AMBER_KINDS, Distribution, join_kinds, split_kinds
from portal.members.models import Organization, OrganizationKind
from registry.models import Measure, SiteType

from .models import (
    AgeBracket,
    IncidentPattern,
    OffenceType,
    StatisticsDimension,
    StatisticsPeriod,
)
from .models.briefings import BRIEFING_DISTRIBUTIONS
from .models.patterns import PATTERN_DISTRIBUTIONS
from .validation import check_free_text

MAX_ATTACHMENTS = 5

MONTH_OR_QUARTER_CHOICES = [(number, str(number)) for number in range(1, 13)]


class SiteTypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: SiteType) -> str:
        return obj.name


class SiteTypeMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: SiteType) -> str:
        return obj.name


class MeasureMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Measure) -> str:
        return obj.name


class OrganizationMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Organization) -> str:
        return f"{obj.display_name} ({obj.get_kind_display()})"


class DistributionFieldsMixin:
    """The level, the kinds an AMBER item reaches and the organizations a RED item names, checked together."""

    def add_distribution_fields(self, choices, initial_kinds: list[str] | None = None) -> None:
        self.fields["distribution"] = forms.ChoiceField(
            label=_("Distribution"),
            choices=choices,
            initial=Distribution.AMBER,
            widget=forms.RadioSelect,
            help_text=_("Who may read it. Choose the narrowest level that still reaches those who need it."),
        )
        self.fields["audience_kinds"] = forms.MultipleChoiceField(
            label=_("Organization kinds that may read it (TLP:AMBER)"),
            choices=OrganizationKind.choices,
            initial=initial_kinds or [str(kind) for kind in DEFAULT_AMBER_KINDS],
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Your own organization and the secretariat may always read it."),
        )
        self.fields["named_organizations"] = OrganizationMultipleChoiceField(
            label=_("Organizations that may read it (TLP:RED)"),
            queryset=Organization.objects.approved(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )

    def clean_distribution_fields(self, cleaned_data: dict) -> None:
        level = cleaned_data.get("distribution")
        if level == Distribution.AMBER and not cleaned_data.get("audience_kinds"):
            self.add_error("audience_kinds", _("Choose at least one kind of organization for TLP:AMBER."))
        if level == Distribution.RED and not cleaned_data.get("named_organizations"):
            self.add_error("named_organizations", _("Choose at least one organization for TLP:RED."))

    @property
    def audience_kinds_value(self) -> str:
        if self.cleaned_data.get("distribution") != Distribution.AMBER:
            return join_kinds(DEFAULT_AMBER_KINDS)
        return join_kinds(self.cleaned_data.get("audience_kinds") or [])


class PatternForm(DistributionFieldsMixin, forms.ModelForm):
    """Writing or editing an incident pattern. The model's ``clean()`` runs the PII guard on the free text."""

    first_contact_site_type = SiteTypeChoiceField(
        label=_("Site type of first contact"), queryset=SiteType.objects.all()
    )
    next_site_type = SiteTypeChoiceField(
        label=_("Where the contact moved next"),
        queryset=SiteType.objects.all(),
        required=False,
        empty_label=_("It stayed on the first service"),
    )
    contributor_site_type = SiteTypeChoiceField(
        label=_("Your service's site type"),
        queryset=SiteType.objects.all(),
        help_text=_('Other members see you as "an operator of a service of this type".'),
    )
    measures = MeasureMultipleChoiceField(
        label=_("Measures that would have stopped it"),
        queryset=Measure.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    period_number = forms.TypedChoiceField(
        label=_("Month or quarter"),
        choices=MONTH_OR_QUARTER_CHOICES,
        coerce=int,
        help_text=_("1 to 12 for a month, 1 to 4 for a quarter."),
    )

    class Meta:
        model = IncidentPattern
        fields = [
            "title",
            "description",
            "indicators",
            "coded_terms",
            "first_contact_site_type",
            "next_site_type",
            "offence_type",
            "age_bracket",
            "period_kind",
            "period_year",
            "period_number",
            "region",
            "measures",
            "measures_note",
            "contributor_site_type",
            "show_contributor_name",
            "retention_months",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "indicators": forms.Textarea(attrs={"rows": 4}),
            "coded_terms": forms.Textarea(attrs={"rows": 3}),
            "measures_note": forms.Textarea(attrs={"rows": 4}),
            "period_kind": forms.RadioSelect,
            "period_year": forms.NumberInput(attrs={"min": 2000, "inputmode": "numeric"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        initial_kinds = split_kinds(instance.audience_kinds) if instance.pk else None
        self.add_distribution_fields(PATTERN_DISTRIBUTIONS, initial_kinds)
        if instance.pk:
            self.fields["distribution"].initial = instance.distribution
            self.fields["named_organizations"].initial = list(instance.named_organizations.all())
        else:
            self.fields["period_year"].initial = timezone.localdate().year

    def clean(self):
        cleaned_data = super().clean()
        self.clean_distribution_fields(cleaned_data)
        return cleaned_data

    def _post_clean(self):
        # The level fields are not model fields of the form; set them before the model validates itself.
        if "distribution" in self.cleaned_data:
            self.instance.distribution = self.cleaned_data["distribution"]
            self.instance.audience_kinds = self.audience_kinds_value
        super()._post_clean()

    def rejected_kinds(self) -> dict[str, list[str]]:
        """Return, per field, the codes of the kinds of personal information found (for the audit log)."""
        kinds = {}
        for field, errors in self.errors.as_data().items():
            found = [error.params["code"] for error in errors if error.code == "pii" and error.params]
            if found:
                kinds[field] = found
        return kinds


class ReturnPatternForm(forms.Form):
    note = forms.CharField(
        label=_("What the contributor should change"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_note(self):
        note = self.cleaned_data["note"]
        try:
            check_free_text({"note": note})
        except ValidationError as error:
            raise ValidationError(error.error_dict["note"]) from None
        return note


class DistributionForm(DistributionFieldsMixin, forms.Form):
    """Changing the level of a pattern after it was written."""

    def __init__(self, *args, instance=None, choices=PATTERN_DISTRIBUTIONS, **kwargs):
        super().__init__(*args, **kwargs)
        initial_kinds = split_kinds(instance.audience_kinds) if instance is not None else None
        self.add_distribution_fields(choices, initial_kinds)
        if instance is not None:
            self.fields["distribution"].initial = instance.distribution
            self.fields["named_organizations"].initial = list(instance.named_organizations.all())

    def clean(self):
        cleaned_data = super().clean()
        self.clean_distribution_fields(cleaned_data)
        return cleaned_data


class PatternFilterForm(forms.Form):
    """Filters of the pattern list. Every field is optional; invalid values are ignored rather than shown."""

    STAYED = "stayed"

    site_type = forms.ModelChoiceField(
        label=_("First contact on"),
        queryset=SiteType.objects.all(),
        required=False,
        to_field_name="code",
        empty_label=pgettext_lazy("filter", "Any"),
    )
    contact_path = forms.ChoiceField(label=_("Contact moved to"), required=False)
    offence_type = forms.ChoiceField(
        label=_("Offence type"),
        choices=[("", pgettext_lazy("filter", "Any")), *OffenceType.choices],
        required=False,
    )
    age_bracket = forms.ChoiceField(
        label=_("Victim's age"),
        choices=[("", pgettext_lazy("filter", "Any")), *AgeBracket.choices],
        required=False,
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        choices=[("", pgettext_lazy("filter", "Any")), *[(q, f"Q{q}") for q in range(1, 5)]],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site_type"].label_from_instance = lambda obj: obj.name
        site_types = [(site_type.code, site_type.name) for site_type in SiteType.objects.all()]
        self.fields["contact_path"].choices = [
            ("", pgettext_lazy("filter", "Any")),
            (self.STAYED, _("Stayed on the first service")),
            *site_types,
        ]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several uploaded files, each checked by content and size; errors name the file they concern."""

    widget = MultipleFileInput
    default_validators = [DocumentFileValidator()]

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            files = list(data)
        else:
            files = [data] if data else []
        if self.required and not files:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(
                _("Attach at most %(count)d files."), code="too_many", params={"count": MAX_ATTACHMENTS}
            )
        cleaned, errors = [], []
        for upload in files:
            try:
                cleaned.append(super().clean(upload, initial))
            except ValidationError as error:
                errors.extend(
                    ValidationError(_("%(name)s: %(error)s"), params={"name": upload.name, "error": message})
                    for message in error.messages
                )
        if errors:
            raise ValidationError(errors)
        return cleaned


class BriefingForm(DistributionFieldsMixin, forms.Form):
    """A police briefing as a police member posts it."""

    title = forms.CharField(label=_("Title"), max_length=255)
    period_start = forms.DateField(label=_("Period from"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("Period to"), widget=forms.DateInput(attrs={"type": "date"}))
    summary = forms.CharField(
        label=_("Summary"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("What members should know and do. Leave out anything that identifies a person."),
    )
    high_incidence_site_types = SiteTypeMultipleChoiceField(
        label=_("Site types with high incidence"),
        queryset=SiteType.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("Up to 5 PDF, PNG or JPEG files. Photos lose their location and camera data on upload."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for offence, label in OffenceType.choices:
            self.fields[f"arrests_{offence}"] = forms.IntegerField(
                label=label, min_value=0, max_value=1_000_000, required=False
            )
        self.add_distribution_fields(BRIEFING_DISTRIBUTIONS)

    @property
    def arrest_fields(self):
        return [self[f"arrests_{offence}"] for offence in OffenceType.values]

    def arrests(self) -> dict[str, int]:
        return {
            offence: self.cleaned_data.get(f"arrests_{offence}") or 0
            for offence in OffenceType.values
            if self.cleaned_data.get(f"arrests_{offence}")
        }

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("period_start"), cleaned_data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period must end on or after its first day."))
        self.clean_distribution_fields(cleaned_data)
        for field in ("title", "summary"):
            if cleaned_data.get(field):
                try:
                    check_free_text({field: cleaned_data[field]})
                except ValidationError as error:
                    self.add_error(field, error.error_dict[field])
        return cleaned_data


class StatisticsPeriodForm(forms.ModelForm):
    """A period of the public statistics with its total, its source and optional breakdowns."""

    source_url = forms.URLField(label=_("Source URL"), required=False, assume_scheme="https")

    class Meta:
        model = StatisticsPeriod
        fields = [
            "year",
            "kind",
            "total_victims",
            "source_ja",
            "source_en",
            "source_url",
            "breakdown_source_ja",
            "breakdown_source_en",
        ]
        widgets = {"year": forms.NumberInput(attrs={"min": 2000, "inputmode": "numeric"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        existing = {}
        if self.instance.pk:
            existing = {
                (count.dimension, count.category): count.victims for count in self.instance.counts.all()
            }
        self.breakdown_groups = []
        for dimension, label, categories in breakdown_categories():
            names = []
            for code, category_label in categories:
                name = f"count_{dimension}_{code}"
                self.fields[name] = forms.IntegerField(
                    label=category_label,
                    min_value=0,
                    max_value=10_000_000,
                    required=False,
                    initial=existing.get((dimension, code)),
                )
                names.append(name)
            self.breakdown_groups.append((dimension, label, names))

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 2000 <= year <= timezone.localdate().year:
            raise ValidationError(_("Enter a year from 2000 to this year."))
        return year

    def clean(self):
        cleaned_data = super().clean()
        total = cleaned_data.get("total_victims")
        if total is None:
            return cleaned_data
        for _dimension, label, names in self.breakdown_groups:
            subtotal = sum(cleaned_data.get(name) or 0 for name in names)
            if subtotal > total:
                self.add_error(
                    names[0],
                    _(
                        "The counts of “%(breakdown)s” add up to %(subtotal)d, more than the total of %(total)d."
                    )
                    % {"breakdown": label, "subtotal": subtotal, "total": total},
                )
        return cleaned_data

    def groups(self):
        return [(label, [self[name] for name in names]) for _dimension, label, names in self.breakdown_groups]

    def counts(self) -> dict[tuple[str, str], int | None]:
        result = {}
        for dimension, _label, names in self.breakdown_groups:
            for name in names:
                category = name.removeprefix(f"count_{dimension}_")
                result[(dimension, category)] = self.cleaned_data.get(name)
        return result


def breakdown_categories() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """Return each breakdown with its categories as ``(dimension, label, [(code, label), …])``."""
    site_types = [(site_type.code, site_type.name) for site_type in SiteType.objects.all()]
    return [
        (StatisticsDimension.SITE_TYPE, StatisticsDimension.SITE_TYPE.label, site_types),
        (StatisticsDimension.OFFENCE_TYPE, StatisticsDimension.OFFENCE_TYPE.label, list(OffenceType.choices)),
        (StatisticsDimension.AGE_BRACKET, StatisticsDimension.AGE_BRACKET.label, list(AgeBracket.choices)),
    ]


class FeedTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_('Where the token is used, for example "screening server".'),
    )
