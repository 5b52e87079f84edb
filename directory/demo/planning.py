"""Demo data: a realistic, clearly fictional directory that is the same on every run.

Every organisation here is invented. Names are built from made-up place-like words, web and
email addresses are on example.org, phone numbers are in Ofcom's ranges for drama, and
charity and company numbers sit in ranges chosen not to be real (see `_identifiers`).

The whole data set is planned in memory first, from a fixed seed, and only then written:
an organisation that is already in the directory (same slug, or same charity or company
number) is skipped, so running the command again creates nothing and duplicates nothing.
Each organisation's details come from its own random stream, so adding a term to a
taxonomy changes what some services are tagged with but not which organisations exist.
"""

import html
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from allauth.account.models import EmailAddress

from core.models import (
    ClientGroup,
    CommissioningRelationship,
    IncomeBand,
    JusticeStage,
    LedByAndFor,
    Place,
    Region,
    ServiceCategory,
)
from directory.demo import load_self_service_demo
from directory.identifiers import CharityRegulator
from directory.models import (
    CapacityStatus,
    OrganisationPage,
    OrganisationSource,
    OrganisationStatus,
    ReferralMethod,
    ServiceLocation,
    ServicePage,
    ServiceState,
    ServiceStatus,
)
from forums.demo import load_forum_demo

from .site_structure import ensure_site_structure, publish_new_page

SEED = 2025
ORGANISATION_COUNT = 150
NATIONAL_ORGANISATION_COUNT = 10
DRAFT_ORGANISATION_COUNT = 3
SCOTTISH_CHARITY_COUNT = 4
ORGANISATIONS_PER_LED_BY_AND_FOR_TERM = 5
CONFIDENTIAL_SHARE = 0.1
MINIMUM_CONFIDENTIAL_SERVICES = 3

DEMO_ADMIN_EMAIL = "admin@example.com"
DEMO_ADMIN_PASSWORD = "commonground-demo"  # noqa: S105 - published on purpose, demo only

# Services under these top-level categories may run from an address that must stay secret.
CONFIDENTIAL_PRONE_CATEGORIES = {"womens-services", "domestic-abuse-sexual-violence"}

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

