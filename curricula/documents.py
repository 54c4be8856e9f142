"""The printed form of curricula: the HTML that WeasyPrint turns into A4 PDFs, and the rendering itself.

A curriculum document has a cover, a table of contents when it has ``TOC_MIN_SECTIONS`` sections or more,
its sections, and its worksheets, each starting on a new page. The running header and footer (title,
distribution label, version and date, page numbers) come from ``curricula/static/curricula/pdf.css``. Each
curriculum is written in its own language: labels are translated into the page's language, not the
visitor's.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal import pdf
from portal.members.distribution import Distribution

from .models import CurriculumPage

logger = logging.getLogger(__name__)

STYLESHEET = "curricula/pdf.css"
# A document with this many sections or more gets a table of contents after the cover.
TOC_MIN_SECTIONS = 4


class IgnoredLineBreakFilter(logging.Filter):
    """Drop WeasyPrint's warning about ``line-break``, which the stylesheet sets on purpose.

    WeasyPrint 70 does not implement ``line-break`` and logs it as an unknown property on every render.
    Pango's line breaking for ``lang="ja"`` already keeps 。、」 and small kana off the start of a line.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return "line-break" not in record.getMessage()


logging.getLogger("weasyprint").addFilter(IgnoredLineBreakFilter())


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str


@dataclass(frozen=True)
class WorksheetItem:
    """One printable item of a worksheet: a scenario, a question with answer lines, or a box to tick."""

    kind: str
    text: str
    answer_lines: range = range(0)


@dataclass(frozen=True)
class Worksheet:
    section: Section
    instructions: str
    items: list[WorksheetItem]


def printable_worksheet(section: Section, block) -> Worksheet:
    """Turn a ``WorksheetBlock`` value into what the print template needs."""
    items = []
    for item in block.value["items"]:
        if item.block_type == "question":
            items.append(
                WorksheetItem("question", item.value["text"], range(item.value["answer_lines"] or 0))
            )
        else:
            items.append(WorksheetItem(item.block_type, str(item.value)))
    return Worksheet(section=section, instructions=block.value["instructions"], items=items)


def stylesheet_text() -> str:
    """Return the PDF stylesheet, read through the static file finders.

    It is inlined rather than linked because ``{% static %}`` gives hashed names under
    ``ManifestStaticFilesStorage``, which the finders behind ``portal.pdf.LocalFileFetcher`` do not know.
    """
    path = finders.find(STYLESHEET)
    if path is None:
        raise FileNotFoundError(f"Static file {STYLESHEET!r} not found.")
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def edition_date(page: CurriculumPage, *, preview: bool) -> date:
    """Return the date printed in the footer: when the revision went live, or today for a preview."""
    moment = None if preview else page.last_published_at
    return timezone.localdate(moment) if moment else timezone.localdate()


def curriculum_sections(page: CurriculumPage, prefix: str, worksheets: list) -> list[Section]:
    """Return the sections of one curriculum document in print order, labelled in the active language."""
    sections = [Section(f"{prefix}objectives", _("Learning objectives"))]
    if page.background:
        sections.append(Section(f"{prefix}background", _("Background for the facilitator")))
    sections.append(Section(f"{prefix}lesson-plan", _("Lesson plan")))
    if page.discussion_prompts.all():
        sections.append(Section(f"{prefix}discussion", _("Discussion prompts")))
    if page.related_guideline_pages():
        sections.append(Section(f"{prefix}guidelines", _("Related guidelines")))
    for number, worksheet in enumerate(worksheets, start=1):
        sections.append(
            Section(
                f"{prefix}worksheet-{number}",
                _("Worksheet %(number)d: %(title)s") % {"number": number, "title": worksheet.value["title"]},
            )
        )
    return sections


def curriculum_context(page: CurriculumPage, *, preview: bool = False, prefix: str = "") -> dict:
    """Return the template context of one curriculum; call it with the page's language active."""
    worksheets = list(page.worksheets)
    sections = curriculum_sections(page, prefix, worksheets)
    worksheet_sections = sections[len(sections) - len(worksheets) :] if worksheets else []
    printable_worksheets = [
        printable_worksheet(section, block)
        for section, block in zip(worksheet_sections, worksheets, strict=True)
    ]
    return {
        "page": page,
        "language": page.language_code,
        "prefix": prefix,
        "sections": sections,
        "show_toc": len(sections) >= TOC_MIN_SECTIONS,
        "objectives": list(page.objectives.all()),
        "timed_activities": page.timed_activities(),
        "discussion_prompts": list(page.discussion_prompts.all()),
        "related_guidelines": page.related_guideline_pages(),
        "worksheets": printable_worksheets,
        "edition_date": edition_date(page, preview=preview),
        "distribution": Distribution.CLEAR,
        "preview": preview,
        "page_url": page.full_url or "",
    }


def curriculum_html(page: CurriculumPage, *, preview: bool = False) -> str:
    """Return the HTML document of one curriculum, in the page's language."""
    with translation.override(page.language_code):
        context = curriculum_context(page, preview=preview)
        context["stylesheet"] = stylesheet_text()
        return render_to_string("curricula/pdf/curriculum.html", context)


def pack_html(pages: list[CurriculumPage], language: str) -> str:
    """Return one HTML document holding several curricula after a cover and a list of contents.

    The cover is in ``language``; each curriculum keeps its own language.
    """
    entries = []
    for page in pages:
        with translation.override(page.language_code):
            entries.append(curriculum_context(page, prefix=f"c{page.pk}-"))
    with translation.override(language):
        return render_to_string(
            "curricula/pdf/pack.html",
            {
                "entries": entries,
                "language": language,
                "stylesheet": stylesheet_text(),
                "edition_date": timezone.localdate(),
                "distribution": Distribution.CLEAR,
            },
        )


def render_curriculum(page: CurriculumPage, *, preview: bool = False) -> pdf.RenderedPdf:
    """Render one curriculum to PDF. WeasyPrint's and the storage's errors propagate to the caller."""
    return pdf.render_pdf_document(curriculum_html(page, preview=preview))


def render_pack(pages: list[CurriculumPage], language: str) -> pdf.RenderedPdf:
    return pdf.render_pdf_document(pack_html(pages, language))
