"""Listing checks in the admin, next to the moderation queue: listings going stale (which a
moderator may keep listed) and commissioning relationships still only as the organisations
declared them (which a commissioner or moderator confirms)."""

from django.db.models import Prefetch
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.models import Locale

from core.models import CommissioningRelationship
from directory.models import OrganisationPage, OrganisationStatus, StalenessStage
from directory.moderation.commissioning import ConfirmCommissioningView
from directory.moderation.keep_listed import KeepListedView, refuse
from directory.permissions import can_confirm_commissioning, can_keep_listed

SHOWN = 200  # at most this many rows in each list


def going_stale():
    """Statuses of listings shown as possibly out of date or hidden, or kept listed."""
    return (
        OrganisationStatus.objects.filter(organisation__live=True)
        .filter(
            staleness_stage__in=[
                StalenessStage.FLAGGED,
                StalenessStage.FINAL_REMINDER,
                StalenessStage.HIDDEN,
            ]
        )
        .select_related("organisation", "keep_listed_by")
        .order_by("-keep_listed", "organisation__title")
    )


def declared_only():
    """Live organisations (in the default language) whose commissioning relationship nobody
    has confirmed as it is now declared, with at least one declared or confirmed."""
    organisations = (
        OrganisationPage.objects.live()
        .filter(locale=Locale.get_default())
        .select_related("operational_status")
        .prefetch_related(
            Prefetch("commissioning_relationships", CommissioningRelationship.objects.all())
        )
        .order_by("title")
    )
    found = []
    for organisation in organisations.iterator(chunk_size=500):
        slugs = [term.slug for term in organisation.commissioning_relationships.all()]
        status = getattr(organisation, "operational_status", None)
        confirmed = status.confirmed_commissioning if status else []
        if (slugs or confirmed) and not (status and status.confirms_commissioning(slugs)):
            found.append(organisation)
            if len(found) >= SHOWN:
                break
    return found


class ListingChecksView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Listing checks")
    header_icon = "tick-inverse"
    template_name = "directory/moderation/listing_checks.html"

    def dispatch(self, request, *args, **kwargs):
        if not can_confirm_commissioning(request.user):
            return refuse(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["show_stale"] = can_keep_listed(self.request.user)
        if context["show_stale"]:
            context["stale"] = going_stale()[:SHOWN]
        context["declared_only"] = declared_only()
        return context


class ChecksMenuItem(MenuItem):
    def is_shown(self, request):
        return can_confirm_commissioning(request.user)


class ListingChecksViewSet(ViewSet):
    name = "listing_checks"
    url_prefix = "directory/checks"
    icon = "tick-inverse"
    menu_label = _("Listing checks")
    menu_order = 241  # just after the moderation queue
    add_to_admin_menu = True
    menu_item_class = ChecksMenuItem

    def get_urlpatterns(self):
        return [
            path("", ListingChecksView.as_view(), name="index"),
            path("<int:pk>/keep-listed/", KeepListedView.as_view(), name="keep_listed"),
            path(
                "<int:pk>/commissioning/",
                ConfirmCommissioningView.as_view(),
                name="commissioning",
            ),
        ]
