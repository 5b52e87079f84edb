from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import (
    ClientGroup,
    CommissioningRelationship,
    JusticeStage,
    LedByAndFor,
    Place,
    PostcodeArea,
    Region,
    ServiceCategory,
)
from .page_cache.middleware import page_for_cache


class TermViewSet(SnippetViewSet):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class RegionViewSet(TermViewSet):
    model = Region
    icon = "site"
    list_display = ["name", "slug", "police_force_areas"]


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "pick"
    list_display = ["name", "region"]
    list_filter = ["region"]
    search_fields = ["name"]
    ordering = ["name"]


class PostcodeAreaViewSet(SnippetViewSet):
    model = PostcodeArea
    icon = "pick"
    list_display = ["code", "region"]
    list_filter = ["region"]
    search_fields = ["code"]
    ordering = ["code"]


class ServiceCategoryViewSet(TermViewSet):
    model = ServiceCategory
    icon = "folder-open-inverse"
    list_display = ["name", "parent", "slug"]
    list_filter = ["parent"]
    ordering = ["parent__sort_order", "sort_order", "name"]


class ClientGroupViewSet(TermViewSet):
    model = ClientGroup
    icon = "group"


class JusticeStageViewSet(TermViewSet):
    model = JusticeStage
    icon = "list-ol"


class LedByAndForViewSet(TermViewSet):
    model = LedByAndFor
    icon = "user"


class CommissioningRelationshipViewSet(TermViewSet):
    model = CommissioningRelationship
    icon = "doc-full"


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomies")
    menu_icon = "tag"
    menu_order = 300
    items = [
        RegionViewSet,
        PlaceViewSet,
        PostcodeAreaViewSet,
        ServiceCategoryViewSet,
        ClientGroupViewSet,
        JusticeStageViewSet,
        LedByAndForViewSet,
        CommissioningRelationshipViewSet,
    ]


register_snippet(TaxonomyGroup)


@hooks.register("before_serve_page")
def remember_the_page_for_the_cache(page, request, serve_args, serve_kwargs):
    page_for_cache(request, page)
