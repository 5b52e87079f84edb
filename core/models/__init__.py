from .outbox import OutgoingEmail, OutgoingEmailStatus
from .settings import SiteSettings
from .taxonomies import (
    ClientGroup,
    CommissioningRelationship,
    IncomeBand,
    JusticeStage,
    LedByAndFor,
    Place,
    PostcodeArea,
    Region,
    ServiceCategory,
)

__all__ = [
    "ClientGroup",
    "CommissioningRelationship",
    "IncomeBand",
    "JusticeStage",
    "LedByAndFor",
    "OutgoingEmail",
    "OutgoingEmailStatus",
    "Place",
    "PostcodeArea",
    "Region",
    "ServiceCategory",
    "SiteSettings",
]
