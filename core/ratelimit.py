"""A small fixed-window rate limit on the shared cache, for forms anyone can post."""

from django.core.cache import cache


def client_address(request):
    # Behind a trusted proxy, SECURE_PROXY_SSL_HEADER-style settings would say so; the
    # remote address is the safe default.
    return request.META.get("REMOTE_ADDR", "unknown")


def allow(request, action, limit, seconds):
    """True if this client may do `action` again: at most `limit` times per `seconds`."""
    key = f"ratelimit:{action}:{client_address(request)}"
    if cache.add(key, 1, seconds):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, seconds)
        return True
    return count <= limit
