"""The home page of each language's page tree."""

from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .page_cache import CachedPageMixin


class HomePage(CachedPageMixin, Page):
    """The root of a language's page tree. Editors reach it as the top page under "Pages" in the admin."""

    lead = models.CharField(
        _("lead"), max_length=300, blank=True, help_text=_("One sentence under the title.")
    )
    body = RichTextField(_("body"), blank=True, features=["h2", "h3", "bold", "link", "ol", "ul"])

    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("body")]

    search_fields = Page.search_fields + [index.SearchField("lead"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def search_snippet_text(self) -> str:
        """Return the lead and the body as plain text, for search result snippets."""
        return " ".join(part for part in (self.lead, strip_tags(self.body)) if part)
