"""The organisations' made-up words: names, addresses, phone numbers, sizes and themes.

Every organisation is invented. Names are built from made-up place-like words, web and email
addresses are on example.org, phone numbers are in Ofcom's ranges for drama, and charity and
company numbers sit in ranges chosen not to be real (see `planning._identifiers`).
"""

from dataclasses import dataclass

from core.models import IncomeBand
from directory.models import OrganisationSource

SEED = 2025
ORGANISATION_COUNT = 150
NATIONAL_ORGANISATION_COUNT = 10
DRAFT_ORGANISATION_COUNT = 3
SCOTTISH_CHARITY_COUNT = 4
ORGANISATIONS_PER_LED_BY_AND_FOR_TERM = 5
CONFIDENTIAL_SHARE = 0.1
MINIMUM_CONFIDENTIAL_SERVICES = 3

# Names of real organisations in the sector (and words that appear in them) that no
# generated name may contain.
REAL_NAME_FRAGMENTS = [
    "nacro",
    "st giles",
    "shelter",
    "catch22",
    "clinks",
    "turning point",
    "phoenix",
    "unlock",
    "pact",
    "langley",
    "nelson",
    "anawim",
    "changing lives",
    "forward trust",
    "switchback",
    "khulisa",
    "circles",
    "revolving doors",
    "open door",
    "new beginnings",
    "second chance",
    "stepping stones",
]

# Invented place-like words: none is meant to be a real town or an existing charity's name.
PLACE_WORDS = [
    "Quillbrook", "Amberwick", "Thistlemere", "Saltmarrow", "Copperholt", "Wrenfold",
    "Brindlewick", "Larkhollow", "Tallowby", "Fernhallow", "Kestrelgate", "Bramblecombe",
    "Emberdale", "Juniperstead", "Linnetmoor", "Nettlehaven", "Otterfold", "Ploverstead",
    "Sorrelbury", "Teaselby", "Umberholt", "Vetchmoor", "Yarrowgate", "Cinderwick",
    "Dapplemere", "Flintcombe", "Gorsehaven", "Heronmarsh", "Kettlefold", "Lanternby",
    "Nightjar Vale", "Orielstead", "Pebblemarsh", "Quarrywick", "Rowanholt", "Sedgemarrow",
    "Tansyfield", "Wickerdale", "Yewhollow", "Aldermarrow", "Bracken Vale", "Hazelstow",
    "Ivyholt", "Sloeford", "Maplemoor", "Ashmarrow", "Birchwold", "Cobblestow", "Dunlinby",
    "Foxglove Vale", "Greyfallow", "Hollinmere", "Inglemarsh", "Kingfisher Reach",
    "Lapwing Vale", "Millwyn", "Norrowby", "Oakmarrow", "Pennybrook", "Redwing Dale",
    "Skylark Cross", "Thornwold", "Underfell", "Wolderby", "Westmarrow", "Easterfold",
    "Cloudberry", "Fallowmere", "Glimmerdale", "Harebell Cross", "Larchwick", "Merrowdale",
    "Nuthatch Vale", "Ospreyby", "Peewit Cross", "Rookhollow", "Starling Vale", "Tidewick",
    "Waymarrow", "Sandmarrow",
]  # fmt: skip

GENERIC_NOUNS = [
    "Pathways", "Collective", "Trust", "Project", "Network", "Partnership", "Foundation",
    "Community Project", "Alliance",
]  # fmt: skip

STREETS = [
    "Mill Lane", "Station Road", "Chapel Street", "Victoria Road", "Albion Street",
    "Market Place", "Church Street", "Park Road", "Queen Street", "High Street", "North Road",
    "Bridge Street", "King Street", "Castle Street", "Union Street", "Water Lane",
    "Brunswick Terrace", "Foundry Yard", "Granary Walk", "Tannery Row",
]  # fmt: skip
BUILDINGS = [
    "Larch House", "The Old Library", "Wharf Chambers", "Foundry Buildings", "The Beacon Centre",
    "Orchard Court", "Canal Side Offices", "Union Works", "The Corn Exchange Annexe",
]  # fmt: skip
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

