"""Partnering: a listed organisation registers interest in an opportunity that is seeking
specialist partners (one registration per organisation, with a short note), and the lead
provider or commissioner sees who did.

Who runs the partnering (sees the interest, says whether the opportunity is still seeking
partners) is decided by `can_see_interest`: commissioners, site admins, the regional forum
managers whose region it is, and the owners and editors of its lead provider
(pipeline.partnering.lead_providers). Nobody else.

Partnering is kept on the page in the site's default language, like the history: interest
registered from the Welsh page is the same interest."""

from django.db import IntegrityError, transaction

from directory.permissions import is_commissioner, organisations_acting_for
from pipeline.models import PartnerInterest
from pipeline.opportunities.history import default_language_version
from pipeline.partnering.lead_providers import leads
from pipeline.roles import opportunity_in_managed_regions

NOTE_MAX_LENGTH = 1000

# The way this engagement is named in the reach report (see forums.reach.report).
PARTNERING = "partnering"


def accepts_interest(opportunity):
    """Interest can be registered while the opportunity is live and seeking partners."""
    opportunity = default_language_version(opportunity)
    return bool(opportunity.live and opportunity.seeking_partners)


def interest_choices(user, opportunity):
    """[(organisation, its interest or None)] for each organisation `user` acts for: two
    queries, none for someone signed out."""
    organisations = list(organisations_acting_for(user))
    if not organisations:
        return []
    registered = {
        interest.organisation_id: interest
        for interest in PartnerInterest.objects.filter(
            opportunity=default_language_version(opportunity), organisation__in=organisations
        )
    }
    return [(organisation, registered.get(organisation.pk)) for organisation in organisations]


def panel_context(request, opportunity, form=None):
    """For the opportunity page's partnering panel (pipeline.templatetags.partnering_tags)."""
    accepting = accepts_interest(opportunity)
    choices = interest_choices(request.user, opportunity) if accepting else []
    return {
        "request": request,
        "page": opportunity,
        "accepts_interest": accepting,
        "choices": choices,
        "unregistered": [organisation for organisation, interest in choices if interest is None],
        "interest_form": form,
        "note_max_length": NOTE_MAX_LENGTH,
        "runs_partnering": can_see_interest(request.user, opportunity),
    }


def register_interest(opportunity, organisation, user, note=""):
    """Record `organisation`'s interest; registering again keeps the first registration
    (and its note). Safe when two requests race: the unique constraint decides.
    Returns (interest, created)."""
    opportunity = default_language_version(opportunity)
    try:
        with transaction.atomic():
            return PartnerInterest.objects.get_or_create(
                opportunity=opportunity,
                organisation=organisation,
                defaults={"user": user, "note": note[:NOTE_MAX_LENGTH]},
            )
    except IntegrityError:
        existing = PartnerInterest.objects.get(opportunity=opportunity, organisation=organisation)
        return existing, False


def withdraw_interest(opportunity, organisation):
    """Withdraw the organisation's interest; withdrawing twice changes nothing."""
    deleted, _by_model = PartnerInterest.objects.filter(
        opportunity=default_language_version(opportunity), organisation=organisation
    ).delete()
    return bool(deleted)


def can_see_interest(user, opportunity):
    """Who runs the partnering, and so sees who registered interest (their names and
    emails): commissioners, site admins, the forum managers of every region the opportunity
    is in (not a national one), and its lead provider's owners and editors. A page edit
    right given any other way opens nothing here."""
    if not user.is_authenticated or not user.is_active:
        return False
    if is_commissioner(user):  # includes superusers
        return True
    opportunity = default_language_version(opportunity)
    return opportunity_in_managed_regions(user, opportunity) or leads(user, opportunity)


def interest_in(opportunity):
    """The opportunity's interest, newest first, with organisations and people."""
    return (
        PartnerInterest.objects.filter(opportunity=default_language_version(opportunity))
        .select_related("organisation", "user")
        .order_by("-created_at", "pk")
    )


INTEREST_HEADER = ["Organisation", "Listing", "Note", "Registered by", "Email", "Registered"]


def interest_rows(opportunity, listing_url):
    """The rows of the CSV and XLSX; `listing_url(organisation)` gives a listing's address."""
    for interest in interest_in(opportunity):
        user = interest.user
        yield [
            interest.organisation.title,
            listing_url(interest.organisation),
            interest.note,
            (user.get_full_name() or user.email) if user else "",
            user.email if user else "",
            interest.created_at,
        ]


def engagement_in(start_at, end_at):
    """(way, [(organisation id, when)]) for the reach report: the organisations that
    registered interest in partnering between `start_at` and `end_at`. One query."""
    rows = PartnerInterest.objects.filter(
        created_at__gte=start_at, created_at__lt=end_at
    ).values_list("organisation_id", "created_at")
    return PARTNERING, rows
