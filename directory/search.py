"""What the directory registers with search/: a service, filtered by who, where and what."""

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from core.models import (
    ClientGroup,
    CommissioningRelationship,
    IncomeBand,
    JusticeStage,
    LedByAndFor,
    Region,
    ServiceCategory,
)
from search.facets import ChoiceFacet, CoverageFacet, FlagFacet, TermFacet, TreeFacet
from search.indexes import SearchIndex, register

from .models import CapacityStatus, ServicePage

OUTSIDE_COMMISSIONING = "outside-commissioning"


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

    def get_queryset(self):
        return ServicePage.objects.listed()

    def order(self, queryset, sort):
        return queryset.order_by("title", "pk")

    def prepare_results(self, queryset):
        return queryset.select_related(
            "organisation", "operational_status", "organisation__operational_status"
        ).prefetch_related(
            Prefetch("categories", queryset=ServiceCategory.objects.select_related("parent")),
            "regions",
            "locations",
        )
