"""The one-click "still correct" link from the staleness reminders."""

from django.shortcuts import render

from directory.staleness.rules import InvalidConfirmLink, confirm_listing, organisation_for_token


def confirm_listing_view(request, token):
    """The one-click link from the reminder email: no sign-in needed.

    A GET only shows the button (mail scanners follow links); the POST confirms.
    """
    try:
        organisation = organisation_for_token(token)
    except InvalidConfirmLink:
        return render(request, "directory/confirm_listing_invalid.html", status=400)
    if request.method == "POST":
        confirm_listing(organisation, user=request.user)
        return render(
            request, "directory/confirm_listing_done.html", {"organisation": organisation}
        )
    return render(request, "directory/confirm_listing.html", {"organisation": organisation})
