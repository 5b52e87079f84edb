"""Planning an organisation's services: what they do, for whom, where, and how to get in."""

from django.utils.text import slugify

from directory.models import CapacityStatus, ReferralMethod, ServiceState

from .organisations import DRAMA_MOBILE_RANGE, MEDIUM_BANDS, SMALL_BANDS
from .plans import (
    LocationPlan,
    ServicePlan,
    drama_phone,
    escape,
    list_names,
    lower_first,
    postcode,
    region_names,
    street_address,
    unique_slug,
    weighted,
)
from .services import (
    COMMUNITY_LANGUAGES,
    COSTS,
    EXCLUSIONS,
    LOCATION_ACCESSIBILITY,
    PAUSED_NOTES,
    SERVICE_TEMPLATES,
    STAGE_OF_KIND,
    WAITING_LIST_NOTES,
)


def plan_services(rng, vocabulary, organisation, phones, count=None):
    """The organisation's services, the first in its main area of work. Unless `count` says
    how many, small organisations run one or two and large ones up to four."""
    if count is None:
        count = _service_count(rng, organisation.income_band)
    theme_category = vocabulary.categories_by_slug.get(organisation.theme.category)
    if theme_category is None:
        theme_category = rng.choice(vocabulary.top_categories)
    related = [
        vocabulary.categories_by_slug[slug]
        for slug in organisation.theme.related
        if slug in vocabulary.categories_by_slug
    ] or vocabulary.top_categories

    services = []
    used_subcategories = set()
    for position in range(count):
        top = theme_category if position == 0 or rng.random() < 0.5 else rng.choice(related)
        children = vocabulary.subcategories.get(top.pk) or [top]
        children = [c for c in children if c.slug not in organisation.theme.avoid] or children
        fresh = [child for child in children if child.pk not in used_subcategories] or children
        subcategory = rng.choice(fresh)
        used_subcategories.add(subcategory.pk)
        theme_groups = organisation.theme.groups if top.pk == theme_category.pk else ()
        service = plan_service(
            rng, vocabulary, organisation, top, subcategory, theme_groups, phones
        )
        service.slug = unique_slug(service.slug, {other.slug for other in services})
        services.append(service)
    return services


def _service_count(rng, income_band):
    if income_band in SMALL_BANDS:
        return weighted(rng, {1: 55, 2: 45})
    if income_band in MEDIUM_BANDS:
        return weighted(rng, {1: 15, 2: 45, 3: 40})
    return weighted(rng, {2: 30, 3: 40, 4: 30})


def plan_service(rng, vocabulary, organisation, top, subcategory, theme_groups, phones):
    """One service under `subcategory` (of the top-level category `top`).

    Each step draws from `rng` in turn, so the order of the steps is part of the demo data:
    reordering them changes every service after the first.
    """
    names, detail, group_slugs = _template(subcategory)
    categories = _categories(rng, top, subcategory)
    groups = _client_groups(rng, vocabulary, (*group_slugs, *theme_groups))
    stages = _stages(rng, vocabulary.stages, STAGE_OF_KIND.get(subcategory.slug))
    is_national, regions = _service_coverage(rng, organisation)
    location_regions = regions or [organisation.home_region]
    locations = _locations(rng, vocabulary, location_regions)
    title = _service_title(rng, names, locations[0].area)
    in_person, online, by_phone = _delivery(rng)
    referral_method = weighted(
        rng, {ReferralMethod.BOTH: 50, ReferralMethod.PROFESSIONAL: 30, ReferralMethod.SELF: 20}
    )
    service_slug = slugify(title)
    email, phone = _service_contact(rng, organisation, phones)
    status = ServiceState.TEMPORARILY_CLOSED if rng.random() < 0.03 else ServiceState.ACTIVE
    capacity, capacity_note = _capacity(rng, status)

    return ServicePlan(
        title=title,
        slug=service_slug,
        description=_service_description(
            rng, detail, locations[0].area, in_person, online, by_phone
        ),
        categories=categories,
        client_groups=groups,
        stages=list(stages),
        is_national=is_national,
        regions=regions,
        eligibility=_eligibility(rng, vocabulary, groups, stages, is_national, regions),
        referral_method=referral_method,
        referral_details=_referral_details(
            rng, referral_method, email or organisation.email, phone or organisation.phone
        ),
        cost=weighted(rng, dict(COSTS)),
        languages=_languages(rng, location_regions, groups),
        delivered_in_person=in_person,
        delivered_online=online,
        delivered_by_phone=by_phone,
        email=email,
        phone=phone,
        url=f"https://{organisation.domain}/{service_slug}" if rng.random() < 0.5 else "",
        status=status,
        locations=locations,
        capacity=capacity,
        capacity_note=capacity_note,
        confirmed_days_ago=max(0, min(540, organisation.confirmed_days_ago + rng.randint(-60, 60))),
    )


