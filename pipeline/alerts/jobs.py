"""The daily pipeline alert digest (a scheduled command, send_pipeline_alerts).

For each alert: the opportunities published for the first time, and the changes recorded in
their public history (StatusUpdate), since its last digest (or since it was created) that
match it (pipeline.alerts.rules.matches). One email per alert and day at most, none when
nothing matches. An alert is claimed (`sent_up_to` moved on) before its email is built, so
running the command twice sends nothing twice."""

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.dateparse import parse_date

from core.emails import send_templated_email
from core.models import ServiceCategory
from core.page_urls import localized_page_absolute_url
from core.progress import Progress
from pipeline.alerts.links import alerts_url, unsubscribe_headers, unsubscribe_url
from pipeline.alerts.rules import Wanted, matches, opportunity_terms
from pipeline.models import AlertSubscription, OpportunityPage, StatusUpdate


def _since(subscription):
    return subscription.sent_up_to or subscription.created_at


def _due_subscriptions(now):
    """Alerts of active people with an email address that got no digest today."""
    start_of_today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return list(
        AlertSubscription.objects.filter(user__is_active=True)
        .filter(Q(sent_up_to__isnull=True) | Q(sent_up_to__lt=start_of_today))
        .exclude(user__email="")
        .select_related("user", "organisation")
        .prefetch_related("regions", "categories")
        .order_by("user_id", "pk")
    )


def _news(earliest, now):
    """(new opportunities, status updates) between `earliest` and `now`, with the
    opportunities' regions and categories: five queries."""
    terms = [
        "regions",
        Prefetch("categories", queryset=ServiceCategory.objects.select_related("parent")),
    ]
    new = list(
        OpportunityPage.objects.live()
        .filter(first_published_at__gt=earliest, first_published_at__lte=now)
        .prefetch_related(*terms)
        .order_by("first_published_at", "pk")
    )
    updates = list(
        StatusUpdate.objects.filter(
            recorded_at__gt=earliest, recorded_at__lte=now, opportunity__live=True
        )
        .select_related("opportunity")
        .order_by("recorded_at", "pk")
    )
    known = {page.pk: page for page in new}
    others = {update.opportunity_id for update in updates} - set(known)
    for page in OpportunityPage.objects.filter(pk__in=others).prefetch_related(*terms):
        known[page.pk] = page
    for update in updates:
        update.opportunity = known[update.opportunity_id]
    return new, updates


def digest_items(subscription, new, updates, now, terms):
    """[{"opportunity", "is_new", "updates"}] for what matches `subscription` in its period,
    one item per opportunity, in the order things happened."""
    since = _since(subscription)
    wanted = Wanted(subscription)
    items = {}
    for page in new:
        if since < page.first_published_at <= now and matches(wanted, page, terms[page.pk]):
            items[page.pk] = {"opportunity": page, "is_new": True, "updates": []}
    for update in updates:
        page = update.opportunity
        if since < update.recorded_at <= now and matches(wanted, page, terms[page.pk]):
            item = items.setdefault(page.pk, {"opportunity": page, "is_new": False, "updates": []})
            item["updates"].append(update)
    return list(items.values())


def send_pipeline_alerts(now=None, progress=None):
    """Email each due alert what matches it. `progress` (a core.progress.Progress,
    optional) is told the number of alerts due and each one looked at. Returns the number of
    digests sent."""
    now = now or timezone.now()
    subscriptions = _due_subscriptions(now)
    progress = progress or Progress.silent()
    progress.total = len(subscriptions)
    if not subscriptions:
        return 0
    new, updates = _news(min(_since(subscription) for subscription in subscriptions), now)
    pages = {page.pk: page for page in new} | {u.opportunity_id: u.opportunity for u in updates}
    terms = {pk: opportunity_terms(page) for pk, page in pages.items()}
    sent = 0
    for subscription in subscriptions:
        progress.advance()
        items = digest_items(subscription, new, updates, now, terms)
        if not items:
            continue
        with transaction.atomic():
            claimed = AlertSubscription.objects.filter(
                pk=subscription.pk, sent_up_to=subscription.sent_up_to
            ).update(sent_up_to=now)
            if not claimed:
                continue
            _send_digest(subscription, items, now)
            sent += 1
    return sent


def moved_dates(update):
    """[{"label", "old", "new"}] for the key dates `update` moved (dates, or None)."""
    moved = []
    for change in update.date_changes or []:
        try:
            label = OpportunityPage._meta.get_field(change.get("field", "")).verbose_name
        except FieldDoesNotExist:
            continue
        moved.append(
            {
                "label": label,
                "old": parse_date(change.get("old") or ""),
                "new": parse_date(change.get("new") or ""),
            }
        )
    return moved


def _send_digest(subscription, items, now):
    for item in items:
        for update in item["updates"]:
            update.moved = moved_dates(update)

    def context_for(_language):
        for item in items:
            item["url"] = localized_page_absolute_url(item["opportunity"])
            item["title"] = item["opportunity"].localized.title
        return {
            "items": items,
            "alerts_url": alerts_url(),
            "unsubscribe_url": unsubscribe_url(subscription),
        }

    send_templated_email(
        [subscription.user],
        "pipeline/emails/alert_digest",
        {
            "since": _since(subscription),
            "until": now,
            "count": len(items),
            "organisation": subscription.organisation,
        },
        context_for=context_for,
        headers=unsubscribe_headers(unsubscribe_url(subscription)),
    )
