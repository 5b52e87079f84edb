from .pages import (
    DirectoryIndexPage,
    OrganisationPage,
    OrganisationSource,
    ReferralMethod,
    ServiceLocation,
    ServicePage,
    ServiceState,
)
from .records import MembershipRole, OrganisationMembership
from .status import CapacityStatus, OrganisationStatus, ServiceStatus, StalenessStage

__all__ = [
    "CapacityStatus",
    "MembershipRole",
    "OrganisationMembership",
    "DirectoryIndexPage",
    "OrganisationPage",
    "OrganisationSource",
    "OrganisationStatus",
    "ReferralMethod",
    "ServiceLocation",
    "ServicePage",
    "ServiceState",
    "ServiceStatus",
    "StalenessStage",
]
