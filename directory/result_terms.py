"""What a page of results shows of each service's links: its types of support, the regions
it covers and the areas of its locations, read as plain rows (three short queries a page).

Prefetching them built a related manager per service and a model object per category,
parent, region and location: about half of loading a page of results, the biggest part of
an engine search's time (profiled at 10,000 organisations)."""

from collections import defaultdict
from dataclasses import dataclass

from core.models import Region
from directory.models import ServiceLocation, ServicePage


@dataclass(frozen=True)
class ResultCategory:
    """A category as a result card reads it (search.templatetags.result_cards)."""

    pk: int
    name: str
    sort_order: int
    parent_id: int | None
    parent: "ResultCategory | None"


def attach_result_terms(services):
    """Give each service `result_categories`, `result_regions` (names, in the regions'
    order) and `result_areas` (its locations' areas, in their order)."""
    pks = [service.pk for service in services]
    categories = _categories(pks)
    regions = _region_names(pks)
    areas = defaultdict(list)
    locations = ServiceLocation.objects.filter(service_id__in=pks).order_by("sort_order", "pk")
    for service_pk, area in locations.values_list("service_id", "area"):
        areas[service_pk].append(area)
    for service in services:
        service.result_categories = categories[service.pk]
        service.result_regions = regions[service.pk]
        service.result_areas = areas[service.pk]


def _categories(pks):
    links = ServicePage.categories.through.objects.filter(servicepage_id__in=pks)
    rows = links.values_list(
        "servicepage_id",
        "servicecategory_id",
        "servicecategory__name",
        "servicecategory__sort_order",
        "servicecategory__parent_id",
        "servicecategory__parent__name",
        "servicecategory__parent__sort_order",
    )
    found = defaultdict(list)
    for service_pk, pk, name, order, parent_pk, parent_name, parent_order in rows:
        parent = (
            ResultCategory(parent_pk, parent_name, parent_order, None, None) if parent_pk else None
        )
        found[service_pk].append(ResultCategory(pk, name, order, parent_pk, parent))
    return found


def _region_names(pks):
    """{service pk: [region names]} in the regions' own order."""
    order = [f"region__{field}" for field in Region._meta.ordering]
    rows = (
        ServicePage.regions.through.objects.filter(servicepage_id__in=pks)
        .order_by(*order, "region_id")
        .values_list("servicepage_id", "region__name")
    )
    names = defaultdict(list)
    for service_pk, name in rows:
        names[service_pk].append(name)
    return names
