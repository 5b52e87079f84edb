"""Seed the sector's vocabularies (names and slugs exactly as the reference gives them).

Each term's translation_key is a UUID derived from its taxonomy and slug, so every
installation gives the same term the same stable identifier.
"""

import uuid

from django.db import migrations

NAMESPACE = uuid.UUID("6f1d7c1e-2b7a-4c56-9a59-3c0f3f5e8a10")

REGIONS = [
    ("North East", "north-east", "Northumbria; Durham; Cleveland"),
    ("North West", "north-west", "Cumbria; Lancashire; Merseyside; Cheshire"),
    ("Greater Manchester", "greater-manchester", "Greater Manchester"),
    (
        "Yorkshire and the Humber",
        "yorkshire-and-the-humber",
        "North Yorkshire; West Yorkshire; South Yorkshire; Humberside",
    ),
    (
        "East Midlands",
        "east-midlands",
        "Derbyshire; Nottinghamshire; Leicestershire; Lincolnshire; Northamptonshire",
    ),
    ("West Midlands", "west-midlands", "West Midlands; Staffordshire; Warwickshire; West Mercia"),
    (
        "East of England",
        "east-of-england",
        "Norfolk; Suffolk; Cambridgeshire; Essex; Hertfordshire; Bedfordshire",
    ),
    ("London", "london", "Metropolitan; City of London"),
    ("Kent, Surrey and Sussex", "kent-surrey-and-sussex", "Kent; Surrey; Sussex"),
    ("South Central", "south-central", "Thames Valley; Hampshire and Isle of Wight"),
    (
        "South West",
        "south-west",
        "Avon and Somerset; Devon and Cornwall; Dorset; Gloucestershire; Wiltshire",
    ),
    ("Wales", "wales", "Dyfed-Powys; Gwent; North Wales; South Wales"),
]

PLACES = {
    "north-east": "Newcastle upon Tyne, Gateshead, Sunderland, South Shields, Darlington, Hartlepool, Middlesbrough, Stockton-on-Tees, Northumberland",
    "north-west": "Liverpool, Birkenhead, Wirral, St Helens, Preston, Blackpool, Blackburn, Burnley, Lancaster, Carlisle, Barrow-in-Furness, Chester, Warrington, Crewe",
    "greater-manchester": "Manchester, Salford, Bolton, Bury, Oldham, Rochdale, Stockport, Tameside, Trafford, Wigan",
    "yorkshire-and-the-humber": "Leeds, Bradford, Wakefield, Huddersfield, Halifax, Sheffield, Rotherham, Barnsley, Doncaster, York, Harrogate, Scarborough, Hull, Grimsby, Scunthorpe",
    "east-midlands": "Nottingham, Mansfield, Derby, Chesterfield, Leicester, Loughborough, Lincoln, Boston, Grantham, Northampton, Kettering, Corby",
    "west-midlands": "Birmingham, Coventry, Wolverhampton, Walsall, Dudley, West Bromwich, Solihull, Stoke-on-Trent, Stafford, Worcester, Hereford, Shrewsbury, Telford, Warwick, Nuneaton",
    "east-of-england": "Norwich, Great Yarmouth, King's Lynn, Ipswich, Cambridge, Peterborough, Chelmsford, Colchester, Southend-on-Sea, Basildon, Luton, Bedford, Watford, St Albans, Stevenage",
    "london": "London, Westminster, Camden, Islington, Hackney, Tower Hamlets, Newham, Southwark, Lambeth, Croydon, Brent, Ealing",
    "kent-surrey-and-sussex": "Maidstone, Canterbury, Medway, Chatham, Dover, Folkestone, Margate, Brighton, Hove, Crawley, Eastbourne, Hastings, Worthing, Chichester, Guildford, Woking",
    "south-central": "Oxford, Banbury, Reading, Slough, Milton Keynes, High Wycombe, Aylesbury, Southampton, Portsmouth, Winchester, Basingstoke, Isle of Wight",
    "south-west": "Bristol, Bath, Weston-super-Mare, Taunton, Yeovil, Plymouth, Exeter, Torquay, Barnstaple, Truro, Bournemouth, Poole, Swindon, Salisbury, Gloucester, Cheltenham",
    "wales": "Cardiff, Swansea, Newport, Wrexham, Bangor, Rhyl, Aberystwyth, Carmarthen, Llanelli, Bridgend, Merthyr Tydfil, Pontypridd, Barry",
}

