"""Forms of the members app: sign-up, asking to join an organization, role changes and invitations."""

import logging

from allauth.account.adapter import get_adapter
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.core import context as allauth_context
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Case, F, When
from django.db.models.functions import Lower
from django.utils.text import capfirst
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from . import services
from .adapters import INVITATION_SESSION_KEY
from .models import Membership, MembershipRole, Organization, User
from .validators import validate_multi_line, validate_single_line

logger = logging.getLogger(__name__)


class OrganizationChoiceField(forms.ModelChoiceField):
    """A select of organizations, labelled with their names in the current language."""

    def label_from_instance(self, obj: Organization) -> str:
        return obj.display_name


def organizations_by_display_name():
    """Return the approved organizations sorted by the name shown in the active language.

    Mirrors ``Organization.display_name``: English uses the English name and falls back to the Japanese one.
    """
    organizations = Organization.objects.approved()
    if get_language() != "en":
        return organizations.order_by("name_ja")
    shown_name = Case(When(name_en="", then=F("name_ja")), default=F("name_en"))
    return organizations.order_by(Lower(shown_name), "name_ja")


def organization_field() -> OrganizationChoiceField:
    return OrganizationChoiceField(
        queryset=organizations_by_display_name(),
        label=_("Organization"),
        empty_label=_("Choose your organization"),
        help_text=_("The approver at this organization or the secretariat confirms that you work there."),
    )


def message_field() -> forms.CharField:
    field = Membership._meta.get_field("message")
    return forms.CharField(
        label=capfirst(field.verbose_name),
        help_text=field.help_text,
        required=False,
        max_length=field.max_length,
        validators=[validate_multi_line],
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SignupForm(AllauthSignupForm):
    """Allauth's sign-up form, asking also for the person's name and the organization they ask to join.

    Opened from an invitation link, the form drops the organization: signing up with the invited address
    accepts the invitation instead of creating a request.
    """

    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        validators=[validate_single_line],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    field_order = ["name", "email", "password1", "password2", "organization", "message"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        request = allauth_context.request
        self.invitation = get_adapter(request).stashed_invitation(request) if request is not None else None
        if self.invitation is None:
            self.fields["organization"] = organization_field()
            self.fields["message"] = message_field()
            self.order_fields(self.field_order)
        else:
            self.fields["email"].initial = self.invitation.email

    def clean_email(self) -> str:
        email = super().clean_email()
        if self.invitation is not None and email.casefold() != self.invitation.email.casefold():
            raise ValidationError(
                _(
                    "This invitation was sent to another address. Sign up with the address the invitation was sent to."
                ),
                code="invitation_email",
            )
        return email

    def signup(self, request, user) -> None:
        """Store the name and language, then accept the invitation or request the chosen organization.

        Allauth calls this after saving the user and before it records the user's email addresses.
        """
        user.name = self.cleaned_data["name"]
        user.language = preferred_language()
        user.save(update_fields=["name", "language"])
        adapter = get_adapter(request)

        if self.invitation is None:
            # Nothing proves this address, so allauth must send its verification email.
            adapter.unstash_invitation(request)
            services.request_membership(user, self.cleaned_data["organization"], self.cleaned_data["message"])
            return

        try:
            services.accept_invitation(self.invitation, user)
        except ValidationError:
            # The invitation was revoked or used while the form was open. The account stays, without a
            # membership, and its address goes through allauth's verification like any other.
            logger.info(
                "Invitation %s became unusable during sign-up of user %s.", self.invitation.pk, user.pk
            )
            adapter.unstash_invitation(request)
            return
        request.session.pop(INVITATION_SESSION_KEY, None)


class EmailLanguageForm(forms.ModelForm):
    """The language of the emails the portal sends to the user."""

    class Meta:
        model = User
        fields = ["language"]
        # The model's help text speaks of "this person" for admins. Here the users edit their own account.
        help_texts = {"language": _("Language of the emails the portal sends to you.")}


class JoinForm(forms.Form):
    """A signed-in user's request to join an organization."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"] = organization_field()
        self.fields["message"] = message_field()


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=pgettext_lazy("form label", "Role"), choices=MembershipRole.choices)


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"), help_text=_("The invitation link is sent to this address.")
    )
    role = forms.ChoiceField(
        label=pgettext_lazy("form label", "Role"),
        choices=MembershipRole.choices,
        initial=MembershipRole.MEMBER,
        help_text=_("Organization admins approve requests and invite colleagues."),
    )


def preferred_language() -> str:
    """Return the active language when the portal offers it, else the default language."""
    language = get_language() or settings.LANGUAGE_CODE
    codes = [code for code, _name in settings.LANGUAGES]
    return language if language in codes else settings.LANGUAGE_CODE
