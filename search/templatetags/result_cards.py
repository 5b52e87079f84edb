"""What a result card shows: each category by its own name, a number to dial, and only the
columns the list fetched."""

import re

from django import template

register = template.Library()


@register.filter
def own_category_names(categories):
    """Each category's own name, in the tree's order; a parent only when none of its
    children is there (the list reads the parent of each: select it with the categories).

    "Accommodation" and "Accommodation: supported housing" read "Supported housing": the
    child says it all, and the parent's name would only repeat it.
    """
    categories = sorted(categories, key=_in_tree_order)
    parents_shown_by_a_child = {category.parent_id for category in categories}
    names = [
        category.name for category in categories if category.pk not in parents_shown_by_a_child
    ]
    return list(dict.fromkeys(names))


def _in_tree_order(category):
    """Top-level categories in their order, each one's subcategories after it in theirs."""
    top = category.parent if category.parent_id else category
    is_child = category.parent_id is not None
    return (top.sort_order, top.name, is_child, category.sort_order, category.name)


@register.filter
def tel_href(phone):
    """A `tel:` link for a phone number as people write it ("0113 496 0000 (freephone)").

    Only the number is dialled: spaces, brackets and words after it are dropped, as is the
    "(0)" some write after the country code.
    """
    number = re.split(r"[A-Za-z]", phone or "", maxsplit=1)[0].replace("(0)", "")
    digits = re.sub(r"\D", "", number)
    if not digits:
        return ""
    return f"tel:{'+' if number.strip().startswith('+') else ''}{digits}"


@register.simple_tag
def fetched(obj, field_name):
    """The field's value if the object was fetched with that column, otherwise "".

    A list of results fetches only the columns it shows; reading one it left out would cost
    a query for every result on the page, so a card shows it only once the list fetches it.
    """
    if obj is None or field_name in obj.get_deferred_fields():
        return ""
    return getattr(obj, field_name)