SERVICE_CATEGORIES = [
    (
        "Accommodation",
        "accommodation",
        [
            ("Housing advice and homelessness prevention", "housing-advice"),
            ("Supported and move-on housing", "supported-housing"),
            ("Tenancy sustainment", "tenancy-sustainment"),
            ("Emergency accommodation", "emergency-accommodation"),
        ],
    ),
    (
        "Education, training and employment",
        "education-training-employment",
        [
            ("Skills and qualifications", "skills-qualifications"),
            ("Employment support and job search", "employment-support"),
            ("Volunteering and work placements", "volunteering-placements"),
            ("Digital skills", "digital-skills"),
        ],
    ),
    (
        "Finance, benefit and debt",
        "finance-benefit-debt",
        [
            ("Benefits advice", "benefits-advice"),
            ("Debt advice", "debt-advice"),
            ("Bank accounts and ID documents", "bank-accounts-id"),
            ("Budgeting and money skills", "budgeting"),
        ],
    ),
    (
        "Dependency and recovery",
        "dependency-recovery",
        [
            ("Drugs", "drugs"),
            ("Alcohol", "alcohol"),
            ("Gambling", "gambling"),
            ("Recovery communities", "recovery-communities"),
        ],
    ),
    (
        "Personal wellbeing",
        "personal-wellbeing",
        [
            ("Emotional wellbeing", "emotional-wellbeing"),
            ("Lifestyle and associates", "lifestyle-associates"),
            ("Family and significant others", "family-significant-others"),
            ("Social inclusion", "social-inclusion"),
        ],
    ),
    (
        "Women's services",
        "womens-services",
        [
            ("Women's centres", "womens-centres"),
            ("Women-only one-to-one support", "women-one-to-one"),
            ("Support for women affected by abuse or exploitation", "women-abuse-exploitation"),
        ],
    ),
    (
        "Health and mental health",
        "health-mental-health",
        [
            ("Mental health support", "mental-health"),
            ("Counselling and therapy", "counselling-therapy"),
            ("GP and health registration", "gp-registration"),
            ("Neurodiversity and learning disability", "neurodiversity"),
            ("Physical health", "physical-health"),
        ],
    ),
    (
        "Children and families",
        "children-families",
        [
            ("Families of people in prison", "families-of-prisoners"),
            ("Parenting support", "parenting"),
            ("Family contact and visits", "family-contact"),
        ],
    ),
    (
        "Mentoring and peer support",
        "mentoring-peer-support",
        [
            ("Mentoring", "mentoring"),
            ("Peer support led by people with lived experience", "lived-experience-peer-support"),
            ("Through-the-gate mentoring", "through-the-gate-mentoring"),
        ],
    ),
    (
        "Advice and advocacy",
        "advice-advocacy",
        [
            ("Legal advice", "legal-advice"),
            ("IPP sentence support", "ipp-support"),
            ("Immigration advice", "immigration-advice"),
            ("Independent advocacy", "advocacy"),
        ],
    ),
    (
        "Domestic abuse and sexual violence",
        "domestic-abuse-sexual-violence",
        [
            ("Support for survivors of domestic abuse", "domestic-abuse-survivors"),
            ("Sexual violence support", "sexual-violence-support"),
            ("Behaviour change programmes", "behaviour-change"),
        ],
    ),
    (
        "Restorative justice and victims",
        "restorative-justice-victims",
        [
            ("Restorative justice", "restorative-justice"),
            ("Victim support", "victim-support"),
        ],
    ),
    (
        "Arts, sport and faith",
        "arts-sport-faith",
        [
            ("Arts and creativity", "arts"),
            ("Sport and physical activity", "sport"),
            ("Faith-based support and chaplaincy", "faith"),
        ],
    ),
]

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


def key(taxonomy, slug):
    return uuid.uuid5(NAMESPACE, f"{taxonomy}:{slug}")


def seed(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    locale, _ = Locale.objects.get_or_create(language_code="en-gb")

    def upsert(model_name, slug, **fields):
        Model = apps.get_model("core", model_name)
        term, _ = Model.objects.update_or_create(
            locale=locale,
            slug=slug,
            defaults={"translation_key": key(model_name.lower(), slug), **fields},
        )
        return term

    regions = {}
    for order, (name, slug, areas) in enumerate(REGIONS):
        regions[slug] = upsert(
            "Region", slug, name=name, police_force_areas=areas, sort_order=order
        )

    Place = apps.get_model("core", "Place")
    for region_slug, names in PLACES.items():
        region = regions[region_slug]
        place_names = [area.strip() for area in region.police_force_areas.split(";")]
        place_names += [name.strip() for name in names.split(",")]
        for name in place_names:
            Place.objects.update_or_create(
                locale=locale,
                name=name,
                defaults={"region": region, "translation_key": key("place", name)},
            )

    for order, (name, slug, children) in enumerate(SERVICE_CATEGORIES):
        parent = upsert("ServiceCategory", slug, name=name, sort_order=order, parent=None)
        for child_order, (child_name, child_slug) in enumerate(children):
            upsert(
                "ServiceCategory",
                child_slug,
                name=child_name,
                sort_order=child_order,
                parent=parent,
            )

    for model_name, terms in [
        ("ClientGroup", CLIENT_GROUPS),
        ("JusticeStage", JUSTICE_STAGES),
        ("LedByAndFor", LED_BY_AND_FOR),
        ("CommissioningRelationship", COMMISSIONING_RELATIONSHIPS),
    ]:
        for order, (name, slug) in enumerate(terms):
            upsert(model_name, slug, name=name, sort_order=order)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
