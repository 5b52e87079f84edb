"""Seed what Welsh searchers' words mean in the directory's vocabularies.

The same kind of groups as 0008, in Welsh, with the common mutated forms ("fenywod" after
"i", "lety", "waith", "ddyled"), so a search typed in Welsh is understood as the same terms
as its English equivalent. Editors change all of this in the admin (Search synonyms).
"""

from django.db import migrations

MEANINGS = [
    (
        "tai, dai, nhai, llety, lety, rhywle i fyw, lle i fyw, hostel",
        {"categories": "accommodation"},
    ),
    (
        "digartref, ddigartref, digartrefedd, cysgu allan, heb gyfeiriad sefydlog",
        {"categories": "accommodation", "client_groups": "homelessness"},
    ),
    (
        "llety brys, gwely heno, gwely am heno, lloches nos, rhywle i gysgu heno",
        {"categories": "emergency-accommodation"},
    ),
    ("tai â chymorth, llety â chymorth", {"categories": "supported-housing"}),
    ("cyngor tai, atal digartrefedd", {"categories": "housing-advice"}),
    ("tenantiaeth, cadw tenantiaeth", {"categories": "tenancy-sustainment"}),
    (
        "cyflogaeth, gyflogaeth, swydd, swyddi, gwaith, waith, hyfforddiant, addysg, cwrs, cyrsiau",
        {"categories": "education-training-employment"},
    ),
    ("gwirfoddoli, wirfoddoli", {"categories": "volunteering-placements"}),
    ("sgiliau digidol", {"categories": "digital-skills"}),
    ("dyled, ddyled, dyledion, cyngor ar ddyledion", {"categories": "debt-advice"}),
    ("budd-daliadau, budd-dal, fudd-daliadau", {"categories": "benefits-advice"}),
    ("cyllidebu, rheoli arian", {"categories": "budgeting"}),
    (
        "iechyd meddwl",
        {"categories": "mental-health", "client_groups": "mental-health-needs"},
    ),
    ("cwnsela, therapi", {"categories": "counselling-therapy"}),
    ("lles, llesiant", {"categories": "emotional-wellbeing"}),
    ("cyffuriau, gyffuriau", {"categories": "drugs"}),
    ("yfed, diod, yfed alcohol", {"categories": "alcohol"}),
    (
        "camddefnyddio sylweddau, caethiwed, dibyniaeth, adferiad",
        {"categories": "dependency-recovery"},
    ),
    ("gamblo", {"categories": "gambling"}),
    (
        "cam-drin domestig, trais domestig, gam-drin domestig",
        {"categories": "domestic-abuse-sexual-violence"},
    ),
    ("trais rhywiol, cam-drin rhywiol", {"categories": "sexual-violence-support"}),
    (
        "menywod, fenywod, merched, ferched",
        {"categories": "womens-services", "client_groups": "women"},
    ),
    ("cyn-filwyr, cyn-filwr, lluoedd arfog", {"client_groups": "veterans"}),
    ("oedolion ifanc", {"client_groups": "young-adults"}),
    ("plant a phobl ifanc, pobl ifanc", {"client_groups": "children-young-people"}),
    ("pobl hŷn, pobl hyn", {"client_groups": "older-people"}),
    ("ymadawyr gofal", {"client_groups": "care-leavers"}),
    ("lhdt, lhdtc", {"client_groups": "lgbtq"}),
    ("sipsiwn, teithwyr", {"client_groups": "gypsy-roma-traveller"}),
    (
        "teuluoedd carcharorion, teuluoedd",
        {"categories": "families-of-prisoners", "client_groups": "families"},
    ),
    (
        "dioddefwyr, goroeswyr",
        {"categories": "victim-support", "client_groups": "victims-survivors"},
    ),
    ("cyngor cyfreithiol", {"categories": "legal-advice"}),
    ("mewnfudo", {"categories": "immigration-advice"}),
    ("mentora, mentor", {"categories": "mentoring-peer-support"}),
    ("rhianta, magu plant", {"categories": "parenting"}),
    ("celfyddydau", {"categories": "arts"}),
    ("chwaraeon", {"categories": "sport"}),
    ("ffydd", {"categories": "faith"}),
    ("cyfiawnder adferol", {"categories": "restorative-justice"}),
    ("yn y carchar, carchar, garchar", {"stages": "in-prison"}),
    ("ar brawf", {"stages": "on-probation"}),
    ("llys", {"stages": "court"}),
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


def unseed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    SynonymGroup.objects.filter(terms__in=[words for words, _meanings in MEANINGS]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0008_seed_meanings")]

    operations = [migrations.RunPython(seed, unseed)]
