"""Forms of the handlers' side: the queue's filters, the outcome and the reply to the reporter."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.members import access

from .models import Category, Outcome, Reply, Source

ANY = ("", pgettext_lazy("filter", "Any"))
UNLISTED = "unlisted"
MESSAGE_MAX_LENGTH = Reply._meta.get_field("body").max_length

MESSAGE_HELP = _(
    "The reporter reads this on the status page of their receipt number. Write what was done; do not name "
    "other users or repeat personal data from the post."
)


class QueueFilterForm(forms.Form):
    """Filters of the report queue. Every field is optional; an invalid value is marked and its filter dropped."""

    OPEN = "open"
    CLOSED = "closed"
    YES = "yes"
    NO = "no"

    state = forms.ChoiceField(
        label=pgettext_lazy("report", "State"),
        choices=[
            (OPEN, pgettext_lazy("report", "Open")),
            (CLOSED, pgettext_lazy("report", "Closed")),
            ("all", pgettext_lazy("filter", "All")),
        ],
        required=False,
    )
    category = forms.ChoiceField(
        label=pgettext_lazy("report", "Category"), choices=[ANY, *Category.choices], required=False
    )
    service = forms.ChoiceField(label=pgettext_lazy("report", "Service"), required=False)
    source = forms.ChoiceField(
        label=pgettext_lazy("report", "Source"), choices=[ANY, *Source.choices], required=False
    )
    forwarded = forms.ChoiceField(
        label=_("Forwarded to the police"),
        choices=[ANY, (YES, _("Forwarded")), (NO, _("Not forwarded"))],
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Operators' members see only their own services, so the operator's name would repeat on every line.
        self.show_operator = access.standing(user).role is not access.Role.OPERATOR
        choices = [ANY]
        if self.show_operator:
            choices.append((UNLISTED, _("Sites the registry does not list")))
        for service in access.report_queue_services(user).select_related("organization"):
            label = service.name
            if self.show_operator:
                label = _("%(service)s (%(operator)s)") % {
                    "service": service.name,
                    "operator": service.organization.display_name,
                }
            choices.append((str(service.pk), label))
        self.fields["service"].choices = choices

    def filter(self, reports: QuerySet) -> QuerySet:
        """Apply the valid filters to ``reports``; open reports only when no state is chosen."""
        data = {}
        if self.is_bound:
            # After validation ``cleaned_data`` contains the valid fields only, so a bad value drops just its filter.
            self.is_valid()
            data = self.cleaned_data
        state = data.get("state") or self.OPEN
        if state == self.OPEN:
            reports = reports.open()
        elif state == self.CLOSED:
            reports = reports.closed()
        if data.get("category"):
            reports = reports.filter(category=data["category"])
        if data.get("service") == UNLISTED:
            reports = reports.filter(service__isnull=True)
        elif data.get("service"):
            reports = reports.filter(service_id=int(data["service"]))
        if data.get("source"):
            reports = reports.filter(source=data["source"])
        if data.get("forwarded") == self.YES:
            reports = reports.forwarded_to_police()
        elif data.get("forwarded") == self.NO:
            reports = reports.filter(forwarded_to_police_at__isnull=True)
        return reports


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=pgettext_lazy("report", "Outcome"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    message = forms.CharField(
        label=_("Message to the reporter (optional)"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=MESSAGE_HELP,
    )

    def clean_message(self) -> str:
        return self.cleaned_data["message"].strip()


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Message to the reporter"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=MESSAGE_HELP,
        error_messages={"required": _("Write the message to the reporter.")},
    )
