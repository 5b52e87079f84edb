"""The sector's vocabularies are seeded exactly as the reference gives them.

The literal data below is the specification (../shared/reference/vocabularies.md); the
migration is checked against it, not against itself.
"""

import importlib
import uuid

from django.core.exceptions import ValidationError

import pytest

from core.models import (
    ClientGroup,
    CommissioningRelationship,
    JusticeStage,
    LedByAndFor,
    Place,
    Region,
    ServiceCategory,
)

pytestmark = pytest.mark.django_db

seed_migration = importlib.import_module("core.migrations.0002_seed_vocabularies")

REGIONS = [
    ("North East", "north-east", ["Northumbria", "Durham", "Cleveland"]),
    ("North West", "north-west", ["Cumbria", "Lancashire", "Merseyside", "Cheshire"]),
    ("Greater Manchester", "greater-manchester", ["Greater Manchester"]),
    (
        "Yorkshire and the Humber",
        "yorkshire-and-the-humber",
        ["North Yorkshire", "West Yorkshire", "South Yorkshire", "Humberside"],
    ),
    (
        "East Midlands",
        "east-midlands",
        ["Derbyshire", "Nottinghamshire", "Leicestershire", "Lincolnshire", "Northamptonshire"],
    ),
    (
        "West Midlands",
        "west-midlands",
        ["West Midlands", "Staffordshire", "Warwickshire", "West Mercia"],
    ),
    (
        "East of England",
        "east-of-england",
        ["Norfolk", "Suffolk", "Cambridgeshire", "Essex", "Hertfordshire", "Bedfordshire"],
    ),
    ("London", "london", ["Metropolitan", "City of London"]),
    ("Kent, Surrey and Sussex", "kent-surrey-and-sussex", ["Kent", "Surrey", "Sussex"]),
    ("South Central", "south-central", ["Thames Valley", "Hampshire and Isle of Wight"]),
    (
        "South West",
        "south-west",
        ["Avon and Somerset", "Devon and Cornwall", "Dorset", "Gloucestershire", "Wiltshire"],
    ),
    ("Wales", "wales", ["Dyfed-Powys", "Gwent", "North Wales", "South Wales"]),
]

TOWNS = {
    "north-east": [
        "Newcastle upon Tyne", "Gateshead", "Sunderland", "South Shields", "Darlington",
        "Hartlepool", "Middlesbrough", "Stockton-on-Tees", "Northumberland",
    ],
    "north-west": [
        "Liverpool", "Birkenhead", "Wirral", "St Helens", "Preston", "Blackpool", "Blackburn",
        "Burnley", "Lancaster", "Carlisle", "Barrow-in-Furness", "Chester", "Warrington",
        "Crewe",
    ],
    "greater-manchester": [
        "Manchester", "Salford", "Bolton", "Bury", "Oldham", "Rochdale", "Stockport",
        "Tameside", "Trafford", "Wigan",
    ],
    "yorkshire-and-the-humber": [
        "Leeds", "Bradford", "Wakefield", "Huddersfield", "Halifax", "Sheffield", "Rotherham",
        "Barnsley", "Doncaster", "York", "Harrogate", "Scarborough", "Hull", "Grimsby",
        "Scunthorpe",
    ],
    "east-midlands": [
        "Nottingham", "Mansfield", "Derby", "Chesterfield", "Leicester", "Loughborough",
        "Lincoln", "Boston", "Grantham", "Northampton", "Kettering", "Corby",
    ],
    "west-midlands": [
        "Birmingham", "Coventry", "Wolverhampton", "Walsall", "Dudley", "West Bromwich",
        "Solihull", "Stoke-on-Trent", "Stafford", "Worcester", "Hereford", "Shrewsbury",
        "Telford", "Warwick", "Nuneaton",
    ],
    "east-of-england": [
        "Norwich", "Great Yarmouth", "King's Lynn", "Ipswich", "Cambridge", "Peterborough",
        "Chelmsford", "Colchester", "Southend-on-Sea", "Basildon", "Luton", "Bedford",
        "Watford", "St Albans", "Stevenage",
    ],
    "london": [
        "London", "Westminster", "Camden", "Islington", "Hackney", "Tower Hamlets", "Newham",
        "Southwark", "Lambeth", "Croydon", "Brent", "Ealing",
    ],
    "kent-surrey-and-sussex": [
        "Maidstone", "Canterbury", "Medway", "Chatham", "Dover", "Folkestone", "Margate",
        "Brighton", "Hove", "Crawley", "Eastbourne", "Hastings", "Worthing", "Chichester",
        "Guildford", "Woking",
    ],
    "south-central": [
        "Oxford", "Banbury", "Reading", "Slough", "Milton Keynes", "High Wycombe", "Aylesbury",
        "Southampton", "Portsmouth", "Winchester", "Basingstoke", "Isle of Wight",
    ],
    "south-west": [
        "Bristol", "Bath", "Weston-super-Mare", "Taunton", "Yeovil", "Plymouth", "Exeter",
        "Torquay", "Barnstaple", "Truro", "Bournemouth", "Poole", "Swindon", "Salisbury",
        "Gloucester", "Cheltenham",
    ],
    "wales": [
        "Cardiff", "Swansea", "Newport", "Wrexham", "Bangor", "Rhyl", "Aberystwyth",
        "Carmarthen", "Llanelli", "Bridgend", "Merthyr Tydfil", "Pontypridd", "Barry",
    ],
}  # fmt: skip