# Per subcategory: names a service might have, what it does, and who it suits.
SERVICE_TEMPLATES = {
    "housing-advice": (
        ("Housing advice drop-in", "Housing options clinic", "Homelessness prevention casework"),
        "We help people work out their housing options before release, make homelessness "
        "applications and deal with the council on their behalf.",
        ("homelessness",),
    ),
    "supported-housing": (
        ("Supported housing", "Move-on flats", "Shared supported houses"),
        "Shared houses and move-on flats with a support worker who visits every week.",
        ("homelessness",),
    ),
    "tenancy-sustainment": (
        ("Tenancy sustainment", "Keeping your home support"),
        "Practical help to keep a tenancy going: bills, repairs, neighbours and landlords.",
        (),
    ),
    "emergency-accommodation": (
        ("Emergency beds", "Night shelter", "Crisis accommodation"),
        "Short-stay beds for people released with nowhere to go, while we find something "
        "longer term.",
        ("homelessness",),
    ),
    "skills-qualifications": (
        ("Skills for work courses", "Functional skills classes", "Qualifications in custody"),
        "Short courses and accredited qualifications in English, maths and vocational skills.",
        (),
    ),
    "employment-support": (
        ("Employment coaching", "Job search club", "Disclosure and job support"),
        "One-to-one coaching on CVs, applications and disclosing a conviction, and introductions "
        "to employers who are ready to hire.",
        (),
    ),
    "volunteering-placements": (
        ("Volunteering programme", "Work placements"),
        "Volunteering roles and work placements that build experience and a recent reference.",
        (),
    ),
    "digital-skills": (
        ("Digital skills sessions", "Getting online course"),
        "Help to get online: using a phone or laptop, email, online forms and staying safe.",
        ("older-people",),
    ),
    "benefits-advice": (
        ("Benefits advice", "Benefit claims on release"),
        "Help to claim Universal Credit and other benefits, ideally before release so money "
        "arrives without a gap.",
        (),
    ),
    "debt-advice": (
        ("Debt advice", "Money and debt clinic"),
        "Free debt advice from qualified advisers, including fines and court costs.",
        (),
    ),
    "bank-accounts-id": (
        ("ID and bank account support", "Banking and ID on release"),
        "Help to get ID documents and open a bank account, often starting while someone is "
        "still in prison.",
        (),
    ),
    "budgeting": (
        ("Budgeting skills", "Money skills course"),
        "A short, practical course on budgeting, bills and avoiding loan sharks.",
        (),
    ),
    "drugs": (
        ("Drug recovery support", "Structured drug programme"),
        "Structured support for people who use drugs, from harm reduction to abstinence.",
        (),
    ),
    "alcohol": (
        ("Alcohol support group", "Alcohol recovery programme"),
        "Group and one-to-one support for people who want to cut down or stop drinking.",
        (),
    ),
    "gambling": (
        ("Gambling harm support",),
        "Confidential support for people harmed by gambling, and for the people close to them.",
        (),
    ),
    "recovery-communities": (
        ("Recovery café", "Peer recovery community"),
        "A welcoming recovery community with groups, activities and a weekly café.",
        (),
    ),
    "emotional-wellbeing": (
        ("Wellbeing groups", "Emotional support"),
        "Groups and one-to-one sessions on anxiety, low mood, anger and self-esteem.",
        ("mental-health-needs",),
    ),
    "lifestyle-associates": (
        ("Positive choices programme", "Lifestyle and relationships course"),
        "A course on friendships, influences and choices for people who want to move away "
        "from old networks.",
        ("young-adults",),
    ),
    "family-significant-others": (
        ("Family relationships support",),
        "Support to rebuild relationships with partners, parents and children.",
        ("families",),
    ),
    "social-inclusion": (
        ("Community connections", "Social groups"),
        "Friendly groups and activities to meet people and feel part of the community again.",
        ("older-people",),
    ),
    "womens-centres": (
        ("Women's centre", "Women's drop-in"),
        "A women-only centre offering a hot drink, a listening ear and help with everything "
        "from housing to health.",
        ("women",),
    ),
    "women-one-to-one": (
        ("One-to-one support for women", "Women's key work"),
        "A named female keyworker who works with each woman on her own priorities.",
        ("women",),
    ),
    "women-abuse-exploitation": (
        ("Support for women affected by exploitation", "Women's safety service"),
        "Specialist support for women affected by abuse, exploitation or sex work.",
        ("women", "victims-survivors"),
    ),
    "mental-health": (
        ("Mental health support", "Mental health navigators"),
        "Support from mental health practitioners while people wait for, or move between, "
        "NHS services.",
        ("mental-health-needs",),
    ),
    "counselling-therapy": (
        ("Counselling", "Trauma-informed therapy"),
        "Up to 12 sessions of counselling with a qualified, trauma-informed therapist.",
        ("mental-health-needs",),
    ),
    "gp-registration": (
        ("Health registration support", "GP registration help"),
        "Help to register with a GP and a dentist, and to get prescriptions continued after "
        "release.",
        (),
    ),
    "neurodiversity": (
        ("Neurodiversity support", "Learning disability advocacy"),
        "Support for autistic people, people with ADHD and people with a learning disability, "
        "including help with appointments and paperwork.",
        ("disabled-neurodivergent",),
    ),
    "physical-health": (
        ("Health checks", "Healthy living support"),
        "Health checks, healthy eating and help to manage long-term conditions.",
        ("older-people",),
    ),
    "families-of-prisoners": (
        ("Support for families of people in prison", "Family helpline"),
        "Information and emotional support for anyone with a family member in prison.",
        ("families",),
    ),
    "parenting": (
        ("Parenting course", "Parenting support"),
        "A friendly parenting course and one-to-one support for parents in contact with the "
        "justice system.",
        ("families",),
    ),
    "family-contact": (
        ("Family visits support", "Family contact service"),
        "Help with travel, visits and keeping in touch with children during a sentence.",
        ("families",),
    ),
    "mentoring": (
        ("Mentoring", "One-to-one mentoring"),
        "A trained volunteer mentor who meets weekly for up to a year.",
        (),
    ),
    "lived-experience-peer-support": (
        ("Peer support", "Lived experience peer mentors"),
        "Peer mentors who have been through the justice system themselves.",
        (),
    ),
    "through-the-gate-mentoring": (
        ("Through-the-gate mentoring", "Meet at the gate"),
        "A mentor who meets people in prison before release, meets them at the gate and "
        "stays alongside them through the first weeks.",
        (),
    ),
    "legal-advice": (
        ("Legal advice clinic", "Housing and family law advice"),
        "Free legal advice from solicitors and trained caseworkers.",
        (),
    ),
    "ipp-support": (
        ("IPP support", "IPP families group"),
        "Support for people serving IPP sentences and their families, including parole "
        "preparation.",
        ("ipp", "families"),
    ),
    "immigration-advice": (
        ("Immigration advice", "Immigration casework"),
        "Regulated immigration advice for foreign national people in prison and on licence.",
        ("foreign-nationals",),
    ),
    "advocacy": (
        ("Independent advocacy", "Advocacy service"),
        "An independent advocate who makes sure people are heard in meetings and decisions "
        "about them.",
        ("disabled-neurodivergent",),
    ),
    "domestic-abuse-survivors": (
        ("Domestic abuse support", "Refuge", "Outreach for survivors"),
        "Safety planning, refuge and outreach support for survivors of domestic abuse.",
        ("victims-survivors",),
    ),
    "sexual-violence-support": (
        ("Sexual violence support", "Independent sexual violence advisers"),
        "Independent advisers and counsellors for people who have experienced sexual "
        "violence, whenever it happened.",
        ("victims-survivors",),
    ),
    "behaviour-change": (
        ("Behaviour change programme", "Respectful relationships programme"),
        "A group programme for people who have been abusive in relationships and want to "
        "change, with support for their partners.",
        (),
    ),
    "restorative-justice": (
        ("Restorative justice", "Restorative conferencing"),
        "Safe, facilitated communication between people harmed by crime and those responsible.",
        ("victims-survivors",),
    ),
    "victim-support": (
        ("Support for victims of crime", "Victims' advocacy"),
        "Emotional and practical support for people affected by crime, whether or not it was "
        "reported.",
        ("victims-survivors",),
    ),
    "arts": (
        ("Creative writing group", "Arts workshops", "Music project"),
        "Weekly creative sessions led by professional artists, with exhibitions and performances.",
        (),
    ),
    "sport": (
        ("Football and fitness", "Sport for change"),
        "Football, boxing and fitness sessions with coaches who also mentor.",
        ("young-adults",),
    ),
    "faith": (
        ("Faith-based mentoring", "Community chaplaincy"),
        "Community chaplaincy volunteers of all faiths and none, offering friendship and "
        "practical help.",
        (),
    ),
}

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
EXCLUSIONS = [
    "",
    "",
    "",
    "We cannot currently support people with a conviction for arson.",
    "We are not able to work with people assessed as a high risk to staff.",
    "Please talk to us first if the person has high support needs.",
    "People must be willing to engage; we cannot work with people who do not want support.",
]
COSTS = [
    ("Free", 80),
    ("Free to people referred by probation", 5),
    ("Free; travel expenses repaid", 6),
    ("£2 a session, waived if you cannot pay", 4),
    ("Free for the first six sessions", 5),
]
COMMUNITY_LANGUAGES = [
    "Urdu", "Punjabi", "Polish", "Romanian", "Arabic", "Somali", "Bengali", "Portuguese",
]  # fmt: skip
WAITING_LIST_NOTES = [
    "Waiting list of about {weeks} weeks for a first appointment.",
    "About {weeks} weeks' wait; urgent referrals are seen sooner.",
    "We can offer an assessment within {weeks} weeks.",
]
PAUSED_NOTES = [
    "Not taking new referrals while we recruit a new caseworker.",
    "Paused until our new funding starts.",
    "Full at the moment; please check back next month.",
]
LOCATION_ACCESSIBILITY = [
    "",
    "Step-free access and an accessible toilet.",
    "Ground floor, with a hearing loop at reception.",
    "First floor with a lift; tell us if you need a ground-floor room.",
]


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
            f"{_html(self.title)} was set up in {self.founded} {self.origin}. {self.theme.about}",
        ]
        if self.source != OrganisationSource.IMPORTED:
            paragraphs.append(self.approach)
        html = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
        if len(self.services) > 1:
            items = "".join(f"<li>{_html(service.title)}</li>" for service in self.services)
            html += f"<p>What we offer:</p><ul>{items}</ul>"
        return html


