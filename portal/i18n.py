"""Helpers for records that keep their text in both languages as ``<field>_ja`` and ``<field>_en``."""

from django.utils.translation import get_language


def localized(obj, field: str) -> str:
    """Return ``obj.<field>_en`` when English is active and it is filled in, else ``obj.<field>_ja``."""
    if get_language() == "en":
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    return getattr(obj, f"{field}_ja", "")
