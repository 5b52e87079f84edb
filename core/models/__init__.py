from .settings import SiteSettings
from .taxonomies import (
    ClientGroup,
    CommissioningRelationship,
    IncomeBand,
    JusticeStage,
    LedByAndFor,
    Place,
    Region,
    ServiceCategory,
)

__all__ = [
    "ClientGroup",
    "CommissioningRelationship",
    "IncomeBand",
    "JusticeStage",
    "LedByAndFor",
    "Place",
    "Region",
    "ServiceCategory",
    "SiteSettings",
]
