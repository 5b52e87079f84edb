from .pages import (
    DirectoryIndexPage,
    OrganisationPage,
    OrganisationSource,
    ReferralMethod,
    ServiceLocation,
    ServicePage,
    ServiceState,
)
from .status import CapacityStatus, OrganisationStatus, ServiceStatus, StalenessStage

__all__ = [
    "CapacityStatus",
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
