"""Published monthly totals per operator: received, processed, removed and median days to outcome."""

from django.core.cache import cache

CACHE_KEY = "reports:totals"


def forget_totals() -> None:
    cache.delete(CACHE_KEY)
