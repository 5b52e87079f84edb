"""Planning the demo directory: which organisations exist and what each is like.

Every organisation is invented (see `organisations`); charity and company numbers sit in
ranges chosen not to be real (see `_identifiers`). The whole data set is planned in memory
from a fixed seed before anything is written. Each organisation's details come from its own
random stream, so adding a term to a taxonomy changes what some services are tagged with but
not which organisations exist.
"""

import random
from collections import Counter

from django.utils.text import slugify

from core.models import IncomeBand
from directory.identifiers import CharityRegulator
from directory.models import OrganisationSource, ServiceState

from .curated import curated_organisations
from .organisations import (
    APPROACHES,
    COMMISSIONED_SHARE,
    CONFIDENTIAL_SHARE,
    DRAFT_ORGANISATION_COUNT,
    DRAMA_PHONE_RANGES,
    GENERIC_NOUNS,
    INCOME_BAND_SHARES,
    LED_BY_AND_FOR_ORIGINS,
    MINIMUM_CONFIDENTIAL_SERVICES,
    NATIONAL_ORGANISATION_COUNT,
    ORGANISATION_COUNT,
    ORGANISATIONS_PER_LED_BY_AND_FOR_TERM,
    ORIGINS,
    PLACE_WORDS,
    REAL_NAME_FRAGMENTS,
    SCOTTISH_CHARITY_COUNT,
    SEED,
    SMALL_BANDS,
    SOURCE_WEIGHTS,
    THEMES,
)
from .plans import OrganisationPlan, drama_phone, postcode, region_names, street_address, weighted
from .service_planning import plan_curated_service, plan_services
from .services import CONFIDENTIAL_PRONE_CATEGORIES

# Planning --------------------------------------------------------------------------------


def build_demo_plan(vocabulary, seed=SEED):
    """Everything the demo creates, decided up front and the same on every run."""
    plan_rng = random.Random(f"{seed}:plan")
    names = _organisation_names(random.Random(f"{seed}:names"))
    indices = list(range(ORGANISATION_COUNT))
    national = set(plan_rng.sample(indices, NATIONAL_ORGANISATION_COUNT))
    drafts = set(
        plan_rng.sample([i for i in indices if i not in national], DRAFT_ORGANISATION_COUNT)
    )
    bands = _income_bands(plan_rng, indices, national)
    phones = Counter()
    titles = set()

    organisations = []
    for index in indices:
        rng = random.Random(f"{seed}:organisation:{index}")
        theme = weighted(rng, {theme: theme.weight for theme in THEMES})
        title = _organisation_title(rng, names[index], theme, titles)
        organisation = plan_organisation(
            rng,
            vocabulary,
            index,
            title,
            theme,
            bands[index],
            index in national,
            index in drafts,
            phones,
        )
        organisation.services = plan_services(rng, vocabulary, organisation, phones)
        organisations.append(organisation)

    _choose_commissioning(plan_rng, vocabulary, organisations)
    _choose_scottish_charities(plan_rng, organisations)
    _choose_led_by_and_for(plan_rng, vocabulary, organisations)
    _cover_every_term(plan_rng, vocabulary, organisations)
    _ensure_confidential_locations(plan_rng, vocabulary, organisations)
    return organisations + plan_curated(vocabulary, seed, phones, organisations)


def _organisation_names(rng):
    """The invented place word each organisation is named after; each is used at most twice."""
    words = list(PLACE_WORDS)
    rng.shuffle(words)
    return [words[index % len(words)] for index in range(ORGANISATION_COUNT)]


def _organisation_title(rng, place_word, theme, taken):
    """Place word plus a noun that fits the organisation's work: "Quillbrook Women's Centre"."""
    nouns = list(theme.nouns) if rng.random() < 0.6 else []
    generic = list(GENERIC_NOUNS)
    rng.shuffle(nouns)
    rng.shuffle(generic)
    title = next(
        f"{place_word} {noun}" for noun in nouns + generic if f"{place_word} {noun}" not in taken
    )
    lowered = title.lower()
    if any(fragment in lowered for fragment in REAL_NAME_FRAGMENTS):
        raise ValueError(f"Demo organisation name {title!r} is too close to a real one.")
    taken.add(title)
    return title


def _income_bands(rng, indices, national):
    """Each organisation's income band, in the sector's proportions; national ones are larger."""
    counts = {band: int(len(indices) * share / 100) for band, share in INCOME_BAND_SHARES.items()}
    counts[IncomeBand.FROM_10K_TO_100K] += len(indices) - sum(counts.values())
    pool = [band for band, count in counts.items() for _ in range(count)]
    rng.shuffle(pool)
    large = [band for band in pool if band not in SMALL_BANDS | {IncomeBand.FROM_10K_TO_100K}]
    bands = dict(zip(sorted(national), large, strict=False))
    for band in bands.values():
        pool.remove(band)
    bands.update(zip([i for i in indices if i not in national], pool, strict=True))
    return bands


