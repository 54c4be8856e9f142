"""Validators for the text that people type into the members app's forms."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Controls (Cc), format characters such as the right-to-left override or zero-width space (Cf), line and
# paragraph separators (Zl, Zp), surrogates (Cs) and unassigned code points, noncharacters included (Cn).
INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs", "Cn"}


def is_control_character(character: str) -> bool:
    """Return whether ``character`` is invisible or unassigned: a control, format or separator character.

    Such characters can disguise a name on screen (U+202E reverses the text after it) and break spreadsheet
    exports and plain-text emails.
    """
    return unicodedata.category(character) in INVISIBLE_CATEGORIES


@deconstructible
class ControlCharacterValidator:
    """Reject text containing control characters, except the ones listed in ``allowed``.

    Control characters are invisible on screen but break CSV and spreadsheet exports and plain-text emails.
    """

    code = "control_character"

    def __init__(self, allowed: str = "") -> None:
        self.allowed = allowed
        if allowed:
            self.message = _(
                "This text contains an invisible control character (%(character)s). Remove it and try again. "
                "Line breaks and tabs are allowed."
            )
        else:
            self.message = _(
                "This text contains an invisible control character (%(character)s). Remove it and try again."
            )

    def __call__(self, value: str) -> None:
        for character in str(value):
            if is_control_character(character) and character not in self.allowed:
                raise ValidationError(
                    self.message, code=self.code, params={"character": f"U+{ord(character):04X}"}
                )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ControlCharacterValidator) and self.allowed == other.allowed


# For names and other one-line text.
validate_single_line = ControlCharacterValidator()

# For free text typed into a textarea, which may contain line breaks (CR LF as browsers send them) and tabs.
validate_multi_line = ControlCharacterValidator(allowed="\t\n\r")