SERVICE_CATEGORIES = {
    ("Accommodation", "accommodation"): [
        ("Housing advice and homelessness prevention", "housing-advice"),
        ("Supported and move-on housing", "supported-housing"),
        ("Tenancy sustainment", "tenancy-sustainment"),
        ("Emergency accommodation", "emergency-accommodation"),
    ],
    ("Education, training and employment", "education-training-employment"): [
        ("Skills and qualifications", "skills-qualifications"),
        ("Employment support and job search", "employment-support"),
        ("Volunteering and work placements", "volunteering-placements"),
        ("Digital skills", "digital-skills"),
    ],
    ("Finance, benefit and debt", "finance-benefit-debt"): [
        ("Benefits advice", "benefits-advice"),
        ("Debt advice", "debt-advice"),
        ("Bank accounts and ID documents", "bank-accounts-id"),
        ("Budgeting and money skills", "budgeting"),
    ],
    ("Dependency and recovery", "dependency-recovery"): [
        ("Drugs", "drugs"),
        ("Alcohol", "alcohol"),
        ("Gambling", "gambling"),
        ("Recovery communities", "recovery-communities"),
    ],
    ("Personal wellbeing", "personal-wellbeing"): [
        ("Emotional wellbeing", "emotional-wellbeing"),
        ("Lifestyle and associates", "lifestyle-associates"),
        ("Family and significant others", "family-significant-others"),
        ("Social inclusion", "social-inclusion"),
    ],
    ("Women's services", "womens-services"): [
        ("Women's centres", "womens-centres"),
        ("Women-only one-to-one support", "women-one-to-one"),
        ("Support for women affected by abuse or exploitation", "women-abuse-exploitation"),
    ],
    ("Health and mental health", "health-mental-health"): [
        ("Mental health support", "mental-health"),
        ("Counselling and therapy", "counselling-therapy"),
        ("GP and health registration", "gp-registration"),
        ("Neurodiversity and learning disability", "neurodiversity"),
        ("Physical health", "physical-health"),
    ],
    ("Children and families", "children-families"): [
        ("Families of people in prison", "families-of-prisoners"),
        ("Parenting support", "parenting"),
        ("Family contact and visits", "family-contact"),
    ],
    ("Mentoring and peer support", "mentoring-peer-support"): [
        ("Mentoring", "mentoring"),
        ("Peer support led by people with lived experience", "lived-experience-peer-support"),
        ("Through-the-gate mentoring", "through-the-gate-mentoring"),
    ],
    ("Advice and advocacy", "advice-advocacy"): [
        ("Legal advice", "legal-advice"),
        ("IPP sentence support", "ipp-support"),
        ("Immigration advice", "immigration-advice"),
        ("Independent advocacy", "advocacy"),
    ],
    ("Domestic abuse and sexual violence", "domestic-abuse-sexual-violence"): [
        ("Support for survivors of domestic abuse", "domestic-abuse-survivors"),
        ("Sexual violence support", "sexual-violence-support"),
        ("Behaviour change programmes", "behaviour-change"),
    ],
    ("Restorative justice and victims", "restorative-justice-victims"): [
        ("Restorative justice", "restorative-justice"),
        ("Victim support", "victim-support"),
    ],
    ("Arts, sport and faith", "arts-sport-faith"): [
        ("Arts and creativity", "arts"),
        ("Sport and physical activity", "sport"),
        ("Faith-based support and chaplaincy", "faith"),
    ],
}

