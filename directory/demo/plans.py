"""What the demo decides before writing anything: the vocabulary it tags with, the plans of
organisations, services and locations, and the small helpers the planners share."""

import html
from dataclasses import dataclass, field

from core.models import (
    ClientGroup,
    CommissioningRelationship,
    JusticeStage,
    LedByAndFor,
    Place,
    Region,
    ServiceCategory,
)
from directory.models import OrganisationSource

from .organisations import (
    BUILDINGS,
    DRAMA_PHONE_FALLBACK,
    POSTCODE_AREAS,
    POSTCODE_LETTERS,
    REGION_POSTCODE_AREAS,
    STREETS,
    Theme,
)


@dataclass
class Vocabulary:
    """The taxonomy terms the demo tags things with, in a stable order."""

    regions: list
    towns: dict  # region id -> town names in that region
    top_categories: list
    subcategories: dict  # top-level category id -> its subcategories
    categories_by_slug: dict
    client_groups: list
    client_groups_by_slug: dict
    stages: list
    led_by_and_for: list
    commissioning: list

    @classmethod
    def load(cls):
        def terms(model):
            return list(model.objects.in_default_locale().order_by("sort_order", "slug"))

        regions = terms(Region)
        categories = terms(ServiceCategory)
        top = [category for category in categories if category.parent_id is None]
        subcategories = {
            parent.pk: [category for category in categories if category.parent_id == parent.pk]
            for parent in top
        }
        towns = {}
        for region in regions:
            police_areas = set(region.police_force_area_list)
            names = (
                Place.objects.filter(region=region, locale_id=region.locale_id)
                .order_by("name")
                .values_list("name", flat=True)
            )
            towns[region.pk] = [name for name in names if name not in police_areas] or [region.name]
        client_groups = terms(ClientGroup)
        return cls(
            regions=regions,
            towns=towns,
            top_categories=top,
            subcategories=subcategories,
            categories_by_slug={category.slug: category for category in categories},
            client_groups=client_groups,
            client_groups_by_slug={group.slug: group for group in client_groups},
            stages=terms(JusticeStage),
            led_by_and_for=terms(LedByAndFor),
            commissioning=terms(CommissioningRelationship),
        )


@dataclass
class LocationPlan:
    name: str
    area: str
    address: str
    postcode: str
    accessibility: str
    is_confidential: bool = False


@dataclass
class ServicePlan:
    title: str
    slug: str
    description: str
    categories: list
    client_groups: list
    stages: list
    is_national: bool
    regions: list
    eligibility: str
    referral_method: str
    referral_details: str
    cost: str
    languages: str
    delivered_in_person: bool
    delivered_online: bool
    delivered_by_phone: bool
    email: str
    phone: str
    url: str
    status: str
    locations: list
    capacity: str
    capacity_note: str
    confirmed_days_ago: int

    @property
    def top_category_slugs(self):
        return {
            category.parent.slug if category.parent_id else category.slug
            for category in self.categories
        }


@dataclass
class OrganisationPlan:
    index: int
    title: str
    slug: str
    theme: Theme
    summary: str
    website: str
    email: str
    phone: str
    address: str
    postcode: str
    home_region: Region
    is_national: bool
    regions: list
    income_band: str
    source: str
    charity_regulator: str = ""
    charity_number: str = ""
    company_number: str = ""
    led_by_and_for: list = field(default_factory=list)
    commissioning: list = field(default_factory=list)
    is_draft: bool = False
    founded: int = 2000
    origin: str = ""
    approach: str = ""
    confirmed_days_ago: int = 0
    services: list = field(default_factory=list)

    @property
    def domain(self):
        return f"{self.slug}.example.org"

    @property
    def description(self):
        paragraphs = [
            f"{escape(self.title)} was set up in {self.founded} {self.origin}. {self.theme.about}",
        ]
        if self.source != OrganisationSource.IMPORTED:
            paragraphs.append(self.approach)
        text = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
        if len(self.services) > 1:
            items = "".join(f"<li>{escape(service.title)}</li>" for service in self.services)
            text += f"<p>What we offer:</p><ul>{items}</ul>"
        return text


def weighted(rng, weights):
    options = list(weights)
    return rng.choices(options, weights=[weights[option] for option in options])[0]


def list_names(items):
    names = [str(item) for item in items]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def escape(text):
    """Text for rich text: markup escaped, apostrophes left readable."""
    return html.escape(text, quote=False)


def region_names(regions):
    """ "the North West and London": compass-point regions read better with "the"."""
    compass = ("North ", "South ", "East ", "West ")
    return list_names(
        f"the {region.name}" if region.name.startswith(compass) else region.name
        for region in regions
    )


def lower_first(text):
    return text[:1].lower() + text[1:]


def unique_slug(slug, taken):
    candidate, suffix = slug, 1
    while candidate in taken:
        suffix += 1
        candidate = f"{slug}-{suffix}"
    return candidate


def street_address(rng):
    street = f"{rng.randint(1, 180)} {rng.choice(STREETS)}"
    if rng.random() < 0.35:
        return f"Unit {rng.randint(1, 12)}, {rng.choice(BUILDINGS)}\n{street}"
    return street


def postcode(rng, town, region):
    area = POSTCODE_AREAS.get(town) or REGION_POSTCODE_AREAS.get(region.slug, "ZZ")
    letters = "".join(rng.choice(POSTCODE_LETTERS) for _ in range(2))
    return f"{area}{rng.randint(1, 15)} {rng.randint(1, 9)}{letters}"


def drama_phone(counters, pattern):
    pattern = pattern or DRAMA_PHONE_FALLBACK
    number = counters[pattern] % 1000
    counters[pattern] += 1
    return pattern.format(number)
