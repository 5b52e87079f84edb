from directory.models.choices import (
    DeliveryMethod,
    OrganisationSource,
    ReferralMethod,
    ServiceState,
)
from directory.models.locations import ServiceLocation
from directory.models.opening_hours import ServiceOpeningHours, Weekday
from directory.models.pages import DirectoryIndexPage, OrganisationPage, ServicePage
from directory.models.records import (
    Invitation,
    ListingClaim,
    ListingDraft,
    ListingProblemReport,
    ListingSubmission,
    MembershipRole,
    OrganisationMembership,
    ProblemReportStatus,
    ReviewStatus,
    SubmissionKind,
)
from directory.models.register_import import (
    CharityImportRun,
    CharitySelectionRule,
    ImportOutcome,
    RejectedCharity,
    SelectionRuleKind,
)
from directory.models.shortlist import ShortlistItem, ShortlistShare  # noqa: F401
from directory.models.status import (
    CapacityStatus,
    OrganisationStatus,
    ServiceStatus,
    StalenessStage,
)

__all__ = [
    "CharityImportRun",
    "CharitySelectionRule",
    "ImportOutcome",
    "RejectedCharity",
    "SelectionRuleKind",
    "CapacityStatus",
    "DeliveryMethod",
    "Invitation",
    "ListingClaim",
    "ListingDraft",
    "ListingSubmission",
    "ReviewStatus",
    "SubmissionKind",
    "MembershipRole",
    "OrganisationMembership",
    "DirectoryIndexPage",
    "ListingProblemReport",
    "OrganisationPage",
    "OrganisationSource",
    "OrganisationStatus",
    "ProblemReportStatus",
    "ReferralMethod",
    "ServiceLocation",
    "ServiceOpeningHours",
    "ServicePage",
    "ServiceState",
    "ServiceStatus",
    "StalenessStage",
    "Weekday",
]
