"""Demo data: a realistic, clearly fictional directory that is the same on every run.

`load(directory)` plans about 150 organisations and their services in memory from a fixed
seed (`planning`, `service_planning`, with the words in `organisations` and `services`),
plus a few written by hand so that what practitioners most often look for exists
(`curated.toml`), writes the ones that are missing (`build`), then adds the demo accounts
and moderation work (`accounts`). An organisation already in the directory (same slug, or
same charity or company number) is skipped, so running it again creates nothing and
duplicates nothing.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from core.models import ServiceCategory
from core.progress import Progress
from directory.models import OrganisationPage, ServiceLocation, ServicePage

from .accounts import (
    DEMO_ADMIN_EMAIL,
    DEMO_ADMIN_PASSWORD,
    ensure_demo_admin,
    load_self_service_demo,
)
from .build import create_organisation
from .organisations import SEED
from .planning import build_demo_plan
from .plans import Vocabulary
from .welsh import load_welsh_listings

__all__ = [
    "DEMO_ADMIN_EMAIL",
    "DEMO_ADMIN_PASSWORD",
    "DemoReport",
    "demo_data_counts",
    "ensure_demo_admin",
    "load",
]


@dataclass
class DemoReport:
    organisations_created: int = 0
    organisations_present: int = 0
    drafts_created: int = 0
    services_created: int = 0
    services_present: int = 0
    admin_created: bool = False
    welsh_pages_created: int = 0


def _silent(label, total=None, unit="records"):
    return Progress.silent()


def load(directory, seed=SEED, progress=None):
    """The demo admin, the demo directory under `directory` and the demo accounts' work.
    `progress(label, total, unit)` (optional) gives a core.progress.Progress for the
    organisations and one for their services. Safe to run again."""
    progress = progress or _silent
    report = DemoReport(admin_created=ensure_demo_admin())
    listed = _listed_identities(directory)
    now = timezone.now()
    plans = build_demo_plan(Vocabulary.load(), seed)
    services_total = sum(len(organisation.services) for organisation in plans)
    with (
        progress("Organisations", len(plans), "organisations") as organisations,
        progress("Services", services_total, "services") as services,
    ):
        for organisation in plans:
            if _is_listed(organisation, *listed):
                report.organisations_present += 1
                report.services_present += len(organisation.services)
            else:
                with transaction.atomic():
                    create_organisation(directory, organisation, now)
                report.organisations_created += 1
                report.drafts_created += organisation.is_draft
                report.services_created += len(organisation.services)
            organisations.advance()
            services.advance(len(organisation.services))
    load_self_service_demo(DEMO_ADMIN_PASSWORD)
    report.welsh_pages_created = load_welsh_listings()
    return report


def _listed_identities(directory):
    """The slugs under the directory, and every charity and company number listed."""
    slugs = set(OrganisationPage.objects.child_of(directory).values_list("slug", flat=True))
    charity_numbers = set(
        OrganisationPage.objects.exclude(charity_number="").values_list(
            "charity_regulator", "charity_number"
        )
    )
    company_numbers = set(
        OrganisationPage.objects.exclude(company_number="").values_list("company_number", flat=True)
    )
    return slugs, charity_numbers, company_numbers


def _is_listed(organisation, slugs, charity_numbers, company_numbers):
    return (
        organisation.slug in slugs
        or (organisation.charity_regulator, organisation.charity_number) in charity_numbers
        or organisation.company_number in company_numbers
    )


def demo_data_counts():
    """Totals for the command's summary and for checking that a second run adds nothing."""
    services = ServicePage.objects.all()
    return {
        "organisations": OrganisationPage.objects.count(),
        "draft organisations": OrganisationPage.objects.filter(live=False).count(),
        "services": services.count(),
        "live services": services.live().count(),
        "public services": ServicePage.objects.public().count(),
        "categories used": ServiceCategory.objects.filter(services__isnull=False)
        .distinct()
        .count(),
        "confidential locations": ServiceLocation.objects.filter(is_confidential=True).count(),
        "national organisations": OrganisationPage.objects.filter(is_national=True).count(),
        "organisations outside commissioning": OrganisationPage.objects.filter(
            commissioning_relationships__isnull=True
        ).count(),
    }
