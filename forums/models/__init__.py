from .pages import (
    JOINING_LINK_LEAD_TIME,
    EventDocument,
    EventFormat,
    EventPage,
    EventStatus,
    ForumIndexPage,
    RegionalForumPage,
)
from .records import (
    ACTIVE,
    HOLDS_A_PLACE,
    CalendarFeedToken,
    EventCalendarState,
    EventRegistration,
    ForumMembership,
    RegistrationStatus,
)

__all__ = [
    "ACTIVE",
    "HOLDS_A_PLACE",
    "JOINING_LINK_LEAD_TIME",
    "CalendarFeedToken",
    "EventCalendarState",
    "EventDocument",
    "EventFormat",
    "EventPage",
    "EventRegistration",
    "EventStatus",
    "ForumIndexPage",
    "ForumMembership",
    "RegionalForumPage",
    "RegistrationStatus",
]