# The postcode area of each seeded place, so a demo address reads true; other places fall
# back to their region's main area.
POSTCODE_AREAS = {
    "Newcastle upon Tyne": "NE", "Gateshead": "NE", "Sunderland": "SR", "South Shields": "NE",
    "Darlington": "DL", "Hartlepool": "TS", "Middlesbrough": "TS", "Stockton-on-Tees": "TS",
    "Northumberland": "NE", "Liverpool": "L", "Birkenhead": "CH", "Wirral": "CH",
    "St Helens": "WA", "Preston": "PR", "Blackpool": "FY", "Blackburn": "BB", "Burnley": "BB",
    "Lancaster": "LA", "Carlisle": "CA", "Barrow-in-Furness": "LA", "Chester": "CH",
    "Warrington": "WA", "Crewe": "CW", "Manchester": "M", "Salford": "M", "Bolton": "BL",
    "Bury": "BL", "Oldham": "OL", "Rochdale": "OL", "Stockport": "SK", "Tameside": "OL",
    "Trafford": "M", "Wigan": "WN", "Leeds": "LS", "Bradford": "BD", "Wakefield": "WF",
    "Huddersfield": "HD", "Halifax": "HX", "Sheffield": "S", "Rotherham": "S", "Barnsley": "S",
    "Doncaster": "DN", "York": "YO", "Harrogate": "HG", "Scarborough": "YO", "Hull": "HU",
    "Grimsby": "DN", "Scunthorpe": "DN", "Nottingham": "NG", "Mansfield": "NG", "Derby": "DE",
    "Chesterfield": "S", "Leicester": "LE", "Loughborough": "LE", "Lincoln": "LN",
    "Boston": "PE", "Grantham": "NG", "Northampton": "NN", "Kettering": "NN", "Corby": "NN",
    "Birmingham": "B", "Coventry": "CV", "Wolverhampton": "WV", "Walsall": "WS",
    "Dudley": "DY", "West Bromwich": "B", "Solihull": "B", "Stoke-on-Trent": "ST",
    "Stafford": "ST", "Worcester": "WR", "Hereford": "HR", "Shrewsbury": "SY", "Telford": "TF",
    "Warwick": "CV", "Nuneaton": "CV", "Norwich": "NR", "Great Yarmouth": "NR",
    "King's Lynn": "PE", "Ipswich": "IP", "Cambridge": "CB", "Peterborough": "PE",
    "Chelmsford": "CM", "Colchester": "CO", "Southend-on-Sea": "SS", "Basildon": "SS",
    "Luton": "LU", "Bedford": "MK", "Watford": "WD", "St Albans": "AL", "Stevenage": "SG",
    "London": "E", "Westminster": "SW", "Camden": "NW", "Islington": "N", "Hackney": "E",
    "Tower Hamlets": "E", "Newham": "E", "Southwark": "SE", "Lambeth": "SE", "Croydon": "CR",
    "Brent": "NW", "Ealing": "W", "Maidstone": "ME", "Canterbury": "CT", "Medway": "ME",
    "Chatham": "ME", "Dover": "CT", "Folkestone": "CT", "Margate": "CT", "Brighton": "BN",
    "Hove": "BN", "Crawley": "RH", "Eastbourne": "BN", "Hastings": "TN", "Worthing": "BN",
    "Chichester": "PO", "Guildford": "GU", "Woking": "GU", "Oxford": "OX", "Banbury": "OX",
    "Reading": "RG", "Slough": "SL", "Milton Keynes": "MK", "High Wycombe": "HP",
    "Aylesbury": "HP", "Southampton": "SO", "Portsmouth": "PO", "Winchester": "SO",
    "Basingstoke": "RG", "Isle of Wight": "PO", "Bristol": "BS", "Bath": "BA",
    "Weston-super-Mare": "BS", "Taunton": "TA", "Yeovil": "BA", "Plymouth": "PL",
    "Exeter": "EX", "Torquay": "TQ", "Barnstaple": "EX", "Truro": "TR", "Bournemouth": "BH",
    "Poole": "BH", "Swindon": "SN", "Salisbury": "SP", "Gloucester": "GL", "Cheltenham": "GL",
    "Cardiff": "CF", "Swansea": "SA", "Newport": "NP", "Wrexham": "LL", "Bangor": "LL",
    "Rhyl": "LL", "Aberystwyth": "SY", "Carmarthen": "SA", "Llanelli": "SA", "Bridgend": "CF",
    "Merthyr Tydfil": "CF", "Pontypridd": "CF", "Barry": "CF",
}  # fmt: skip
REGION_POSTCODE_AREAS = {
    "north-east": "NE", "north-west": "L", "greater-manchester": "M",
    "yorkshire-and-the-humber": "LS", "east-midlands": "NG", "west-midlands": "B",
    "east-of-england": "CB", "london": "SE", "kent-surrey-and-sussex": "BN",
    "south-central": "OX", "south-west": "BS", "wales": "CF",
}  # fmt: skip

