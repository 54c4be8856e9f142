"""Template tags that show an adoption the same way everywhere: its status, and who verified it."""

from django import template

from ..coverage import percent as format_percent
from ..models import Adoption

register = template.Library()

# A symbol per status, so the status reads without colour: planned, in progress, adopted, verified, ended.
STATUS_SYMBOLS = {
    "planned": "○",
    "in_progress": "◐",
    "adopted": "●",
    "verified": "✔",
    "discontinued": "✕",
}


@register.inclusion_tag("registry/includes/status.html")
def adoption_status(adoption: Adoption) -> dict:
    """Render the status badge of an adoption: symbol and label."""
    return {
        "adoption": adoption,
        "symbol": STATUS_SYMBOLS.get(adoption.status, ""),
        "label": adoption.get_status_display(),
    }


@register.inclusion_tag("registry/includes/verification.html")
def verification(adoption: Adoption) -> dict:
    """Render "verified by <review body> on <date>" or "self-declared", with the review flag if any."""
    return {"adoption": adoption}


@register.filter
def percent(value: float) -> str:
    return format_percent(value)
