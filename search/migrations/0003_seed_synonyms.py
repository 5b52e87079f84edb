from django.db import migrations

SECTOR_SYNONYMS = [
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


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for terms in SECTOR_SYNONYMS:
        SynonymGroup.objects.get_or_create(terms=terms)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_synonym_group")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
