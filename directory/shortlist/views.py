"""The shortlist's pages: the list itself, adding and removing from any page, reordering,
notes, the print view, emailing it and read-only share links.

Thin views: the rules are in `rules.py`. Every change is a plain POST form, so all of it works
without JavaScript.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.ratelimit import allow
from core.redirects import safe_next_url
from core.text import parse_id
from directory.models import DirectoryIndexPage, ServicePage, ShortlistShare
from directory.shortlist import rules
from directory.shortlist.emails import send_shortlist
from directory.shortlist.forms import EmailShortlistForm, NoteForm
from directory.shortlist.rules import ShareExpired, ShortlistFull, shortlist_for

TEMPLATES = "directory/shortlist"


def _service_id(request):
    service_id = parse_id(request.POST.get("service"))
    if service_id is None:
        raise Http404
    return service_id


def _shortlist_url():
    return reverse("directory_shortlist")


def _directory_url(request):
    directory = DirectoryIndexPage.objects.live().first()
    return directory.get_url(request) if directory else "/"


def _page_context(request, shortlist, **extra):
    rows = rules.shortlist_rows(shortlist.entries())
    return {
        "rows": rows,
        "listed_count": len(rules.listed_rows(rows)),
        "is_account": shortlist.is_account,
        "max_items": rules.MAX_ITEMS,
        "note_max_length": NoteForm.base_fields["note"].max_length,
        "directory_url": _directory_url(request),
        **extra,
    }


def shortlist_page(request):
    """The list: each service's contact details in full, a note, reorder and remove."""
    shortlist = shortlist_for(request)
    return render(request, f"{TEMPLATES}/shortlist.html", _page_context(request, shortlist))


@require_POST
def add_view(request):
    """Add a service from wherever its "Add to shortlist" button is, then go back there."""
    service = ServicePage.objects.listed().filter(pk=_service_id(request)).first()
    if service is None:
        raise Http404
    try:
        added = rules.add_to_shortlist(shortlist_for(request), service)
    except ShortlistFull:
        context = {
            "message": rules.full_message(),
            "back_url": safe_next_url(request, service.get_url(request)),
        }
        return render(request, f"{TEMPLATES}/full.html", context, status=409)
    if added and not request.POST.get("next"):
        messages.success(request, _("“%(name)s” is on your shortlist.") % {"name": service.title})
    return redirect(safe_next_url(request, _shortlist_url()))


@require_POST
def remove_view(request):
    service_id = _service_id(request)
    removed = rules.remove_from_shortlist(shortlist_for(request), service_id)
    # From the shortlist page itself (no `next`), say what went: the page no longer shows it.
    if removed and not request.POST.get("next"):
        title = ServicePage.objects.filter(pk=service_id).values_list("title", flat=True).first()
        messages.success(
            request,
            _("“%(name)s” has been removed from your shortlist.") % {"name": title}
            if title
            else _("The service has been removed from your shortlist."),
        )
    return redirect(safe_next_url(request, _shortlist_url()))


@require_POST
def move_view(request):
    service_id = _service_id(request)
    direction = request.POST.get("direction")
    if direction not in rules.MOVES:
        raise Http404
    rules.move_on_shortlist(shortlist_for(request), service_id, direction)
    # Back to the service that moved, so keyboard users carry on from there.
    return redirect(f"{_shortlist_url()}#item-{service_id}")


@require_POST
def note_view(request):
    service_id = _service_id(request)
    shortlist = shortlist_for(request)
    if service_id not in shortlist.service_ids():
        raise Http404
    form = NoteForm(request.POST)
    if not form.is_valid():
        # The page again, with the error next to the note and what was typed kept.
        context = _page_context(
            request,
            shortlist,
            failed_note={"service_id": service_id, "form": form},
        )
        return render(request, f"{TEMPLATES}/shortlist.html", context, status=400)
    rules.save_note(shortlist, service_id, form.cleaned_data["note"])
    title = ServicePage.objects.filter(pk=service_id).values_list("title", flat=True).first()
    messages.success(request, _("Your note on “%(name)s” has been saved.") % {"name": title})
    return redirect(f"{_shortlist_url()}#item-{service_id}")


def print_view(request):
    """The list for paper: contacts, referral details and notes in full, nothing to click."""
    shortlist = shortlist_for(request)
    rows = rules.shortlist_rows(shortlist.entries())
    include_notes = request.GET.get("notes") != "no"
    context = {
        "rows": rules.listed_rows(rows),
        "unlisted_count": len(rows) - len(rules.listed_rows(rows)),
        "include_notes": include_notes,
    }
    return render(request, f"{TEMPLATES}/print.html", context)


def email_view(request):
    """Email the list to an address the practitioner types; notes only if they tick a box."""
    shortlist = shortlist_for(request)
    rows = rules.listed_rows(rules.shortlist_rows(shortlist.entries()))
    context = {"rows": rows}
    if request.method == "POST":
        form = EmailShortlistForm(request.POST)
        context["form"] = form
        if form.is_valid() and rows:
            if not allow(request, "shortlist-email", rules.EMAILS_PER_HOUR, 3600):
                context["rate_limited"] = True
                return render(request, f"{TEMPLATES}/email.html", context, status=429)
            address = form.cleaned_data["email"]
            if not form.is_spam():
                send_shortlist(address, rows, form.cleaned_data["include_notes"])
            # Shown once, on this page; the address is not kept anywhere.
            context.update(address=address, include_notes=form.cleaned_data["include_notes"])
            return render(request, f"{TEMPLATES}/email_sent.html", context)
    else:
        context["form"] = EmailShortlistForm()
    return render(request, f"{TEMPLATES}/email.html", context)


def share_view(request):
    """Make a read-only link to the list, and see the links made that still work."""
    shortlist = shortlist_for(request)
    if request.method == "POST":
        if not rules.listed_rows(rules.shortlist_rows(shortlist.entries())):
            messages.error(request, _("Add services to your shortlist before you share it."))
            return redirect(_shortlist_url())
        share = rules.create_share_link(shortlist)
        messages.success(
            request,
            _("Your link is ready. It works until %(date)s.") % {"date": _date(share.expires_at)},
        )
        return redirect(reverse("directory_shortlist_share"))
    context = {
        "shares": [
            {"share": share, "url": request.build_absolute_uri(share_url(share))}
            for share in rules.active_shares(shortlist)
        ],
        "has_services": bool(shortlist.service_ids()),
        "valid_days": rules.SHARE_VALID_DAYS,
    }
    return render(request, f"{TEMPLATES}/share.html", context)


def shared_view(request, token):
    """A shared list, for anyone with the link: services and contact details, never notes."""
    try:
        share = rules.open_share(token)
    except ShortlistShare.DoesNotExist:
        raise Http404 from None
    except ShareExpired as expired:
        context = {"share": expired.share, "valid_days": rules.SHARE_VALID_DAYS}
        return render(request, f"{TEMPLATES}/shared_expired.html", context, status=410)
    rows = rules.shared_rows(share)
    context = {
        "share": share,
        "rows": rows,
        "unlisted_count": len(share.service_ids) - len(rows),
    }
    response = render(request, f"{TEMPLATES}/shared.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


def share_url(share):
    return reverse("directory_shortlist_shared", args=[share.token])


def _date(value):
    return date_format(localtime(value), "j F Y")
