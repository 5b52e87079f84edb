"""One version of each translated thing per language.

A page or snippet translated into Welsh is two rows sharing a `translation_key`. A list a
visitor sees (search results, their counts, suggestions, feeds) shows each once: the version
in the visitor's language where one is visible, otherwise the default language's (English),
otherwise whichever exists. The database applies the rule as a filter
(`one_version_each`); the engine stores, in each document, the languages whose visitors are
shown that version (`languages_shown_in`), and filters on the visitor's language.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import translation

from wagtail.coreutils import get_supported_content_language_variant


def content_languages():
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def default_language():
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def current_language():
    """The content language of the request being served (the default when none is active)."""
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return default_language()


def is_translatable(model):
    field_names = {field.name for field in model._meta.get_fields()}
    return {"translation_key", "locale"} <= field_names


def one_version_each(queryset, language=None):
    """The queryset with one version of each translated object: the one in `language` (the
    active language by default) where the queryset has it, else the default language's,
    else any other. Objects that are not translated are all kept."""
    if not is_translatable(queryset.model):
        return queryset
    language = language or current_language()
    default = default_language()
    siblings = queryset.filter(translation_key=OuterRef("translation_key"))
    in_language = Q(locale__language_code=language)
    keep = in_language | ~Exists(siblings.filter(in_language))
    if language != default:
        in_default = Q(locale__language_code=default)
        keep = in_language | (
            ~Exists(siblings.filter(in_language))
            & (in_default | ~Exists(siblings.filter(in_default)))
        )
    return queryset.filter(keep)


def languages_shown_in(own_language, visible_languages):
    """The languages whose visitors are shown the version in `own_language`, given every
    language that has a visible version (its own included): the same rule as
    `one_version_each`."""
    default = default_language()
    # A language without a version of its own is shown the default language's version, or
    # this one when there is none in the default language either.
    stands_in = own_language == default or default not in visible_languages
    return [
        language
        for language in content_languages()
        if language == own_language or (language not in visible_languages and stands_in)
    ]


def visible_languages_annotations(visible):
    """{annotation name: Exists(...)} telling, for each content language, whether an object
    of `visible` (a queryset) shares the row's translation_key in that language; read back
    with `visible_languages(row)` (the names suit `values_list(named=True)` rows too)."""
    return {
        f"visible_in_{number}": Exists(
            visible.filter(translation_key=OuterRef("translation_key"), locale__language_code=code)
        )
        for number, code in enumerate(content_languages())
    }


def visible_languages(row):
    """The languages a row annotated with `visible_languages_annotations` is visible in."""
    return {
        code
        for number, code in enumerate(content_languages())
        if getattr(row, f"visible_in_{number}", False)
    }


def translated_names(terms, language=None):
    """{translation_key: name in `language`} for the terms' translations (snippets that are
    TranslatableMixin): one query; terms without a translation are absent."""
    terms = list(terms)
    if not terms or not is_translatable(type(terms[0])):
        return {}
    language = language or current_language()
    model = type(terms[0])
    rows = model._default_manager.filter(
        translation_key__in={term.translation_key for term in terms},
        locale__language_code=language,
    ).values_list("translation_key", "name")
    return dict(rows)
