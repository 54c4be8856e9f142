"""Demo curricula: one for each audience, in Japanese under the Japanese home page and as English translations.

Running it again leaves existing curricula as they are and adds only what is missing. Publishing enqueues
the PDF renders, which run after the demo's transaction commits. The pages are not indexed one save at a
time: ``make run`` (and any caller of ``load_demo``) runs ``manage.py update_index`` afterwards.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Locale

from portal.home.models import HomePage
from registry.models import Measure, SiteType

from .demo_texts import CURRICULA
from .models import (
    CurriculumActivity,
    CurriculumIndexPage,
    CurriculumObjective,
    CurriculumPage,
    DiscussionPrompt,
)

logger = logging.getLogger(__name__)

INDEX_TITLES = {"ja": "啓発教材", "en": "Awareness curricula"}


def load() -> None:
    japanese_home = HomePage.objects.filter(locale__language_code="ja").first()
    if japanese_home is None:
        logger.warning("No Japanese home page; the demo curricula were not loaded.")
        return
    with search_indexing_paused(CurriculumIndexPage, CurriculumPage):
        load_pages(japanese_home)


@contextmanager
def search_indexing_paused(*models) -> Iterator[None]:
    """Skip modelsearch's index update on each save of ``models``, which costs a Whoosh commit per save.

    NOTE: this disconnects modelsearch's own receiver (modelsearch 1.3); the pages are searchable only
    after ``manage.py update_index``.
    """
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


def load_pages(japanese_home: HomePage) -> None:
    english_locale = Locale.objects.filter(language_code="en").first()
    japanese_index = folder_under(japanese_home)
    english_index = english_folder(japanese_index, english_locale)

    for spec in CURRICULA:
        japanese = CurriculumPage.objects.filter(locale=japanese_home.locale, slug=spec["slug"]).first()
        if japanese is None:
            japanese = CurriculumPage(slug=spec["slug"])
            fill(japanese, spec, "ja")
            japanese_index.add_child(instance=japanese)
            japanese.save_revision().publish()
        if english_index is None or japanese.get_translation_or_none(english_locale) is not None:
            continue
        english = japanese.copy_for_translation(english_locale)
        fill(english, spec, "en")
        english.save_revision().publish()


def folder_under(home: HomePage) -> CurriculumIndexPage:
    folder = CurriculumIndexPage.objects.child_of(home).first()
    if folder is None:
        folder = CurriculumIndexPage(title=INDEX_TITLES["ja"], slug="curricula")
        home.add_child(instance=folder)
        folder.save_revision().publish()
    return folder


def english_folder(japanese_index: CurriculumIndexPage, english_locale: Locale | None):
    """Return the English translation of the curricula folder, creating it under the English home page."""
    if english_locale is None or not HomePage.objects.filter(locale=english_locale).exists():
        return None
    folder = japanese_index.get_translation_or_none(english_locale)
    if folder is None:
        folder = japanese_index.copy_for_translation(english_locale)
        folder.title = INDEX_TITLES["en"]
        folder.save_revision().publish()
    return folder


def fill(page: CurriculumPage, spec: dict, language: str) -> None:
    """Set the fields and child records of ``page`` from ``spec`` in ``language``."""
    texts = spec[language]
    page.title = texts["title"]
    page.audience = spec["audience"]
    page.duration_minutes = spec["duration"]
    page.version = spec["version"]
    page.summary = texts["summary"]
    page.background = texts["background"]
    page.objectives = [CurriculumObjective(text=text) for text in texts["objectives"]]
    page.activities = [
        CurriculumActivity(title=title, minutes=minutes, description=description, materials=materials)
        for title, minutes, description, materials in texts["activities"]
    ]
    page.discussion_prompts = [
        DiscussionPrompt(question=question, facilitator_note=note) for question, note in texts["prompts"]
    ]
    page.worksheets = [("worksheet", worksheet_value(*worksheet)) for worksheet in texts["worksheets"]]
    page.site_types = list(SiteType.objects.filter(code__in=spec["site_types"]))
    page.measures = list(Measure.objects.filter(code__in=spec["measures"]))


def worksheet_value(title: str, instructions: str, items: list[tuple]) -> dict:
    blocks = []
    for item in items:
        kind = item[0]
        if kind == "question":
            blocks.append(("question", {"text": item[1], "answer_lines": item[2]}))
        else:
            blocks.append((kind, item[1]))
    return {"title": title, "instructions": instructions, "items": blocks}
