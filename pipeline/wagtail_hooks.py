"""The pipeline's admin hooks: who may edit opportunities (see pipeline.roles) and anything
else the admin needs."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Page

from core.account_sections import ACCOUNT_SECTIONS_HOOK, AccountSection
from forums.reach.report import REACH_ENGAGEMENT_HOOK
from pipeline.alerts.account import alerts_for_account
from pipeline.models import OpportunityPage, PipelineIndexPage
from pipeline.partnering.admin import PartnerInterestViewSet
from pipeline.partnering.lead_providers import opportunities_led_by
from pipeline.partnering.rules import can_see_interest, engagement_in

# Partnering and alerts (pipeline.partnering, pipeline.alerts)

hooks.register(REACH_ENGAGEMENT_HOOK, engagement_in)


@hooks.register("register_admin_viewset")
def register_partner_interest_viewset():
    return PartnerInterestViewSet()


class PartnerInterestButton(PageMenuItem):
    def is_shown(self, user):
        return can_see_interest(user, self.page.specific)


def _interest_buttons(page):
    if page.specific_class is OpportunityPage:
        yield PartnerInterestButton(
            _("Interest in partnering"),
            reverse("pipeline_partnering:interest", args=[page.pk]),
            icon_name="group",
            priority=45,
            page=page,
        )


@hooks.register("register_page_listing_more_buttons")
def partner_interest_listing_buttons(page, user, next_url=None):
    yield from _interest_buttons(page)


@hooks.register("register_page_header_buttons")
def partner_interest_header_buttons(page, user, view_name, next_url=None):
    yield from _interest_buttons(page)


@hooks.register(ACCOUNT_SECTIONS_HOOK)
def pipeline_alerts_account_section():
    return AccountSection(
        title=_("Pipeline alerts"),
        template="pipeline/alerts/account_section.html",
        get_context=lambda request: alerts_for_account(request.user),
        order=47,
    )


def _led_opportunities(request):
    opportunities = list(opportunities_led_by(request.user))
    return {"opportunities": opportunities} if opportunities else None


@hooks.register(ACCOUNT_SECTIONS_HOOK)
def pipeline_partnering_account_section():
    return AccountSection(
        title=_("Partnering you run"),
        template="pipeline/partnering/account_section.html",
        get_context=_led_opportunities,
        order=48,
    )


# Roles (pipeline.roles, pipeline.models.page_permissions)

_BULK_CHECKS = {
    "publish": "can_publish",
    "unpublish": "can_unpublish",
    "delete": "can_delete",
    "move": "can_move",
}


@hooks.register("before_bulk_action")
def pipeline_pages_in_bulk_actions(request, action_type, objects, action_class_instance):
    """Bulk actions ask a page's generic permissions; the pipeline's pages answer with their
    own tester (regional forum managers: their own region only)."""
    check = _BULK_CHECKS.get(action_type)
    if check is None:
        return
    for page in objects:
        if not isinstance(page, Page):
            continue
        specific = page.specific
        if (
            isinstance(specific, OpportunityPage | PipelineIndexPage)
            and not getattr(specific.permissions_for_user(request.user), check)()
        ):
            raise PermissionDenied


# Public history (pipeline.opportunities.history): never deleted with a page above it


@hooks.register("before_delete_page")
def keep_published_history(request, page):
    from django.contrib import messages
    from django.shortcuts import redirect

    from pipeline.opportunities.history import holds_published_history

    if holds_published_history(page):
        messages.error(
            request,
            _(
                "This page cannot be deleted: the history of the opportunities in it is public "
                "and permanent. To withdraw an opportunity, change its status to Cancelled."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