def plan_organisation(
    rng, vocabulary, index, title, theme, income_band, is_national, is_draft, phones
):
    regions = [] if is_national else _choose_regions(rng, vocabulary.regions)
    home_region = regions[0] if regions else rng.choice(vocabulary.regions)
    town = rng.choice(vocabulary.towns[home_region.pk])
    source = OrganisationSource.SELF_LISTED if is_draft else weighted(rng, SOURCE_WEIGHTS)

    organisation = OrganisationPlan(
        index=index,
        title=title,
        slug="",
        theme=theme,
        summary="",
        website="",
        email="",
        phone=drama_phone(phones, DRAMA_PHONE_RANGES.get(home_region.slug)),
        address=f"{street_address(rng)}\n{town}",
        postcode=postcode(rng, town, home_region),
        home_region=home_region,
        is_national=is_national,
        regions=regions,
        income_band=income_band,
        source=source,
        is_draft=is_draft,
        founded=rng.randint(1978, 2022),
        origin=rng.choice(ORIGINS),
        approach=rng.choice(APPROACHES),
        confirmed_days_ago=_confirmed_days_ago(rng, source),
    )
    _identifiers(rng, organisation)
    organisation.slug = slugify(organisation.title)
    organisation.website = f"https://{organisation.domain}"
    organisation.email = (
        f"{rng.choice(['hello', 'info', 'contact', 'admin'])}@{organisation.domain}"
    )
    area = "England and Wales" if is_national else region_names(regions)
    organisation.summary = theme.summary.format(area=area)
    return organisation


def _identifiers(rng, organisation):
    """Charity and company numbers in ranges that are valid in form but not real.

    England and Wales: 9000001 upwards (7 digits starting with 9). Companies: 99000001
    upwards. Scotland (chosen later): SC09 followed by 4 digits. Numbers follow the
    organisation's position in the plan, so they are unique.
    """
    number = organisation.index + 1
    unregistered_chance = 0.4 if organisation.income_band in SMALL_BANDS else 0.03
    roll = rng.random()
    if roll < unregistered_chance:
        return
    if roll < unregistered_chance + 0.06 and not organisation.is_national:
        # A community interest company: a company number but no charity number.
        organisation.title = f"{organisation.title} CIC"
        organisation.company_number = f"99{number:06d}"
        return
    organisation.charity_regulator = CharityRegulator.ENGLAND_AND_WALES
    organisation.charity_number = str(9_000_000 + number)
    charitable_company_chance = 0.2 if organisation.income_band in SMALL_BANDS else 0.55
    if rng.random() < charitable_company_chance:
        organisation.company_number = f"99{number:06d}"


def _choose_regions(rng, regions):
    count = weighted(rng, {1: 55, 2: 30, 3: 15})
    start = rng.randrange(len(regions))
    if rng.random() < 0.7:
        # Most multi-region organisations work in neighbouring regions.
        chosen = [regions[(start + offset) % len(regions)] for offset in range(count)]
    else:
        chosen = rng.sample(regions, count)
    return sorted(chosen, key=regions.index)


def _choose_commissioning(rng, vocabulary, organisations):
    """About 30% hold a contract, grant or framework place; larger ones more often."""
    if not vocabulary.commissioning:
        return
    head_start = {IncomeBand.UNDER_10K: 0, IncomeBand.FROM_10K_TO_100K: 0.3}

    def likelihood(organisation):
        return rng.random() + head_start.get(organisation.income_band, 0.7)

    ranked = sorted(organisations, key=lambda organisation: -likelihood(organisation))
    for organisation in ranked[: round(len(organisations) * COMMISSIONED_SHARE)]:
        count = 2 if rng.random() < 0.15 and len(vocabulary.commissioning) > 1 else 1
        organisation.commissioning = sorted(
            rng.sample(vocabulary.commissioning, count), key=vocabulary.commissioning.index
        )


def _confirmed_days_ago(rng, source):
    if source == OrganisationSource.SELF_LISTED:
        return rng.randint(2, 300)
    if source == OrganisationSource.STAFF:
        return rng.randint(20, 420)
    return rng.randint(120, 540)


def _choose_scottish_charities(rng, organisations):
    """A few cross-border charities are registered in Scotland: SC09 and 4 digits."""
    candidates = [
        organisation
        for organisation in organisations
        if organisation.charity_regulator == CharityRegulator.ENGLAND_AND_WALES
    ]
    for organisation in rng.sample(candidates, min(SCOTTISH_CHARITY_COUNT, len(candidates))):
        organisation.charity_regulator = CharityRegulator.SCOTLAND
        organisation.charity_number = f"SC09{organisation.index + 1:04d}"


