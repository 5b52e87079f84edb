"""What the directory registers with search/: a service, filtered by who, where and what."""

from collections import defaultdict

from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from core.batches import in_key_order
from core.models import (
    ClientGroup,
    CommissioningRelationship,
    IncomeBand,
    JusticeStage,
    LedByAndFor,
    Place,
    Region,
    ServiceCategory,
)
from core.text import plain_text
from directory.models import CapacityStatus, OrganisationPage, ServicePage
from directory.result_terms import attach_result_terms
from directory.service_documents import OUTSIDE_COMMISSIONING, service_documents
from search.facets import ChoiceFacet, CoverageFacet, FlagFacet, TermFacet, TreeFacet
from search.indexes import EntryText, SearchIndex, register
from search.translations import one_version_each

# What a search result shows of a service, its organisation and their statuses.
RESULT_FIELDS = [
    "title",
    "url_path",
    "path",
    "depth",
    "locale",
    "content_type",
    "live",
    "description",
    "is_national",
    "referral_method",
    "referral_details",
    "phone",
    "email",
    "organisation",
    "organisation__title",
    "organisation__url_path",
    "organisation__path",
    "organisation__depth",
    "organisation__locale",
    "organisation__content_type",
    "organisation__live",
    "operational_status__capacity",
    "operational_status__capacity_note",
    "operational_status__last_confirmed_at",
    "organisation__operational_status__staleness_stage",
    "organisation__operational_status__keep_listed",
]


