"""The guidelines area's own pages: the filtered list, the Atom feed of new versions and subscriptions.

A guideline's versions, comparison and comments are routes of the guideline page (see ``page_views``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from wagtail import views as wagtail_views

from portal.members import access
from portal.members.mixins import MemberRequiredMixin
from registry.models import SiteType

from . import services
from .forms import STATE_CONSULTATION, STATE_IN_FORCE, IndexFilterForm, TopicSubscriptionForm
from .models import (
    GuidelineIndexPage,
    GuidelinePage,
    GuidelineTopic,
    GuidelineVersion,
    Subscription,
    VersionState,
)
from .models.pages import INDEX_SLUG

FEED_SIZE = 30

# The path under which portal.urls mounts this area, which is also the address of every GuidelineIndexPage.
AREA_PATH = f"{INDEX_SLUG}/"


def serve_guideline_page(request, subpath: str):
    """Hand a path below the guideline index to Wagtail, whose own URL pattern rejects dots in a path."""
    return wagtail_views.serve(request, AREA_PATH + subpath)


@dataclass
class Entry:
    """One guideline in the list: the version in force and the draft under consultation the reader may see."""

    guideline: GuidelinePage
    in_force: GuidelineVersion | None = None
    draft: GuidelineVersion | None = None
    topics: list[GuidelineTopic] = field(default_factory=list)

    @property
    def shown(self) -> GuidelineVersion:
        return self.in_force or self.draft


def pages_for_site_type(code: str):
    """Guideline pages recommending a measure for the site type ``code``, or a measure for every site type."""
    return GuidelinePage.objects.filter(
        Q(recommended_measures__site_types__code=code)
        | Q(recommended_measures__isnull=False, recommended_measures__site_types__isnull=True)
    ).values("pk")


class IndexView(TemplateView):
    """The guidelines in the active language, filtered by state, topic and site type.

    Anonymous responses are cached with the published pages: they change only when a version is published.
    """

    template_name = "guidelines/index.html"
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response.portal_cacheable = True
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        is_member = access.members_area_decision(user) is access.Decision.ALLOW
        form = IndexFilterForm(
            self.request.GET or None, site_types=SiteType.objects.all(), show_consultation=is_member
        )
        filters = form.cleaned_data if form.is_valid() else {}
        entries = self.entries(filters)
        page_obj = Paginator(entries, self.paginate_by).get_page(self.request.GET.get("page"))
        context.update(
            index_page=GuidelineIndexPage.objects.live().filter(locale__language_code=get_language()).first(),
            form=form,
            page_obj=page_obj,
            entries=page_obj.object_list,
            is_filtered=any(filters.values()),
            can_subscribe=access.can_subscribe_to_guidelines(user),
        )
        return context

    def entries(self, filters: dict) -> list[Entry]:
        """The guidelines matching ``filters``, each with the versions the reader may see, in page tree order."""
        versions = (
            GuidelineVersion.objects.visible_to(self.request.user)
            .filter(
                state__in=[VersionState.IN_FORCE, VersionState.CONSULTATION],
                guideline__locale__language_code=get_language(),
            )
            .order_by("guideline__path", "-sequence")
        )
        if filters.get("topic"):
            versions = versions.filter(guideline__topics=filters["topic"])
        if filters.get("site_type"):
            versions = versions.filter(guideline__in=pages_for_site_type(filters["site_type"]))

        entries = group_by_guideline(versions.select_related("guideline"))
        state = filters.get("state")
        if state == STATE_IN_FORCE:
            entries = [entry for entry in entries if entry.in_force]
        elif state == STATE_CONSULTATION:
            entries = [entry for entry in entries if entry.draft]

        attach_topics(entries)
        return entries


def group_by_guideline(versions) -> list[Entry]:
    """Group versions, newest first within each guideline, into one entry per guideline."""
    grouped: dict[int, Entry] = {}
    for version in versions:
        entry = grouped.setdefault(version.guideline_id, Entry(guideline=version.guideline))
        if version.is_in_force:
            entry.in_force = version
        elif entry.draft is None:
            entry.draft = version
    return list(grouped.values())


def attach_topics(entries: list[Entry]) -> None:
    """Give each entry its guideline's topics, in one query for all of them."""
    links = GuidelinePage.topics.through.objects.filter(
        guidelinepage_id__in=[entry.guideline.pk for entry in entries]
    ).select_related("guidelinetopic")
    by_page: dict[int, list[GuidelineTopic]] = {}
    for link in links:
        by_page.setdefault(link.guidelinepage_id, []).append(link.guidelinetopic)
    for entry in entries:
        entry.topics = sorted(by_page.get(entry.guideline.pk, []), key=lambda topic: topic.sort_order)


class NewVersionsFeed(Feed):
    """Atom feed of the versions put into force, newest first, in the active language. Drafts never appear."""

    feed_type = Atom1Feed

    def title(self) -> str:
        return _("New versions of the prevention guidelines")

    def subtitle(self) -> str:
        return _("Each guideline version as it comes into force, with its change note.")

    def link(self) -> str:
        return reverse("guidelines:index")

    def items(self):
        return (
            GuidelineVersion.objects.public()
            .filter(guideline__locale__language_code=get_language())
            .select_related("guideline")
            .order_by("-in_force_since", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item: GuidelineVersion) -> str:
        return _("%(title)s, version %(label)s") % {"title": item.title, "label": item.label}

    def item_description(self, item: GuidelineVersion) -> str:
        return item.change_note or item.summary

    def item_link(self, item: GuidelineVersion) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: GuidelineVersion):
        return item.in_force_since

    def item_updateddate(self, item: GuidelineVersion):
        return item.in_force_since


class SubscriptionsView(MemberRequiredMixin, FormView):
    """The member's topics and followed guidelines, in one place."""

    template_name = "guidelines/subscriptions.html"
    form_class = TopicSubscriptionForm

    def get_initial(self):
        topics = GuidelineTopic.objects.filter(subscriptions__user=self.request.user)
        return {"topics": list(topics)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["followed"] = (
            Subscription.objects.filter(user=self.request.user, guideline__isnull=False)
            .select_related("guideline")
            .order_by("guideline__title")
        )
        return context

    def form_valid(self, form):
        services.set_topic_subscriptions(self.request.user, form.cleaned_data["topics"])
        messages.success(self.request, _("Your topics were saved."))
        return redirect("guidelines:subscriptions")
