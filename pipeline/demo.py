"""Demo commissioning pipeline: women's grants, grants for organisations led by and for
racially minoritised people, the lots of a Commissioned Rehabilitative Services round and
subcontracts a lead provider offers to specialist partners, across regions. Some are delayed,
with the history of each delay (its reason and the dates it moved), some awarded. Clearly
fictional (funders, providers and contacts), the same on every run, and safe to run again:
an opportunity that exists already (by its slug) is left alone.

Each opportunity's history is written as dated entries in the past, then the page is
published with its current state, which adds nothing more to the history."""

import datetime

from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale

from core.models import LedByAndFor, Region, ServiceCategory
from directory.demo.accounts import DEMO_OWNER_EMAIL
from directory.models import OrganisationPage
from forums.models import EventPage, RegionalForumPage
from pipeline.models import OpportunityForumLink, OpportunityPage, StatusUpdate
from pipeline.models.history_changes import date_changes, key_dates_snapshot

CRS_FUNDER = "Northmoor Probation Region (demo commissioner)"
CRS_BID_HELP = (
    "<p>Questions about the lots go to the contact below until the tender opens. The "
    "Voluntary Sector Bid Support Service (demo) runs free sessions on partnership bids.</p>"
)

# Dates are days from today. "steps": (days ago, status, reason, {date: new offset},
# next update promised in days or None); the first step is the first publish.
PLANS = [
    {
        "slug": "womens-community-services-grants",
        "title": "Women's community services grants 2026 to 2029",
        "summary": "Three-year grants for women's centres and women-only services for women "
        "on probation or at risk of offending.",
        "kind": "grant",
        "funder": "Women's Justice Fund (demo)",
        "national": True,
        "categories": ["womens-services"],
        "value": (50_000, 250_000),
        "months": 36,
        "volumes": "About 40 grants; around 6,000 women a year across England and Wales.",
        "women_only": True,
        "dates": {"opens_on": -60, "closes_on": 10, "decision_on": 60, "starts_on": 120},
        "status": "delayed",
        "steps": [
            (300, "planned", "", {}, None),
            (200, "market_engagement", "Engagement events with women's centres began.", {}, None),
            (
                75,
                "delayed",
                "The grant round waits for the department's funding settlement for 2026 to "
                "2029. Existing grants are extended by six months so no service closes.",
                {"opens_on": 20, "closes_on": 75, "decision_on": 120, "starts_on": 180},
                14,
            ),
            (
                40,
                "delayed",
                "The funding settlement is confirmed; the grant agreement needs legal sign-off. "
                "The six-month extension letters went out on 1 June.",
                {"opens_on": 35, "closes_on": 90, "decision_on": 140, "starts_on": 200},
                21,
            ),
        ],
    },
    {
        "slug": "led-by-and-for-racially-minoritised-grants",
        "title": "Grants for organisations led by and for racially minoritised people",
        "summary": "Grants for specialist organisations led by and for racially minoritised "
        "communities to support people on probation.",
        "kind": "grant",
        "funder": "Equity in Justice Trust (demo)",
        "regions": ["london", "west-midlands", "greater-manchester"],
        "categories": ["mentoring-peer-support", "personal-wellbeing"],
        "value": (20_000, 120_000),
        "months": 24,
        "volumes": "Around 15 grants; each supporting 40 to 120 people a year.",
        "led_by": ["racially-minoritised"],
        "dates": {"opens_on": -30, "closes_on": 30, "decision_on": 75, "starts_on": 120},
        "status": "delayed",
        "steps": [
            (240, "planned", "", {}, None),
            (
                90,
                "delayed",
                "The panel that assesses bids is not yet recruited: we want half its members "
                "to come from led-by-and-for organisations.",
                {"opens_on": 10, "closes_on": 60, "decision_on": 100, "starts_on": 150},
                30,
            ),
            (
                20,
                "delayed",
                "The panel is recruited; its training takes place next month.",
                {"opens_on": 25, "closes_on": 80, "decision_on": 120, "starts_on": 180},
                30,
            ),
        ],
    },
    {
        "slug": "crs-accommodation-north-east",
        "title": "CRS lot 1: accommodation (North East)",
        "summary": "Commissioned Rehabilitative Services: accommodation advice, tenancy "
        "sustainment and move-on support for people on probation.",
        "kind": "contract",
        "regions": ["north-east"],
        "categories": ["accommodation"],
        "lots": "Lot 1 of 6: accommodation.",
        "value": (1_200_000, 1_800_000),
        "months": 60,
        "volumes": "About 2,400 referrals a year; modelling assumes 70% complete an intervention.",
        "threshold": 1_000_000,
        "partners": True,
        "dates": {
            "market_engagement_on": -20,
            "opens_on": 60,
            "closes_on": 120,
            "decision_on": 180,
            "notification_on": 190,
            "starts_on": 300,
        },
        "status": "market_engagement",
        "steps": [
            (120, "planned", "", {}, None),
            (20, "market_engagement", "Market engagement opened at the regional forum.", {}, None),
        ],
        "forum_event": ("north-east", "forum: housing on release"),
    },
    {
        "slug": "crs-ete-yorkshire",
        "title": "CRS lot 2: education, training and employment (Yorkshire and the Humber)",
        "summary": "Call-off under the Dynamic Framework for education, training and "
        "employment support.",
        "kind": "call_off",
        "regions": ["yorkshire-and-the-humber"],
        "categories": ["education-training-employment"],
        "lots": "Lot 2 of 6: education, training and employment.",
        "value": (600_000, 900_000),
        "months": 48,
        "volumes": "About 1,500 referrals a year.",
        "subcontracting": True,
        "dates": {"opens_on": 90, "closes_on": 150, "decision_on": 200, "starts_on": 330},
        "status": "planned",
        "steps": [(45, "planned", "", {}, None)],
    },
    {
        "slug": "crs-finance-benefit-debt-east-midlands",
        "title": "CRS lot 3: finance, benefit and debt (East Midlands)",
        "summary": "Benefits and debt advice, bank accounts and ID for people on probation.",
        "kind": "contract",
        "regions": ["east-midlands"],
        "categories": ["finance-benefit-debt"],
        "lots": "Lot 3 of 6: finance, benefit and debt.",
        "value": (300_000, 450_000),
        "months": 36,
        "volumes": "About 1,100 referrals a year.",
        "threshold": 250_000,
        "dates": {"opens_on": -14, "closes_on": 30, "decision_on": 75, "starts_on": 180},
        "status": "open",
        "steps": [
            (150, "planned", "", {}, None),
            (14, "open", "The tender is open on the regional procurement portal.", {}, None),
        ],
    },
    {
        "slug": "crs-dependency-recovery-south-west",
        "title": "CRS lot 4: dependency and recovery (South West)",
        "summary": "Drug, alcohol and gambling recovery support linked to community treatment.",
        "kind": "contract",
        "regions": ["south-west"],
        "categories": ["dependency-recovery"],
        "lots": "Lot 4 of 6: dependency and recovery.",
        "value": (800_000, 1_100_000),
        "months": 48,
        "threshold": 750_000,
        "partners": True,
        "dates": {"opens_on": -120, "closes_on": -60, "decision_on": 20, "starts_on": 150},
        "status": "evaluating",
        "steps": [
            (200, "planned", "", {}, None),
            (120, "open", "The tender opened.", {}, None),
            (60, "closed", "Bids closed: 7 received.", {}, None),
            (
                50,
                "evaluating",
                "Evaluation takes longer than planned: more bids than expected.",
                {"decision_on": 20},
                None,
            ),
        ],
    },
    {
        "slug": "crs-personal-wellbeing-wales",
        "title": "CRS lot 5: personal wellbeing (Wales)",
        "summary": "Emotional wellbeing, family relationships and social inclusion support.",
        "kind": "contract",
        "regions": ["wales"],
        "categories": ["personal-wellbeing"],
        "lots": "Lot 5 of 6: personal wellbeing.",
        "value": (500_000, 700_000),
        "months": 36,
        "dates": {"opens_on": -240, "closes_on": -180, "decision_on": -100, "starts_on": -10},
        "status": "awarded",
        "steps": [
            (320, "planned", "", {}, None),
            (240, "open", "The tender opened.", {}, None),
            (180, "closed", "Bids closed.", {}, None),
            (100, "awarded", "Awarded to Cymru Wellbeing Partnership (demo).", {}, None),
        ],
    },
    {
        "slug": "crs-womens-services-london",
        "title": "CRS lot 6: women's services (London)",
        "summary": "Women-only support alongside probation: women's centres and one-to-one "
        "support.",
        "kind": "contract",
        "regions": ["london"],
        "categories": ["womens-services"],
        "lots": "Lot 6 of 6: women's services.",
        "value": (900_000, 1_300_000),
        "months": 48,
        "women_only": True,
        "threshold": 400_000,
        "dates": {"opens_on": -200, "closes_on": -150, "decision_on": -70, "starts_on": 20},
        "status": "awarded",
        "steps": [
            (260, "planned", "", {}, None),
            (200, "open", "The tender opened.", {}, None),
            (150, "closed", "Bids closed.", {}, None),
            (
                110,
                "delayed",
                "A challenge to the evaluation is being reviewed.",
                {"decision_on": -70, "starts_on": 20},
                28,
            ),
            (70, "awarded", "Awarded to the London Women's Alliance (demo).", {}, None),
        ],
    },
    {
        "slug": "subcontract-ete-specialists-north-west",
        "title": "Specialist partners for employment support (North West)",
        "summary": "A lead provider seeks small specialist organisations to deliver parts of "
        "its employment contract.",
        "kind": "subcontract",
        "funder": "Northway Employment Partnership (demo lead provider)",
        "regions": ["north-west"],
        "categories": ["education-training-employment", "mentoring-peer-support"],
        "value": (30_000, 90_000),
        "months": 24,
        "subcontracting": True,
        "partners": True,
        "seeking": True,
        "lead_providers": False,
        "dates": {"opens_on": -7, "closes_on": 40, "decision_on": 60, "starts_on": 90},
        "status": "open",
        "steps": [(7, "open", "Expressions of interest are open.", {}, None)],
    },
    {
        "slug": "subcontract-womens-accommodation-london",
        "title": "Women's accommodation support within the London accommodation contract",
        "summary": "A lead provider seeks a women-only specialist partner for its accommodation "
        "service.",
        "kind": "subcontract",
        "funder": "Capital Homes Partnership (demo lead provider)",
        "regions": ["london"],
        "categories": ["accommodation", "womens-services"],
        "value": (60_000, 120_000),
        "months": 36,
        "subcontracting": True,
        "partners": True,
        "seeking": True,
        "lead_providers": False,
        "women_only": True,
        "dates": {"market_engagement_on": -5, "opens_on": 30, "closes_on": 70, "starts_on": 150},
        "status": "market_engagement",
        "steps": [(5, "market_engagement", "Come and meet us at the London forum.", {}, None)],
    },
]


