"""What the directory registers with search/ for organisations that list no service yet.

Most are imported from the Charity Commission register and wait to be claimed; until then a
practitioner or an RPD can still find them by name, purpose or place. A search of services
shows them after its results, labelled as organisations (directory.browse).

The database answers this index on every installation (`uses_engine = False`): a search
asks it for a handful of results, and Wagtail's own index of organisation pages is always
current, so the engine holds services only.
"""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from core.batches import in_key_order
from core.models import CommissioningRelationship, IncomeBand, LedByAndFor, Region
from core.text import plain_text
from directory.index import OUTSIDE_COMMISSIONING
from directory.models import (
    OrganisationMembership,
    OrganisationPage,
    OrganisationSource,
    ServicePage,
    StalenessStage,
)
from search.facets import ChoiceFacet, CoverageFacet, TermFacet
from search.indexes import EntryText, SearchIndex, register
from search.translations import one_version_each

ORGANISATIONS_INDEX = "organisations"
# The service index's filters that apply to organisations too; any other filter (a type of
# support, a client group) is about services, so no organisation can meet it.
SHARED_FILTERS = frozenset({"region", "led_by", "commissioning", "income"})


@register
class OrganisationIndex(SearchIndex):
    name = ORGANISATIONS_INDEX
    uses_engine = False
    per_page = 5
    facets = [
        CoverageFacet(
            "region",
            _("Region"),
            "regions",
            lambda: Region.objects.in_default_locale(),
            everywhere_field="is_national",
        ),
        TermFacet(
            "led_by",
            _("Led by and for"),
            "led_by_and_for",
            lambda: LedByAndFor.objects.in_default_locale(),
        ),
        TermFacet(
            "commissioning",
            _("Relationship to HMPPS commissioning"),
            "commissioning_relationships",
            lambda: CommissioningRelationship.objects.in_default_locale(),
            none_option=(OUTSIDE_COMMISSIONING, _("Outside commissioning")),
        ),
        ChoiceFacet(
            "income", _("Organisation size (annual income)"), "income_band", IncomeBand.choices
        ),
    ]
    place_facet = "region"
    sorts = {"name": (_("Name"), [Lower("title")])}

    def get_queryset(self):
        """Live organisations not hidden as stale, with no listed service (in any
        language), each once: in the visitor's language where translated."""
        listed_services = ServicePage.objects.listed().filter(
            organisation__translation_key=OuterRef("translation_key")
        )
        return one_version_each(
            OrganisationPage.objects.live()
            .exclude(
                operational_status__staleness_stage=StalenessStage.HIDDEN,
                operational_status__keep_listed=False,
            )
            .exclude(Exists(listed_services))
        )

    def text_entry(self, organisation):
        return EntryText(
            title=organisation.title,
            body="\n".join([organisation.summary, plain_text(organisation.description)]),
        )

    def text_entries(self, pks=None):
        """As `text_entry`, from plain rows."""
        organisations = OrganisationPage.objects.order_by()
        if pks is not None:
            organisations = organisations.filter(pk__in=pks)
        for row in in_key_order(organisations, "title", "summary", "description"):
            yield row.pk, self.text_entry(row)

    def load_results(self, queryset):
        members = OrganisationMembership.objects.filter(organisation=OuterRef("pk"))
        return (
            queryset.select_related("operational_status")
            .prefetch_related("regions")
            .annotate(has_members=Exists(members))
            .in_bulk()
        )

    def snippet_text(self, organisation):
        return organisation.summary

    def vocabulary(self):
        return self.get_queryset().values_list("title", flat=True)


def may_be_claimed_from_results(organisation):
    """Whether a result offers "Is this your organisation? Claim it": imported from a
    register, and nobody has claimed or joined it (loaded by `load_results`)."""
    status = getattr(organisation, "operational_status", None)
    claimed = status.is_claimed if status else False
    return (
        organisation.source == OrganisationSource.IMPORTED
        and not claimed
        and not organisation.has_members
    )
