"""Stable identifiers for open data.

A page or a vocabulary term is published under its Wagtail `translation_key`: a UUID shared
by its English and Welsh versions, kept for as long as the listing exists. What has no row
of its own (a schedule, an address, a service area, a taxonomy) gets a name-based UUID
(uuid5) derived from its owner's id and what it is, so it is the same in every response and
download, and changes only when the thing itself does.
"""

import uuid

# The namespace of the ids derived here (a fixed random UUID: never change it).
NAMESPACE = uuid.UUID("6f1c2a4e-5b0d-4c8e-9a57-3d2f1e0b7c91")


def child_id(parent, *parts):
    """The id of something belonging to `parent` (a UUID or its text), named by `parts`."""
    return str(uuid.uuid5(uuid.UUID(str(parent)), ":".join(str(part) for part in parts)))


def taxonomy_id(slug):
    """The id of one of the project's vocabularies, published as a taxonomy."""
    return str(uuid.uuid5(NAMESPACE, f"taxonomy:{slug}"))


def as_uuid(value):
    """`value` as a canonical UUID string, or None when it is not one."""
    try:
        return str(uuid.UUID(str(value)))
    except (TypeError, ValueError, AttributeError):
        return None
