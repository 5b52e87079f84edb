"""What every template knows about the visitor's shortlist, worked out only if a template
asks (the "Add to shortlist" buttons), and then once per request, not once per card."""

from django.utils.functional import SimpleLazyObject

from directory.shortlist.rules import shortlist_for


def shortlist(request):
    ids = SimpleLazyObject(lambda: frozenset(shortlist_for(request).service_ids()))
    return {
        # Templates guard the buttons with this, so they can be included before the feature.
        "shortlist_enabled": True,
        # `{% if service.pk in shortlisted_service_ids %}`
        "shortlisted_service_ids": ids,
        "shortlist_count": SimpleLazyObject(lambda: len(ids)),
    }
