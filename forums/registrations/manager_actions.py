"""What an event's forum managers do to one person's registration, from the registrations
page: promote them from the waiting list (a POST from the page's button) and cancel their
registration (a page that asks first, with an optional reason for the email). Only the
event's forum managers and site admins may (`forums.roles.can_manage_forum`); the rules are
`promote_registration` and `cancel_registration_by_manager` in rules.py."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from forums.models import EventRegistration
from forums.registrations.admin_views import _managed_event
from forums.registrations.rules import (
    CancellationError,
    PromotionError,
    cancel_registration_by_manager,
    promote_registration,
)


def _managed_registration(request, registration_id):
    registration = get_object_or_404(
        EventRegistration.objects.select_related("user", "organisation"), pk=registration_id
    )
    registration.event = _managed_event(request, registration.event_id)
    return registration


def _name(registration):
    return registration.user.get_full_name() or registration.user.email


@require_POST
def promote(request, registration_id):
    registration = _managed_registration(request, registration_id)
    try:
        registration, added_a_place = promote_registration(registration)
    except PromotionError as error:
        messages.error(request, str(error))
    else:
        message = _("%(name)s has a place now. We have emailed them.") % {
            "name": _name(registration)
        }
        if added_a_place:
            capacity = registration.event.capacity
            message += " " + ngettext(
                "The event was full, so it has %(count)s place now.",
                "The event was full, so it has %(count)s places now.",
                capacity,
            ) % {"count": capacity}
        messages.success(request, message)
    return redirect("forum_records:registrations", registration.event.pk)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (optional)"),
        help_text=gettext_lazy("We include it in the email to them."),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CancelRegistrationView(WagtailAdminTemplateMixin, FormView):
    """Asks first (a GET changes nothing); the POST cancels and emails the person."""

    header_icon = "group"
    template_name = "forums/admin/cancel_registration.html"
    form_class = CancelForm

    def dispatch(self, request, registration_id):
        self.registration = _managed_registration(request, registration_id)
        self.event = self.registration.event
        return super().dispatch(request, registration_id)

    def get_page_title(self):
        return _("Cancel %(name)s's registration") % {"name": _name(self.registration)}

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("forum_records:index"), "label": _("Regional forums")},
            {"url": self.registrations_url(), "label": self.event.title},
            {"url": "", "label": _("Cancel a registration")},
        ]

    def registrations_url(self):
        return reverse("forum_records:registrations", args=[self.event.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "registration": self.registration,
                "event": self.event,
                "name": _name(self.registration),
                "registrations_url": self.registrations_url(),
            }
        )
        return context

    def form_valid(self, form):
        try:
            _registration, promoted = cancel_registration_by_manager(
                self.registration, reason=form.cleaned_data["reason"]
            )
        except CancellationError as error:
            messages.error(self.request, str(error))
            return redirect(self.registrations_url())
        message = _("%(name)s's registration is cancelled. We have emailed them.") % {
            "name": _name(self.registration)
        }
        for registration in promoted:
            message += " " + _("%(name)s, first on the waiting list, has the place.") % {
                "name": _name(registration)
            }
        messages.success(self.request, message)
        return redirect(self.registrations_url())
