"""Who the client is, and a small fixed-window rate limit on the shared cache for forms anyone
can post.

`client_address` is the one rule for the client's address: the site's own limits use it, and
so do allauth's (sign-in, sign-up, password reset) through `accounts.adapters.AccountAdapter`.
"""

import ipaddress
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

# What requests without a usable address share: one bucket, never a fresh one each time.
UNKNOWN_ADDRESS = "unknown"


def parse_address(value):
    """The IP address in `value`, as a proxy writes it in X-Forwarded-For (a port, IPv6 in
    brackets, and IPv4 mapped into IPv6 are allowed), in its normal form; None when `value` is
    not an IP address."""
    value = (value or "").strip()
    if value.startswith("["):  # [2001:db8::1] or [2001:db8::1]:443
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:  # 203.0.113.9:443
        value = value.partition(":")[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return str(address)


def client_address(request):
    """The address of the client that sent `request`.

    With `settings.TRUSTED_PROXY_COUNT` = 0 (the default) that is REMOTE_ADDR, and
    X-Forwarded-For is ignored: anyone can write it.

    With N > 0 proxies of ours in front of the site, each appends the address it received the
    request from to X-Forwarded-For, so the client is the Nth entry from the right. Entries
    further left were written by the client and are ignored, so inventing some gets nobody a
    fresh rate-limit bucket. A header with fewer than N entries, or with something that is not
    an IP address in that place, did not come through our proxies as configured: the request
    is then counted against REMOTE_ADDR (the proxy that connected), never against anything the
    client could have written.
    """
    trusted_proxies = settings.TRUSTED_PROXY_COUNT
    if trusted_proxies > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        # Empty entries keep their place: the count is from the right.
        entries = forwarded.split(",") if forwarded.strip() else []
        if len(entries) >= trusted_proxies:
            address = parse_address(entries[-trusted_proxies])
            if address:
                return address
        if entries:
            logger.warning(
                "X-Forwarded-For %r has no client address %d entries from the right "
                "(TRUSTED_PROXY_COUNT); counting the request against REMOTE_ADDR.",
                forwarded,
                trusted_proxies,
            )
    return parse_address(request.META.get("REMOTE_ADDR")) or UNKNOWN_ADDRESS


def rate_limit_bucket(address):
    """Whom a limit counts: one address, or for IPv6 its whole network (a /64 by default, as
    allauth's limits do), since one connection is given a whole network to pick from."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        prefix = getattr(settings, "ALLAUTH_RATE_LIMIT_IPV6_PREFIX", 64)
        return str(ipaddress.IPv6Network(f"{parsed}/{prefix}", strict=False).network_address)
    return address


def allow(request, action, limit, seconds):
    """True if this client may do `action` again: at most `limit` times per `seconds`."""
    return allow_for(action, rate_limit_bucket(client_address(request)), limit, seconds)


def allow_for(action, subject, limit, seconds):
    """True if `action` may be done again for `subject` (an address, an email address): at
    most `limit` times per `seconds`."""
    key = f"ratelimit:{action}:{subject}"
    if cache.add(key, 1, seconds):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, seconds)
        return True
    return count <= limit
