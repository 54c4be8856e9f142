"""Freezing a guideline's text into a version, and checking a version before it is published.

These functions work on plain values (the page's title, summary and sections), so the editor's form can
check what was typed before anything is saved, and the publishing service can check the same rules again.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from html.parser import HTMLParser

from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LABEL_PATTERN = r"^[0-9]{1,4}(?:\.[0-9]{1,4}){1,2}(?:-[a-z0-9]{1,20})?$"

validate_label = RegexValidator(
    LABEL_PATTERN,
    message=_("Enter a label such as 2.0 or 2.1, optionally with a suffix such as 3.0-draft."),
    code="label",
)


# Snapshots


def snapshot(title: str, summary: str, sections) -> dict:
    """Return the frozen text of a guideline: title, summary and ``[{anchor, heading, body}]``.

    ``sections`` is the page's StreamField value. Bodies keep Wagtail's stored rich-text HTML, so links to
    pages and documents still resolve when the version is shown.
    """
    frozen = []
    for child in sections:
        value = child.value
        body = value.get("body")
        frozen.append(
            {
                "anchor": value.get("anchor") or "",
                "heading": value.get("heading") or "",
                "body": getattr(body, "source", body) or "",
            }
        )
    return {"title": title, "summary": summary, "sections": frozen}


def same_text(first: dict, second: dict) -> bool:
    """Return whether two snapshots (or a snapshot and a version's fields) hold the same text."""
    return all(first[key] == second[key] for key in ("title", "summary", "sections"))


def version_text(version) -> dict:
    return {"title": version.title, "summary": version.summary, "sections": version.sections}


def section_text(section: dict | None) -> tuple[str, tuple[str, ...]] | None:
    """Return a section's heading and paragraphs as plain text, the form in which sections are compared."""
    if section is None:
        return None
    return (section["heading"].strip(), tuple(paragraphs(section["body"])))


# Plain text of rich text

BLOCK_TAGS = frozenset({"p", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "div", "br", "tr"})


class _ParagraphParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.flush()

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self.flush()

    def handle_data(self, data):
        self.current.append(data)

    def flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.parts.append(text)
        self.current = []


def paragraphs(html: str) -> list[str]:
    """Split rich-text HTML into the plain text of its paragraphs, list items and headings."""
    parser = _ParagraphParser()
    parser.feed(html or "")
    parser.close()
    parser.flush()
    return parser.parts


def search_text(sections: list[dict]) -> str:
    """Return the headings and text of ``sections`` as one plain string, for the search index and snippets."""
    parts: list[str] = []
    for section in sections:
        parts.append(section["heading"])
        parts.extend(paragraphs(section["body"]))
    return "\n".join(part for part in parts if part)


# Checks before publishing


class PlanKind(enum.Enum):
    NEW = "new"  # a new version with its own label
    ADOPT = "adopt"  # the unchanged draft under consultation goes into force under its label
    UNCHANGED = "unchanged"  # the version in force again: only topics, measures or page settings changed


@dataclass
class VersionPlan:
    kind: PlanKind = PlanKind.NEW
    existing: object = None
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def is_valid(self) -> bool:
        return not self.errors


def plan_version(
    guideline,
    text: dict,
    *,
    label: str,
    is_major: bool,
    change_note: str,
    closes_at: datetime | None,
    consultation: bool,
    now: datetime | None = None,
) -> VersionPlan:
    """Decide what publishing ``text`` under ``label`` would do, and collect the errors by field name.

    ``guideline`` may be unsaved, as when an editor creates a page and publishes it at once.
    """
    now = now or timezone.now()
    plan = VersionPlan()
    versions = guideline.versions.all() if guideline.pk else []
    existing = next((version for version in versions if version.label == label), None)
    if not label:
        plan.errors["version_label"] = _("Enter the label of this version, such as 1.0.")
    elif existing is not None:
        plan.existing = existing
        unchanged = same_text(text, version_text(existing))
        if unchanged and not consultation and existing.is_consultation:
            plan.kind = PlanKind.ADOPT
        elif unchanged and not consultation and existing.is_in_force:
            plan.kind = PlanKind.UNCHANGED
        else:
            plan.errors["version_label"] = _(
                "Version %(label)s is already published. Give this text a new label, such as %(suggestion)s."
            ) % {"label": label, "suggestion": suggest_label(label, versions)}
    is_first = not versions
    if plan.kind is PlanKind.NEW and is_major and not is_first and not change_note.strip():
        plan.errors["change_note"] = _("A major change needs a change note that tells readers what changed.")
    if consultation:
        if closes_at is None:
            plan.errors["consultation_closes_at"] = _("Enter when the consultation closes.")
        elif closes_at <= now:
            plan.errors["consultation_closes_at"] = _("The closing time must be in the future.")
    return plan


def suggest_label(label: str, versions) -> str:
    """Suggest the next free minor label after ``label`` (2.0 gives 2.1), for the error message."""
    numbers = label.split("-")[0].split(".")
    taken = {version.label for version in versions}
    try:
        major, minor = int(numbers[0]), int(numbers[1])
    except (IndexError, ValueError):
        return "1.0"
    while True:
        minor += 1
        candidate = f"{major}.{minor}"
        if candidate not in taken:
            return candidate


def effective_date_or_today(value: date | None, now: datetime) -> date:
    return value or timezone.localdate(now)