def _choose_led_by_and_for(rng, vocabulary, organisations):
    """A few organisations led by and for each community, preferring ones whose work fits."""
    fitting_themes = {
        "women": {"womens-services", "domestic-abuse-sexual-violence"},
        "lived-experience": {"mentoring-peer-support", "dependency-recovery"},
    }
    for term in vocabulary.led_by_and_for:
        themes = fitting_themes.get(term.slug, set())
        fitting = [o for o in organisations if o.theme.category in themes]
        others = [o for o in organisations if o.theme.category not in themes]
        rng.shuffle(fitting)
        rng.shuffle(others)
        for organisation in (fitting + others)[:ORGANISATIONS_PER_LED_BY_AND_FOR_TERM]:
            organisation.led_by_and_for.append(term)
            organisation.origin = LED_BY_AND_FOR_ORIGINS.get(term.slug, organisation.origin)
    for organisation in organisations:
        organisation.led_by_and_for.sort(key=vocabulary.led_by_and_for.index)


def _visible_services(organisations):
    """Services a visitor will see: under published organisations, and open."""
    return [
        service
        for organisation in organisations
        if not organisation.is_draft
        for service in organisation.services
        if service.status == ServiceState.ACTIVE
    ]


def _cover_every_term(rng, vocabulary, organisations):
    """Every category, subcategory, client group and stage is used by a visible service."""
    services = _visible_services(organisations)

    def used(attribute):
        return {term.pk for service in services for term in getattr(service, attribute)}

    for top in vocabulary.top_categories:
        for subcategory in vocabulary.subcategories.get(top.pk, []):
            if subcategory.pk in used("categories"):
                continue
            # Prefer a service already working in the same area of need.
            same_area = [s for s in services if top.slug in s.top_category_slugs]
            rng.choice(same_area or services).categories.append(subcategory)
        if top.pk not in used("categories"):
            with_child = [s for s in services if any(c.parent_id == top.pk for c in s.categories)]
            rng.choice(with_child or services).categories.append(top)

    for attribute, terms in [
        ("client_groups", vocabulary.client_groups),
        ("stages", vocabulary.stages),
    ]:
        for term in terms:
            if term.pk not in used(attribute):
                service = rng.choice(services)
                getattr(service, attribute).append(term)
                getattr(service, attribute).sort(key=terms.index)


def _ensure_confidential_locations(rng, vocabulary, organisations):
    """About one in ten women's and domestic-abuse services keeps its address secret."""
    prone = [
        service
        for organisation in organisations
        for service in organisation.services
        if service.top_category_slugs & CONFIDENTIAL_PRONE_CATEGORIES
    ]
    wanted = max(MINIMUM_CONFIDENTIAL_SERVICES, round(len(prone) * CONFIDENTIAL_SHARE))
    visible = set(map(id, _visible_services(organisations)))
    # Visible services first, so the demo shows a confidential address being withheld.
    shown = [service for service in prone if id(service) in visible]
    hidden = [service for service in prone if id(service) not in visible]
    rng.shuffle(shown)
    for service in (shown + hidden)[:wanted]:
        location = service.locations[0]
        location.is_confidential = True
        location.name = "Refuge" if "Refuge" in service.title else ""


def plan_curated(vocabulary, seed, phones, generated):
    """The hand-written organisations (`curated.toml`), after the generated ones: their
    words and tags as written, the rest planned alike, each from its own random stream."""
    themes = {theme.category: theme for theme in THEMES}
    regions = {region.slug: region for region in vocabulary.regions}
    towns = {town: region for region in vocabulary.regions for town in vocabulary.towns[region.pk]}
    led_by = {term.slug: term for term in vocabulary.led_by_and_for}
    taken = {organisation.slug for organisation in generated}
    organisations = []
    for index, spec in enumerate(curated_organisations(), start=len(generated)):
        if any(fragment in spec.title.lower() for fragment in REAL_NAME_FRAGMENTS):
            raise ValueError(f"Demo organisation name {spec.title!r} is too close to a real one.")
        rng = random.Random(f"{seed}:curated:{index}")
        home = towns[spec.town]
        theme = themes[spec.theme]
        is_national = not spec.regions
        organisation = plan_organisation(
            rng, vocabulary, index, spec.title, theme, spec.income_band, is_national, False, phones
        )
        organisation.regions = [regions[slug] for slug in spec.regions]
        if organisation.regions and home not in organisation.regions:
            raise ValueError(f"{spec.title!r} has its office outside its regions.")
        organisation.home_region = home
        organisation.address = f"{street_address(rng)}\n{spec.town}"
        organisation.postcode = postcode(rng, spec.town, home)
        organisation.phone = drama_phone(phones, DRAMA_PHONE_RANGES.get(home.slug))
        organisation.summary = spec.summary
        organisation.led_by_and_for = [led_by[slug] for slug in spec.led_by_and_for]
        if spec.led_by_and_for:
            organisation.origin = LED_BY_AND_FOR_ORIGINS[spec.led_by_and_for[0]]
        if organisation.slug in taken:
            raise ValueError(f"Demo organisation slug {organisation.slug!r} is taken.")
        taken.add(organisation.slug)
        organisation.services = [
            plan_curated_service(rng, vocabulary, organisation, service, towns, phones)
            for service in spec.services
        ]
        organisations.append(organisation)
    return organisations