CLIENT_GROUPS = [
    ("Women", "women"),
    ("Young adults (18–25)", "young-adults"),
    ("Children and young people (under 18)", "children-young-people"),
    ("Older people (50 and over)", "older-people"),
    ("Racially minoritised people", "racially-minoritised"),
    ("Gypsy, Roma and Traveller communities", "gypsy-roma-traveller"),
    ("Foreign national people", "foreign-nationals"),
    ("Armed forces veterans", "veterans"),
    ("LGBTQ+ people", "lgbtq"),
    ("Disabled and neurodivergent people", "disabled-neurodivergent"),
    ("People with mental health needs", "mental-health-needs"),
    ("People serving IPP sentences", "ipp"),
    ("People convicted of sexual offences", "sexual-offences"),
    ("Families of people in contact with the justice system", "families"),
    ("Victims and survivors", "victims-survivors"),
    ("Care leavers", "care-leavers"),
    ("People experiencing homelessness", "homelessness"),
]

JUSTICE_STAGES = [
    ("Arrest and police custody (liaison and diversion)", "arrest-custody"),
    ("Court and sentencing", "court"),
    ("In prison (remand or sentenced)", "in-prison"),
    ("Preparing for release (through the gate)", "pre-release"),
    ("On licence or community sentence (under probation supervision)", "on-probation"),
    ("After sentence (people with a past conviction)", "after-sentence"),
]

LED_BY_AND_FOR = [
    ("Led by and for racially minoritised people", "racially-minoritised"),
    ("Led by and for women", "women"),
    ("Led by people with lived experience of the justice system", "lived-experience"),
]

COMMISSIONING_RELATIONSHIPS = [
    (
        "CRS lead provider (holds a Commissioned Rehabilitative Services contract)",
        "crs-lead-provider",
    ),
    ("CRS supply-chain partner (subcontracted by a lead provider)", "crs-supply-chain"),
    ("Qualified for the Dynamic Framework, not currently contracted", "dynamic-framework"),
    ("Grant-funded by HMPPS or the Ministry of Justice", "moj-grant"),
]


def names_and_slugs(queryset):
    return [(term.name, term.slug) for term in queryset.order_by("sort_order", "name")]


def test_seeding_gives_exactly_the_twelve_probation_regions_in_order():
    regions = Region.objects.in_default_locale().order_by("sort_order")

    assert [(r.name, r.slug, r.police_force_area_list) for r in regions] == REGIONS


def test_every_region_is_seeded_in_the_default_locale():
    assert Region.objects.count() == Region.objects.in_default_locale().count() == 12


def test_every_category_has_exactly_its_subcategories():
    top_level = ServiceCategory.objects.filter(parent__isnull=True)

    seeded = {
        (category.name, category.slug): names_and_slugs(category.children.all())
        for category in top_level
    }

    assert seeded == SERVICE_CATEGORIES


def test_categories_are_seeded_in_the_reference_order():
    top_level = ServiceCategory.objects.filter(parent__isnull=True).order_by("sort_order")

    assert [c.slug for c in top_level] == [slug for _name, slug in SERVICE_CATEGORIES]


def test_categories_have_two_levels_and_nothing_else():
    subcategories = [child for children in SERVICE_CATEGORIES.values() for child in children]

    assert ServiceCategory.objects.count() == len(SERVICE_CATEGORIES) + len(subcategories)
    assert not ServiceCategory.objects.filter(parent__parent__isnull=False).exists()


def test_client_groups_are_seeded_exactly():
    assert names_and_slugs(ClientGroup.objects.all()) == CLIENT_GROUPS


def test_justice_stages_are_seeded_exactly_in_the_order_of_the_justice_system():
    assert names_and_slugs(JusticeStage.objects.all()) == JUSTICE_STAGES


