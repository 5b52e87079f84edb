from pipeline.models.pages import (
    KEY_DATES,
    DocumentKind,
    OpportunityDocument,
    OpportunityForumLink,
    OpportunityKind,
    OpportunityPage,
    OpportunityStatus,
    PipelineIndexPage,
)
from pipeline.models.records import (
    AlertSubscription,
    HistoryIsPermanent,
    PartnerInterest,
    StatusUpdate,
)

__all__ = [
    "KEY_DATES",
    "AlertSubscription",
    "DocumentKind",
    "HistoryIsPermanent",
    "OpportunityDocument",
    "OpportunityForumLink",
    "OpportunityKind",
    "OpportunityPage",
    "OpportunityStatus",
    "PartnerInterest",
    "PipelineIndexPage",
    "StatusUpdate",
]
