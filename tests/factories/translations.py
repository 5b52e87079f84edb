"""Welsh versions of pages, as an editor makes them with Wagtail's translation tools."""

from wagtail.models import Locale


def welsh_version(page, **fields):
    """The page's Welsh version, published (its parents made Welsh copies if needed), with
    `fields` set on it."""
    welsh, _created = Locale.objects.get_or_create(language_code="cy")
    translated = page.copy_for_translation(welsh, copy_parents=True).specific
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated
