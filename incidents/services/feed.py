"""The coded-term feed: API tokens per organization, their authentication and the feed's rate limit."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from portal.audit.models import Outcome
from portal.audit.services import record
from portal.members import access
from portal.members.models import User

from ..models import FeedToken

logger = logging.getLogger(__name__)

BEARER_PREFIX = "Bearer "


def _require_token_admin(actor: User, action: str, token: FeedToken | None = None) -> None:
    current = access.standing(actor)
    allowed = access.can_manage_feed_tokens(actor) and (
        token is None or token.organization_id == current.organization.pk
    )
    if not allowed:
        record(action, actor=actor, target=token, outcome=Outcome.DENIED)
        raise PermissionDenied


def create_feed_token(*, actor: User, name: str) -> tuple[FeedToken, str]:
    """Create a token for the actor's organization; return it with its secret, which is never stored."""
    _require_token_admin(actor, "incidents.feed_token.created")
    secret = FeedToken.generate()
    with transaction.atomic():
        token = FeedToken.objects.create(
            organization=access.standing(actor).organization,
            name=name,
            prefix=secret[:12],
            token_hash=FeedToken.hash(secret),
            created_by=actor,
        )
        record("incidents.feed_token.created", actor=actor, target=token)
    return token, secret


def rotate_feed_token(token: FeedToken, *, actor: User) -> tuple[FeedToken, str]:
    """Revoke ``token`` and create its replacement with the same name; return the new token and secret."""
    _require_token_admin(actor, "incidents.feed_token.rotated", token)
    with transaction.atomic():
        _revoke(token, actor)
        secret = FeedToken.generate()
        replacement = FeedToken.objects.create(
            organization=token.organization,
            name=token.name,
            prefix=secret[:12],
            token_hash=FeedToken.hash(secret),
            created_by=actor,
        )
        record(
            "incidents.feed_token.rotated",
            actor=actor,
            target=replacement,
            detail={"replaces": token.pk},
        )
    return replacement, secret


def revoke_feed_token(token: FeedToken, *, actor: User) -> None:
    _require_token_admin(actor, "incidents.feed_token.revoked", token)
    with transaction.atomic():
        _revoke(token, actor)
        record("incidents.feed_token.revoked", actor=actor, target=token)


def _revoke(token: FeedToken, actor: User) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = actor
        token.save(update_fields=["revoked_at", "revoked_by"])


def token_from_header(authorization: str) -> FeedToken | None:
    """Return the token that an ``Authorization: Bearer …`` header names, if it exists, whatever its state."""
    if not authorization.startswith(BEARER_PREFIX):
        return None
    secret = authorization[len(BEARER_PREFIX) :].strip()
    if not secret:
        return None
    return FeedToken.objects.select_related("organization").filter(token_hash=FeedToken.hash(secret)).first()


def mark_token_used(token: FeedToken) -> None:
    FeedToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())


def rate_limit_wait(key: str) -> int:
    """Count one request for ``key``; return 0 when it is within the limit, else the seconds until the window ends.

    The window is fixed: ``INCIDENTS_FEED_RATE_LIMIT`` requests per ``INCIDENTS_FEED_RATE_WINDOW`` seconds,
    counted in the default cache, which production shares between workers (Redis). The per-process memory
    cache of development counts per process.
    """
    limit = settings.INCIDENTS_FEED_RATE_LIMIT
    window = settings.INCIDENTS_FEED_RATE_WINDOW
    now = int(timezone.now().timestamp())
    window_start = now - now % window
    cache_key = f"incidents:feed-rate:{key}:{window_start}"
    cache.add(cache_key, 0, timeout=window + 5)
    try:
        count = cache.incr(cache_key)
    except ValueError:
        # The entry expired between add() and incr(); this request opens a new window.
        cache.set(cache_key, 1, timeout=window + 5)
        count = 1
    if count <= limit:
        return 0
    return max(1, window_start + window - now)