def _day(today, offset):
    return None if offset is None else today + datetime.timedelta(days=offset)


def _key_dates(plan, today):
    """The key dates as first published, then after each step's moves (a list of dicts)."""
    current = {name: _day(today, offset) for name, offset in plan["dates"].items()}
    snapshots = []
    for _days_ago, _status, _reason, moves, _next in plan["steps"]:
        current = {**current, **{name: _day(today, offset) for name, offset in moves.items()}}
        snapshots.append(dict(current))
    return snapshots


def _page(plan, today, dates):
    last = plan["steps"][-1]
    return OpportunityPage(
        title=plan["title"],
        slug=plan["slug"],
        summary=plan["summary"],
        kind=plan["kind"],
        funder=plan.get("funder", CRS_FUNDER),
        is_national=plan.get("national", False),
        lots=plan.get("lots", ""),
        value_min=plan["value"][0],
        value_max=plan["value"][1],
        duration_months=plan.get("months"),
        expected_volumes=plan.get("volumes", ""),
        income_threshold=plan.get("threshold"),
        open_to_lead_providers=plan.get("lead_providers", True),
        open_to_partners=plan.get("partners", False),
        subcontracting_offered=plan.get("subcontracting", False),
        women_only=plan.get("women_only", False),
        seeking_partners=plan.get("seeking", False),
        contact_name="Commissioning team (demo)",
        contact_email=f"{plan['slug'][:40]}@example.org",
        bid_help=CRS_BID_HELP,
        status=plan["status"],
        change_reason=last[2],
        next_update_on=_day(today, last[4]),
        **dates,
    )


