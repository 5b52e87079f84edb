"""The outreach screens in the admin, for the managers of one forum (and site admins):
inviting organisations from the outreach list (choose what to and filter, tick, preview,
send), the invitations sent, and messaging an event's registrants."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from forums.models import EventPage, RegionalForumPage
from forums.outreach.forms import EventMessageForm, InvitationForm, OutreachFilterForm
from forums.outreach.messages import (
    audience_sizes,
    message_recipients,
    messages_sent,
    render_event_message,
    send_event_message,
)
from forums.outreach.rules import (
    OUTREACH_SEND_LIMIT,
    OutreachRefused,
    invitable_items,
    invitations_sent,
    outreach_candidates,
    render_invitation,
    send_invitations,
)
from forums.roles import can_manage_forum, default_language_version

PER_PAGE = OUTREACH_SEND_LIMIT  # "select all on this page" never goes over the limit
FILTER_PARAMETERS = ["item", "period", "show", "commissioning", "income", "led_by_and_for"]


def managed_forum(request, forum_id):
    """The forum (its default-language version), if `request.user` runs it; else 403."""
    forum = get_object_or_404(RegionalForumPage.objects.select_related("region"), pk=forum_id)
    if not can_manage_forum(request.user, forum):
        raise PermissionDenied
    return default_language_version(forum)


def managed_event(request, event_id):
    event = get_object_or_404(EventPage, pk=event_id)
    if not can_manage_forum(request.user, event.get_parent().specific):
        raise PermissionDenied
    return event


def _forum_breadcrumbs(forum):
    return [
        {"url": reverse("forum_records:index"), "label": _("Regional forums")},
        {"url": reverse("wagtailadmin_pages:edit", args=[forum.pk]), "label": forum.title},
    ]


class InviteView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "mail"
    template_name = "forums/admin/outreach/invite.html"

    def dispatch(self, request, forum_id):
        self.forum = managed_forum(request, forum_id)
        self.items = invitable_items(self.forum)
        self.filters = OutreachFilterForm(request.GET, items=self.items)
        self.item = None
        if self.filters.is_valid():
            chosen = self.filters.cleaned_data["item"]
            self.item = next(item for item in self.items if item.pk == chosen)
        return super().dispatch(request, forum_id)

    def get_page_title(self):
        if self.item is None:
            return _("Invite organisations")
        return _("Invite organisations to %(title)s") % {"title": self.item.title}

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            *_forum_breadcrumbs(self.forum),
            {"url": "", "label": _("Invite organisations")},
        ]

    def _query(self, **changes):
        query = {
            name: self.filters.data[name]
            for name in FILTER_PARAMETERS
            if self.filters.data.get(name)
        }
        return urlencode({**query, **changes})

    def _candidates(self):
        if self.item is None:
            return None, []
        return outreach_candidates(
            self.forum,
            self.filters.period_object(),
            self.filters.outreach_filters(),
            item=self.item,
        )

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        report, rows = self._candidates()
        page = Paginator(rows, PER_PAGE).get_page(self.request.GET.get("page"))
        if form is None:
            form = InvitationForm(rows=rows)
        ticked = set(form.data.getlist("organisations") if form.is_bound else [])
        ticked |= {str(key) for key in form.initial.get("organisations", [])}
        context.update(
            {
                "forum": self.forum,
                "items": self.items,
                "item": self.item,
                "filters": self.filters,
                "report": report,
                "rows": rows,
                "page": page,
                "form": form,
                "ticked": ticked,
                "selectable_count": sum(1 for row in rows if row["selectable"]),
                "limit": OUTREACH_SEND_LIMIT,
                "action_url": f"?{self._query(page=page.number)}",
                "page_urls": {
                    number: f"?{self._query(page=number)}" for number in page.paginator.page_range
                },
                "sent_url": reverse("forum_outreach:sent", args=[self.forum.pk]),
            }
        )
        return context

    def post(self, request, forum_id):
        _report, rows = self._candidates()
        if self.item is None:
            return self.get(request, forum_id)
        action = request.POST.get("action")
        form = InvitationForm(request.POST, rows=rows)
        if action == "select-all":
            return self._select_all(form, rows)
        if action not in ("preview", "send") or not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        if action == "preview":
            return self._preview(form)
        return self._send(form)

    def _select_all(self, form, rows):
        """Tick every organisation on this page that can be invited, keeping the others
        ticked and the message."""
        page = Paginator(rows, PER_PAGE).get_page(self.request.GET.get("page"))
        ticked = set(self.request.POST.getlist("organisations"))
        ticked |= {str(row["id"]) for row in page.object_list if row["selectable"]}
        initial = {"organisations": sorted(ticked), "message": self.request.POST.get("message")}
        return self.render_to_response(
            self.get_context_data(form=InvitationForm(rows=rows, initial=initial))
        )

    def _preview(self, form):
        chosen = form.chosen_rows()
        email = render_invitation(
            self.forum,
            self.item,
            chosen[0]["page"],
            self.request.user,
            form.cleaned_data["message"],
        )
        context = self.get_context_data(form=form)
        context.update({"chosen": chosen, "email": email})
        return self.response_class(
            request=self.request,
            template="forums/admin/outreach/preview.html",
            context=context,
        )

    def _send(self, form):
        chosen = form.chosen_rows()
        try:
            created = send_invitations(
                self.forum,
                self.item,
                [row["page"] for row in chosen],
                self.request.user,
                form.cleaned_data["message"],
            )
        except OutreachRefused as refused:
            form.add_error("organisations", str(refused))
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(
            self.request,
            ngettext(
                "%(count)s organisation invited to %(title)s.",
                "%(count)s organisations invited to %(title)s.",
                len(created),
            )
            % {"count": len(created), "title": self.item.title},
        )
        left_out = len(chosen) - len(created)
        if left_out:
            messages.warning(
                self.request,
                ngettext(
                    "%(count)s organisation had just been invited by someone else and was not "
                    "emailed again.",
                    "%(count)s organisations had just been invited by someone else and were "
                    "not emailed again.",
                    left_out,
                )
                % {"count": left_out},
            )
        return redirect("forum_outreach:sent", self.forum.pk)


class InvitationsSentView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "mail"
    template_name = "forums/admin/outreach/sent.html"

    def dispatch(self, request, forum_id):
        self.forum = managed_forum(request, forum_id)
        return super().dispatch(request, forum_id)

    def get_page_title(self):
        return _("Invitations sent")

    def get_page_subtitle(self):
        return self.forum.title

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            *_forum_breadcrumbs(self.forum),
            {"url": "", "label": _("Invitations sent")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(invitations_sent(self.forum), 50).get_page(self.request.GET.get("page"))
        context.update(
            {
                "forum": self.forum,
                "page": page,
                "invite_url": reverse("forum_outreach:invite", args=[self.forum.pk]),
            }
        )
        return context


class MessageRegistrantsView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "mail"
    template_name = "forums/admin/outreach/message_registrants.html"

    def dispatch(self, request, event_id):
        self.event = managed_event(request, event_id)
        return super().dispatch(request, event_id)

    def get_page_title(self):
        return _("Message the people registered for %(title)s") % {"title": self.event.title}

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("forum_records:index"), "label": _("Regional forums")},
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.event.pk]),
                "label": self.event.title,
            },
            {
                "url": reverse("forum_records:registrations", args=[self.event.pk]),
                "label": _("Registrations"),
            },
            {"url": "", "label": _("Message registrants")},
        ]

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        sizes = audience_sizes(self.event)
        form = form or EventMessageForm()
        context.update(
            {
                "event": self.event,
                "form": form,
                "audiences": [
                    (value, label, sizes[value]) for value, label in form.fields["audience"].choices
                ],
                "earlier": messages_sent(self.event),
            }
        )
        return context

    def post(self, request, event_id):
        form = EventMessageForm(request.POST)
        action = request.POST.get("action")
        if action not in ("preview", "send") or not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        recipients = list(message_recipients(self.event, data["audience"])[:1])
        if not recipients:
            form.add_error("audience", _("Nobody is in this group yet: choose another."))
            return self.render_to_response(self.get_context_data(form=form))
        if action == "preview":
            context = self.get_context_data(form=form)
            context["email"] = render_event_message(
                self.event, recipients[0], data["subject"], data["body"]
            )
            context["recipient"] = recipients[0]
            return self.response_class(
                request=request,
                template="forums/admin/outreach/message_preview.html",
                context=context,
            )
        try:
            sent = send_event_message(
                self.event, data["audience"], data["subject"], data["body"], request.user
            )
        except OutreachRefused as refused:
            form.add_error("audience", str(refused))
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(
            request,
            ngettext(
                "Message sent to %(count)s person.",
                "Message sent to %(count)s people.",
                sent.recipient_count,
            )
            % {"count": sent.recipient_count},
        )
        return redirect("forum_outreach:message_registrants", self.event.pk)
