"""Welsh versions of a few Welsh organisations' listings, so /cy/ shows real Welsh content.

Each is a translation of the English page (`copy_for_translation`: the same translation_key,
under the Welsh directory that `setup_site` makes), with its words in Welsh; the facts
(coverage, categories, contact details, locations) stay as the English page has them. Their
availability and "last confirmed" follow the English listing. Safe to run again: a listing
that already has its Welsh version is left alone.
"""

from wagtail.models import Locale

from directory.models import OrganisationPage, ServicePage

WELSH = "cy"

REFERRAL = (
    "Cysylltwch â ni i drafod atgyfeiriad. Byddwn yn ateb o fewn pum diwrnod gwaith, ac yn "
    "trefnu cyfarfod cyntaf gyda’r person yn y lle sydd orau iddo."
)
WOMEN = "Menywod sy’n gadael y carchar neu sydd ar brawf yng Nghymru."
EVERYONE = "Pobl sy’n gadael y carchar neu sydd ar brawf yng Nghymru."

# {English title: (Welsh title, summary, description, {English service title: (Welsh title,
# description, who can use it)})}
LISTINGS = {
    "Ellowmere Housing for Women": (
        "Tai i Fenywod Ellowmere",
        "Cartrefi a chyngor ar dai i fenywod yng Nghaerdydd, Abertawe a ledled Cymru sy’n "
        "gadael y carchar neu sydd ar brawf.",
        "<p>Rydym yn darparu fflatiau symud ymlaen, cyngor ar dai a chymorth tenantiaeth i "
        "fenywod sy’n gadael y carchar neu sydd ar brawf yng Nghymru. Mae gweithiwr benywaidd "
        "yn cefnogi pob menyw nes bod ei chartref yn ddiogel.</p>",
        {
            "Women's move-on flats in Cardiff": (
                "Fflatiau symud ymlaen i fenywod yng Nghaerdydd",
                "Fflatiau symud ymlaen i fenywod sy’n cael eu rhyddhau o’r carchar, gyda "
                "chymorth gan weithiwr benywaidd nes bod y denantiaeth yn ddiogel.",
                WOMEN,
            ),
            "Housing advice for women in Swansea": (
                "Cyngor ar dai i fenywod yn Abertawe",
                "Cyngor i fenywod ar ble y gallan nhw fyw ar ôl cael eu rhyddhau, ceisiadau i’r "
                "cyngor a help i gadw tenantiaeth yn ystod dedfryd fer.",
                WOMEN,
            ),
            "Women's tenancy support in Newport": (
                "Cymorth tenantiaeth i fenywod yng Nghasnewydd",
                "Help i fenywod sydd ar brawf i gadw eu cartref: biliau, atgyweiriadau a siarad "
                "â landlordiaid.",
                WOMEN,
            ),
        },
    ),
    "Pellowby Money Advice": (
        "Cyngor Ariannol Pellowby",
        "Help gyda budd-daliadau, dyledion a dogfennau adnabod yng Nghaerdydd a ledled Cymru i "
        "bobl sy’n gadael y carchar neu sydd ar brawf.",
        "<p>Rydym yn helpu pobl sy’n gadael y carchar neu sydd ar brawf yng Nghymru i gael eu "
        "budd-daliadau, delio â dyledion a chael y dogfennau adnabod sydd eu hangen arnyn nhw. "
        "Mae ein cyngor yn rhad ac am ddim ac yn gyfrinachol.</p>",
        {
            "Benefits on release": (
                "Budd-daliadau wrth gael eich rhyddhau",
                "Rydym yn dechrau hawliadau Credyd Cynhwysol cyn i rywun gael ei ryddhau ac yn "
                "sicrhau bod y taliad cyntaf ac unrhyw daliad ymlaen llaw yn cyrraedd heb fwlch.",
                EVERYONE,
            ),
            "Debt advice in Cardiff": (
                "Cyngor ar ddyledion yng Nghaerdydd",
                "Cyngor am ddim ar ddyledion, gan gynnwys dirwyon llys, ôl-ddyledion rhent a "
                "gordaliadau budd-daliadau.",
                EVERYONE,
            ),
            "ID and bank account help": (
                "Help gyda dogfennau adnabod a chyfrif banc",
                "Help i gael tystysgrif geni, trwydded yrru dros dro neu ddogfen adnabod arall, "
                "ac i agor cyfrif banc sylfaenol.",
                EVERYONE,
            ),
        },
    ),
}


def load_welsh_listings():
    """Translate the listings above into Welsh where they are not yet; returns how many
    pages were created. Does nothing before `setup_site` has made the Welsh directory."""
    locale = Locale.objects.filter(language_code=WELSH).first()
    if locale is None:
        return 0
    created = 0
    english = OrganisationPage.objects.live().filter(
        locale=Locale.get_default(), title__in=LISTINGS
    )
    for organisation in english:
        parent = organisation.get_parent()
        if not parent.has_translation(locale):
            continue
        created += _translate_listing(organisation, locale, LISTINGS[organisation.title])
    return created


def _translate_listing(organisation, locale, words):
    title, summary, description, services = words
    created = 0
    if not organisation.has_translation(locale):
        _publish_translation(
            organisation, locale, title=title, summary=summary, description=description
        )
        created += 1
    for service in ServicePage.objects.live().child_of(organisation):
        if service.title in services and not service.has_translation(locale):
            service_title, service_description, eligibility = services[service.title]
            _publish_translation(
                service,
                locale,
                title=service_title,
                description=f"<p>{service_description}</p>",
                eligibility=eligibility,
                referral_details=REFERRAL,
                referral_checklist="",
                opening_hours_note="",
                cost="Am ddim",
                languages="Cymraeg, Saesneg",
            )
            created += 1
    return created


def _publish_translation(page, locale, **fields):
    translated = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    _copy_status(page, translated)
    return translated


def _copy_status(page, translated):
    """The Welsh listing is as available and as fresh as the English one."""
    source = page.operational_status
    target = type(source).objects.get(pk=translated.pk)
    for field in source._meta.concrete_fields:
        if not field.primary_key and field.name != "updated_at":
            setattr(target, field.attname, getattr(source, field.attname))
    target.save()
