"""Demo guidelines in Japanese and English, with their versions, a consultation and comments.

Runs after the members' demo content (``INSTALLED_APPS`` order), which provides the demo users, and before the
registry's; the measure catalogue comes from the registry's migrations. A guideline that already exists is left alone, so running it again changes
nothing. Versions go through the real publishing flow. Comments are written straight into the tables and
dated in the past, so loading the demo sends no notifications.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Locale
from wagtail.rich_text import RichText

from portal.home.models import HomePage
from portal.members.models import MembershipStatus, User
from registry.models import Measure

from . import services
from .demo_content import GUIDELINES, HIDDEN_COMMENT, TOPICS
from .models import (
    ChangeKind,
    Comment,
    GuidelineIndexPage,
    GuidelinePage,
    GuidelineTopic,
    GuidelineVersion,
)
from .models.pages import INDEX_SLUG

logger = logging.getLogger(__name__)

LANGUAGES = ("ja", "en")
INDEX_TEXTS = {
    "ja": (
        "被害防止ガイドライン",
        "<p>協議会が採択した被害防止のためのガイドラインです。各版はいつでも読むことができ、改訂案には意見募集の期間中、会員がコメントできます。</p>",
    ),
    "en": (
        "Prevention guidelines",
        "<p>The guidelines the conference has adopted to protect children. Every version stays readable, and members may comment on drafts while they are under consultation.</p>",
    ),
}


def load() -> None:
    existing = set(GuidelinePage.objects.filter(locale__language_code="ja").values_list("slug", flat=True))
    missing = [spec for spec in GUIDELINES if spec["slug"] not in existing]
    if not missing:
        return
    with transaction.atomic(), _indexed_once_at_the_end():
        topics = _topics()
        indexes = _index_pages()
        if indexes is None:
            logger.warning("No home pages in both languages; the demo guidelines were not loaded.")
            return
        for spec in missing:
            _load_guideline(spec, indexes, topics)


@contextmanager
def _indexed_once_at_the_end():
    """Write the demo's pages and versions to the search index in one batch rather than on every save.

    Publishing the demo saves each page and version several times, and every save would be a separate index
    commit (seconds in all with Whoosh). modelsearch indexes on ``post_save``, so the handler is disconnected
    for these models while the demo loads, which runs alone in its management command.
    """
    models = (GuidelinePage, GuidelineIndexPage, GuidelineVersion)
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)
    for backend in get_search_backends(with_auto_update=True):
        for model in models:
            backend.add_bulk(model, list(model.objects.all()))


def _topics() -> dict[str, GuidelineTopic]:
    topics = {}
    for order, (slug, name_ja, name_en) in enumerate(TOPICS, start=1):
        topics[slug], _created = GuidelineTopic.objects.get_or_create(
            slug=slug, defaults={"name_ja": name_ja, "name_en": name_en, "sort_order": order}
        )
    return topics


def _index_pages() -> dict[str, GuidelineIndexPage] | None:
    japanese_home = HomePage.objects.filter(locale__language_code="ja").first()
    english_locale = Locale.objects.filter(language_code="en").first()
    if japanese_home is None or english_locale is None:
        return None
    japanese = GuidelineIndexPage.objects.filter(locale__language_code="ja").first()
    if japanese is None:
        title, intro = INDEX_TEXTS["ja"]
        japanese = japanese_home.add_child(
            instance=GuidelineIndexPage(title=title, slug=INDEX_SLUG, intro=intro)
        )
        japanese.save_revision().publish()
    english = japanese.get_translation_or_none(english_locale)
    if english is None:
        english = japanese.copy_for_translation(english_locale)
        english.title, english.intro = INDEX_TEXTS["en"]
        english.save_revision().publish()
    return {"ja": japanese, "en": english.specific}


def _load_guideline(spec: dict, indexes: dict, topics: dict) -> None:
    measures = list(Measure.objects.filter(code__in=spec["measures"]))
    pages: dict[str, GuidelinePage] = {}
    texts = {language: {} for language in LANGUAGES}
    for number, version in enumerate(spec["versions"]):
        for language in LANGUAGES:
            sections = _sections(version[language]["sections"], texts[language])
            if number == 0:
                pages[language] = _create(spec, version, language, sections, indexes, pages, measures, topics)
            else:
                _write(pages[language], version, version[language], sections)
                pages[language].save_revision().publish()
            _backdate(pages[language], version)

    consultation = spec.get("consultation")
    if consultation is not None:
        for language in LANGUAGES:
            page = pages[language]
            _write(
                page,
                consultation,
                consultation[language],
                _sections(consultation[language]["sections"], texts[language]),
            )
            page.consultation_closes_at = timezone.now() + timedelta(days=consultation["closes_in_days"])
            revision = page.save_revision()
            services.publish_version(page, consultation=True, revision=revision)

    for language in LANGUAGES:
        _comments(spec, pages[language], language)


def _create(spec, version, language, sections, indexes, pages, measures, topics) -> GuidelinePage:
    text = version[language]
    if language == "ja":
        page = GuidelinePage(slug=spec["slug"])
        _write(page, version, text, sections)
        indexes["ja"].add_child(instance=page)
    else:
        page = pages["ja"].copy_for_translation(Locale.objects.get(language_code=language)).specific
        _write(page, version, text, sections)
    page.recommended_measures.set(measures)
    page.topics.set([topics[slug] for slug in spec["topics"]])
    page.save_revision().publish()
    return GuidelinePage.objects.get(pk=page.pk)


def _write(page: GuidelinePage, version: dict, text: dict, sections: list) -> None:
    page.title = text["title"]
    page.summary = text["summary"]
    page.sections = sections
    page.version_label = version["label"]
    page.change_kind = ChangeKind.MAJOR if version.get("major", True) else ChangeKind.MINOR
    page.change_note = text["note"]
    page.effective_date = version.get("effective")


def _sections(items, previous: dict) -> list:
    """Build the StreamField value; a body of ``None`` keeps the section's text from the previous version."""
    value = []
    for anchor, heading, body in items:
        body = previous[anchor] if body is None else body
        previous[anchor] = body
        value.append(("section", {"anchor": anchor, "heading": heading, "body": RichText(body)}))
    return value


