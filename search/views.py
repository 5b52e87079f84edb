from django.http import Http404, JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from search.api import suggest
from search.indexes import get_index


@require_GET
@cache_control(max_age=60, public=True)
def suggestions(request, index_name):
    """What to offer under a search box as someone types:
    {"suggestions": [{"value": "Accommodation", "group": "category"}, ...]}, the group being
    "category", "organisation" or "service"."""
    try:
        get_index(index_name)
    except LookupError:
        raise Http404 from None
    # NUL is never typed, and PostgreSQL refuses it in text: drop it rather than fail.
    prefix = request.GET.get("q", "").replace("\x00", "")
    return JsonResponse({"suggestions": suggest(index_name, prefix)})
