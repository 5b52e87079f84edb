"""What can be searched. Apps register an index; search/ never imports them.

An index names the queryset of things a visitor may find, the facets that narrow it, how
results are sorted and prepared for display, and (for the engine) the flat document each
result is indexed as — the way Wagtail models declare `search_fields`.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

_registry = {}

RELEVANCE = "relevance"


@dataclass(frozen=True)
class EntryText:
    """What the database matches an object's text against, by weight (search.text_table)."""

    # Its own name.
    title: str
    # Names it is also known by: who runs it, its terms.
    related: str = ""
    # What it says about itself.
    body: str = ""


class SearchIndex:
    name = ""
    facets = []
    per_page = 20
    max_per_page = 100
    # Text matches considered at most (best first) before filtering and counting.
    max_matches = 2000
    # The facet a place named in the text ("in Leeds") filters by, if any.
    place_facet = None
    # False for an index the database always answers (it is never sent to the engine).
    uses_engine = True
    # {facet parameter: SynonymGroup relation or None}: the facets whose terms a query can
    # name ("somewhere to live" → category=accommodation); with None, only by the option's
    # own name or `understood_phrases`. See search.lexicon.
    understood_facets = {}
    # {(facet parameter, option value): "phrase, phrase"} for options that are not terms.
    understood_phrases = {}
    # {value: (label, ordering)}; "relevance" is added when there is text to rank by.
    sorts = {}

    def get_queryset(self):
        """Everything a visitor may find."""
        raise NotImplementedError

    def get_text_search_queryset(self):
        """The objects the search table holds an entry for (`search.text_table`)."""
        return self.get_queryset().model.objects.all()

    def text_entry(self, obj):
        """The object's words as an EntryText, from the object as it is in memory."""
        raise NotImplementedError

    def text_entries(self, pks=None):
        """(primary key, EntryText) of every object with text to match, or of those with
        these primary keys, as the database has them (search.text_table keeps one entry
        each; a search keeps only those it lists)."""
        objects = self.get_text_search_queryset().model.objects.order_by()
        if pks is not None:
            objects = objects.filter(pk__in=pks)
        for obj in objects.iterator(chunk_size=1000):
            yield obj.pk, self.text_entry(obj)

    def order(self, queryset, sort):
        label_and_ordering = self.sorts.get(sort) or next(iter(self.sorts.values()), None)
        if label_and_ordering is None:
            return queryset.order_by("pk")
        return queryset.order_by(*label_and_ordering[1], "pk")

    def sort_options(self, has_text):
        options = {RELEVANCE: _("Relevance")} if has_text else {}
        options.update({value: label for value, (label, _ordering) in self.sorts.items()})
        return options

    def default_sort(self, has_text):
        return RELEVANCE if has_text else next(iter(self.sorts), "")

    def load_results(self, queryset):
        """{pk: result} for the objects of `queryset`, with what a result shows (related
        rows) fetched in a fixed number of queries."""
        return queryset.in_bulk()

    def snippet_text(self, obj):
        """Plain text to show, and highlight, under a result."""
        return ""

    def vocabulary(self):
        """Names and terms the documents use, for correcting misspelt queries."""
        return []

    # The engine: a flat document per searchable object.
    engine_settings = {}
    engine_listed_field = "listed"
    # The keyword field holding the languages whose visitors see the document, and the one
    # holding its translation key (documents of translated objects), if the index has them.
    engine_language_field = None
    engine_translation_field = None
    engine_highlight_field = "description"
    engine_suggest_field = "suggest"
    # Fields the text is matched against, with boosts ("title^4").
    engine_text_fields = []
    # {sort value: [engine sort clauses]}; relevance sorts by score.
    engine_sorts = {}

    def get_document_queryset(self):
        """Everything that has a document (more than get_queryset when some are unlisted)."""
        return self.get_queryset()

    def documents(self, queryset):
        """(pk, flat document) for each object of `queryset` (of get_document_queryset)."""
        raise NotImplementedError

    def engine_mapping(self):
        raise NotImplementedError

    def engine_sort(self, sort):
        if sort == RELEVANCE:
            return [{"_score": "desc"}, *next(iter(self.engine_sorts.values()), [])]
        return self.engine_sorts.get(sort) or next(iter(self.engine_sorts.values()), [])

    # What a completion suggestion shows: the matched input, or a field of its document.
    engine_suggestion_source = False

    def engine_suggestion(self, matched_text, source):
        """(text to offer, its kind) for a completion the engine found."""
        return matched_text, "service"

    def suggestion_names(self, prefix, limit):
        """Names with a word starting with the prefix, for the database's suggestions."""
        return []

    def term_suggestions(self, prefix, limit):
        """Taxonomy terms with a word starting with the prefix (both backends offer these)."""
        return []

    def other_suggestions(self, prefix, limit):
        """[(text, kind)] offered beside the index's own names, e.g. organisations."""
        return []


def register(index_class):
    from search import reference

    index = index_class()
    _registry[index.name] = index
    for facet in index.facets:
        reference.watch(*facet.watched_models(), index_name=index.name)
    return index_class


def get_index(name):
    try:
        return _registry[name]
    except KeyError:
        raise LookupError(f"No search index named {name!r} is registered.") from None


def registered_indexes(engine_only=False):
    return [index for index in _registry.values() if index.uses_engine or not engine_only]
