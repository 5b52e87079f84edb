"""Who sees a service. Every list of services starts from `public()` or `listed()`."""

from django.db.models import Exists, OuterRef, Q

from wagtail.models import PageManager, PageQuerySet

from directory.models.choices import ServiceState
from directory.models.status import CapacityStatus, StalenessStage


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

    def in_regions(self, regions):
        """Services covering any of the regions; national services cover every region."""
        covering = self.model.regions.through.objects.filter(
            servicepage_id=OuterRef("pk"), region__in=regions
        )
        return self.filter(Q(is_national=True) | Exists(covering))

    def accepting_referrals(self):
        return self.filter(operational_status__capacity=CapacityStatus.ACCEPTING)


ServicePageManager = PageManager.from_queryset(ServicePageQuerySet)
