"""Pipeline alerts: what a subscription matches, and saving people's choices.

An opportunity matches a subscription when it matches each of its three choices, an empty
choice matching anything:
- regions: the opportunity covers one of them, or is national;
- categories (areas of support): one of the opportunity's categories is one of them, or a
  kind of support within one of them;
- kinds: the opportunity is one of those kinds.
Terms are compared by translation key, so a Welsh page's terms match as the English ones."""

from django.db import transaction

from core.models import Region, ServiceCategory
from directory.permissions import organisations_acting_for
from pipeline.models import AlertSubscription, OpportunityKind


def alerts_of(user):
    """The person's alerts, oldest first, with their choices: four queries."""
    return list(
        AlertSubscription.objects.filter(user=user)
        .select_related("organisation")
        .prefetch_related("regions", "categories")
        .order_by("created_at", "pk")
    )


def alert_of(user, alert_id):
    """One of the person's own alerts, or None."""
    return AlertSubscription.objects.filter(user=user, pk=alert_id).first()


def kind_labels(kinds):
    chosen = set(kinds or [])
    return [kind.label for kind in OpportunityKind if kind.value in chosen]


def may_alert_for(user, organisation):
    return (
        organisation is None or organisations_acting_for(user).filter(pk=organisation.pk).exists()
    )


@transaction.atomic
def save_alert(user, data, alert=None):
    """Create (alert None) or change the person's alert from a form's cleaned data."""
    alert = alert or AlertSubscription(user=user)
    alert.organisation = data.get("organisation")
    alert.kinds = list(data.get("kinds") or [])
    alert.save()
    alert.regions.set(data.get("regions") or [])
    alert.categories.set(data.get("categories") or [])
    return alert


def delete_alert(user_id, alert_id):
    """Delete the person's alert (or, from an unsubscribe link, the named one). Deleting
    twice changes nothing."""
    deleted, _by_model = AlertSubscription.objects.filter(user_id=user_id, pk=alert_id).delete()
    return bool(deleted)


# Matching


class Wanted:
    """A subscription's choices as sets of translation keys (regions, categories) and kind
    values, read once from prefetched relations."""

    def __init__(self, subscription):
        self.regions = {region.translation_key for region in subscription.regions.all()}
        self.categories = {category.translation_key for category in subscription.categories.all()}
        self.kinds = set(subscription.kinds or [])


def opportunity_terms(opportunity):
    """(region keys, category keys incl. their areas') of an opportunity whose regions and
    categories (with parents) are prefetched."""
    regions = {region.translation_key for region in opportunity.regions.all()}
    categories = set()
    for category in opportunity.categories.all():
        categories.add(category.translation_key)
        if category.parent is not None:
            categories.add(category.parent.translation_key)
    return regions, categories


def matches(wanted, opportunity, terms):
    regions, categories = terms
    if wanted.kinds and opportunity.kind not in wanted.kinds:
        return False
    if wanted.regions and not opportunity.is_national and not wanted.regions & regions:
        return False
    return not (wanted.categories and not wanted.categories & categories)


def region_choices():
    return Region.objects.in_default_locale()


def area_choices():
    """Top-level categories (areas of support): choosing one covers every kind within it."""
    return ServiceCategory.objects.in_default_locale().filter(parent__isnull=True)
