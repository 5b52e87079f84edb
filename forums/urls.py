from django.urls import path

from forums.consultations import document_views as consultation_document_views
from forums.consultations import views as consultation_views
from forums.events import views as calendar_views
from forums.memberships import views as membership_views
from forums.notifications import views as notification_views
from forums.registrations import guest_views
from forums.registrations import views as registration_views

urlpatterns = [
    path("events/<int:event_id>/register/", registration_views.register, name="forums_register"),
    path(
        "events/<int:event_id>/register/guest/",
        guest_views.guest_register,
        name="forums_guest_register",
    ),
    path(
        "events/register/confirm/<str:token>/",
        guest_views.guest_confirm,
        name="forums_guest_confirm",
    ),
    path(
        "events/registrations/<int:registration_id>/cancel/",
        registration_views.cancel_registration_view,
        name="forums_cancel_registration",
    ),
    path(
        "events/cancel/<str:token>/",
        registration_views.cancel_from_email,
        name="forums_cancel_from_email",
    ),
    path(
        "calendars/events/<int:event_id>.ics",
        calendar_views.event_calendar,
        name="forums_event_calendar",
    ),
    path(
        "calendars/forums/<int:forum_id>.ics",
        calendar_views.forum_calendar,
        name="forums_forum_calendar",
    ),
    path("calendars/all-forums.ics", calendar_views.site_calendar, name="forums_site_calendar"),
    path("calendars/mine/<str:token>.ics", calendar_views.my_calendar, name="forums_my_calendar"),
    path(
        "calendars/mine/new-address/",
        calendar_views.reset_my_calendar,
        name="forums_reset_my_calendar",
    ),
    path(
        "forum-membership/<int:forum_id>/join/",
        membership_views.join_forum_view,
        name="forums_join",
    ),
    path(
        "forum-membership/<int:forum_id>/leave/",
        membership_views.leave_forum_view,
        name="forums_leave",
    ),
    path(
        "forum-emails/<int:forum_id>/",
        notification_views.preferences,
        name="forums_notification_preferences",
    ),
    path(
        "forum-emails/stop/<str:token>/",
        notification_views.unsubscribe,
        name="forums_notifications_unsubscribe",
    ),
    path(
        "consultations/<int:consultation_id>/respond/",
        consultation_views.respond,
        name="forums_consultation_respond",
    ),
    path(
        "consultations/<int:consultation_id>/check-your-answers/",
        consultation_views.check_answers,
        name="forums_consultation_check",
    ),
    path(
        "consultations/<int:consultation_id>/thank-you/",
        consultation_views.response_done,
        name="forums_consultation_done",
    ),
    path(
        "consultations/<int:consultation_id>/documents/<str:token>/",
        consultation_document_views.private_document,
        name="forums_consultation_private_document",
    ),
    path(
        "consultations/outcomes/",
        consultation_views.outcomes,
        name="forums_consultation_outcomes",
    ),
]
