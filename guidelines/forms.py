"""Forms of the guidelines area's pages: comments, moderation, comparison, the index filters, subscriptions."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.members.validators import validate_multi_line

from .models import CommentStatus, GuidelineTopic
from .models.comments import COMMENT_MAX_LENGTH, HIDDEN_REASON_MAX_LENGTH


class CommentForm(forms.Form):
    """A new comment on one section; ``auto_id`` keeps the ids of the many forms on a page apart."""

    section = forms.CharField(widget=forms.HiddenInput, max_length=60)
    body = forms.CharField(
        label=_("Your comment on this section"),
        max_length=COMMENT_MAX_LENGTH,
        validators=[validate_multi_line],
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Your organization is shown to every reader of the comment, your name to members only."),
    )

    def __init__(self, *args, anchor: str = "", **kwargs):
        kwargs.setdefault("auto_id", f"new_comment_{anchor}_%s")
        kwargs.setdefault("initial", {"section": anchor})
        super().__init__(*args, **kwargs)


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=COMMENT_MAX_LENGTH,
        validators=[validate_multi_line],
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    shown_on = forms.CharField(widget=forms.HiddenInput, required=False, max_length=30)

    def __init__(self, *args, comment_id: int, official: bool = False, **kwargs):
        kwargs.setdefault("auto_id", f"reply_{comment_id}_%s")
        super().__init__(*args, **kwargs)
        if official:
            self.fields["body"].label = _("Official response")
            self.fields["status"] = forms.ChoiceField(
                label=_("Status of the thread after this response"),
                choices=CommentStatus.choices,
                initial=CommentStatus.ANSWERED,
                required=False,
            )


class EditCommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        max_length=COMMENT_MAX_LENGTH,
        validators=[validate_multi_line],
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The earlier text is kept in the comment's history, which the secretariat can read."),
    )


class HideCommentForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for hiding"),
        max_length=HIDDEN_REASON_MAX_LENGTH,
        validators=[validate_multi_line],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Recorded with the comment. Its author sees the reason; other readers see only that it was hidden."
        ),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CommentStatus.choices)


class CompareForm(forms.Form):
    """Two versions to compare, chosen among the labels the reader may see."""

    old = forms.ChoiceField(label=_("Older version"))
    new = forms.ChoiceField(label=_("Newer version"))

    def __init__(self, *args, labels: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old"].choices = labels
        self.fields["new"].choices = labels

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("old") and cleaned_data.get("old") == cleaned_data.get("new"):
            self.add_error("new", _("Choose two different versions."))
        return cleaned_data


STATE_IN_FORCE = "in_force"
STATE_CONSULTATION = "consultation"


class IndexFilterForm(forms.Form):
    """Filters of the guideline list. Members also get the state "under consultation"."""

    state = forms.ChoiceField(label=pgettext_lazy("guideline filter", "State"), required=False)
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=GuidelineTopic.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=pgettext_lazy("guideline topic filter", "All topics"),
    )
    site_type = forms.ChoiceField(label=_("Site type"), required=False)

    def __init__(self, *args, site_types, show_consultation: bool, **kwargs):
        super().__init__(*args, **kwargs)
        states = [("", pgettext_lazy("guideline state filter", "All")), (STATE_IN_FORCE, _("In force"))]
        if show_consultation:
            states.append((STATE_CONSULTATION, _("Draft under consultation")))
        self.fields["state"].choices = states
        self.fields["site_type"].choices = [("", pgettext_lazy("site type filter", "All site types"))] + [
            (site_type.code, site_type.name) for site_type in site_types
        ]


class TopicSubscriptionForm(forms.Form):
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=GuidelineTopic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("You hear of every major new version of a guideline on these topics."),
    )