def test_led_by_and_for_terms_are_seeded_exactly():
    assert names_and_slugs(LedByAndFor.objects.all()) == LED_BY_AND_FOR


def test_commissioning_relationships_are_seeded_exactly():
    assert names_and_slugs(CommissioningRelationship.objects.all()) == COMMISSIONING_RELATIONSHIPS


def test_leeds_is_a_place_in_yorkshire_and_the_humber():
    assert Place.objects.get(name="Leeds").region.slug == "yorkshire-and-the-humber"


def test_durham_is_a_place_only_once_as_the_north_east_police_force_area():
    durham = Place.objects.filter(name="Durham")

    assert [place.region.slug for place in durham] == ["north-east"]


def test_places_are_the_police_force_areas_and_the_listed_towns_of_each_region():
    expected = {(name, slug) for _region, slug, areas in REGIONS for name in areas} | {
        (name, slug) for slug, towns in TOWNS.items() for name in towns
    }

    seeded = {(place.name, place.region.slug) for place in Place.objects.select_related("region")}

    assert seeded == expected


def test_place_names_are_unique():
    names = list(Place.objects.values_list("name", flat=True))

    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    ("model", "taxonomy", "slug"),
    [
        (Region, "region", "london"),
        (ServiceCategory, "servicecategory", "accommodation"),
        (ServiceCategory, "servicecategory", "housing-advice"),
        (ClientGroup, "clientgroup", "women"),
        (JusticeStage, "justicestage", "on-probation"),
        (LedByAndFor, "ledbyandfor", "women"),
        (CommissioningRelationship, "commissioningrelationship", "moj-grant"),
    ],
)
def test_a_terms_translation_key_is_derived_from_its_taxonomy_and_slug(model, taxonomy, slug):
    term = model.objects.get(slug=slug)

    assert term.translation_key == uuid.uuid5(seed_migration.NAMESPACE, f"{taxonomy}:{slug}")


def test_london_has_the_same_translation_key_on_every_installation():
    # The namespace is part of the open data contract: changing it renames every term.
    assert uuid.UUID("6f1d7c1e-2b7a-4c56-9a59-3c0f3f5e8a10") == seed_migration.NAMESPACE
    assert Region.objects.get(slug="london").translation_key == uuid.uuid5(
        seed_migration.NAMESPACE, "region:london"
    )


def test_a_place_translation_key_is_derived_from_its_name():
    leeds = Place.objects.get(name="Leeds")

    assert leeds.translation_key == uuid.uuid5(seed_migration.NAMESPACE, "place:Leeds")


def test_the_same_slug_in_two_taxonomies_gives_two_different_translation_keys():
    group = ClientGroup.objects.get(slug="women")
    led_by = LedByAndFor.objects.get(slug="women")

    assert group.translation_key != led_by.translation_key


def test_seeding_again_changes_nothing():
    from django.apps import apps

    before = {
        model.__name__: sorted(model.objects.values_list("translation_key", "name"))
        for model in [Region, Place, ServiceCategory, ClientGroup, JusticeStage]
    }

    seed_migration.seed(apps, schema_editor=None)

    after = {
        model.__name__: sorted(model.objects.values_list("translation_key", "name"))
        for model in [Region, Place, ServiceCategory, ClientGroup, JusticeStage]
    }
    assert after == before


def test_a_subcategory_cannot_have_subcategories_of_its_own():
    housing_advice = ServiceCategory.objects.get(slug="housing-advice")
    third_level = ServiceCategory(
        name="Housing advice for veterans",
        slug="housing-advice-veterans",
        parent=housing_advice,
        locale=housing_advice.locale,
    )

    with pytest.raises(ValidationError) as error:
        third_level.clean()

    assert error.value.message_dict == {
        "parent": ["Categories have two levels: choose a top-level category."]
    }


def test_a_new_subcategory_under_a_top_level_category_is_accepted():
    accommodation = ServiceCategory.objects.get(slug="accommodation")
    subcategory = ServiceCategory(
        name="Housing for veterans",
        slug="veterans-housing",
        parent=accommodation,
        locale=accommodation.locale,
    )

    subcategory.clean()
