"""The outreach screens in the admin, as one viewset without a menu item: the reach report
links to inviting organisations and to the invitations sent, an event's registrations page
to messaging its registrants. The paths are under /admin/forums/outreach/."""

from django.urls import path

from wagtail.admin.viewsets.base import ViewSet

from forums.outreach import views


class OutreachViewSet(ViewSet):
    name = "forum_outreach"
    url_prefix = "forums/outreach"
    icon = "mail"

    def get_urlpatterns(self):
        return [
            path("<int:forum_id>/invite/", views.InviteView.as_view(), name="invite"),
            path("<int:forum_id>/sent/", views.InvitationsSentView.as_view(), name="sent"),
            path(
                "events/<int:event_id>/message/",
                views.MessageRegistrantsView.as_view(),
                name="message_registrants",
            ),
        ]
