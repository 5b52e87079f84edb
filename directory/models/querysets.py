"""Who sees a service. Every list of services starts from `public()` or `listed()`."""

from wagtail.models import PageManager, PageQuerySet

from directory.models.choices import ServiceState
from directory.models.status import StalenessStage


class ServicePageQuerySet(PageQuerySet):
    def public(self):
        """Visible at all: live, not defunct, under a live organisation."""
        return self.live().filter(organisation__live=True).exclude(status=ServiceState.DEFUNCT)

    def listed(self):
        """Shown in default results: public, and not hidden as stale unless a moderator said so."""
        return self.public().exclude(
            organisation__operational_status__staleness_stage=StalenessStage.HIDDEN,
            organisation__operational_status__keep_listed=False,
        )


ServicePageManager = PageManager.from_queryset(ServicePageQuerySet)