def _backdate(page: GuidelinePage, version: dict) -> None:
    """Date the version as published on its effective date, and the one before it as superseded then."""
    published = timezone.make_aware(datetime.combine(version["effective"], time(10)))
    GuidelineVersion.objects.filter(guideline=page, label=version["label"]).update(
        published_at=published, in_force_since=published
    )
    GuidelineVersion.objects.filter(
        guideline=page, superseded_at__isnull=False, published_at__lt=published
    ).update(superseded_at=published)


def _comments(spec: dict, page: GuidelinePage, language: str) -> None:
    versions = {version.label: version for version in page.versions.order_by("sequence")}
    for item in sorted(spec["comments"], key=lambda comment: versions[comment["version"]].sequence):
        version = versions[item["version"]]
        written = _after(version)
        thread = _comment(version, item["section"], item["author"], item[language], written)
        if thread is None:
            continue
        for number, reply in enumerate(item["replies"], start=1):
            _comment(
                version,
                item["section"],
                reply["author"],
                reply[language],
                written + timedelta(days=2 * number),
                parent=thread,
            )
        thread.status = item["status"]
        thread.save(update_fields=["status"])
    if spec["slug"] == HIDDEN_COMMENT["guideline"]:
        _hidden_comment(versions, language)
    # Carry the demo's unresolved threads to the versions published after them, in publication order.
    for version in versions.values():
        services.carry_threads(version)


def _after(version: GuidelineVersion) -> datetime:
    """A time some days after the version was published, and never in the future."""
    return min(version.published_at + timedelta(days=10), timezone.now() - timedelta(hours=1))


def _comment(
    version, anchor: str, email: str, body: str, written: datetime, *, parent=None
) -> Comment | None:
    author = User.objects.filter(email=email).first()
    if author is None:
        logger.warning("Demo user %s is missing; a demo comment was left out.", email)
        return None
    membership = (
        author.memberships.filter(status=MembershipStatus.APPROVED).select_related("organization").first()
    )
    organization = membership.organization if membership else None
    return Comment.objects.create(
        version=version,
        section_anchor=anchor,
        thread=parent.root if parent else None,
        parent=parent,
        author=author,
        organization=organization,
        body=body,
        is_official=bool(organization and organization.kind == "secretariat"),
        members_only=not version.is_public,
        created_at=written,
    )


def _hidden_comment(versions: dict, language: str) -> None:
    version = versions[HIDDEN_COMMENT["version"]]
    comment = _comment(
        version,
        HIDDEN_COMMENT["section"],
        HIDDEN_COMMENT["author"],
        HIDDEN_COMMENT[language],
        _after(version),
    )
    secretary = User.objects.filter(email="secretariat@example.jp").first()
    if comment is None:
        return
    comment.hidden_at = comment.created_at + timedelta(hours=3)
    comment.hidden_by = secretary
    comment.hidden_reason = HIDDEN_COMMENT[f"reason_{language}"]
    comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
