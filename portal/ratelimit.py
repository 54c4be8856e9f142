"""Fixed-window rate limits counted in the default cache, keyed on an account or a client network.

Production shares the cache between workers (Redis), so a limit applies across them; the per-process memory
cache of development counts per process. Client addresses are read with allauth's rules
(``ALLAUTH_TRUSTED_PROXY_COUNT``), hashed with the secret key and kept in the cache for one window only.
"""

from __future__ import annotations

import ipaddress
import logging

from allauth.account.adapter import get_adapter
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)


def client_network(address: str) -> str:
    """Return the IPv4 address, or the /64 network of an IPv6 address, that a limit counts as one sender.

    Providers usually give each IPv6 subscriber a /64 network or more, so one sender can use as many addresses
    as it likes inside it.
    """
    parsed = ipaddress.ip_address(address)
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    return str(ipaddress.ip_network(f"{parsed}/64", strict=False))


def address_key(request, scope: str) -> str:
    """Return a keyed hash of the client's network, for limits that count per address."""
    try:
        source = client_network(get_adapter(request).get_client_ip(request))
    except ImproperlyConfigured:
        # allauth raises this when X-Forwarded-For has fewer entries than ALLAUTH_TRUSTED_PROXY_COUNT, which a
        # client that reaches the server past the proxies can send on purpose.
        logger.warning(
            "X-Forwarded-For has fewer entries than ALLAUTH_TRUSTED_PROXY_COUNT, so the request is limited "
            "as coming from an unknown address."
        )
        source = "unknown"
    except (PermissionDenied, ValueError):
        source = "unknown"
    return salted_hmac(scope, f"address:{source}").hexdigest()


def sender_key(request, scope: str) -> str:
    """Return a keyed hash that stands for the sender: the account when signed in, else the address."""
    if request.user.is_authenticated:
        return salted_hmac(scope, f"user:{request.user.pk}").hexdigest()
    return address_key(request, scope)


def consume(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Count one request of ``scope`` for ``key`` in a fixed window; return whether it is within ``limit``."""
    cache_key = f"ratelimit:{scope}:{key}"
    cache.add(cache_key, 0, window)
    try:
        count = cache.incr(cache_key)
    except ValueError:
        # The entry expired between add() and incr().
        cache.set(cache_key, 1, window)
        count = 1
    return count <= limit


def is_exhausted(scope: str, key: str, *, limit: int) -> bool:
    """Return whether ``key`` has used up ``scope``'s limit in the current window, without counting."""
    return (cache.get(f"ratelimit:{scope}:{key}") or 0) >= limit
