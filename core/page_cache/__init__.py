"""The public page cache: whole pages, as anonymous visitors see them, kept in the shared
cache (Redis or the database cache in production) and forgotten the moment what they show
changes.

- `middleware.py` serves and stores pages. Only a Wagtail page (or one of its routes) asked
  for with GET by a visitor who carries no session is stored, and only when the response
  sets no cookie and holds no form token; everything else is marked `private`.
- `stamps.py` decides when a stored page is stale. Each page is stored with the stamps of
  what it shows: itself, its ancestors' own content (titles in the breadcrumbs, an
  organisation's name on its services) and the site as a whole (the menu, the footer, the
  taxonomies). A change moves stamps, after its transaction commits; a stored page whose
  stamps moved is never served again.
- `signals.py` moves the stamps on publishing, unpublishing, moving and deleting pages, on
  site settings and taxonomy changes; apps call `pages_changed` for their operational
  changes (a service's availability, an event's places, an opportunity's status).

Off unless PAGE_CACHE_SECONDS is above 0 (production's default is 300: the longest a page
that changes with the clock alone, an event whose registration has just closed, can lag).
"""

from core.page_cache.stamps import pages_changed, site_changed

__all__ = ["pages_changed", "site_changed"]
