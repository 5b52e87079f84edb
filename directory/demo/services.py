"""The services' made-up words: what each kind of service is called, does and costs."""

# Services under these top-level categories may run from an address that must stay secret.
CONFIDENTIAL_PRONE_CATEGORIES = {"womens-services", "domestic-abuse-sexual-violence"}

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

# Kinds of service whose description names the stage they work at: a service of the kind
# always works at that stage (and perhaps others), so its tags agree with its words.
STAGE_OF_KIND = {
    "housing-advice": "pre-release",  # "... their housing options before release"
    "emergency-accommodation": "on-probation",  # "... for people released with nowhere to go"
    "through-the-gate-mentoring": "pre-release",  # "... meets people in prison before release"
    "families-of-prisoners": "in-prison",  # "... anyone with a family member in prison"
    "family-contact": "in-prison",  # "... keeping in touch with children during a sentence"
}

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
