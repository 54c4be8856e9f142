"""The guideline pages that editors write in the Wagtail admin, and the index page above them."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from portal.home.page_cache import CachedPageMixin

from ..admin_forms import GuidelinePageForm
from ..blocks import SectionsBlock, fill_anchors
from ..versioning import LABEL_PATTERN, validate_label
from .versions import GuidelineVersion

# Paths that the guidelines area serves itself under /<lang>/guidelines/, which a guideline's slug must not take.
RESERVED_SLUGS = frozenset({"feed", "subscriptions"})
LABEL_ROUTE = LABEL_PATTERN.strip("^$")
INDEX_SLUG = "guidelines"


def _views():
    """Return the module of the page's route views, imported late because it imports these models."""
    from .. import page_views

    return page_views


class ChangeKind(models.TextChoices):
    MAJOR = "major", _("Major change: tell subscribers and commenters")
    MINOR = "minor", _("Minor change (typo, wording): publish quietly")


class GuidelineIndexPage(Page):
    """The parent of a language's guidelines; its introduction heads the list at /<lang>/guidelines/.

    Editors reach it under the home page in "Pages". The list itself is served by the guidelines area's own
    view, so that it can filter and page through the versions each reader may see.
    """

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "link", "ol", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["guidelines.GuidelinePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("guideline index")

    def clean(self):
        super().clean()
        # The guidelines area serves /<lang>/guidelines/ and the pages below it, so the index keeps that slug.
        if self.slug != INDEX_SLUG:
            raise ValidationError(
                {"slug": _("The guideline index must keep the address “%(slug)s”.") % {"slug": INDEX_SLUG}}
            )

    def serve(self, request, *args, **kwargs):
        with translation.override(self.locale.language_code):
            return redirect(reverse("guidelines:index"))


class GuidelinePage(CachedPageMixin, RoutablePageMixin, Page):
    """A prevention guideline whose readers see published versions only.

    Editors write the next version in the page's fields. "Publish" puts it into force; "Open for consultation"
    shows it to members as a draft for comment instead, leaving the version in force as it is. Every version is
    frozen as a ``GuidelineVersion`` and stays readable at ``v/<label>/``. Anonymous responses are cached, and
    every change to a public comment retires the cache (see ``guidelines.services``).
    """

    summary = models.TextField(
        _("summary"), max_length=600, help_text=_("Two or three sentences shown in lists and search results.")
    )
    sections = StreamField(SectionsBlock(), verbose_name=_("sections"))
    topics = ParentalManyToManyField(
        "guidelines.GuidelineTopic", blank=True, related_name="guidelines", verbose_name=_("topics")
    )
    recommended_measures = ParentalManyToManyField(
        "registry.Measure", blank=True, related_name="guidelines", verbose_name=_("recommended measures")
    )
    version_label = models.CharField(
        _("version label"),
        max_length=30,
        validators=[validate_label],
        help_text=_(
            "The label of the version you are writing, such as 2.0 or 2.1. A draft for consultation may carry "
            "a suffix, such as 3.0-draft. Every published change of the text needs a new label."
        ),
    )
    change_kind = models.CharField(
        _("kind of change"), max_length=8, choices=ChangeKind.choices, default=ChangeKind.MAJOR
    )
    change_note = models.TextField(
        _("change note"),
        blank=True,
        max_length=2000,
        help_text=_("What changed since the previous version and why. Required for a major change."),
    )
    effective_date = models.DateField(
        _("effective date"),
        null=True,
        blank=True,
        help_text=_("The day the version takes effect. Left empty, it is the day of publication."),
    )
    consultation_closes_at = models.DateTimeField(
        _("consultation closes"),
        null=True,
        blank=True,
        help_text=_("For “Open for consultation”: members may comment until this time (Japan time)."),
    )

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("sections")]
    version_panels = [
        HelpPanel(
            content=_(
                "<p>“Publish” puts this text into force as the version below. “Open for consultation” shows it "
                "to members only, as a draft they may comment on until the closing time; the version in force "
                "stays as it is. Published versions never change: to change the text, give it a new label.</p>"
            )
        ),
        FieldPanel("version_label"),
        FieldPanel("change_kind", widget=forms.RadioSelect),
        FieldPanel("change_note"),
        FieldPanel("effective_date"),
        FieldPanel("consultation_closes_at"),
    ]
    link_panels = [
        MultiFieldPanel(
            [
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("recommended_measures", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Topics and measures"),
        )
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(version_panels, heading=_("Version")),
            ObjectList(link_panels, heading=_("Topics and measures")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    base_form_class = GuidelinePageForm

    # Only the title is indexed with the page: readers search the frozen versions (see guidelines.search).
    search_fields = Page.search_fields

    parent_page_types = ["guidelines.GuidelineIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("guideline")
        verbose_name_plural = _("guidelines")

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {
                    "slug": _("The address “%(slug)s” is used by the guidelines area itself.")
                    % {"slug": self.slug}
                }
            )
        errors = fill_anchors(self.sections)
        if errors:
            raise ValidationError({"sections": list(errors.values())})

    @property
    def is_major_change(self) -> bool:
        return self.change_kind == ChangeKind.MAJOR

    @cached_property
    def base_url(self) -> str:
        """The page's own address; ``get_url()`` looks the site up each time, and pages list many links."""
        return self.get_url() or ""

    def url_for_version(self, version: GuidelineVersion) -> str:
        return self.base_url + self.reverse_subpage("version", kwargs={"label": version.label})

    def url_for_route(self, name: str, **kwargs) -> str:
        return self.base_url + self.reverse_subpage(name, kwargs=kwargs)

    def url_for_comment(self, name: str, comment_id: int) -> str:
        """Return the address of a comment route, reversing each route once per page object.

        A version page links every comment to several routes. The route is reversed for comment 0, and the
        id is put in its place within "comments/0/".
        """
        cache = self.__dict__.setdefault("_comment_url_templates", {})
        if name not in cache:
            cache[name] = self.url_for_route(name, comment_id=0)
        return cache[name].replace("/comments/0/", f"/comments/{comment_id}/", 1)

    @property
    def subscription_url(self) -> str:
        return self.url_for_route("subscription")

    def route(self, request, path_components):
        # A guideline whose only version is a draft under consultation is not live in Wagtail's sense, since
        # its text is not in force, yet members read it. The views decide who may see which version.
        if not self.live and GuidelineVersion.objects.filter(guideline=self).exists():
            subpath = "/" + "".join(f"{component}/" for component in path_components)
            resolver_match = self.resolve_subpage(subpath)
            request.routable_resolver_match = resolver_match
            view, args, kwargs = resolver_match
            return RouteResult(self, args=(view, args, kwargs))
        return super().route(request, path_components)

    def serve_preview(self, request, mode_name):
        return _views().preview(self, request)

    # Routes: each parses the request and hands over to guidelines.page_views.

    @path("", name="current")
    def current_route(self, request):
        return _views().current_version(self, request)

    @re_path(rf"^v/(?P<label>{LABEL_ROUTE})/$", name="version")
    def version_route(self, request, label: str):
        return _views().version_detail(self, request, label)

    @path("compare/", name="compare")
    def compare_route(self, request):
        return _views().compare(self, request)

    @re_path(rf"^v/(?P<label>{LABEL_ROUTE})/comment/$", name="comment")
    def comment_route(self, request, label: str):
        return _views().post_comment(self, request, label)

    @re_path(rf"^v/(?P<label>{LABEL_ROUTE})/acknowledge/$", name="acknowledge")
    def acknowledge_route(self, request, label: str):
        return _views().acknowledge(self, request, label)

    @path("comments/<int:comment_id>/reply/", name="reply")
    def reply_route(self, request, comment_id: int):
        return _views().reply(self, request, comment_id)

    @path("comments/<int:comment_id>/edit/", name="edit_comment")
    def edit_comment_route(self, request, comment_id: int):
        return _views().edit_comment(self, request, comment_id)

    @path("comments/<int:comment_id>/withdraw/", name="withdraw_comment")
    def withdraw_comment_route(self, request, comment_id: int):
        return _views().withdraw_comment(self, request, comment_id)

    @path("comments/<int:comment_id>/history/", name="comment_history")
    def comment_history_route(self, request, comment_id: int):
        return _views().comment_history(self, request, comment_id)

    @path("comments/<int:comment_id>/moderate/", name="moderate_comment")
    def moderate_comment_route(self, request, comment_id: int):
        return _views().moderate_comment(self, request, comment_id)

    @path("comments/<int:comment_id>/status/", name="comment_status")
    def comment_status_route(self, request, comment_id: int):
        return _views().set_comment_status(self, request, comment_id)

    @path("subscription/", name="subscription")
    def subscription_route(self, request):
        return _views().toggle_subscription(self, request)
