"""Helper P's: an opportunity with a published history, and the admin edit form's data."""

import datetime

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from pipeline.models import KEY_DATES, OpportunityPage, StatusUpdate
from tests.factories import OpportunityPageFactory, PipelineIndexPageFactory, build_site_tree
from tests.factories import publish as publish_page

DAY = datetime.timedelta(days=1)


def opportunity(**fields):
    """An opportunity that is live but was never published through a revision, so it has
    no history yet (a test records it, at the times it needs, with `record_publish`)."""
    tree = build_site_tree()
    index = PipelineIndexPageFactory(parent=tree.home)
    return OpportunityPageFactory(parent=index, **fields)


def published_opportunity(**fields):
    """An opportunity published once (so its history says it was added to the pipeline)."""
    return publish_page(opportunity(live=False, **fields))


def republish(page, **changes):
    """Publish a new revision of `page` with `changes`; returns the page as stored."""
    page = OpportunityPage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    return publish_page(page)


def entries(page):
    return list(StatusUpdate.objects.filter(opportunity=page).order_by("recorded_at", "pk"))


def snapshot(entry):
    """Everything a history entry says, to tell that it never changed."""
    return (
        entry.pk,
        entry.recorded_at,
        entry.status,
        entry.previous_status,
        entry.reason,
        entry.date_changes,
        entry.key_dates,
        entry.next_update_on,
    )


def edit_form_data(page, action="action-publish", **changes):
    """The admin edit form as an editor posts it, with `changes` (dates as dates)."""

    def day(value):
        return value.isoformat() if value else ""

    fields = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "kind": page.kind,
        "funder": page.funder,
        "description": rich_text(page.description or ""),
        "regions": [region.pk for region in page.regions.all()],
        "categories": [category.pk for category in page.categories.all()],
        "lots": page.lots,
        "expected_volumes": page.expected_volumes,
        "open_to_lead_providers": "on" if page.open_to_lead_providers else "",
        "lead_provider": page.lead_provider_id or "",
        "status": page.status,
        "change_reason": "",
        "next_update_on": day(page.next_update_on),
        "notice_url": page.notice_url,
        "contact_name": page.contact_name,
        "contact_email": page.contact_email,
        "bid_help": rich_text(page.bid_help or ""),
        "documents": inline_formset([]),
        "shaped_by": inline_formset([]),
        **{name: day(getattr(page, name)) for name in KEY_DATES},
    }
    for name, value in changes.items():
        fields[name] = day(value) if isinstance(value, datetime.date) else value
    fields[action] = action
    # Many-to-many choices go as repeated values (as a browser sends a multiple select), not
    # through nested_form_data, which would number them like an inline formset's forms.
    choices = {name: fields.pop(name) for name in ("regions", "categories")}
    data = nested_form_data({k: v for k, v in fields.items() if v != "" or k == "change_reason"})
    return {**data, **choices}
