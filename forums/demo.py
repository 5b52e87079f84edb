"""Demo forums: upcoming and past events with registrations, waiting lists and published
outcomes in several regions, and forum memberships. Clearly fictional, the same on every
run, and safe to run again (it creates only what is missing)."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from allauth.account.models import EmailAddress

from core.progress import Progress
from directory.models import OrganisationPage
from forums.models import (
    ConsultationAnswer,
    ConsultationPage,
    ConsultationQuestion,
    ConsultationResponse,
    EventPage,
    EventRegistration,
    ForumContact,
    ForumMembership,
    RegionalForumPage,
)

DEMO_REGIONS = ["north-east", "london", "wales", "east-midlands"]
ATTENDEE_COUNT = 12

AGENDA = [
    ("10:00", "Welcome and introductions", "Who is here and what the forum is for."),
    ("10:20", "The region's plans", "The Regional Probation Director on the year ahead."),
    ("11:00", "You said, we did", "What changed after the last forum."),
    ("11:30", "Open discussion", "Your questions, and what you need from probation."),
]


def _at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _event_plans(region_name, today):
    return [
        {
            "title": f"{region_name} voluntary sector forum",
            "days": 21,
            "format": "hybrid",
            "capacity": 8,
            "registered": 11,  # 8 places, 3 waiting
        },
        {
            "title": f"{region_name}: commissioning plans briefing (online)",
            "days": 35,
            "format": "online",
            "capacity": 0,
            "registered": 4,
        },
        {
            "title": f"{region_name} forum: housing on release",
            "days": -40,
            "format": "in_person",
            "capacity": 30,
            "registered": 6,
            "closed": True,
        },
    ]


def _attendees():
    User = get_user_model()
    people = []
    for number in range(1, ATTENDEE_COUNT + 1):
        email = f"demo-attendee-{number}@example.org"
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email, password=None, first_name="Demo", last_name=f"Attendee {number}"
            )
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        people.append(user)
    return people


def _create_event(forum, plan, today):
    day = today + datetime.timedelta(days=plan["days"])
    start = _at(day, 10)
    in_person = plan["format"] != "online"
    event = EventPage(
        title=plan["title"],
        slug=slugify(plan["title"])[:80],
        summary="Meet the Regional Probation Director's team and other organisations, hear "
        "the plans for the region and say what you need.",
        agenda=[
            ("item", {"time": time, "title": title, "description": description})
            for time, title, description in AGENDA
        ],
        start=start,
        end=start + datetime.timedelta(hours=2, minutes=30),
        format=plan["format"],
        venue_name="Community Resource Centre" if in_person else "",
        venue_address="12 Market Street\nExampletown\nEX1 2MP" if in_person else "",
        accessibility="Step-free entrance, lift to all floors, hearing loop, accessible toilet."
        if in_person
        else "",
        joining_link="https://meet.example.org/demo-forum" if plan["format"] != "in_person" else "",
        capacity=plan["capacity"],
        audience_notes="Voluntary and community organisations of every size, whether or not "
        "they hold probation contracts.",
        closed=plan.get("closed", False),
        minutes="<p>Organisations asked for earlier notice of grant rounds. The regional team "
        "will publish a pipeline of opportunities each quarter.</p>"
        if plan.get("closed")
        else "",
        attendee_count=plan["registered"] - 1 if plan.get("closed") else None,
    )
    forum.add_child(instance=event)
    event.save_revision().publish()
    return event


def _register(event, people, count, past, organisations):
    """Register the first `count` people, each for one of the region's organisations (the
    fifth comes as an individual)."""
    taken = 0
    for position, person in enumerate(people[:count]):
        if event.capacity and taken >= event.capacity:
            status = "waitlisted"
        else:
            status = "attended" if past and position % 5 else "registered"
            taken += 1
        EventRegistration.objects.create(
            event=event,
            user=person,
            status=status,
            organisation=organisations[position % len(organisations)]
            if organisations and position % 5 != 4
            else None,
            access_needs="Step-free access" if position == 1 and not past else "",
            created_at=timezone.now() - datetime.timedelta(days=30 - position),
        )


def load_forum_demo(forums=None, today=None, progress=None):
    """Create the demo events, registrations and memberships that are missing. `progress`
    (a core.progress.Progress, optional) is told each demo region done.
    Returns the number of events created."""
    progress = progress or Progress.silent()
    progress.total = len(DEMO_REGIONS)
    today = today or timezone.localdate()
    forums = forums or RegionalForumPage.objects.all()
    by_region = {forum.region.slug: forum for forum in forums}
    people = _attendees()
    for forum in forums:
        _fill_team(forum)
    created = 0
    for slug in DEMO_REGIONS:
        progress.advance()
        forum = by_region.get(slug)
        if forum is None:
            continue
        with transaction.atomic():
            organisations = list(
                OrganisationPage.objects.live().filter(regions=forum.region).order_by("pk")[:12]
            )
            existing = set(EventPage.objects.child_of(forum).values_list("title", flat=True))
            for plan in _event_plans(forum.region.name, today):
                if plan["title"] in existing:
                    continue
                event = _create_event(forum, plan, today)
                _register(event, people, plan["registered"], plan["days"] < 0, organisations[6:])
                created += 1
            for organisation in organisations[:6]:
                ForumMembership.objects.get_or_create(forum=forum, organisation=organisation)
            _create_consultations(forum, people, today, organisations[3:])
    return created


# Fictional people for each forum's "Who runs this forum", picked by the region's position so
# neighbouring forums have different ones.
DEMO_DIRECTORS = [
    "Alex Morgan",
    "Priya Shah",
    "Gareth Evans",
    "Joanne Reid",
    "Samuel Okafor",
    "Helen Wright",
    "Marcus Bell",
    "Fiona Hughes",
    "Daniel Price",
    "Aisha Rahman",
    "Owen Jones",
    "Claire Fletcher",
]
DEMO_TEAM = [
    ("Sam Taylor", "Forum coordinator"),
    ("Rachel Green", "Voluntary sector engagement lead"),
    ("Tom Davies", "Commissioning and partnerships manager"),
    ("Nadia Ali", "Head of partnerships"),
    ("Chris Walker", "Engagement officer"),
    ("Leah Thomas", "Forum administrator"),
]


def _email_for(name):
    return f"{slugify(name).replace('-', '.')}@example.org"


def _drama_phone(number):
    return f"0306 999 0{number % 1000:03d}"


def _fill_team(forum):
    """Give a forum without a team its Regional Probation Director and two contacts
    (fictional names, example.org addresses); a forum with a team is left alone."""
    forum = RegionalForumPage.objects.get(pk=forum.pk)
    if forum.director_name or forum.team_contacts.exists():
        return
    position = forum.region.sort_order or forum.region.pk
    forum.director_name = DEMO_DIRECTORS[position % len(DEMO_DIRECTORS)]
    forum.run_by = (
        "<p>The Regional Probation Director's team runs the forum: it plans the events, "
        "runs the consultations and reports back on what changed.</p>"
    )
    forum.contact_email = f"{forum.region.slug}.forum@example.org"
    # Ofcom's range for drama (0306 999 0000 to 0999): never anyone's real number.
    forum.contact_phone = _drama_phone(position)
    for offset in (0, 1):
        name, role = DEMO_TEAM[(position + offset * 3) % len(DEMO_TEAM)]
        forum.team_contacts.add(
            ForumContact(
                name=name,
                role=role,
                email=_email_for(name),
                phone=_drama_phone(position * 2 + offset + 1),
            )
        )
    forum.save_revision().publish()


DEMO_QUESTIONS = [
    {
        "kind": "single_choice",
        "text": "What is the biggest gap in support on release?",
        "choices": "Housing\nWork and training\nMental health\nDebt and benefits",
        "required": True,
    },
    {
        "kind": "scale",
        "text": "How well do probation and the voluntary sector work together "
        "in your area? (1 very badly, 5 very well)",
    },
    {"kind": "yes_no", "text": "Would you join a working group on housing?"},
    {
        "kind": "long_text",
        "text": "What one change would make the most difference?",
        "max_length": 1000,
    },
]
DEMO_ANSWERS = [
    ["Housing", "2", "yes", "Somewhere to stay on the day of release, every time."],
    ["Mental health", "3", "no", "Quicker referrals to community mental health teams."],
    ["Housing", "4", "yes", "Earlier notice of release dates so we can plan."],
    ["Debt and benefits", "2", "no", "Help to open a bank account before release."],
]


def _consultation_plans(region_name):
    return [
        ("open", f"{region_name}: support on release", -7, 21),
        ("forthcoming", f"{region_name}: the forum's priorities for next year", 14, 42),
        ("closed", f"{region_name}: housing on release", -70, -40),
    ]


def _create_consultations(forum, people, today, organisations):
    existing = set(ConsultationPage.objects.child_of(forum).values_list("title", flat=True))
    for state, title, opens_in, closes_in in _consultation_plans(forum.region.name):
        if title in existing:
            continue
        page = ConsultationPage(
            title=title,
            slug=slugify(title)[:80],
            summary="Tell the regional team what you see, so the forum can act on it.",
            purpose="<p>The Regional Probation Director wants to hear from every voluntary "
            "organisation in the region, whether or not it holds a probation contract.</p>",
            opens_at=_at(today + datetime.timedelta(days=opens_in), 9),
            closes_at=_at(today + datetime.timedelta(days=closes_in), 17),
            response_mode="organisation" if state != "forthcoming" else "person",
            allow_anonymous=state == "open",
        )
        forum.add_child(instance=page)
        for position, question in enumerate(DEMO_QUESTIONS):
            ConsultationQuestion.objects.create(page=page, sort_order=position, **question)
        page.save_revision().publish()
        if state == "forthcoming":
            continue
        questions = list(page.questions.order_by("sort_order"))
        for number, (person, values) in enumerate(zip(people, DEMO_ANSWERS, strict=False)):
            day = page.opens_at.date() + datetime.timedelta(days=number + 1)
            anonymous = number == 3  # the last one answered anonymously
            for_organisation = not anonymous and number < len(organisations)
            response = ConsultationResponse.objects.create(
                consultation=page,
                user=None if anonymous else person,
                organisation=organisations[number] if for_organisation else None,
                for_organisation=for_organisation,
                status="submitted",
                created_on=day,
                updated_on=day,
                submitted_on=day,
            )
            for question, value in zip(questions, values, strict=True):
                ConsultationAnswer.objects.create(response=response, question=question, value=value)
        if state == "closed":
            page.outcome_asked = "<p>What gets in the way of finding housing on release.</p>"
            page.outcome_said = "<p>Most of you said people leave prison with nowhere to stay, "
            "and that release dates come too late to plan.</p>"
            page.outcome_did = "<p>The regional team now shares expected release dates with "
            "housing providers six weeks ahead, and funds a duty housing worker.</p>"
            page.save_revision().publish()


def load(forums=None, progress=None):
    """The forum demo for `load_demo_data`: what is missing of it, in `forums` (every
    regional forum when not given). Returns the number of events created."""
    return load_forum_demo(forums, progress=progress)
