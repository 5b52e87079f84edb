"""A small hand-built directory where every search answer is known in advance.

Eleven listed services in four organisations (Yorkshire, London, Wales and national), and
five services that must never be found: a draft, an unpublished one, one closed for good, one
under a draft organisation and one under an organisation hidden as stale.

Coverage (national services appear in every region):
    Yorkshire and the Humber  Leeds Housing Advice, Sheffield Supported Housing,
                              Structured drug programme, Money Matters Debt Clinic
    London                    Hackney Women Centre, Lambeth Housing Link
    Wales                     Cardiff Recovery Cafe, Reading Together
    national                  Chess Circle, Homes for Veterans, Online Peer Support
"""

from dataclasses import dataclass

from wagtail.search.index import insert_or_update_object

from directory.models import CapacityStatus, ServicePage, ServiceState, StalenessStage
from tests.factories import OrganisationPageFactory, ServicePageFactory

YORKSHIRE = "yorkshire-and-the-humber"

YORKSHIRE_SERVICES = {
    "Leeds Housing Advice",
    "Sheffield Supported Housing",
    "Structured drug programme",
    "Money Matters Debt Clinic",
}
LONDON_SERVICES = {"Hackney Women Centre", "Lambeth Housing Link"}
WELSH_SERVICES = {"Cardiff Recovery Cafe", "Reading Together"}
NATIONAL_SERVICES = {"Chess Circle", "Homes for Veterans", "Online Peer Support"}
LISTED = YORKSHIRE_SERVICES | LONDON_SERVICES | WELSH_SERVICES | NATIONAL_SERVICES
# Listed services in name order.
BY_NAME = sorted(LISTED)

# Every one of these says "housing" in its name, and none may ever be found.
NEVER_FOUND = {
    "Draft Housing Project",
    "Unpublished Housing Project",
    "Closed Housing Project",
    "Unapproved Housing Project",
    "Forgotten Housing Project",
}


@dataclass
class SampleDirectory:
    northern: object
    london: object
    national: object
    welsh: object
    hidden: object
    draft_organisation: object

    def service(self, title):
        return ServicePage.objects.get(title=title)


def build_sample_directory():
    northern, london, national, welsh, hidden, draft_organisation = add_organisations()
    add_northern_services(northern)
    add_london_services(london)
    add_national_services(national)
    add_welsh_services(welsh)
    add_services_never_found(northern, draft_organisation, hidden)
    reindex_services()

    return SampleDirectory(
        northern=northern,
        london=london,
        national=national,
        welsh=welsh,
        hidden=hidden,
        draft_organisation=draft_organisation,
    )


def add_organisations():
    northern = OrganisationPageFactory(
        title="Northern Homes Trust",
        regions=[YORKSHIRE],
        led_by_and_for=["lived-experience"],
        commissioning_relationships=["crs-lead-provider"],
        income_band="1m-5m",
    )
    london = OrganisationPageFactory(
        title="London Women Together",
        regions=["london"],
        led_by_and_for=["women"],
        commissioning_relationships=["moj-grant"],
        income_band="100k-500k",
    )
    national = OrganisationPageFactory(
        title="Second Chance Network", is_national=True, income_band="under-10k"
    )
    welsh = OrganisationPageFactory(
        title="Valleys Collective",
        regions=["wales"],
        commissioning_relationships=["dynamic-framework"],
        income_band="10k-100k",
    )
    hidden = OrganisationPageFactory(
        title="Forgotten Friends",
        regions=[YORKSHIRE],
        staleness_stage=StalenessStage.HIDDEN,
        keep_listed=False,
    )
    draft_organisation = OrganisationPageFactory(
        title="Unapproved Group", regions=[YORKSHIRE], live=False
    )
    return northern, london, national, welsh, hidden, draft_organisation


def add_service(parent, title, description, categories, *, delivery=("in-person",), **kwargs):
    return ServicePageFactory(
        parent=parent,
        title=title,
        description=f"<p>{description}</p>",
        categories=categories,
        delivered_in_person="in-person" in delivery,
        delivered_online="online" in delivery,
        delivered_by_phone="phone" in delivery,
        **kwargs,
    )


def add_northern_services(northern):
    add_service(
        northern,
        "Leeds Housing Advice",
        "Advice on finding somewhere to live and keeping a tenancy.",
        ["housing-advice"],
        client_groups=["homelessness"],
        stages=["pre-release", "on-probation"],
    )
    add_service(
        northern,
        "Sheffield Supported Housing",
        "Shared houses with a key worker. Residents run a weekly chess evening.",
        ["supported-housing"],
        client_groups=["young-adults"],
        stages=["on-probation"],
        delivery=("in-person", "phone"),
        capacity=CapacityStatus.WAITING_LIST,
    )
    add_service(
        northern,
        "Structured drug programme",
        "One-to-one sessions and group work for people on probation.",
        ["drugs"],
        stages=["on-probation"],
        delivery=("online",),
    )
    add_service(
        northern,
        "Money Matters Debt Clinic",
        "Sorting out arrears, bills and budgets with a caseworker.",
        ["debt-advice"],
        delivery=("phone",),
        capacity=CapacityStatus.PAUSED,
    )


def add_london_services(london):
    add_service(
        london,
        "Hackney Women Centre",
        "A safe space for women, with a creche and drop-in sessions.",
        ["womens-centres"],
        client_groups=["women"],
    )
    add_service(
        london,
        "Lambeth Housing Link",
        "Finding a place to stay in south London.",
        ["housing-advice"],
        client_groups=["homelessness"],
    )


def add_national_services(national):
    add_service(
        national,
        "Chess Circle",
        "Weekly games and coaching by post and online.",
        ["arts"],
        delivery=("online",),
    )
    add_service(
        national,
        "Homes for Veterans",
        "Emergency beds and accommodation for veterans leaving prison.",
        ["emergency-accommodation"],
        client_groups=["veterans"],
        delivery=("in-person", "phone"),
        capacity=CapacityStatus.WAITING_LIST,
    )
    add_service(
        national,
        "Online Peer Support",
        "Talk to someone who has been through the justice system.",
        ["lived-experience-peer-support"],
        delivery=("online",),
    )


def add_welsh_services(welsh):
    add_service(
        welsh,
        "Cardiff Recovery Cafe",
        "A friendly cafe run by people in recovery.",
        ["recovery-communities"],
    )
    add_service(
        welsh,
        "Reading Together",
        "Reading and writing, one page at a time.",
        ["skills-qualifications"],
        delivery=("in-person", "online"),
    )


def add_services_never_found(northern, draft_organisation, hidden):
    # Never found: each would match "housing", and each is in Yorkshire.
    add_service(northern, "Draft Housing Project", "Housing.", ["housing-advice"], live=False)
    unpublished = add_service(
        northern, "Unpublished Housing Project", "Housing.", ["housing-advice"]
    )
    unpublished.unpublish()
    add_service(
        northern,
        "Closed Housing Project",
        "Housing.",
        ["housing-advice"],
        status=ServiceState.DEFUNCT,
    )
    add_service(draft_organisation, "Unapproved Housing Project", "Housing.", ["housing-advice"])
    add_service(hidden, "Forgotten Housing Project", "Housing.", ["housing-advice"])


def reindex_services():
    # The factories save a page before its categories and groups (parental many-to-many
    # values are committed after the save that indexes it), so the database search index
    # would miss their names. Publishing in the admin saves again; do what it does.
    for page in ServicePage.objects.all():
        insert_or_update_object(page)


def titles(results):
    """The titles of the results on this page, in order."""
    return [service.title for service in results.results]