def _template(subcategory):
    """Names the service might have, what it does, and the client groups it suits."""
    return SERVICE_TEMPLATES.get(
        subcategory.slug,
        (
            (subcategory.name,),
            f"{subcategory.name} for people in contact with the justice system.",
            (),
        ),
    )


def _categories(rng, top, subcategory):
    categories = [subcategory]
    if subcategory.pk != top.pk and rng.random() < 0.3:
        categories.append(top)
    return categories


def _client_groups(rng, vocabulary, suggested_slugs):
    """Most of the groups the service's kind suits, and sometimes a group or two more."""
    groups = {
        vocabulary.client_groups_by_slug[slug]
        for slug in suggested_slugs
        if slug in vocabulary.client_groups_by_slug and rng.random() < 0.7
    }
    for _ in range(weighted(rng, {0: 50, 1: 35, 2: 15})):
        groups.add(rng.choice(vocabulary.client_groups))
    return sorted(groups, key=vocabulary.client_groups.index)


def _stages(rng, stages, required=None):
    """A run of neighbouring stages of the justice system, or all of them, including the
    stage the kind of service is defined by (a meet-at-the-gate service works before
    release, whatever else it does)."""
    chosen = stages
    if stages:
        length = weighted(rng, {1: 30, 2: 40, 3: 20, len(stages): 10})
        start = rng.randrange(max(1, len(stages) - length + 1))
        chosen = stages[start : start + length]
    if required and required not in {stage.slug for stage in chosen}:
        chosen = [stage for stage in stages if stage in chosen or stage.slug == required]
    return chosen


def _locations(rng, vocabulary, regions):
    """One or two bases, in a town of each of the first regions."""
    locations = []
    for region in regions[: rng.randint(1, 2)]:
        town = rng.choice(vocabulary.towns[region.pk])
        locations.append(
            LocationPlan(
                name=f"{town} base" if rng.random() < 0.5 else "",
                area=town,
                address=street_address(rng),
                postcode=postcode(rng, town, region),
                accessibility=rng.choice(LOCATION_ACCESSIBILITY),
            )
        )
    return locations


def _service_title(rng, names, area):
    title = rng.choice(names)
    if rng.random() < 0.2:
        title = f"{title} in {area}"
    return title


def _delivery(rng):
    """In person, online, by phone: at least one of them."""
    in_person = rng.random() < 0.85
    online = rng.random() < 0.35
    by_phone = rng.random() < 0.45 or not (in_person or online)
    return in_person, online, by_phone


def _service_contact(rng, organisation, phones):
    """The service's own email and mobile, when it has them (else the organisation's apply)."""
    email = (
        f"{rng.choice(['referrals', 'support', 'team'])}@{organisation.domain}"
        if rng.random() < 0.45
        else ""
    )
    phone = drama_phone(phones, DRAMA_MOBILE_RANGE) if rng.random() < 0.3 else ""
    return email, phone


def _service_coverage(rng, organisation):
    """A new service starts with its organisation's coverage; sometimes it is narrower."""
    if rng.random() < 0.75:
        return organisation.is_national, list(organisation.regions)
    if organisation.is_national:
        return False, [organisation.home_region]
    if len(organisation.regions) > 1:
        count = rng.randint(1, len(organisation.regions) - 1)
        chosen = rng.sample(organisation.regions, count)
        return False, sorted(chosen, key=organisation.regions.index)
    return False, list(organisation.regions)


def _service_description(rng, detail, area, in_person, online, by_phone):
    ways = []
    if in_person:
        ways.append(f"in person in {area}")
    if online:
        ways.append("online")
    if by_phone:
        ways.append("by phone")
    how = f"We work with people {list_names(ways)}."
    extra = rng.choice(
        [
            "Sessions are friendly and informal, and you can bring someone with you.",
            "Each person agrees a plan with their worker and reviews it together every month.",
            "We keep in touch after support ends, for as long as people want us to.",
            "",
        ]
    )
    return f"<p>{escape(detail)}</p><p>{escape(how)} {escape(extra)}</p>".replace(" </p>", "</p>")