# Ofcom keeps these numbers free for drama and fiction: 1,000 each.
DRAMA_PHONE_RANGES = {
    "north-east": "0191 498 0{:03d}",
    "north-west": "0151 496 0{:03d}",
    "greater-manchester": "0161 496 0{:03d}",
    "yorkshire-and-the-humber": "0113 496 0{:03d}",
    "east-midlands": "0115 496 0{:03d}",
    "west-midlands": "0121 496 0{:03d}",
    "london": "020 7946 0{:03d}",
    "south-central": "0118 496 0{:03d}",
    "south-west": "0117 496 0{:03d}",
    "wales": "029 2018 0{:03d}",
}
DRAMA_PHONE_FALLBACK = "01632 960{:03d}"
DRAMA_MOBILE_RANGE = "07700 900{:03d}"

# Income bands shared out like the sector's: 28% micro, 54% small and medium, a few large
# (per cent of organisations; the 10k-100k band takes any rounding).
INCOME_BAND_SHARES = {
    IncomeBand.UNDER_10K: 28,
    IncomeBand.FROM_10K_TO_100K: 30,
    IncomeBand.FROM_100K_TO_500K: 24,
    IncomeBand.FROM_500K_TO_1M: 8,
    IncomeBand.FROM_1M_TO_5M: 6,
    IncomeBand.FROM_5M_TO_10M: 2.5,
    IncomeBand.OVER_10M: 1.5,
}
SMALL_BANDS = {IncomeBand.UNDER_10K}
MEDIUM_BANDS = {IncomeBand.FROM_10K_TO_100K, IncomeBand.FROM_100K_TO_500K}
# Most of the sector works outside HMPPS commissioning; larger organisations less so.
COMMISSIONED_SHARE = 0.3
SOURCE_WEIGHTS = {
    OrganisationSource.SELF_LISTED: 40,
    OrganisationSource.IMPORTED: 35,
    OrganisationSource.STAFF: 25,
}


@dataclass(frozen=True)
class Theme:
    """What an organisation mostly does: its main category, how it names itself, and more."""

    category: str
    weight: int
    nouns: tuple[str, ...]
    summary: str
    about: str
    related: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()  # subcategories that would be out of character


