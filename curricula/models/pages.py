"""Curriculum pages and the folder page that contains them in each language's page tree.

Editors reach curricula in the Wagtail admin under "Pages": home page → "Curricula" folder → one page per
curriculum. The public list at ``/<lang>/curricula/`` is a Django view (``curricula.views.IndexView``)
that lists the live pages of every language; the folder page only groups them in the tree.
"""

from __future__ import annotations

import logging
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index

from portal.home.page_cache import mark_cacheable

from ..blocks import WorksheetBlock

logger = logging.getLogger(__name__)


class Audience(models.TextChoices):
    LOWER_ELEMENTARY = "lower_elementary", _("Lower elementary school (grades 1–3)")
    UPPER_ELEMENTARY = "upper_elementary", _("Upper elementary school (grades 4–6)")
    JUNIOR_HIGH = "junior_high", _("Junior high school")
    HIGH_SCHOOL = "high_school", _("High school")
    GUARDIANS = "guardians", _("Guardians")
    TEACHERS = "teachers", _("Teachers")


# Slugs that the URL patterns of ``curricula/urls.py`` match before Wagtail routes the request.
RESERVED_SLUGS = frozenset({"pack"})


def audience_order() -> Case:
    """Return an expression that sorts curricula from the youngest audience to the adults."""
    return Case(
        *[When(audience=value, then=Value(position)) for position, value in enumerate(Audience.values)],
        default=Value(len(Audience.values)),
        output_field=IntegerField(),
    )


