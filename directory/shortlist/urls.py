from django.urls import path

from directory.shortlist import views

# Under /shortlist/ rather than /directory/shortlist/: the directory page's children are
# organisations, and one could be called "Shortlist".
urlpatterns = [
    path("shortlist/", views.shortlist_page, name="directory_shortlist"),
    path("shortlist/add/", views.add_view, name="directory_shortlist_add"),
    path("shortlist/remove/", views.remove_view, name="directory_shortlist_remove"),
    path("shortlist/move/", views.move_view, name="directory_shortlist_move"),
    path("shortlist/note/", views.note_view, name="directory_shortlist_note"),
    path("shortlist/print/", views.print_view, name="directory_shortlist_print"),
    path("shortlist/email/", views.email_view, name="directory_shortlist_email"),
    path("shortlist/share/", views.share_view, name="directory_shortlist_share"),
    path("shortlist/shared/<str:token>/", views.shared_view, name="directory_shortlist_shared"),
]
