from django.urls import path

from directory.team import views as team_views

urlpatterns = [
    path("manage/", team_views.choose_organisation, name="directory_choose_organisation"),
    path(
        "manage/<int:organisation_id>/",
        team_views.manage_organisation,
        name="directory_manage_organisation",
    ),
    path("manage/<int:organisation_id>/team/", team_views.team_page, name="directory_team"),
    path(
        "manage/<int:organisation_id>/team/invitations/<int:invitation_id>/resend/",
        team_views.resend_invitation,
        name="directory_resend_invitation",
    ),
    path(
        "manage/<int:organisation_id>/team/invitations/<int:invitation_id>/cancel/",
        team_views.revoke_invitation,
        name="directory_revoke_invitation",
    ),
    path(
        "manage/<int:organisation_id>/team/members/<int:membership_id>/role/",
        team_views.change_role,
        name="directory_change_role",
    ),
    path(
        "manage/<int:organisation_id>/team/members/<int:membership_id>/remove/",
        team_views.remove_member,
        name="directory_remove_member",
    ),
    path(
        "manage/<int:organisation_id>/data.json",
        team_views.download_organisation_data,
        name="directory_download_organisation_data",
    ),
    path(
        "invitations/<str:token>/",
        team_views.accept_invitation,
        name="directory_accept_invitation",
    ),
]