class CurriculumIndexPage(Page):
    """The "Curricula" folder under a language's home page. Curriculum pages are created inside it.

    Its URL is taken by the Django list view at ``/<lang>/curricula/``, so serving it redirects there.
    """

    parent_page_types = ["home.HomePage"]
    subpage_types = ["curricula.CurriculumPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("curricula folder")

    def serve(self, request, *args, **kwargs):
        with translation.override(self.locale.language_code):
            return redirect("curricula:index")


class CurriculumPageQuerySet(PageQuerySet):
    def downloadable(self) -> CurriculumPageQuerySet:
        """Return live curricula without a view restriction: the ones anyone may download as PDF."""
        return self.live().public()

    def in_audience_order(self) -> CurriculumPageQuerySet:
        return self.annotate(audience_position=audience_order()).order_by("audience_position", "title", "pk")


CurriculumPageManager = PageManager.from_queryset(CurriculumPageQuerySet)


class CurriculumPageForm(WagtailAdminPageForm):
    """The admin form, which checks that the lesson plan fits in the stated duration."""

    def clean(self):
        cleaned_data = super().clean()
        duration = cleaned_data.get("duration_minutes")
        activities = self.formsets.get("activities")
        if duration is None or activities is None:
            return cleaned_data
        planned = sum(
            form.cleaned_data.get("minutes") or 0
            for form in activities.forms
            if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
        )
        if planned > duration:
            self.add_error(
                "duration_minutes",
                _(
                    "The activities of the lesson plan take %(planned)d minutes, more than the duration of "
                    "%(duration)d minutes. Shorten the activities or raise the duration."
                )
                % {"planned": planned, "duration": duration},
            )
        return cleaned_data


class CurriculumPage(RoutablePageMixin, Page):
    """A lesson for one audience, downloadable as a print-ready PDF.

    The lesson plan, objectives, discussion prompts and related guidelines are small child models edited
    as inline panels; worksheets are StreamField blocks. The PDF of each published revision is rendered
    in the background and stored (``curricula.services``); the ``pdf/`` and ``feedback/`` routes serve it
    and take educators' feedback.
    """

    audience = models.CharField(_("audience"), max_length=32, choices=Audience.choices, db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        validators=[MinValueValidator(5), MaxValueValidator(480)],
        help_text=_("How long the whole lesson takes, in minutes."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_("Two or three sentences shown in the list of curricula, on the PDF cover and in search."),
    )
    version = models.CharField(
        _("version"),
        max_length=20,
        default="1.0",
        validators=[RegexValidator(r"^\d+(\.\d+){0,2}$", _("Enter a version such as 1.0 or 2.1."))],
        help_text=_("Raise it when the content changes, for example from 1.0 to 1.1. Printed in the footer."),
    )
    background = RichTextField(
        _("background for the facilitator"),
        blank=True,
        features=["h3", "bold", "italic", "ol", "ul", "link"],
        help_text=_("Facts and advice the person giving the lesson should know beforehand."),
    )
    worksheets = StreamField(
        [("worksheet", WorksheetBlock())],
        blank=True,
        verbose_name=_("worksheets"),
        help_text=_("Each worksheet is printed on pages of its own, ready to copy for the participants."),
    )
    site_types = ParentalManyToManyField(
        "registry.SiteType",
        blank=True,
        related_name="curricula",
        verbose_name=_("site types discussed"),
    )
    measures = ParentalManyToManyField(
        "registry.Measure",
        blank=True,
        related_name="curricula",
        verbose_name=_("protective measures explained"),
    )

    objects = CurriculumPageManager()

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("duration_minutes"), FieldPanel("version")],
            heading=_("Audience and version"),
        ),
        FieldPanel("summary"),
        InlinePanel("objectives", heading=_("Learning objectives"), label=_("Objective"), min_num=1),
        FieldPanel("background"),
    ]
    lesson_panels = [
        InlinePanel("activities", heading=_("Lesson plan"), label=_("Activity"), min_num=1),
        InlinePanel("discussion_prompts", heading=_("Discussion prompts"), label=_("Prompt")),
        FieldPanel("worksheets"),
    ]
    related_panels = [
        InlinePanel("related_guidelines", heading=_("Related guidelines"), label=_("Guideline")),
        FieldPanel("site_types", widget=forms.CheckboxSelectMultiple),
        FieldPanel("measures", widget=forms.CheckboxSelectMultiple),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(lesson_panels, heading=_("Lesson")),
            ObjectList(related_panels, heading=_("Related")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    base_form_class = CurriculumPageForm

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("background"),
        index.SearchField("worksheet_text"),
        index.RelatedFields("objectives", [index.SearchField("text")]),
        index.RelatedFields("activities", [index.SearchField("title"), index.SearchField("description")]),
        index.RelatedFields("discussion_prompts", [index.SearchField("question")]),
        index.RelatedFields("site_types", [index.SearchField("name_ja"), index.SearchField("name_en")]),
        index.RelatedFields("measures", [index.SearchField("name_ja"), index.SearchField("name_en")]),
        index.FilterField("audience"),
        index.FilterField("duration_minutes"),
    ]

    parent_page_types = ["curricula.CurriculumIndexPage"]
    subpage_types: list[str] = []

    preview_modes = [("", _("Page")), ("pdf", _("PDF"))]

    class Meta:
        verbose_name = _("curriculum")
        verbose_name_plural = _("curricula")

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {
                    "slug": _("The slug “%(slug)s” is reserved for the portal. Choose another.")
                    % {"slug": self.slug}
                }
            )

    # Derived values

    @property
    def language_code(self) -> str:
        return self.locale.language_code

    @property
    def is_pdf_source(self) -> bool:
        """Whether this page has PDFs of its own; an alias shows the PDFs of the page it copies."""
        return self.alias_of_id is None

    def timed_activities(self) -> list[tuple[int, CurriculumActivity]]:
        """Return the activities with the minute each one starts at, counted from the start of the lesson."""
        start = 0
        timed = []
        for activity in self.activities.all():
            timed.append((start, activity))
            start += activity.minutes
        return timed

    def worksheet_text(self) -> str:
        """Return the worksheets as plain text, for the search index."""
        return "\n".join(self.worksheets.stream_block.get_searchable_content(self.worksheets))

    def search_snippet_text(self) -> str:
        objectives = " ".join(objective.text for objective in self.objectives.all())
        return " ".join(part for part in (self.summary, objectives, strip_tags(self.background)) if part)

    def pdf_download_name(self) -> str:
        """Return the file name offered for the PDF, e.g. ``中学生向け…（第1.2版）.pdf``."""
        with translation.override(self.language_code):
            name = _("%(title)s (version %(version)s).pdf") % {"title": self.title, "version": self.version}
        return safe_file_name(str(name))

    # Routes

    @path("")
    def index_route(self, request, *args, **kwargs):
        response = super().index_route(request, *args, **kwargs)
        # The page reads the same for every anonymous visitor, so PageCacheMiddleware may keep it, unless a
        # view restriction lets only some visitors in. The other routes count downloads or take a form, so
        # they stay uncached.
        mark_cacheable(response, self)
        return response

    @path("pdf/")
    def pdf_route(self, request):
        from .. import views

        return views.serve_curriculum_pdf(request, self)

    @path("feedback/")
    def feedback_route(self, request):
        from .. import views

        return views.curriculum_feedback(request, self)

    def serve_preview(self, request, mode_name):
        if mode_name == "pdf":
            from .. import views

            return views.preview_curriculum_pdf(request, self)
        return super().serve_preview(request, mode_name)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["timed_activities"] = self.timed_activities()
        context["related_guideline_pages"] = self.related_guideline_pages()
        context["pdf_url"] = self.url + self.reverse_subpage("pdf_route") if self.url else ""
        return context

    def related_guideline_pages(self) -> list[Page]:
        """Return the related guidelines that are live and public, in the editor's order."""
        pages = [link.guideline for link in self.related_guidelines.select_related("guideline")]
        visible_ids = set(
            Page.objects.live()
            .public()
            .filter(pk__in=[page.pk for page in pages])
            .values_list("pk", flat=True)
        )
        return [page for page in pages if page.pk in visible_ids]

    def route(self, request, path_components):
        # An alias page has no PDFs of its own; its routes serve those of the page it copies.
        if path_components and not self.is_pdf_source:
            original = self.alias_of.specific
            if not isinstance(original, CurriculumPage):
                raise Http404
            return original.route(request, path_components)
        return super().route(request, path_components)