THEMES = [
    Theme(
        "accommodation",
        12,
        ("Housing Project", "Homes Trust", "Move-On Project", "Housing Pathways"),
        "We help people leaving prison or on probation in {area} to find somewhere safe to "
        "live, and to keep it.",
        "A home is where resettlement starts: we find people somewhere to live before release "
        "and stay alongside them until the tenancy is secure.",
        ("finance-benefit-debt", "personal-wellbeing", "dependency-recovery"),
        ("homelessness", "care-leavers"),
    ),
    Theme(
        "education-training-employment",
        10,
        ("Skills Project", "Works", "Employment Project", "Futures"),
        "Training, qualifications and job coaching for people with convictions in {area}, "
        "with employers who judge people on what they can do.",
        "We work with local employers who are open to hiring people with convictions, and we "
        "help people explain their record with confidence.",
        ("finance-benefit-debt", "mentoring-peer-support", "arts-sport-faith"),
        ("young-adults",),
    ),
    Theme(
        "finance-benefit-debt",
        6,
        ("Advice Centre", "Money Advice Project", "Advice Partnership"),
        "Free, confidential advice on benefits, debt and money for people in contact with the "
        "justice system in {area}.",
        "Money problems are one of the quickest routes back into trouble, so we sort out "
        "benefits, debts and ID as early as we can, often before release.",
        ("accommodation", "advice-advocacy"),
        (),
    ),
    Theme(
        "dependency-recovery",
        10,
        ("Recovery Collective", "Recovery Community", "Recovery Project"),
        "A recovery community in {area} run by people who know addiction from the inside, "
        "for anyone who wants to change their relationship with drugs, alcohol or gambling.",
        "Recovery is built with other people: our groups, cafés and mentors are there before, "
        "during and long after treatment.",
        ("mentoring-peer-support", "health-mental-health", "personal-wellbeing"),
        ("mental-health-needs",),
    ),
    Theme(
        "personal-wellbeing",
        6,
        ("Wellbeing Project", "Community Project", "Connections"),
        "Groups and one-to-one support in {area} to help people build confidence, new "
        "friendships and a life away from offending.",
        "We help people find new routines, new friends and things to look forward to, which "
        "matters as much as any programme.",
        ("arts-sport-faith", "mentoring-peer-support"),
        (),
    ),
    Theme(
        "womens-services",
        10,
        ("Women's Centre", "Women's Project", "Women's Network"),
        "A women-only space in {area} offering practical and emotional support to women in "
        "contact with the justice system, and to women at risk of it.",
        "Our centre is a women-only space where women can get help with everything at once, "
        "from housing and money to mental health and seeing their children.",
        ("domestic-abuse-sexual-violence", "health-mental-health", "children-families"),
        ("women",),
        ("behaviour-change",),
    ),
    Theme(
        "health-mental-health",
        8,
        ("Mind and Body Project", "Wellbeing Trust", "Health Partnership"),
        "Mental health, counselling and health support in {area} for people on probation, "
        "leaving prison or with a past conviction.",
        "We close the gaps that people fall through on release: registering with a GP, "
        "waiting for therapy, or never having had a diagnosis at all.",
        ("dependency-recovery", "personal-wellbeing"),
        ("mental-health-needs", "disabled-neurodivergent"),
    ),
    Theme(
        "children-families",
        8,
        ("Family Link", "Families Project", "Family Support"),
        "Support in {area} for the children and families of people in prison or on probation, "
        "from first visits to life after release.",
        "When someone goes to prison their family serves the sentence too; we support "
        "partners, parents and children through every stage.",
        ("personal-wellbeing", "advice-advocacy"),
        ("families",),
    ),
    Theme(
        "mentoring-peer-support",
        12,
        ("Mentoring Project", "Peer Network", "Mentors", "Lived Experience Collective"),
        "Volunteer and peer mentors in {area} who meet people at the gate and stay alongside "
        "them through the first months on licence.",
        "Many of our mentors have been through prison or probation themselves, and they stay "
        "with people through the months that matter most.",
        ("accommodation", "education-training-employment", "dependency-recovery"),
        ("young-adults",),
    ),
    Theme(
        "advice-advocacy",
        6,
        ("Advocacy Project", "Law Centre", "Rights Project"),
        "Free advice and independent advocacy in {area} for people in contact with the justice "
        "system, including people serving IPP sentences and their families.",
        "We make sure people know their rights and have someone on their side when decisions "
        "are made about them.",
        ("finance-benefit-debt", "children-families"),
        ("ipp", "foreign-nationals"),
    ),
    Theme(
        "domestic-abuse-sexual-violence",
        7,
        ("Safe Futures", "Domestic Abuse Service", "Survivors' Network"),
        "Specialist support in {area} for survivors of domestic abuse and sexual violence, and "
        "programmes that help people who have harmed to change.",
        "Safety comes first in everything we do: our services are trauma-informed and led by "
        "survivors' own priorities.",
        ("womens-services", "health-mental-health"),
        ("women", "victims-survivors"),
    ),
    Theme(
        "restorative-justice-victims",
        4,
        ("Restorative Justice Service", "Restorative Practice", "Mediation Project"),
        "Restorative justice and support for people harmed by crime in {area}, offered safely "
        "and only when everyone is ready.",
        "We bring together people harmed by crime and those responsible, when both want it "
        "and it is safe.",
        ("advice-advocacy",),
        ("victims-survivors",),
    ),
    Theme(
        "arts-sport-faith",
        7,
        ("Arts Collective", "Sports Trust", "Chaplaincy Network", "Arts Project"),
        "Arts, sport and faith-based community projects in {area} where people with "
        "convictions find purpose, confidence and a place to belong.",
        "Making music, playing football or sharing a meal gives people a way to belong that "
        "has nothing to do with their past.",
        ("personal-wellbeing", "mentoring-peer-support"),
        ("young-adults",),
    ),
]

ORIGINS = [
    "by a group of local volunteers",
    "by a former probation officer and a local tenants' association",
    "by families who had supported a relative through a prison sentence",
    "as a project of a local community centre",
    "by a partnership of local churches, mosques and gurdwaras",
]
# How an organisation led by and for a community came about, by the term's slug.
LED_BY_AND_FOR_ORIGINS = {
    "women": "by women who had used the kind of services it now runs",
    "lived-experience": "by people who had been through the justice system themselves",
    "racially-minoritised": "by and for the Black, Asian and minority ethnic communities it serves",
}
APPROACHES = [
    "We work alongside probation, prisons and other local charities, and we keep caseloads "
    "small so that people get time and continuity.",
    "Most of our staff and volunteers have lived experience of the issues we support people with.",
    "We take referrals from anyone, and we never close a case just because someone misses an "
    "appointment.",
    "We are proud to be small: people see the same face every time.",
]
