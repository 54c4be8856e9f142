"""Functions that build guideline pages and publish their versions, for the guidelines tests."""

import itertools
from datetime import timedelta

from django.utils import timezone
from wagtail.models import Locale
from wagtail.rich_text import RichText

from guidelines import services
from guidelines.models import ChangeKind, GuidelineIndexPage, GuidelinePage, GuidelineVersion
from portal.home.models import HomePage

_sequence = itertools.count(1)


def index_page(language: str = "ja") -> GuidelineIndexPage:
    """Return the guideline index of ``language``; the English one is a translation of the Japanese one."""
    existing = GuidelineIndexPage.objects.filter(locale__language_code=language).first()
    if existing is not None:
        return existing
    if language == "ja":
        # Created live; the index needs no revision history in tests.
        page = GuidelineIndexPage(title="ガイドライン", slug="guidelines")
        return HomePage.objects.get(locale__language_code="ja").add_child(instance=page)
    page = index_page("ja").copy_for_translation(Locale.objects.get(language_code=language)).specific
    page.title = "Guidelines"
    page.save_revision().publish()
    return page


def translate(page: GuidelinePage, language: str = "en", *, title: str) -> GuidelinePage:
    """Create and publish the translation of ``page`` into ``language``, with the same version label."""
    index_page(language)
    translation = page.copy_for_translation(Locale.objects.get(language_code=language)).specific
    translation.title = title
    translation.save_revision().publish()
    return GuidelinePage.objects.get(pk=translation.pk)


def sections(*items: tuple[str, str, str]) -> list[tuple[str, dict]]:
    """Build StreamField sections from ``(anchor, heading, body HTML)`` triples."""
    return [
        ("section", {"anchor": anchor, "heading": heading, "body": RichText(body)})
        for anchor, heading, body in items
    ]


BASIC_SECTIONS = (
    ("scope", "対象", "<p>ミニメールを提供する全てのコミュニティサイトを対象とする。</p>"),
    ("monitoring", "監視の方法", "<p>キーワードによる検知と目視確認を組み合わせる。</p>"),
)


def make_guideline(
    *,
    title: str = "ミニメール監視の指針",
    summary: str = "ミニメールの監視について定める。",
    items=BASIC_SECTIONS,
    label: str = "1.0",
    language: str = "ja",
    slug: str | None = None,
    measures=(),
    topics=(),
) -> GuidelinePage:
    """Create a guideline page and publish its first version in force."""
    page = GuidelinePage(
        title=title,
        slug=slug or f"guideline-{next(_sequence)}",
        summary=summary,
        sections=sections(*items),
        version_label=label,
        change_kind=ChangeKind.MAJOR,
        locale=Locale.objects.get(language_code=language),
    )
    index_page(language).add_child(instance=page)
    page.recommended_measures.set(list(measures))
    page.topics.set(list(topics))
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def publish(
    page: GuidelinePage,
    *,
    label: str,
    items=None,
    title: str | None = None,
    major: bool = True,
    note: str = "改訂の理由を記す。",
) -> GuidelineVersion | None:
    """Write the next version into the page and publish it in force."""
    page = GuidelinePage.objects.get(pk=page.pk)
    _write(page, label=label, items=items, title=title, major=major, note=note)
    page.save_revision().publish()
    return page.versions.filter(label=label).first()


def open_consultation(
    page: GuidelinePage,
    *,
    label: str,
    items=None,
    title: str | None = None,
    closes_in: timedelta = timedelta(days=14),
    note: str = "意見募集のための案。",
    actor=None,
) -> GuidelineVersion:
    """Save the next version as a draft and open it for consultation, as the editor's action does."""
    page = GuidelinePage.objects.get(pk=page.pk)
    _write(page, label=label, items=items, title=title, major=True, note=note)
    page.consultation_closes_at = timezone.now() + closes_in
    revision = page.save_revision()
    return services.publish_version(page, consultation=True, revision=revision, actor=actor)


def _write(page, *, label, items, title, major, note) -> None:
    page.version_label = label
    page.change_kind = ChangeKind.MAJOR if major else ChangeKind.MINOR
    page.change_note = note
    if items is not None:
        page.sections = sections(*items)
    if title is not None:
        page.title = title