def safe_file_name(name: str) -> str:
    """Replace characters that Windows, macOS or browsers reject in a download name, and drop invisible ones.

    Invisible characters include U+202E (right-to-left override), with which a title could make a name that
    ends in ".pdf" show as one that ends in ".exe". They and the other control characters are dropped.
    """
    forbidden = '\\/:*?"<>|'
    characters = []
    for character in name:
        if character in forbidden or ord(character) < 32:
            characters.append("_")
        elif unicodedata.category(character) not in ("Cc", "Cf"):
            characters.append(character)
    return "".join(characters).strip(" .") or "curriculum.pdf"


class CurriculumObjective(Orderable):
    """One learning objective: what the participants can do after the lesson."""

    page = ParentalKey(CurriculumPage, on_delete=models.CASCADE, related_name="objectives")
    text = models.CharField(_("objective"), max_length=300)

    panels = [FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("learning objective")
        verbose_name_plural = _("learning objectives")

    def __str__(self) -> str:
        return self.text


class CurriculumActivity(Orderable):
    """One timed step of the lesson plan."""

    page = ParentalKey(CurriculumPage, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(_("title"), max_length=120)
    minutes = models.PositiveSmallIntegerField(
        _("minutes"), validators=[MinValueValidator(1), MaxValueValidator(240)]
    )
    description = models.TextField(_("what happens"), max_length=2000)
    materials = models.CharField(
        _("materials"), max_length=200, blank=True, help_text=_("What the facilitator needs for this step.")
    )

    panels = [FieldPanel("title"), FieldPanel("minutes"), FieldPanel("description"), FieldPanel("materials")]

    class Meta(Orderable.Meta):
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.title


class DiscussionPrompt(Orderable):
    """A question for the group, with an optional note on where the facilitator should steer it."""

    page = ParentalKey(CurriculumPage, on_delete=models.CASCADE, related_name="discussion_prompts")
    question = models.CharField(_("question"), max_length=300)
    facilitator_note = models.TextField(_("note for the facilitator"), max_length=1000, blank=True)

    panels = [FieldPanel("question"), FieldPanel("facilitator_note")]

    class Meta(Orderable.Meta):
        verbose_name = _("discussion prompt")
        verbose_name_plural = _("discussion prompts")

    def __str__(self) -> str:
        return self.question


class RelatedGuideline(Orderable):
    """A guideline the curriculum builds on, listed on the page and in the PDF."""

    page = ParentalKey(CurriculumPage, on_delete=models.CASCADE, related_name="related_guidelines")
    guideline = models.ForeignKey(
        "guidelines.GuidelinePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("guideline")
    )

    panels = [PageChooserPanel("guideline")]

    class Meta(Orderable.Meta):
        verbose_name = _("related guideline")
        verbose_name_plural = _("related guidelines")
