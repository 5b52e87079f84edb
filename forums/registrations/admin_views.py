"""Forum managers' views in the admin: an event's registrations and attendance, creating its
feedback survey, a forum's members, and their CSV exports. Each forum's managers see only
their own forum's records (`forums.roles.can_manage_forum` decides); site admins see all."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from forums.feedback.rules import FEEDBACK_OPEN_FOR, create_feedback_survey
from forums.models import (
    HOLDS_A_PLACE,
    EventPage,
    RegionalForumPage,
    RegistrationState,
    RegistrationStatus,
)
from forums.registrations.exports import (
    MEMBER_HEADER,
    REGISTRATION_HEADER,
    csv_response,
    member_rows,
    registration_rows,
    xlsx_response,
)
from forums.registrations.rules import places_left, places_taken, record_attendance
from forums.roles import can_manage_forum, managed_forums


def _managed_event(request, event_id):
    event = get_object_or_404(EventPage.objects.select_related("forum_region"), pk=event_id)
    if not can_manage_forum(request.user, event.get_parent().specific):
        raise PermissionDenied
    return event


def _managed_forum(request, forum_id):
    forum = get_object_or_404(RegionalForumPage.objects.select_related("region"), pk=forum_id)
    if not can_manage_forum(request.user, forum):
        raise PermissionDenied
    return forum


class ForumsIndexView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Regional forums")
    header_icon = "group"
    template_name = "forums/admin/forums_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["forums"] = managed_forums(self.request.user)
        return context


class EventRegistrationsView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "group"
    template_name = "forums/admin/event_registrations.html"

    def dispatch(self, request, event_id):
        self.event = _managed_event(request, event_id)
        return super().dispatch(request, event_id)

    def get_page_title(self):
        return _("Registrations for %(event)s") % {"event": self.event.title}

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("forum_records:index"), "label": _("Regional forums")},
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.event.pk]),
                "label": self.event.title,
            },
            {"url": "", "label": _("Registrations")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registrations = list(
            self.event.registrations.select_related("user", "organisation").order_by(
                "created_at", "pk"
            )
        )
        context.update(
            {
                "event": self.event,
                "places": [r for r in registrations if r.status in HOLDS_A_PLACE],
                "waiting": [r for r in registrations if r.status == RegistrationStatus.WAITLISTED],
                "cancelled": [r for r in registrations if r.status == RegistrationStatus.CANCELLED],
                "places_taken": places_taken(self.event),
                # Promoting and cancelling: until the event ends, unless it is called off.
                "can_change": not self.event.is_past()
                and self.event.registration_state() != RegistrationState.UNAVAILABLE,
                "has_room": places_left(self.event) != 0,
                "csv_url": reverse("forum_records:registrations_csv", args=[self.event.pk]),
                "xlsx_url": reverse("forum_records:registrations_xlsx", args=[self.event.pk]),
                "feedback_survey": self.event.feedback_surveys.order_by("pk").first(),
                "feedback_survey_url": reverse(
                    "forum_records:feedback_survey", args=[self.event.pk]
                ),
            }
        )
        return context

    def post(self, request, event_id):
        from django.utils.translation import ngettext

        from core.text import parse_id

        # The ticked boxes are registration ids; anything else (an edited form) is left out,
        # and the valid ones are still recorded.
        ticked = request.POST.getlist("attended")
        attended = [pk for pk in map(parse_id, ticked) if pk is not None]
        count = record_attendance(self.event, attended)
        messages.success(
            request,
            _(
                "Attendance saved: %(count)s attended. "
                "Add the number to the event when you close it."
            )
            % {"count": count},
        )
        if len(attended) < len(ticked):
            left_out = len(ticked) - len(attended)
            messages.warning(
                request,
                ngettext(
                    "%(count)s ticked box did not name a registration and was left out: "
                    "check the list below.",
                    "%(count)s ticked boxes did not name a registration and were left out: "
                    "check the list below.",
                    left_out,
                )
                % {"count": left_out},
            )
        return redirect("forum_records:registrations", self.event.pk)


class FeedbackSurveyView(WagtailAdminTemplateMixin, TemplateView):
    """Create the event's feedback survey as a draft in its forum (with the usual questions)
    and go on to edit it; if the event already has one, go to that."""

    header_icon = "form"
    template_name = "forums/admin/feedback_survey.html"

    def dispatch(self, request, event_id):
        self.event = _managed_event(request, event_id)
        self.forum = self.event.get_parent().specific
        if not self.forum.permissions_for_user(request.user).can_add_subpage():
            raise PermissionDenied
        existing = self.event.feedback_surveys.order_by("pk").first()
        if existing is not None:
            return redirect("wagtailadmin_pages:edit", existing.pk)
        return super().dispatch(request, event_id)

    def get_page_title(self):
        return _("Create feedback survey")

    def get_page_subtitle(self):
        return self.event.title

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.event.pk]),
                "label": self.event.title,
            },
            {"url": "", "label": _("Create feedback survey")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "event": self.event,
                "forum": self.forum,
                "closes_at": self.event.end + FEEDBACK_OPEN_FOR,
            }
        )
        return context

    def post(self, request, event_id):
        survey = create_feedback_survey(self.event, request.user)
        messages.success(
            request,
            _(
                "Feedback survey created as a draft. Check the questions and dates, then "
                "publish it: attendees are emailed a link when the event's outcomes are "
                "published and the survey is open."
            ),
        )
        return redirect("wagtailadmin_pages:edit", survey.pk)


def registrations_csv(request, event_id):
    event = _managed_event(request, event_id)
    return csv_response(
        f"{event.slug}-registrations.csv", REGISTRATION_HEADER, registration_rows(event)
    )


def registrations_xlsx(request, event_id):
    event = _managed_event(request, event_id)
    return xlsx_response(
        f"{event.slug}-registrations.xlsx", REGISTRATION_HEADER, registration_rows(event)
    )


class ForumMembersView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "group"
    template_name = "forums/admin/forum_members.html"

    def dispatch(self, request, forum_id):
        self.forum = _managed_forum(request, forum_id)
        return super().dispatch(request, forum_id)

    def get_page_title(self):
        return _("Members of %(forum)s") % {"forum": self.forum.title}

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("forum_records:index"), "label": _("Regional forums")},
            {"url": "", "label": self.forum.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["forum"] = self.forum
        context["memberships"] = self.forum.memberships.select_related("organisation").order_by(
            "organisation__title"
        )
        context["csv_url"] = reverse("forum_records:members_csv", args=[self.forum.pk])
        context["xlsx_url"] = reverse("forum_records:members_xlsx", args=[self.forum.pk])
        return context


def members_csv(request, forum_id):
    forum = _managed_forum(request, forum_id)
    return csv_response(f"{forum.slug}-members.csv", MEMBER_HEADER, member_rows(forum))


def members_xlsx(request, forum_id):
    forum = _managed_forum(request, forum_id)
    return xlsx_response(f"{forum.slug}-members.xlsx", MEMBER_HEADER, member_rows(forum))
