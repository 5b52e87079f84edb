"""The shortlist's part of a person's data download (registered in directory/wagtail_hooks.py
with core.personal_data)."""

from core.personal_data import isoformat
from directory.models import ShortlistItem, ShortlistShare


def shortlist_personal_data(user):
    items = (
        ShortlistItem.objects.filter(user=user).select_related("service").order_by("position", "pk")
    )
    shares = ShortlistShare.objects.filter(user=user).order_by("created_at", "pk")
    return {
        "shortlist": [
            {
                "service": item.service.title,
                "url": item.service.full_url,
                "your_note": item.note,
                "added": isoformat(item.added_at),
            }
            for item in items
        ],
        "shortlist_share_links": [
            {
                "services": len(share.service_ids),
                "created": isoformat(share.created_at),
                "expires": isoformat(share.expires_at),
            }
            for share in shares
        ],
    }
