"""Forms of the reporter's side: the report form and the receipt lookup."""

from __future__ import annotations

import unicodedata

from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from portal.members.validators import validate_multi_line, validate_single_line
from registry.models import Service

from .models import PIN_LENGTH, RECEIPT_LENGTH, Category, Report

# The value of the service choice for a site that the registry does not list.
NOT_LISTED = "not_listed"

# Longer lookup values cannot match, so they are treated as missing rather than reported as too long,
# which would make the response differ from a wrong PIN's.
LOOKUP_VALUE_MAX_LENGTH = 64

# Dashes and the katakana long vowel mark that Japanese input methods type in place of a hyphen.
RECEIPT_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−ーｰ", "-"))


class WebAddressField(forms.URLField):
    """A URL field that accepts only ``http`` and ``https`` addresses, and assumes ``https`` without a scheme."""

    default_validators = [URLValidator(schemes=["http", "https"]), validate_single_line]
    default_error_messages = {
        "invalid": _("Enter a web address that starts with http:// or https://."),
    }

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class ServiceSelect(forms.Select):
    """A select of services grouped by operator; each option carries both languages' names for the filter box."""

    def __init__(self, *args, search_texts: dict[str, str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.search_texts = search_texts or {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        search_text = self.search_texts.get(str(value))
        if search_text:
            option["attrs"]["data-search"] = search_text
        return option


def service_choices(services) -> tuple[list, dict[str, str]]:
    """Return the grouped choices for ``services`` and, per option value, the text the filter box matches."""
    groups: dict[int, tuple[str, list]] = {}
    search_texts: dict[str, str] = {}
    for service in services:
        operator = service.organization
        label, options = groups.setdefault(operator.pk, (operator.display_name, []))
        options.append((str(service.pk), service.name))
        names = [service.name_ja, service.name_en, operator.name_ja, operator.name_en]
        search_texts[str(service.pk)] = " ".join(name for name in names if name)
    ordered = sorted(groups.values(), key=lambda group: group[0])
    choices = [("", _("Choose a service"))]
    choices += [(label, sorted(options, key=lambda option: option[1])) for label, options in ordered]
    choices.append((NOT_LISTED, _("Not listed: another site or app")))
    return choices, search_texts


class ReportForm(forms.Form):
    """A report of one post. ``website`` is a honeypot: hidden from people, so only robots fill it in."""

    service = forms.ChoiceField(
        label=_("Service"),
        help_text=_("Services listed in the public registry, grouped by operator."),
        error_messages={
            "required": _("Choose the service the post is on, or “Not listed” at the end of the list."),
            "invalid_choice": _("Choose a service from the list, or “Not listed” at the end of the list."),
        },
    )
    site_address = WebAddressField(
        label=_("Address of the site (if not listed)"),
        required=False,
        max_length=Report._meta.get_field("site_address").max_length,
        help_text=_("The site's home page, for example https://example.com/."),
    )
    post_url = WebAddressField(
        label=_("Address of the post (URL)"),
        max_length=Report._meta.get_field("post_url").max_length,
        help_text=_("Copy it from the address bar or the post's share menu."),
        error_messages={"required": _("Enter the address of the post.")},
    )
    category = forms.ChoiceField(
        label=_("What does the post do?"),
        choices=Category.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a category."),
            "invalid_choice": _("Choose one of the categories listed."),
        },
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=Report._meta.get_field("description").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[validate_multi_line],
        help_text=_(
            "What is wrong with the post, in a few sentences. Do not write your own name or contact details, "
            "or a child's name, school or other personal details."
        ),
        error_messages={"required": _("Describe what is wrong with the post.")},
    )
    contact_email = forms.EmailField(
        label=_("Your email address (optional)"),
        required=False,
        max_length=Report._meta.get_field("contact_email").max_length,
        validators=[validate_single_line],
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact_email"].help_text = gettext(
            "We send the receipt and news of the report there. The operator and the police never see it, and "
            "it is deleted %(days)s days after the report is closed."
        ) % {"days": settings.REPORTS_CONTACT_RETENTION_DAYS}
        services = Service.objects.public().select_related("organization")
        self.services = {str(service.pk): service for service in services}
        choices, search_texts = service_choices(self.services.values())
        field = self.fields["service"]
        field.choices = choices
        field.widget = ServiceSelect(choices=choices, search_texts=search_texts)

    def clean_service(self) -> Service | None:
        """Return the chosen service, or ``None`` for "not listed"."""
        value = self.cleaned_data["service"]
        return None if value == NOT_LISTED else self.services[value]

    def clean(self):
        cleaned = super().clean()
        if "service" not in cleaned:
            return cleaned
        if cleaned["service"] is not None:
            # The address of an unlisted site means nothing once a listed service is chosen.
            cleaned["site_address"] = ""
        elif not cleaned.get("site_address") and "site_address" not in self.errors:
            self.add_error(
                "site_address", _("Enter the address of the site, because it is not listed in the registry.")
            )
        return cleaned

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))


def normalize_lookup_value(value: str) -> str:
    """Fold full-width characters and the dashes of Japanese input methods, so that typed numbers match."""
    if len(value) > LOOKUP_VALUE_MAX_LENGTH:
        return ""
    return unicodedata.normalize("NFKC", value).translate(RECEIPT_DASHES).strip()


class LookupForm(forms.Form):
    """The receipt number and PIN of a report.

    Neither field shows its own errors. A missing or malformed value fails the lookup with the same response
    as a wrong PIN, so the response never hints at whether a number exists.
    """

    receipt_number = forms.CharField(
        label=_("Receipt number"),
        required=False,
        strip=False,
        help_text=_("12 letters and digits, for example ABCD-EFGH-2345. Hyphens and spaces are optional."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "maxlength": LOOKUP_VALUE_MAX_LENGTH,
                "size": RECEIPT_LENGTH + 4,
            }
        ),
    )
    pin = forms.CharField(
        label=pgettext_lazy("secret number of a receipt", "PIN"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(
            attrs={
                "autocomplete": "off",
                "inputmode": "numeric",
                "maxlength": LOOKUP_VALUE_MAX_LENGTH,
                "size": PIN_LENGTH + 4,
            }
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pin"].help_text = gettext("The %(length)s digits shown with the receipt number.") % {
            "length": PIN_LENGTH
        }

    def credentials(self) -> tuple[str, str]:
        """Return the typed number and PIN, normalized; either is empty when missing or too long to match."""
        return (
            normalize_lookup_value(self.cleaned_data.get("receipt_number", "")),
            normalize_lookup_value(self.cleaned_data.get("pin", "")),
        )
