from .pages import (
    DirectoryIndexPage,
    OrganisationPage,
    OrganisationSource,
    ReferralMethod,
    ServiceLocation,
    ServicePage,
    ServiceState,
)
from .records import (
    ListingProblemReport,
    MembershipRole,
    OrganisationMembership,
    ProblemReportStatus,
)
from .status import CapacityStatus, OrganisationStatus, ServiceStatus, StalenessStage

__all__ = [
    "CapacityStatus",
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
