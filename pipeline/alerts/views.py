"""People's pipeline alerts: list, create, change and delete them (signed in), and stop one
from the link in its email (no sign-in: the link is signed)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from pipeline.alerts.account import alerts_for_account
from pipeline.alerts.forms import AlertForm
from pipeline.alerts.links import read_unsubscribe_token
from pipeline.alerts.rules import (
    alert_of,
    delete_alert,
    kind_labels,
    save_alert,
)
from pipeline.models import AlertSubscription


def with_labels(alerts):
    for alert in alerts:
        alert.kind_labels = kind_labels(alert.kinds)
    return alerts


@login_required
def alert_list(request):
    context = {"alerts": alerts_for_account(request.user)["pipeline_alerts"]}
    return render(request, "pipeline/alerts/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def alert_edit(request, alert_id=None):
    alert = None
    if alert_id is not None:
        alert = alert_of(request.user, alert_id)
        if alert is None:
            raise Http404
    form = AlertForm(
        request.POST if request.method == "POST" else None, user=request.user, alert=alert
    )
    if form.is_valid():
        save_alert(request.user, form.cleaned_data, alert)
        messages.success(
            request,
            _("Your alert is saved. We email you once a day at most, when something matches."),
        )
        return redirect("pipeline_alerts")
    return render(
        request,
        "pipeline/alerts/edit.html",
        {"form": form, "alert": alert},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def alert_delete(request, alert_id):
    alert = alert_of(request.user, alert_id)
    if alert is None:
        raise Http404
    if request.method == "POST":
        delete_alert(request.user.pk, alert.pk)
        messages.success(request, _("Your alert is deleted."))
        return redirect("pipeline_alerts")
    [alert] = with_labels([alert])
    return render(request, "pipeline/alerts/delete.html", {"alert": alert, "alerts": [alert]})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """The link in every alert email. A GET only asks (mail scanners follow links); a POST
    deletes that one alert: the page's button, or a mail program's one-click unsubscribe
    (RFC 8058), a bare POST without a CSRF token. Posting again changes nothing."""
    ids = read_unsubscribe_token(token)
    if ids is None:
        return render(request, "pipeline/alerts/unsubscribe_invalid.html", status=400)
    user_id, alert_id = ids
    if request.method == "POST":
        delete_alert(user_id, alert_id)
        return render(request, "pipeline/alerts/unsubscribed.html", {})
    exists = AlertSubscription.objects.filter(user_id=user_id, pk=alert_id).exists()
    context = {"exists": exists, "alerts_path": reverse("pipeline_alerts")}
    return render(request, "pipeline/alerts/unsubscribe.html", context)
