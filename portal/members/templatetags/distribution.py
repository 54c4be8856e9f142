"""The TLP 2.0 label shown on every shared item."""

from django import template
from django.utils.html import format_html

from ..distribution import DISTRIBUTION_DESCRIPTIONS, Distribution

register = template.Library()


@register.simple_tag
def distribution_label(level: str) -> str:
    """Render the label for ``level`` (``"amber"``, …) with its meaning as a tooltip and for screen readers."""
    distribution = Distribution(level)
    description = DISTRIBUTION_DESCRIPTIONS[distribution]
    return format_html(
        '<span class="tlp tlp--{}" title="{}">{}<span class="visually-hidden"> ({})</span></span>',
        distribution.value,
        description,
        distribution.label,
        description,
    )