def _eligibility(rng, vocabulary, groups, stages, is_national, regions):
    group_slugs = {group.slug for group in groups}
    if "women" in group_slugs:
        who = "Women aged 18 and over"
    elif "young-adults" in group_slugs:
        who = "Young adults aged 18 to 25"
    elif "children-young-people" in group_slugs:
        who = "Children and young people aged 10 to 17"
    else:
        who = "Adults aged 18 and over"
    where = "anywhere in England and Wales" if is_national else f"in {region_names(regions)}"
    sentences = [f"{who} {where}."]
    if stages and len(stages) < len(vocabulary.stages):
        stage_names = [lower_first(stage.name) for stage in stages]
        sentences.append(f"We work with people at these stages: {'; '.join(stage_names)}.")
    exclusion = rng.choice(EXCLUSIONS)
    if exclusion:
        sentences.append(exclusion)
    return " ".join(sentences)


def _referral_details(rng, method, email, phone):
    days = rng.choice([2, 3, 5])
    if method == ReferralMethod.SELF:
        return f"Call us on {phone} or drop in during opening hours. You do not need a referral."
    if method == ReferralMethod.PROFESSIONAL:
        return (
            "Probation practitioners, prison staff and other professionals can email a referral "
            f"form to {email}, including any risk information. We reply within {days} working "
            "days."
        )
    return (
        f"Anyone can refer, including the person themselves. Email {email} or call {phone}, "
        f"and we will arrange a first conversation within {days} working days."
    )


def _languages(rng, regions, groups):
    languages = ["English"]
    slugs = {region.slug for region in regions}
    if "wales" in slugs and rng.random() < 0.7:
        languages.append("Welsh")
    community_chance = 0.6 if any(group.slug == "foreign-nationals" for group in groups) else 0.15
    if rng.random() < community_chance:
        languages += rng.sample(COMMUNITY_LANGUAGES, rng.randint(1, 2))
    if rng.random() < 0.05:
        languages.append("British Sign Language")
    return ", ".join(languages)


def _capacity(rng, status):
    if status == ServiceState.TEMPORARILY_CLOSED:
        return CapacityStatus.PAUSED, "Closed for now while we move to new premises."
    capacity = weighted(
        rng,
        {CapacityStatus.ACCEPTING: 75, CapacityStatus.WAITING_LIST: 17, CapacityStatus.PAUSED: 8},
    )
    if capacity == CapacityStatus.WAITING_LIST:
        return capacity, rng.choice(WAITING_LIST_NOTES).format(weeks=rng.randint(2, 12))
    if capacity == CapacityStatus.PAUSED:
        return capacity, rng.choice(PAUSED_NOTES)
    return capacity, ""


def plan_curated_service(rng, vocabulary, organisation, spec, town_regions, phones):
    """A hand-written service (`curated.toml`): its name, words and tags as written, the
    rest (contact, referral route, cost, capacity) planned like a generated service's. It
    works across its organisation's regions, from its town."""
    categories = [vocabulary.categories_by_slug[slug] for slug in spec.categories]
    main = categories[0]
    top = next((c for c in vocabulary.top_categories if c.pk == main.parent_id), main)
    service = plan_service(rng, vocabulary, organisation, top, main, (), phones)
    region = town_regions[spec.town]
    if organisation.regions and region not in organisation.regions:
        raise ValueError(f"{spec.title!r} is based in {spec.town}, outside its regions.")
    stages = {stage.slug: stage for stage in vocabulary.stages}
    groups = [vocabulary.client_groups_by_slug[slug] for slug in spec.groups]
    service.title = spec.title
    service.slug = slugify(spec.title)
    service.categories = categories
    service.client_groups = sorted(groups, key=vocabulary.client_groups.index)
    service.stages = sorted((stages[slug] for slug in spec.stages), key=vocabulary.stages.index)
    service.is_national = organisation.is_national
    service.regions = list(organisation.regions)
    service.delivered_in_person = service.delivered_in_person or spec.confidential
    service.delivered_online = service.delivered_online or spec.online
    service.description = _service_description(
        rng,
        spec.detail,
        spec.town,
        service.delivered_in_person,
        service.delivered_online,
        service.delivered_by_phone,
    )
    service.eligibility = _eligibility(
        rng, vocabulary, service.client_groups, service.stages, service.is_national, service.regions
    )
    service.languages = _languages(rng, [region], service.client_groups)
    service.url = f"https://{organisation.domain}/{service.slug}" if service.url else ""
    service.locations = [
        LocationPlan(
            name="Refuge" if spec.confidential else "",
            area=spec.town,
            address=street_address(rng),
            postcode=postcode(rng, spec.town, region),
            accessibility=rng.choice(LOCATION_ACCESSIBILITY),
            is_confidential=spec.confidential,
        )
    ]
    # Written here to be found: open, whatever the generated status said.
    service.status = ServiceState.ACTIVE
    service.capacity, service.capacity_note = _capacity(rng, ServiceState.ACTIVE)
    return service
