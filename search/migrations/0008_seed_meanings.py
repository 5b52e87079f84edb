"""Seed what practitioners' words mean in the directory's vocabularies.

Each group lists words and phrases people type ("somewhere to live", "a bed tonight", "NFA")
and the terms they stand for. The ten plain synonym groups seeded earlier are replaced when
nobody has edited them. Editors change all of this in the admin (Search synonyms).
"""

from django.db import migrations

OLD_GROUPS = [
    "housing, accommodation, homeless, homelessness, tenancy",
    "drugs, substance misuse, dependency, addiction, rehab, recovery",
    "alcohol, drink, drinking",
    "jobs, job, employment, work, ete, training",
    "debt, money, finance, benefits",
    "mental health, wellbeing, counselling",
    "women, woman, female",
    "bame, racially minoritised, ethnic minority",
    "ipp, imprisonment for public protection",
    "veterans, veteran, armed forces, ex-forces",
]

# (words and phrases, {relation: "slug slug"}): a phrase is matched whole, longest first.
MEANINGS = [
    # Accommodation
    (
        "accommodation, housing, somewhere to live, place to live, somewhere to stay, "
        "place to stay, a roof over their head, housed, rehousing, hostel, hostels, "
        "approved premises, bail accommodation, cas2, cas3",
        {"categories": "accommodation"},
    ),
    (
        "homeless, homelessness, nfa, no fixed abode, no fixed address, rough sleeping, "
        "rough sleeper, rough sleepers, sofa surfing, street homeless",
        {"categories": "accommodation", "client_groups": "homelessness"},
    ),
    (
        "emergency accommodation, emergency housing, a bed tonight, bed tonight, "
        "a bed for tonight, somewhere to sleep tonight, somewhere to sleep, night shelter, "
        "emergency bed, crisis accommodation",
        {"categories": "emergency-accommodation"},
    ),
    (
        "supported housing, supported accommodation, move on accommodation, move-on",
        {"categories": "supported-housing"},
    ),
    ("housing advice, homelessness prevention", {"categories": "housing-advice"}),
    (
        "tenancy, tenancy support, tenancy sustainment, keeping a tenancy, keep a tenancy",
        {"categories": "tenancy-sustainment"},
    ),
    # Education, training and employment
    (
        "employment, job, jobs, work, ete, career, careers, cv, job search, job seeking, "
        "unemployed, into work, back to work, paid work, employability, employer, employers, "
        "training, "
        "education, course, courses, learning",
        {"categories": "education-training-employment"},
    ),
    (
        "qualifications, qualification, skills, college, literacy, numeracy, "
        "english and maths, esol, reading and writing",
        {"categories": "skills-qualifications"},
    ),
    (
        "volunteering, volunteer, work placement, work placements, work experience",
        {"categories": "volunteering-placements"},
    ),
    (
        "digital skills, computer skills, computers, it skills, digital inclusion, internet",
        {"categories": "digital-skills"},
    ),
    # Finance, benefit and debt
    ("money, finance, finances, financial", {"categories": "finance-benefit-debt"}),
    (
        "benefits, benefit, benefits advice, universal credit, pip, esa, welfare, welfare rights",
        {"categories": "benefits-advice"},
    ),
    ("debt, debts, debt advice, arrears, bailiffs", {"categories": "debt-advice"}),
    (
        "bank account, bank accounts, id, id documents, identification, birth certificate, "
        "proof of identity",
        {"categories": "bank-accounts-id"},
    ),
    ("budgeting, budget, money skills, managing money", {"categories": "budgeting"}),
    # Dependency and recovery
    (
        "addiction, addictions, substance misuse, substance use, substances, dependency, "
        "rehab, detox, sober, sobriety",
        {"categories": "dependency-recovery"},
    ),
    (
        "drugs, drug, drug use, heroin, crack, cocaine, opiates, spice, cannabis, methadone",
        {"categories": "drugs"},
    ),
    (
        "alcohol, drink, drinking, drinker, booze, alcoholic, alcoholism",
        {"categories": "alcohol"},
    ),
    ("gambling, gambler, betting", {"categories": "gambling"}),
    (
        "recovery, recovery community, recovery communities, mutual aid, smart recovery",
        {"categories": "recovery-communities dependency-recovery"},
    ),
    # Personal wellbeing
    ("wellbeing, well-being", {"categories": "personal-wellbeing health-mental-health"}),
    (
        "emotional support, someone to talk to, loneliness, lonely, isolation, isolated",
        {"categories": "emotional-wellbeing social-inclusion"},
    ),
    (
        "family, families, relationships",
        {
            "categories": "children-families family-significant-others",
            "client_groups": "families",
        },
    ),
    # Women
    (
        "women, woman, female, females, ladies",
        {"categories": "womens-services", "client_groups": "women"},
    ),
    ("women's centre, womens centre, women's centres", {"categories": "womens-centres"}),
    ("women only, women-only", {"categories": "women-one-to-one"}),
    (
        "exploitation, trafficking, modern slavery, sex work, sex worker, sex workers, "
        "county lines",
        {"categories": "women-abuse-exploitation"},
    ),
    # Health and mental health
    (
        "mental health, mental illness, anxiety, depression, ptsd, trauma, psychosis, "
        "self-harm, self harm, suicidal, personality disorder",
        {"categories": "mental-health counselling-therapy emotional-wellbeing"},
    ),
    (
        "counselling, counseling, therapy, therapist, talking therapy, talking therapies, "
        "cbt, psychotherapy",
        {"categories": "counselling-therapy"},
    ),
    (
        "gp, doctor, doctors, register with a gp, gp registration, dentist",
        {"categories": "gp-registration"},
    ),
    (
        "autism, autistic, adhd, neurodiversity, neurodivergent, learning disability, "
        "learning disabilities, learning difficulties, dyslexia, brain injury",
        {"categories": "neurodiversity", "client_groups": "disabled-neurodivergent"},
    ),
    ("health, healthcare, physical health", {"categories": "health-mental-health"}),
    ("disabled, disability, disabilities", {"client_groups": "disabled-neurodivergent"}),
    (
        "mental health needs, people with mental health needs, mental health problems, "
        "mentally ill",
        {"categories": "mental-health", "client_groups": "mental-health-needs"},
    ),
    # Children and families
    (
        "families of prisoners, prisoners families, family of a prisoner, partner in prison, "
        "dad in prison, mum in prison, parent in prison, partner of someone in prison, "
        "family of someone in prison, families of people in prison, loved one in prison, "
        "someone in prison",
        {"categories": "families-of-prisoners", "client_groups": "families"},
    ),
    ("parenting, parent, parents, dads, mums, fathers, mothers", {"categories": "parenting"}),
    (
        "prison visits, family visits, visits, visiting, family contact, contact with children",
        {"categories": "family-contact"},
    ),
    # Mentoring and peer support
    (
        "mentor, mentors, mentoring, befriending, befriender",
        {"categories": "mentoring-peer-support"},
    ),
    (
        "peer support, peer mentor, peer mentors, peer mentoring",
        {"categories": "lived-experience-peer-support"},
    ),
    (
        "through the gate, ttg, gate pick up, met at the gate, meet at the gate, gate meeting",
        {"categories": "through-the-gate-mentoring"},
    ),
    # Advice and advocacy
    ("legal advice, solicitor, lawyer, legal aid, legal", {"categories": "legal-advice"}),
    (
        "ipp, imprisonment for public protection, ipp sentence, ipp sentences, "
        "indeterminate sentence",
        {"categories": "ipp-support", "client_groups": "ipp"},
    ),
    (
        "immigration, immigration advice, asylum, visa, deportation, refugee, refugees",
        {"categories": "immigration-advice"},
    ),
    (
        "foreign national, foreign nationals, non-british",
        {"categories": "immigration-advice", "client_groups": "foreign-nationals"},
    ),
    ("advocacy, advocate, independent advocate", {"categories": "advocacy"}),
    # Domestic abuse and sexual violence
    (
        "domestic abuse, domestic violence, dv, abusive relationship, coercive control, "
        "refuge, refuges",
        {"categories": "domestic-abuse-sexual-violence"},
    ),
    (
        "domestic abuse victim, domestic abuse victims, domestic violence victim, "
        "domestic violence victims, victim of domestic abuse, victims of domestic abuse, "
        "victim of domestic violence, domestic abuse survivor, domestic abuse survivors, "
        "survivors of domestic abuse, fleeing domestic abuse, fleeing domestic violence",
        {"categories": "domestic-abuse-survivors women-abuse-exploitation"},
    ),
    (
        "perpetrator, perpetrators, perpetrator programme, domestic abuse perpetrator, "
        "behaviour change, building better relationships, bbr",
        {"categories": "behaviour-change"},
    ),
    (
        "sexual violence, rape, sexual assault, sexual abuse, isva",
        {"categories": "sexual-violence-support"},
    ),
    (
        "sex offenders, sex offender, sexual offences, sexual offending, sex offence, "
        "circles of support",
        {"client_groups": "sexual-offences"},
    ),
    # Restorative justice and victims
    ("restorative justice, rj, restorative, mediation", {"categories": "restorative-justice"}),
    (
        "victims, victim, victim support, survivors, survivor",
        {"categories": "victim-support", "client_groups": "victims-survivors"},
    ),
    # Arts, sport and faith
    (
        "art, arts, creative, creativity, music, theatre, drama, creative writing, painting",
        {"categories": "arts"},
    ),
    (
        "sport, sports, football, boxing, gym, fitness, exercise, physical activity",
        {"categories": "sport"},
    ),
    (
        "faith, chaplaincy, chaplain, church, mosque, religious, spiritual, pastoral",
        {"categories": "faith"},
    ),
    # Who it is for
    (
        "young adults, young adult, young, young people, young person, 18-25, 18 to 25, "
        "youth, under 25, under 25s, transition to adulthood, t2a",
        {"client_groups": "young-adults"},
    ),
    (
        "children, child, kids, under 18, under 18s, teenagers, teenager, juvenile, "
        "youth justice, yot",
        {"client_groups": "children-young-people"},
    ),
    (
        "older, older people, elderly, over 50, over 50s, pensioner, pensioners, older prisoners",
        {"client_groups": "older-people"},
    ),
    (
        "bame, bme, black, asian, racially minoritised, ethnic minority, ethnic minorities, "
        "minority ethnic, global majority, black and minoritised, people of colour",
        {"client_groups": "racially-minoritised"},
    ),
    (
        "gypsy, gypsies, roma, traveller, travellers, grt",
        {"client_groups": "gypsy-roma-traveller"},
    ),
    (
        "veterans, veteran, ex-forces, ex forces, ex-military, ex military, armed forces, "
        "forces, army, navy, raf, ex-service, service leavers, soldier, soldiers",
        {"client_groups": "veterans"},
    ),
    (
        "lgbt, lgbtq, lgbtqi, gay, lesbian, bisexual, trans, transgender, queer, non-binary",
        {"client_groups": "lgbtq"},
    ),
    (
        "care leaver, care leavers, care experienced, leaving care",
        {"client_groups": "care-leavers"},
    ),
    # Stages of the justice system
    (
        "arrest, police custody, custody suite, liaison and diversion, diversion",
        {"stages": "arrest-custody"},
    ),
    (
        "court, courts, sentencing, magistrates, crown court, pre-sentence",
        {"stages": "court"},
    ),
    (
        "in prison, in custody, prison, prisons, prisoner, prisoners, inside, "
        "serving a sentence, remand, on remand, jail",
        {"stages": "in-prison"},
    ),
    (
        "release, released, on release, leaving prison, leaving custody, after prison, "
        "out of prison, just released, newly released, prison leaver, prison leavers, "
        "resettlement, day of release, pre-release, preparing for release",
        {"stages": "pre-release on-probation"},
    ),
    (
        "on licence, licence, on probation, community sentence, community order, "
        "supervision, unpaid work",
        {"stages": "on-probation"},
    ),
    (
        "after sentence, spent conviction, spent convictions, criminal record, "
        "past conviction, disclosure, dbs, conviction, convictions, disclosing a conviction, "
        "disclosing convictions",
        {"stages": "after-sentence"},
    ),
    # Led by and for
    (
        "bame led, bame-led, black led, black-led, led by black and minoritised, "
        "led by and for racially minoritised, minority led, minority-led",
        {"led_by_and_for": "racially-minoritised"},
    ),
    ("women led, women-led, led by women, led by and for women", {"led_by_and_for": "women"}),
    (
        "lived experience, lived experience led, led by lived experience, peer led, "
        "peer-led, user led, user-led",
        {"led_by_and_for": "lived-experience"},
    ),
]

RELATIONS = {
    "categories": "ServiceCategory",
    "client_groups": "ClientGroup",
    "stages": "JusticeStage",
    "led_by_and_for": "LedByAndFor",
}


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    Locale = apps.get_model("wagtailcore", "Locale")
    locale = Locale.objects.filter(language_code="en-gb").first()
    SynonymGroup.objects.filter(terms__in=OLD_GROUPS).delete()
    terms = {
        relation: {
            term.slug: term
            for term in apps.get_model("core", model_name).objects.filter(locale=locale)
        }
        for relation, model_name in RELATIONS.items()
    }
    for words, meanings in MEANINGS:
        group, _ = SynonymGroup.objects.get_or_create(terms=words)
        for relation, slugs in meanings.items():
            found = [terms[relation][slug] for slug in slugs.split() if slug in terms[relation]]
            getattr(group, relation).add(*found)


class Migration(migrations.Migration):
    dependencies = [("search", "0007_synonym_meanings"), ("core", "0004_seed_postcode_areas")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
