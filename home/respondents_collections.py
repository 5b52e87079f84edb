"""Each forum's collection for documents meant for consultation respondents only: a
“For respondents only” collection inside the forum's own one (so its managers, whose
document permissions reach the collections inside theirs, upload and choose there as
usual), with a view restriction to that forum's managers group. Wagtail's public document
URL then serves its files to that group and site admins only; respondents open them through
the consultation page's signed links (forums/consultations/private_documents.py)."""

from django.contrib.auth.models import Group

from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction

from forums.roles import (
    NATIONAL_DOCUMENTS_COLLECTION,
    NATIONAL_FORUM_MANAGERS,
    forum_documents_collection_name,
    forum_managers_group_name,
)

RESPONDENTS_COLLECTION = "For respondents only"


def ensure_respondents_collection(parent_name, group_name):
    """The restricted collection inside the collection `parent_name`, if that exists
    (the managers group's set-up makes it). Idempotent: a restriction loosened by hand is
    put back to the group."""
    root = Collection.get_first_root_node()
    parent = root and root.get_children().filter(name=parent_name).first()
    group = Group.objects.filter(name=group_name).first()
    if parent is None or group is None:
        return None
    collection = parent.get_children().filter(name=RESPONDENTS_COLLECTION).first()
    if collection is None:
        collection = parent.add_child(name=RESPONDENTS_COLLECTION)
    restriction, _created = CollectionViewRestriction.objects.get_or_create(
        collection=collection, defaults={"restriction_type": BaseViewRestriction.GROUPS}
    )
    if restriction.restriction_type != BaseViewRestriction.GROUPS:
        restriction.restriction_type = BaseViewRestriction.GROUPS
        restriction.password = ""
        restriction.save()
    restriction.groups.add(group)
    return collection


def ensure_respondents_collections(forums):
    """One for each regional forum (in the default language) and one for the national
    consultations."""
    collections = [
        ensure_respondents_collection(
            forum_documents_collection_name(forum), forum_managers_group_name(forum)
        )
        for forum in forums
    ]
    collections.append(
        ensure_respondents_collection(NATIONAL_DOCUMENTS_COLLECTION, NATIONAL_FORUM_MANAGERS)
    )
    return [collection for collection in collections if collection is not None]