def _write_history(page, plan, snapshots, now, today):
    """The opportunity's past entries, as if each had been published on its day."""
    previous = None
    for (days_ago, status, reason, _moves, next_update), dates in zip(
        plan["steps"], snapshots, strict=True
    ):
        snapshot = key_dates_snapshot(dates)
        StatusUpdate.objects.create(
            opportunity=page,
            recorded_at=now - datetime.timedelta(days=days_ago),
            status=status,
            previous_status=previous["status"] if previous else "",
            reason=reason,
            date_changes=date_changes(previous["key_dates"], snapshot) if previous else [],
            key_dates=snapshot,
            next_update_on=_day(today, next_update),
        )
        previous = {"status": status, "key_dates": snapshot}


def _forum_links(plan):
    """The forum event that shaped the opportunity (from the forums demo), if it exists."""
    if "forum_event" not in plan:
        return []
    region_slug, title_end = plan["forum_event"]
    forum = (
        RegionalForumPage.objects.filter(region__slug=region_slug, locale=Locale.get_default())
        .order_by("path")
        .first()
    )
    if forum is None:
        return []
    event = EventPage.objects.descendant_of(forum).filter(title__endswith=title_end).first()
    return [OpportunityForumLink(page=event)] if event else []


def _lead_provider(plan):
    """A subcontract's lead provider: the demo owner's organisation (so the demo shows the
    lead provider's side), or else the first listed organisation in the region."""
    if plan["kind"] != "subcontract":
        return None
    organisations = OrganisationPage.objects.live().order_by("title")
    return (
        organisations.filter(memberships__user__email=DEMO_OWNER_EMAIL).first()
        or organisations.filter(regions__slug__in=plan.get("regions") or []).first()
    )


def _terms(model, slugs):
    return list(model.objects.in_default_locale().filter(slug__in=slugs or []))


@transaction.atomic
def load_pipeline_demo(index, today=None):
    """The demo opportunities missing under `index`, each with its history. Returns the
    number created."""
    now = timezone.now()
    today = today or timezone.localdate()
    existing = set(OpportunityPage.objects.child_of(index).values_list("slug", flat=True))
    created = 0
    for plan in PLANS:
        if plan["slug"] in existing:
            continue
        snapshots = _key_dates(plan, today)
        page = _page(plan, today, snapshots[-1])
        page.regions = _terms(Region, plan.get("regions"))
        page.categories = _terms(ServiceCategory, plan.get("categories"))
        page.led_by_and_for_only = _terms(LedByAndFor, plan.get("led_by"))
        page.shaped_by = _forum_links(plan)
        page.lead_provider = _lead_provider(plan)
        index.add_child(instance=page)
        _write_history(page, plan, snapshots, now, today)
        page.save_revision().publish()
        created += 1
    return created


def load(index):
    """The pipeline demo for `load_demo_data`."""
    return load_pipeline_demo(index)
