"""The Welsh side of the site: the Welsh locale and the pages every installation needs in
Welsh (the home page, the directory, the forum index, the Wales forum and the commissioning
pipeline).

Each is a translation of its English page made with Wagtail's `copy_for_translation`
(sharing its translation_key and keeping its slug, so a page's Welsh address is its English
one under /cy/), given Welsh text and published. A page that already has its Welsh version
is left alone, so `setup_site` can run on every release. Pages not translated are still
served under /cy/, in English (`HomePage.route`).
"""

from dataclasses import dataclass

from wagtail.models import Locale

from forums.roles import ensure_forum_managers_group, ensure_national_forum_managers_group

WELSH = "cy"
WALES_REGION = "wales"

HOME = {
    "title": "Common Ground",
    "introduction": (
        "Mae Common Ground yn helpu ymarferwyr prawf i ddod o hyd i gymorth arbenigol gan "
        "sefydliadau gwirfoddol, yn helpu elusennau bach i gadw eu rhestriadau’n gyfredol, ac "
        "yn rhoi fforwm agored i bob rhanbarth prawf ar gyfer digwyddiadau ymgysylltu ac "
        "ymgynghoriadau."
    ),
}

DIRECTORY = {
    "title": "Dod o hyd i wasanaethau cymorth",
    "introduction": (
        "Dewch o hyd i sefydliadau gwirfoddol a’r gwasanaethau maen nhw’n eu cynnig i bobl sydd "
        "mewn cysylltiad â’r system cyfiawnder yng Nghymru a Lloegr, ac i’w teuluoedd. Chwiliwch "
        "yn ôl rhanbarth, math o gymorth, ar gyfer pwy mae’r gwasanaeth a cham y system "
        "cyfiawnder."
    ),
}

FORUMS = {
    "title": "Fforymau rhanbarthol",
    "introduction": (
        "Mae gan bob rhanbarth prawf fforwm sy’n cael ei redeg gan dîm ei Gyfarwyddwr Prawf "
        "Rhanbarthol. Mae’r fforymau’n cyhoeddi digwyddiadau ymgysylltu ac ymgynghoriadau, ac yn "
        "adrodd yn ôl ar yr hyn a newidiodd o ganlyniad. Gall unrhyw sefydliad gwirfoddol sy’n "
        "gweithio yn y rhanbarth gymryd rhan, p’un a oes ganddo gontract prawf ai peidio."
    ),
}

WALES_FORUM = {
    "title": "Fforwm Cymru",
    "introduction": (
        "<p>Fforwm Cymru yw lle mae tîm Cyfarwyddwr Prawf Rhanbarthol Cymru yn rhannu "
        "digwyddiadau ymgysylltu ac ymgynghoriadau, ac yn dweud beth ddaeth ohonyn nhw. Mae "
        "croeso i unrhyw sefydliad gwirfoddol sy’n gweithio yng Nghymru, p’un a oes ganddo "
        "gontract prawf ai peidio.</p>"
    ),
}

PIPELINE = {
    "title": "Piblinell gomisiynu",
    "introduction": (
        "Cyfleoedd grant a chontract i sefydliadau gwirfoddol sydd ar y gorwel: beth sy’n dod, "
        "faint yw ei werth, pwy all wneud cais a phryd, a phob newid iddyn nhw gyda’i ddyddiad "
        "a’i reswm."
    ),
}


@dataclass
class WelshPages:
    locale: Locale
    home: object
    directory: object
    forum_index: object
    wales_forum: object | None
    pipeline: object | None = None


def ensure_welsh_pages(structure, changes):
    """The Welsh locale and the Welsh versions of the structure's pages (idempotent)."""
    locale, created = Locale.objects.get_or_create(language_code=WELSH)
    if created:
        changes.append("Created the Welsh locale")
    home = ensure_translation(structure.home, locale, HOME, changes)
    directory = ensure_translation(structure.directory, locale, DIRECTORY, changes)
    forum_index = ensure_translation(structure.forum_index, locale, FORUMS, changes)
    wales = next((f for f in structure.forums if f.region.slug == WALES_REGION), None)
    wales_forum = ensure_translation(wales, locale, WALES_FORUM, changes) if wales else None
    # A managers group's grants cover its page and every translation (forums.roles); this
    # also puts back any an earlier version of this command took from the English pages.
    ensure_national_forum_managers_group(structure.forum_index)
    if wales is not None:
        ensure_forum_managers_group(wales)
    pipeline = ensure_translation(structure.pipeline, locale, PIPELINE, changes)
    return WelshPages(locale, home, directory, forum_index, wales_forum, pipeline)


def ensure_translation(page, locale, fields, changes):
    """The page's version in `locale`: the existing one (left as editors made it), or a new
    translation with these fields, published. Its parent must be translated already."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translated = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    changes.append(f"Created the Welsh page “{translated.title}”")
    return translated
