"""Forms of the curricula area: the list's filters, the choice of a pack, feedback and the admin report."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from portal.members import access

from .models import Audience, CurriculumPage
from .services import MAX_PACK_SIZE


class Duration:
    """Buckets of lesson length offered by the list's duration filter, in minutes (inclusive bounds)."""

    SHORT = "short"
    LESSON = "lesson"
    LONG = "long"

    BOUNDS = {SHORT: (0, 30), LESSON: (31, 60), LONG: (61, None)}
    CHOICES = [
        (SHORT, _("30 minutes or less")),
        (LESSON, _("31 to 60 minutes")),
        (LONG, _("More than 60 minutes")),
    ]


class CurriculumFilterForm(forms.Form):
    """Filters of the list of curricula. Without a language parameter the list shows the visitor's language."""

    audience = forms.ChoiceField(
        label=pgettext_lazy("curriculum audience", "Audience"),
        choices=[("", _("All audiences")), *Audience.choices],
        required=False,
    )
    duration = forms.ChoiceField(
        label=pgettext_lazy("length of a lesson", "Duration"),
        choices=[("", _("Any duration")), *Duration.CHOICES],
        required=False,
    )
    language = forms.ChoiceField(
        label=pgettext_lazy("language of the material", "Language"),
        choices=[("", _("All languages")), *settings.LANGUAGES],
        required=False,
    )

    def __init__(self, data, *, default_language: str, **kwargs):
        data = data.copy()
        if "language" not in data:
            data["language"] = default_language
        super().__init__(data, **kwargs)

    def filter(self, queryset):
        """Return ``queryset`` narrowed by the valid filters; an invalid one is ignored and shown as an error."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        audience = cleaned.get("audience")
        if audience:
            queryset = queryset.filter(audience=audience)
        duration = cleaned.get("duration")
        if duration:
            low, high = Duration.BOUNDS[duration]
            queryset = queryset.filter(duration_minutes__gte=low)
            if high is not None:
                queryset = queryset.filter(duration_minutes__lte=high)
        language = cleaned.get("language")
        if language:
            queryset = queryset.filter(locale__language_code=language)
        return queryset


# The largest id a page can have: the maximum of a 64-bit primary key. Larger numbers make the database
# driver raise OverflowError instead of finding nothing.
MAX_PAGE_ID = 2**63 - 1


class CurriculumIdsField(forms.Field):
    """The curricula ticked on the list: page ids, as repeated ``curriculum`` parameters."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        if not value:
            return []
        values = value if isinstance(value, (list, tuple)) else [value]
        invalid = ValidationError(
            _("The selection contains a value that is not a curriculum. Tick the curricula again."),
            code="invalid",
        )
        try:
            ids = [int(item) for item in values]
        except (TypeError, ValueError):
            raise invalid from None
        if not all(1 <= page_id <= MAX_PAGE_ID for page_id in ids):
            raise invalid
        return ids


class PackForm(forms.Form):
    """The choice of curricula for one pack: at least two, at most ``MAX_PACK_SIZE``, all downloadable.

    Duplicates are dropped. After validation, ``pages`` contains the chosen curricula in the list's order.
    """

    curriculum = CurriculumIdsField(label=_("Curricula for the pack"), required=False)

    def __init__(self, data=None, *, user=None, **kwargs):
        super().__init__(data, **kwargs)
        self.user = user
        self.pages: list[CurriculumPage] = []

    def clean_curriculum(self) -> list[int]:
        chosen = list(dict.fromkeys(self.cleaned_data["curriculum"]))
        if len(chosen) < 2:
            raise ValidationError(
                _("Tick at least two curricula to download them as one pack."), code="too_few"
            )
        if len(chosen) > MAX_PACK_SIZE:
            raise ValidationError(
                _("Tick at most %(limit)d curricula for one pack; you ticked %(count)d."),
                code="too_many",
                params={"limit": MAX_PACK_SIZE, "count": len(chosen)},
            )
        pages = list(
            access.downloadable_curricula(CurriculumPage.objects.filter(pk__in=chosen), self.user)
            .select_related("locale")
            .in_audience_order()
        )
        missing = len(chosen) - len(pages)
        if missing:
            raise ValidationError(
                ngettext(
                    "%(count)d of the ticked curricula is no longer available. Tick the curricula again.",
                    "%(count)d of the ticked curricula are no longer available. Tick the curricula again.",
                    missing,
                ),
                code="unavailable",
                params={"count": missing},
            )
        self.pages = pages
        return chosen

    def selected_ids(self) -> set[int]:
        """Return the ids the visitor ticked, valid or not, so the list can keep them ticked."""
        try:
            return set(CurriculumIdsField().to_python(self.data.getlist("curriculum")))
        except ValidationError:
            return set()


# C0 and C1 control characters other than tab and line breaks, and the bidirectional embeddings, overrides
# and isolates (U+202A–U+202E, U+2066–U+2069).
UNPRINTABLE_IN_COMMENTS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

RATING_CHOICES = [
    (1, _("1 – Not useful")),
    (2, _("2 – Of little use")),
    (3, _("3 – Useful")),
    (4, _("4 – Very useful")),
    (5, _("5 – Excellent")),
]


class FeedbackForm(forms.Form):
    """A rating and an optional comment. ``website`` is a honeypot that people never see or fill in."""

    rating = forms.TypedChoiceField(
        label=_("How useful was this curriculum?"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a rating from 1 to 5.")},
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "What worked in your lesson, and what should change? Do not write names, addresses or other "
            "personal details."
        ),
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def clean_comment(self) -> str:
        # Control characters (escape sequences, bells) and bidirectional overrides serve no purpose in a
        # comment, and overrides can make the text the secretariat reads differ from the text stored.
        return UNPRINTABLE_IN_COMMENTS.sub("", self.cleaned_data["comment"]).strip()

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class DownloadReportForm(forms.Form):
    """The period of the secretariat's download report: 30 days up to today unless chosen, 366 days at most."""

    MAX_DAYS = 366
    # Dates outside these bounds make the date arithmetic of the report overflow at year 1 or 9999.
    EARLIEST = date(2000, 1, 1)
    LATEST = date(2099, 12, 31)

    start = forms.DateField(
        label=pgettext_lazy("start of a period", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = forms.DateField(
        label=pgettext_lazy("end of a period", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self):
        cleaned = super().clean()
        for name in ("start", "end"):
            value = cleaned.get(name)
            if value is not None and not self.EARLIEST <= value <= self.LATEST:
                self.add_error(
                    name,
                    _("Enter a date from %(earliest)s to %(latest)s.")
                    % {"earliest": self.EARLIEST.isoformat(), "latest": self.LATEST.isoformat()},
                )
        if self.errors:
            return cleaned
        end = cleaned.get("end") or timezone.localdate()
        start = cleaned.get("start") or end - timedelta(days=29)
        if start > end:
            self.add_error("start", _("The start date must not be after the end date."))
        elif (end - start).days + 1 > self.MAX_DAYS:
            self.add_error("start", _("Choose a period of at most %(days)d days.") % {"days": self.MAX_DAYS})
        cleaned["start"], cleaned["end"] = start, end
        return cleaned

    def period(self) -> tuple[date, date]:
        """Return the valid period, or the default 30 days when the form has errors."""
        if self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        end = timezone.localdate()
        return end - timedelta(days=29), end
