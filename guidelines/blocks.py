"""StreamField blocks of a guideline: its numbered sections, each with a stable anchor."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

ANCHOR_MAX_LENGTH = 60
ANCHOR_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Ids the page itself uses, which a section must not take.
RESERVED_ANCHORS = frozenset({"main"})

validate_anchor = RegexValidator(
    ANCHOR_PATTERN,
    message=_("Use lower-case letters a–z, digits and single hyphens, for example “message-monitoring”."),
    code="anchor",
)


def anchor_from_heading(heading: str, taken: set[str]) -> str:
    """Return an anchor made from ``heading`` that is not in ``taken``.

    Headings without Latin letters or digits, as most Japanese ones are, give ``section-1``, ``section-2``…
    """
    base = slugify(heading)[:ANCHOR_MAX_LENGTH].strip("-") or "section"
    if base in RESERVED_ANCHORS:
        base = f"section-{base}"
    candidate = base if base != "section" else "section-1"
    number = 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"[:ANCHOR_MAX_LENGTH]
    return candidate


def fill_anchors(sections) -> dict[int, ValidationError]:
    """Give every section of the stream ``sections`` an anchor, keeping the ones already set.

    Returns the errors found, by position: an anchor that is invalid, reserved, or used twice.
    """
    errors: dict[int, ValidationError] = {}
    taken: set[str] = set()
    for child in sections:
        anchor = (child.value.get("anchor") or "").strip()
        if anchor:
            taken.add(anchor)
    seen: set[str] = set()
    for position, child in enumerate(sections):
        anchor = (child.value.get("anchor") or "").strip()
        if not anchor:
            anchor = anchor_from_heading(child.value.get("heading") or "", taken)
            taken.add(anchor)
        child.value["anchor"] = anchor
        if anchor in seen:
            errors[position] = ValidationError(
                _("Another section already uses the anchor “%(anchor)s”. Each anchor must be unique."),
                code="duplicate_anchor",
                params={"anchor": anchor},
            )
        elif anchor in RESERVED_ANCHORS:
            errors[position] = ValidationError(
                _("The anchor “%(anchor)s” is reserved. Choose another one."),
                code="reserved_anchor",
                params={"anchor": anchor},
            )
        seen.add(anchor)
    return errors


class SectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    anchor = blocks.CharBlock(
        label=_("Anchor"),
        required=False,
        max_length=ANCHOR_MAX_LENGTH,
        validators=[validate_anchor],
        help_text=_(
            "The section's address within the page (#anchor). Left empty, one is made from the heading. "
            "Keep it when the text changes: comments and links follow the anchor from version to version."
        ),
    )
    body = blocks.RichTextBlock(
        label=_("Text"),
        features=["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"],
    )

    class Meta:
        icon = "doc-full"
        label = _("Section")


class SectionsBlock(blocks.StreamBlock):
    """The sections of a guideline, whose anchors are filled in and checked for uniqueness on clean."""

    section = SectionBlock()

    class Meta:
        min_num = 1

    def clean(self, value):
        cleaned = super().clean(value)
        errors = fill_anchors(cleaned)
        if errors:
            raise StreamBlockValidationError(
                block_errors={
                    position: StructBlockValidationError(block_errors={"anchor": error})
                    for position, error in errors.items()
                }
            )
        return cleaned