@dataclass
class DemoReport:
    organisations_created: int = 0
    organisations_present: int = 0
    drafts_created: int = 0
    services_created: int = 0
    services_present: int = 0
    admin_created: bool = False
    site_changes: list = field(default_factory=list)


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
        theme = _weighted(rng, {theme: theme.weight for theme in THEMES})
        title = _organisation_title(rng, names[index], theme, titles)
        organisation = _plan_organisation(
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
        organisation.services = _plan_services(rng, vocabulary, organisation, phones)
        organisations.append(organisation)

    _choose_commissioning(plan_rng, vocabulary, organisations)
    _choose_scottish_charities(plan_rng, organisations)
    _choose_led_by_and_for(plan_rng, vocabulary, organisations)
    _cover_every_term(plan_rng, vocabulary, organisations)
    _ensure_confidential_locations(plan_rng, vocabulary, organisations)
    return organisations


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


def _plan_organisation(
    rng, vocabulary, index, title, theme, income_band, is_national, is_draft, phones
):
    regions = [] if is_national else _choose_regions(rng, vocabulary.regions)
    home_region = regions[0] if regions else rng.choice(vocabulary.regions)
    town = rng.choice(vocabulary.towns[home_region.pk])
    source = OrganisationSource.SELF_LISTED if is_draft else _weighted(rng, SOURCE_WEIGHTS)

    organisation = OrganisationPlan(
        index=index,
        title=title,
        slug="",
        theme=theme,
        summary="",
        website="",
        email="",
        phone=_drama_phone(phones, DRAMA_PHONE_RANGES.get(home_region.slug)),
        address=f"{_street_address(rng)}\n{town}",
        postcode=_postcode(rng, town, home_region),
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
    area = "England and Wales" if is_national else _region_names(regions)
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
    count = _weighted(rng, {1: 55, 2: 30, 3: 15})
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


def _plan_services(rng, vocabulary, organisation, phones):
    if organisation.income_band in SMALL_BANDS:
        count = _weighted(rng, {1: 55, 2: 45})
    elif organisation.income_band in MEDIUM_BANDS:
        count = _weighted(rng, {1: 15, 2: 45, 3: 40})
    else:
        count = _weighted(rng, {2: 30, 3: 40, 4: 30})

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
        service = _plan_service(
            rng, vocabulary, organisation, top, subcategory, theme_groups, phones
        )
        service.slug = _unique_slug(service.slug, {other.slug for other in services})
        services.append(service)
    return services


def _plan_service(rng, vocabulary, organisation, top, subcategory, theme_groups, phones):
    names, detail, group_slugs = SERVICE_TEMPLATES.get(
        subcategory.slug,
        (
            (subcategory.name,),
            f"{subcategory.name} for people in contact with the justice system.",
            (),
        ),
    )
    categories = [subcategory]
    if subcategory.pk != top.pk and rng.random() < 0.3:
        categories.append(top)

    groups = {
        vocabulary.client_groups_by_slug[slug]
        for slug in (*group_slugs, *theme_groups)
        if slug in vocabulary.client_groups_by_slug and rng.random() < 0.7
    }
    for _ in range(_weighted(rng, {0: 50, 1: 35, 2: 15})):
        groups.add(rng.choice(vocabulary.client_groups))
    groups = sorted(groups, key=vocabulary.client_groups.index)

    stages = vocabulary.stages
    if stages:
        length = _weighted(rng, {1: 30, 2: 40, 3: 20, len(stages): 10})
        start = rng.randrange(max(1, len(stages) - length + 1))
        stages = stages[start : start + length]

    is_national, regions = _service_coverage(rng, organisation)
    location_regions = regions or [organisation.home_region]
    locations = []
    for region in location_regions[: rng.randint(1, 2)]:
        town = rng.choice(vocabulary.towns[region.pk])
        locations.append(
            LocationPlan(
                name=f"{town} base" if rng.random() < 0.5 else "",
                area=town,
                address=_street_address(rng),
                postcode=_postcode(rng, town, region),
                accessibility=rng.choice(LOCATION_ACCESSIBILITY),
            )
        )

    title = rng.choice(names)
    if rng.random() < 0.2:
        title = f"{title} in {locations[0].area}"

    delivered_in_person = rng.random() < 0.85
    delivered_online = rng.random() < 0.35
    delivered_by_phone = rng.random() < 0.45 or not (delivered_in_person or delivered_online)

    referral_method = _weighted(
        rng, {ReferralMethod.BOTH: 50, ReferralMethod.PROFESSIONAL: 30, ReferralMethod.SELF: 20}
    )
    service_slug = slugify(title)
    email = (
        f"{rng.choice(['referrals', 'support', 'team'])}@{organisation.domain}"
        if rng.random() < 0.45
        else ""
    )
    phone = _drama_phone(phones, DRAMA_MOBILE_RANGE) if rng.random() < 0.3 else ""
    status = ServiceState.TEMPORARILY_CLOSED if rng.random() < 0.03 else ServiceState.ACTIVE
    capacity, capacity_note = _capacity(rng, status)

    return ServicePlan(
        title=title,
        slug=service_slug,
        description=_service_description(
            rng,
            detail,
            locations[0].area,
            delivered_in_person,
            delivered_online,
            delivered_by_phone,
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
        cost=_weighted(rng, dict(COSTS)),
        languages=_languages(rng, location_regions, groups),
        delivered_in_person=delivered_in_person,
        delivered_online=delivered_online,
        delivered_by_phone=delivered_by_phone,
        email=email,
        phone=phone,
        url=f"https://{organisation.domain}/{service_slug}" if rng.random() < 0.5 else "",
        status=status,
        locations=locations,
        capacity=capacity,
        capacity_note=capacity_note,
        confirmed_days_ago=max(0, min(540, organisation.confirmed_days_ago + rng.randint(-60, 60))),
    )


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
    how = f"We work with people {_list_names(ways)}."
    extra = rng.choice(
        [
            "Sessions are friendly and informal, and you can bring someone with you.",
            "Each person agrees a plan with their worker and reviews it together every month.",
            "We keep in touch after support ends, for as long as people want us to.",
            "",
        ]
    )
    return f"<p>{_html(detail)}</p><p>{_html(how)} {_html(extra)}</p>".replace(" </p>", "</p>")


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
    where = "anywhere in England and Wales" if is_national else f"in {_region_names(regions)}"
    sentences = [f"{who} {where}."]
    if stages and len(stages) < len(vocabulary.stages):
        stage_names = [_lower_first(stage.name) for stage in stages]
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
    capacity = _weighted(
        rng,
        {CapacityStatus.ACCEPTING: 75, CapacityStatus.WAITING_LIST: 17, CapacityStatus.PAUSED: 8},
    )
    if capacity == CapacityStatus.WAITING_LIST:
        return capacity, rng.choice(WAITING_LIST_NOTES).format(weeks=rng.randint(2, 12))
    if capacity == CapacityStatus.PAUSED:
        return capacity, rng.choice(PAUSED_NOTES)
    return capacity, ""


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


# Small helpers -----------------------------------------------------------------------------


def _weighted(rng, weights):
    options = list(weights)
    return rng.choices(options, weights=[weights[option] for option in options])[0]


def _list_names(items):
    names = [str(item) for item in items]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _html(text):
    """Text for rich text: markup escaped, apostrophes left readable."""
    return html.escape(text, quote=False)


def _region_names(regions):
    """ "the North West and London": compass-point regions read better with "the"."""
    compass = ("North ", "South ", "East ", "West ")
    return _list_names(
        f"the {region.name}" if region.name.startswith(compass) else region.name
        for region in regions
    )


def _lower_first(text):
    return text[:1].lower() + text[1:]


def _unique_slug(slug, taken):
    candidate, suffix = slug, 1
    while candidate in taken:
        suffix += 1
        candidate = f"{slug}-{suffix}"
    return candidate


def _street_address(rng):
    street = f"{rng.randint(1, 180)} {rng.choice(STREETS)}"
    if rng.random() < 0.35:
        return f"Unit {rng.randint(1, 12)}, {rng.choice(BUILDINGS)}\n{street}"
    return street


def _postcode(rng, town, region):
    area = POSTCODE_AREAS.get(town) or REGION_POSTCODE_AREAS.get(region.slug, "ZZ")
    letters = "".join(rng.choice(POSTCODE_LETTERS) for _ in range(2))
    return f"{area}{rng.randint(1, 15)} {rng.randint(1, 9)}{letters}"


def _drama_phone(counters, pattern):
    pattern = pattern or DRAMA_PHONE_FALLBACK
    number = counters[pattern] % 1000
    counters[pattern] += 1
    return pattern.format(number)


# Writing -----------------------------------------------------------------------------------


def load_demo_data(seed=SEED):
    """Create the site structure, the demo admin and the demo directory. Safe to run again."""
    structure = ensure_site_structure()
    report = DemoReport(site_changes=structure.changes)
    report.admin_created = ensure_demo_admin()

    directory = structure.directory
    plan = build_demo_plan(Vocabulary.load(), seed)
    existing = OrganisationPage.objects.child_of(directory)
    slugs = set(existing.values_list("slug", flat=True))
    charity_numbers = set(
        OrganisationPage.objects.exclude(charity_number="").values_list(
            "charity_regulator", "charity_number"
        )
    )
    company_numbers = set(
        OrganisationPage.objects.exclude(company_number="").values_list("company_number", flat=True)
    )
    now = timezone.now()
    for organisation in plan:
        already_listed = (
            organisation.slug in slugs
            or (organisation.charity_regulator, organisation.charity_number) in charity_numbers
            or organisation.company_number in company_numbers
        )
        if already_listed:
            report.organisations_present += 1
            report.services_present += len(organisation.services)
            continue
        with transaction.atomic():
            _create_organisation(directory, organisation, now)
        report.organisations_created += 1
        report.drafts_created += organisation.is_draft
        report.services_created += len(organisation.services)
    load_self_service_demo(DEMO_ADMIN_PASSWORD)
    load_forum_demo(structure.forums)
    return report


def ensure_demo_admin():
    """The demo superuser, created only if missing; an existing password is never changed.

    Its email address is marked as confirmed, since sign-in requires that (also for a demo
    admin made before sign-in did). On first sign-in it must set up an authenticator app,
    like every staff account.
    """
    User = get_user_model()
    admin = User.objects.filter(email__iexact=DEMO_ADMIN_EMAIL).first()
    created = admin is None
    with transaction.atomic():
        if created:
            admin = User.objects.create_superuser(
                email=DEMO_ADMIN_EMAIL, password=DEMO_ADMIN_PASSWORD
            )
        if not EmailAddress.objects.filter(user=admin).exists():
            EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
    return created


def _create_organisation(directory, plan, now):
    page = OrganisationPage(
        title=plan.title,
        slug=plan.slug,
        summary=plan.summary,
        description=plan.description,
        website=plan.website,
        email=plan.email,
        phone=plan.phone,
        address=plan.address,
        postcode=plan.postcode,
        charity_regulator=plan.charity_regulator,
        charity_number=plan.charity_number,
        company_number=plan.company_number,
        income_band=plan.income_band,
        source=plan.source,
        is_national=plan.is_national,
    )
    page.regions = plan.regions
    page.led_by_and_for = plan.led_by_and_for
    page.commissioning_relationships = plan.commissioning
    if plan.is_draft:
        # A listing waiting for approval: its services are live but hidden with it.
        page.live = False
        directory.add_child(instance=page)
        page.save_revision()
    else:
        publish_new_page(directory, page)

    for service_plan in plan.services:
        service = _create_service(page, service_plan)
        ServiceStatus.objects.filter(service=service).update(
            capacity=service_plan.capacity,
            capacity_note=service_plan.capacity_note,
            last_confirmed_at=now - timedelta(days=service_plan.confirmed_days_ago),
        )

    OrganisationStatus.objects.filter(organisation=page).update(
        is_claimed=plan.source == OrganisationSource.SELF_LISTED,
        last_confirmed_at=now - timedelta(days=plan.confirmed_days_ago),
    )
    return page


def _create_service(organisation, plan):
    service = ServicePage(
        title=plan.title,
        slug=plan.slug,
        description=plan.description,
        status=plan.status,
        is_national=plan.is_national,
        eligibility=plan.eligibility,
        referral_method=plan.referral_method,
        referral_details=plan.referral_details,
        email=plan.email,
        phone=plan.phone,
        website=plan.url,
        cost=plan.cost,
        languages=plan.languages,
        delivered_in_person=plan.delivered_in_person,
        delivered_online=plan.delivered_online,
        delivered_by_phone=plan.delivered_by_phone,
    )
    service.categories = plan.categories
    service.client_groups = plan.client_groups
    service.stages = plan.stages
    service.regions = plan.regions
    service.locations = [
        ServiceLocation(
            name=location.name,
            area=location.area,
            address=location.address,
            postcode=location.postcode,
            accessibility=location.accessibility,
            is_confidential=location.is_confidential,
        )
        for location in plan.locations
    ]
    return publish_new_page(organisation, service)


def demo_data_counts():
    """Totals for the command's summary and for checking that a second run adds nothing."""
    services = ServicePage.objects.all()
    return {
        "organisations": OrganisationPage.objects.count(),
        "draft organisations": OrganisationPage.objects.filter(live=False).count(),
        "services": services.count(),
        "live services": services.live().count(),
        "public services": ServicePage.objects.public().count(),
        "categories used": ServiceCategory.objects.filter(services__isnull=False)
        .distinct()
        .count(),
        "confidential locations": ServiceLocation.objects.filter(is_confidential=True).count(),
        "national organisations": OrganisationPage.objects.filter(is_national=True).count(),
        "organisations outside commissioning": OrganisationPage.objects.filter(
            commissioning_relationships__isnull=True
        ).count(),
    }
