"""Form errors from the PII guard: one message per span, naming the text to remove, in the user's language."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .pii import PiiSpan, find_pii

# Maximum length, in characters, of a span quoted back in an error message.
MAX_QUOTED_LENGTH = 60


def pii_errors(spans: list[PiiSpan]) -> list[ValidationError]:
    """Return a ``ValidationError`` for each span, with its text and kind, for the field that contains it."""
    errors = []
    for span in spans:
        text = span.text if len(span.text) <= MAX_QUOTED_LENGTH else f"{span.text[:MAX_QUOTED_LENGTH]}…"
        errors.append(
            ValidationError(
                _("Remove “%(text)s” (%(kind)s). Shared text may not contain personal information."),
                code="pii",
                params={"text": text, "kind": span.kind.label, "code": span.kind.value},
            )
        )
    return errors


def check_free_text(values: dict[str, str]) -> None:
    """Raise ``ValidationError`` keyed by field name when any of ``values`` contains personal information."""
    errors = {}
    for field, value in values.items():
        messages = pii_errors(find_pii(value or ""))
        if messages:
            errors[field] = messages
    if errors:
        raise ValidationError(errors)
