"""Section-by-section differences between two guideline versions, for the compare view.

Sections are matched by anchor, which stays the same across versions. Within a matched section the headings
and paragraphs are compared as plain text, and changed paragraphs word by word. Japanese has no spaces
between words, so a "word" is a run of one script: kanji, hiragana, katakana, or Latin letters and digits.
Formatting (bold, links) is not compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .versioning import paragraphs

# Paragraphs less alike than this are shown as one removed and one added, rather than word by word.
PAIRING_THRESHOLD = 0.4

TOKEN = re.compile(
    r"\s+"
    r"|[0-9A-Za-z\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]+(?:[.'’-][0-9A-Za-z]+)*"
    r"|[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF々〆]+"
    r"|[\u3041-\u309F]+"
    r"|[\u30A0-\u30FF\uFF66-\uFF9Fー]+"
    r"|.",
    re.DOTALL,
)

EQUAL = "equal"
INSERT = "insert"
DELETE = "delete"
CHANGED = "changed"


@dataclass
class Segment:
    kind: str  # EQUAL, INSERT or DELETE
    text: str


@dataclass
class ParagraphDiff:
    kind: str  # EQUAL, CHANGED, INSERT or DELETE
    segments: list[Segment]


@dataclass
class SectionDiff:
    anchor: str
    kind: str  # "unchanged", "changed", "added" or "removed"
    old_heading: str = ""
    new_heading: str = ""
    heading: list[Segment] = field(default_factory=list)
    paragraphs: list[ParagraphDiff] = field(default_factory=list)

    @property
    def heading_changed(self) -> bool:
        return self.kind == "changed" and self.old_heading != self.new_heading


@dataclass
class Comparison:
    sections: list[SectionDiff]
    title: list[Segment]
    summary: list[ParagraphDiff]

    def count(self, kind: str) -> int:
        return sum(1 for section in self.sections if section.kind == kind)

    @property
    def changed_count(self) -> int:
        return self.count("changed")

    @property
    def added_count(self) -> int:
        return self.count("added")

    @property
    def removed_count(self) -> int:
        return self.count("removed")

    @property
    def has_changes(self) -> bool:
        return (
            any(section.kind != "unchanged" for section in self.sections)
            or any(segment.kind != EQUAL for segment in self.title)
            or any(paragraph.kind != EQUAL for paragraph in self.summary)
        )


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def diff_words(old: str, new: str) -> list[Segment]:
    """Return the word-level differences between two plain texts, adjacent pieces of one kind merged."""
    old_tokens, new_tokens = tokens(old), tokens(new)
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    segments: list[Segment] = []
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            _append(segments, EQUAL, "".join(old_tokens[old_start:old_end]))
            continue
        if operation in ("delete", "replace"):
            _append(segments, DELETE, "".join(old_tokens[old_start:old_end]))
        if operation in ("insert", "replace"):
            _append(segments, INSERT, "".join(new_tokens[new_start:new_end]))
    return segments


def _append(segments: list[Segment], kind: str, text: str) -> None:
    if not text:
        return
    if segments and segments[-1].kind == kind:
        segments[-1].text += text
    else:
        segments.append(Segment(kind, text))


def diff_paragraphs(old: list[str], new: list[str]) -> list[ParagraphDiff]:
    """Compare two lists of paragraphs; paragraphs replaced by similar ones are compared word by word."""
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    result: list[ParagraphDiff] = []
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            result.extend(ParagraphDiff(EQUAL, [Segment(EQUAL, text)]) for text in old[old_start:old_end])
            continue
        removed, added = old[old_start:old_end], new[new_start:new_end]
        if operation == "replace":
            result.extend(_pair(removed, added))
            continue
        result.extend(ParagraphDiff(DELETE, [Segment(DELETE, text)]) for text in removed)
        result.extend(ParagraphDiff(INSERT, [Segment(INSERT, text)]) for text in added)
    return result


def _pair(removed: list[str], added: list[str]) -> list[ParagraphDiff]:
    result: list[ParagraphDiff] = []
    for index in range(max(len(removed), len(added))):
        old = removed[index] if index < len(removed) else None
        new = added[index] if index < len(added) else None
        if old is not None and new is not None:
            if SequenceMatcher(None, tokens(old), tokens(new), autojunk=False).ratio() >= PAIRING_THRESHOLD:
                result.append(ParagraphDiff(CHANGED, diff_words(old, new)))
                continue
        if old is not None:
            result.append(ParagraphDiff(DELETE, [Segment(DELETE, old)]))
        if new is not None:
            result.append(ParagraphDiff(INSERT, [Segment(INSERT, new)]))
    return result


def compare_sections(old_section: dict | None, new_section: dict | None) -> SectionDiff:
    if old_section is None:
        return SectionDiff(
            anchor=new_section["anchor"],
            kind="added",
            new_heading=new_section["heading"],
            heading=[Segment(INSERT, new_section["heading"])],
            paragraphs=diff_paragraphs([], paragraphs(new_section["body"])),
        )
    if new_section is None:
        return SectionDiff(
            anchor=old_section["anchor"],
            kind="removed",
            old_heading=old_section["heading"],
            heading=[Segment(DELETE, old_section["heading"])],
            paragraphs=diff_paragraphs(paragraphs(old_section["body"]), []),
        )
    paragraph_diffs = diff_paragraphs(paragraphs(old_section["body"]), paragraphs(new_section["body"]))
    heading = diff_words(old_section["heading"], new_section["heading"])
    unchanged = all(item.kind == EQUAL for item in paragraph_diffs) and all(s.kind == EQUAL for s in heading)
    return SectionDiff(
        anchor=new_section["anchor"],
        kind="unchanged" if unchanged else "changed",
        old_heading=old_section["heading"],
        new_heading=new_section["heading"],
        heading=heading,
        paragraphs=paragraph_diffs,
    )


def compare_versions(old, new) -> Comparison:
    """Compare two versions section by section, in the newer version's order.

    A removed section is listed where it stood in the older version: after the sections that preceded it there.
    """
    old_sections = old.sections
    new_anchors = {section["anchor"] for section in new.sections}
    old_by_anchor = {section["anchor"]: section for section in old_sections}
    old_position = {section["anchor"]: index for index, section in enumerate(old_sections)}
    removed = [section for section in old_sections if section["anchor"] not in new_anchors]

    result: list[SectionDiff] = []
    for section in new.sections:
        previous = old_by_anchor.get(section["anchor"])
        if previous is not None:
            while removed and old_position[removed[0]["anchor"]] < old_position[section["anchor"]]:
                result.append(compare_sections(removed.pop(0), None))
        result.append(compare_sections(previous, section))
    result.extend(compare_sections(section, None) for section in removed)

    return Comparison(
        sections=result,
        title=diff_words(old.title, new.title),
        summary=diff_paragraphs(_lines(old.summary), _lines(new.summary)),
    )


def _lines(text: str) -> list[str]:
    """Split plain text (not HTML) into its non-empty lines."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]
