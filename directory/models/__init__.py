from directory.models.choices import (
    DeliveryMethod,
    OrganisationSource,
    ReferralMethod,
    ServiceState,
)
from directory.models.pages import (
    DirectoryIndexPage,
    OrganisationPage,
    ServiceLocation,
    ServicePage,
)
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
from directory.models.status import (
    CapacityStatus,
    OrganisationStatus,
    ServiceStatus,
    StalenessStage,
)

__all__ = [
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
    "ServicePage",
    "ServiceState",
    "ServiceStatus",
    "StalenessStage",
]
