"""Seed postcode areas (and the districts of areas that cross a region's border) with their
probation region, so that a search for "LS6 1AA", "LS6" or "CF10" finds the region.

Scottish and Northern Irish areas are left out: no probation region covers them. Editors
add or correct entries in the admin (Taxonomies → Postcode areas).
"""

from django.db import migrations

AREAS = {
    "north-east": "NE SR DH TS DL",
    "north-west": "CA LA PR FY BB L CH WA CW",
    "greater-manchester": "M BL OL SK WN",
    "yorkshire-and-the-humber": "LS BD WF HD HX S DN YO HG HU",
    "east-midlands": "NG DE LE LN NN",
    "west-midlands": "B CV WV WS DY ST TF SY WR HR",
    "east-of-england": "NR IP CB CM CO SS LU AL SG WD PE",
    "london": "E EC N NW SE SW W WC BR CR EN HA IG KT RM SM TW UB",
    "kent-surrey-and-sussex": "ME CT TN BN RH GU DA",
    "south-central": "OX RG SL MK HP SO PO",
    "south-west": "BS BA TA EX PL TQ TR BH DT SN GL SP",
    "wales": "CF SA NP LL LD",
}
# Districts whose region differs from their area's.
DISTRICTS = {
    "yorkshire-and-the-humber": "DL6 DL7 DL8 DL9 DL10 DL11",
    "wales": "CH5 CH6 CH7 CH8 SY15 SY16 SY17 SY18 SY19 SY20 SY21 SY22 SY23 SY24 SY25",
    "north-west": "SK10 SK11 SK12",
    "east-midlands": (
        "SK13 SK17 SK22 SK23 S18 S32 S33 S40 S41 S42 S43 S44 S45 S80 S81 DN21 DN22 "
        "PE9 PE10 PE11 PE12 PE20 PE21 PE22 PE23 PE24 PE25"
    ),
    "east-of-england": "EN6 EN7 EN8 EN9 EN10 EN11 HP1 HP2 HP3 HP4 CB8",
    "london": "DA5 DA6 DA7 DA8 DA14 DA15 DA16 DA17 DA18",
    "kent-surrey-and-sussex": (
        "KT10 KT11 KT12 KT13 KT14 KT15 KT16 KT17 KT18 KT19 KT20 KT21 KT22 KT23 KT24 "
        "TW15 TW16 TW17 TW18 TW19 TW20"
    ),
    "south-central": "GU11 GU12 GU13 GU14 GU17 GU30 GU31 GU32 GU33 GU34 GU35 GU46 GU51 GU52 "
    "SP6 SP9 SP10 SP11",
}


def seed(apps, schema_editor):
    Region = apps.get_model("core", "Region")
    PostcodeArea = apps.get_model("core", "PostcodeArea")
    Locale = apps.get_model("wagtailcore", "Locale")
    locale = Locale.objects.filter(language_code="en-gb").first()
    regions = {region.slug: region for region in Region.objects.filter(locale=locale)}
    for table in (AREAS, DISTRICTS):
        for slug, codes in table.items():
            if slug not in regions:
                continue
            for code in codes.split():
                PostcodeArea.objects.update_or_create(code=code, defaults={"region": regions[slug]})


class Migration(migrations.Migration):
    dependencies = [("core", "0003_postcode_areas")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