@register
class ServiceIndex(SearchIndex):
    name = "services"
    facets = [
        CoverageFacet(
            "region",
            _("Region"),
            "regions",
            lambda: Region.objects.in_default_locale(),
            everywhere_field="is_national",
        ),
        TreeFacet(
            "category",
            _("Type of support"),
            "categories",
            lambda: ServiceCategory.objects.in_default_locale().order_by(
                "parent__sort_order", "sort_order", "name"
            ),
        ),
        TermFacet(
            "group",
            _("Who it is for"),
            "client_groups",
            lambda: ClientGroup.objects.in_default_locale(),
        ),
        TermFacet(
            "stage",
            _("Stage of the justice system"),
            "stages",
            lambda: JusticeStage.objects.in_default_locale(),
        ),
        FlagFacet(
            "delivery",
            _("How it is delivered"),
            [
                ("in-person", _("In person"), Q(delivered_in_person=True)),
                ("online", _("Online"), Q(delivered_online=True)),
                ("phone", _("By phone"), Q(delivered_by_phone=True)),
            ],
        ),
        FlagFacet(
            "capacity",
            _("Availability"),
            [
                (
                    "accepting",
                    _("Accepting referrals now"),
                    Q(operational_status__capacity=CapacityStatus.ACCEPTING),
                )
            ],
        ),
        TermFacet(
            "led_by",
            _("Led by and for"),
            "organisation__led_by_and_for",
            lambda: LedByAndFor.objects.in_default_locale(),
        ),
        TermFacet(
            "commissioning",
            _("Relationship to HMPPS commissioning"),
            "organisation__commissioning_relationships",
            lambda: CommissioningRelationship.objects.in_default_locale(),
            none_option=(OUTSIDE_COMMISSIONING, _("Outside commissioning")),
        ),
        ChoiceFacet(
            "income",
            _("Organisation size (annual income)"),
            "organisation__income_band",
            IncomeBand.choices,
        ),
    ]

    place_facet = "region"
    understood_facets = {
        "category": "categories",
        "group": "client_groups",
        "stage": "stages",
        "led_by": "led_by_and_for",
        "delivery": None,
        "capacity": None,
    }
    # Phrases for options defined here in code (synonym groups mean taxonomy terms only).
    understood_phrases = {
        ("capacity", "accepting"): "accepting referrals, taking referrals, open to referrals, "
        "taking new referrals, accepting new referrals, no waiting list",
        ("delivery", "online"): "online, remote, remotely, video call, virtual",
        ("delivery", "phone"): "by phone, phone, telephone, over the phone, phone line",
        ("delivery", "in-person"): "in person, face to face, face-to-face, drop in, drop-in",
    }
    sorts = {
        "name": (_("Name"), [Lower("title")]),
        "confirmed": (
            _("Recently confirmed"),
            [F("operational_status__last_confirmed_at").desc(nulls_last=True), Lower("title")],
        ),
    }

    engine_text_fields = [
        "title^4",
        "categories^3",
        "client_groups^2",
        "organisation^2",
        "description",
        "eligibility",
    ]
    # Every sort ends with the id, as the database's does, so ties come out the same.
    engine_sorts = {
        "name": [{"title_sort": "asc"}, {"id": "asc"}],
        "confirmed": [
            {"last_confirmed": {"order": "desc", "missing": "_last"}},
            {"title_sort": "asc"},
            {"id": "asc"},
        ],
    }

    # Each document says which languages' visitors see it (a translated service once, in
    # the visitor's language where it has a version: search.translations).
    engine_language_field = "languages"
    engine_translation_field = "translation_key"

    def get_queryset(self):
        return one_version_each(ServicePage.objects.listed())

    def engine_results_queryset(self):
        # The engine's documents already say which version each language shows
        # (`languages`): the page's services need only be listed still, a cheap check.
        return ServicePage.objects.listed()

    def get_document_queryset(self):
        # Services hidden as stale keep a document (listed: false) so a moderator's
        # "keep listed" or a fresh confirmation shows them again without a rebuild.
        return ServicePage.objects.public()

    def documents(self, queryset):
        return service_documents(queryset)

    def engine_mapping(self):
        keyword = {"type": "keyword"}
        english = {"type": "text", "analyzer": "english"}
        return {
            "dynamic": "strict",
            "properties": {
                "id": {"type": "long"},
                "title": english,
                "title_sort": keyword,
                "description": english,
                "eligibility": english,
                "organisation": english,
                "categories": english,
                "client_groups": english,
                "is_national": {"type": "boolean"},
                **{facet.document_field: keyword for facet in self.facets},
                "translation_key": keyword,
                "languages": keyword,
                "listed": {"type": "boolean"},
                "last_confirmed": {"type": "date"},
                "suggest": {
                    "type": "completion",
                    "analyzer": "simple",
                    "contexts": [{"name": "language", "type": "category"}],
                },
            },
        }

    engine_suggestion_source = ["title", "categories"]

    def engine_suggestion(self, matched_text, source):
        """A category name as typed, otherwise the whole name of the matching service."""
        if matched_text in source.get("categories", []):
            return matched_text, "category"
        return source.get("title", matched_text), "service"

    def suggestion_names(self, prefix, limit):
        """Service names with a word that starts with each word typed."""
        services = self.get_queryset()
        for word in prefix.split():
            services = services.filter(Q(title__istartswith=word) | Q(title__icontains=f" {word}"))
        return list(services.order_by("title").values_list("title", flat=True).distinct()[:limit])

    def other_suggestions(self, prefix, limit):
        """Organisations whose name has a word starting with each word typed (at most 3)."""
        # In the visitor's language where translated; with a service listed in any language.
        organisations = one_version_each(OrganisationPage.objects.live()).filter(
            Exists(
                ServicePage.objects.listed().filter(
                    organisation__translation_key=OuterRef("translation_key")
                )
            )
        )
        for word in prefix.split():
            organisations = organisations.filter(
                Q(title__istartswith=word) | Q(title__icontains=f" {word}")
            )
        names = organisations.order_by("title").values_list("title", flat=True)[: min(limit, 3)]
        return [(name, "organisation") for name in names]

    def term_suggestions(self, prefix, limit):
        """Kinds of support whose name has a word starting with what was typed (at most 3)."""
        # Names in the visitor's language where the term is translated.
        categories = one_version_each(ServiceCategory.objects.all()).filter(
            Q(name__istartswith=prefix) | Q(name__icontains=f" {prefix}")
        )
        return list(categories.order_by("name").values_list("name", flat=True)[: min(limit, 3)])

    def text_entry(self, service):
        organisation = service.organisation
        return _service_words(
            service,
            organisation.title if organisation else "",
            [category.name for category in service.categories.all()],
            [group.name for group in service.client_groups.all()],
        )

    def text_entries(self, pks=None):
        """Every service's words, from plain rows (building page objects costs more than
        the rest of a rebuild)."""
        services = ServicePage.objects.order_by()
        if pks is not None:
            services = services.filter(pk__in=pks)
        categories = _names_by_service("categories", "servicecategory__name", pks)
        groups = _names_by_service("client_groups", "clientgroup__name", pks)
        rows = in_key_order(services, "title", "description", "eligibility", "organisation__title")
        for row in rows:
            yield (
                row.pk,
                _service_words(row, row.organisation__title, categories[row.pk], groups[row.pk]),
            )

    def snippet_text(self, service):
        return plain_text(service.description)

    def vocabulary(self):
        """Service and organisation names and every taxonomy term, for spelling correction."""
        listed = ServicePage.objects.listed()
        yield from listed.values_list("title", flat=True)
        yield from listed.values_list("organisation__title", flat=True).distinct()
        for model in (ServiceCategory, ClientGroup, JusticeStage, Region, Place):
            yield from model.objects.values_list("name", flat=True)
        # Everyday words ("leaving", "prison") from the descriptions, so that they are not
        # "corrected" into names.
        rows = listed.order_by().values_list("description", "eligibility")
        for description, eligibility in rows.iterator(chunk_size=2000):
            yield plain_text(description)
            yield eligibility

    def load_results(self, queryset):
        # Only the columns a result shows (directory/templatetags/service_cards.py) and its
        # link: full page rows for a service and its organisation are wide and slow to build.
        found = (
            queryset.select_related(
                "organisation", "operational_status", "organisation__operational_status"
            )
            .only(*RESULT_FIELDS)
            .in_bulk()
        )
        attach_result_terms(list(found.values()))
        return found


def _service_words(service, organisation_title, category_names, group_names):
    """Its name; its organisation's, its types of support and who it helps; what it says
    (as Wagtail's `search_fields` weigh them). `service` has title, description and
    eligibility."""
    names = [organisation_title or "", *sorted(category_names), *sorted(group_names)]
    return EntryText(
        title=service.title,
        related="\n".join(names),
        body="\n".join([plain_text(service.description), service.eligibility or ""]),
    )


def _names_by_service(relation, name_field, pks=None):
    """{service pk: [term names]} for one of its many-to-many terms."""
    links = ServicePage._meta.get_field(relation).remote_field.through.objects.order_by()
    if pks is not None:
        links = links.filter(servicepage_id__in=pks)
    names = defaultdict(list)
    for pk, name in links.values_list("servicepage_id", name_field):
        names[pk].append(name)
    return names
