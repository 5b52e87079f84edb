"""Factories for every model tests build, one module per app, plus the site tree."""

from .core import UserFactory, region, term, terms
from .directory import (
    DirectoryIndexPageFactory,
    OrganisationPageFactory,
    ServiceLocationFactory,
    ServicePageFactory,
)
from .forums import (
    ConsultationPageFactory,
    ConsultationQuestionFactory,
    EventPageFactory,
    EventRegistrationFactory,
    ForumIndexPageFactory,
    ForumMembershipFactory,
    RegionalForumPageFactory,
)
from .home import ContentPageFactory, HomePageFactory
from .pipeline import OpportunityPageFactory, PipelineIndexPageFactory, publish
from .tree import SiteTree, build_site_tree

__all__ = [
    "ConsultationPageFactory",
    "ConsultationQuestionFactory",
    "ContentPageFactory",
    "DirectoryIndexPageFactory",
    "EventPageFactory",
    "EventRegistrationFactory",
    "ForumIndexPageFactory",
    "ForumMembershipFactory",
    "HomePageFactory",
    "OpportunityPageFactory",
    "OrganisationPageFactory",
    "PipelineIndexPageFactory",
    "RegionalForumPageFactory",
    "ServiceLocationFactory",
    "ServicePageFactory",
    "SiteTree",
    "UserFactory",
    "build_site_tree",
    "publish",
    "region",
    "term",
    "terms",
]
