"""Directory pages: the index, organisations, their services and service locations.

Taxonomy fields accept seeded terms or their slugs, so a test can say
`ServicePageFactory(parent=org, categories=["housing-advice"], regions=["london"])`.
Pages are live unless the test passes `live=False`.
"""

from wagtail.search.index import insert_or_update_object

import factory
import wagtail_factories

from core.models import (
    ClientGroup,
    CommissioningRelationship,
    JusticeStage,
    LedByAndFor,
    Region,
    ServiceCategory,
)
from directory.models import (
    DirectoryIndexPage,
    OrganisationPage,
    OrganisationStatus,
    ServiceLocation,
    ServicePage,
    ServiceStatus,
)

from .core import terms
from .home import site_home_page


def _directory_index():
    """The site's directory, building the site tree the first time it is needed."""
    from .tree import build_site_tree

    directory = DirectoryIndexPage.objects.first()
    return directory if directory is not None else build_site_tree().directory


class TermFieldsMixin:
    """Turn slugs given for many-to-many taxonomy fields into the seeded terms."""

    _term_fields = {}

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        kwargs = super()._adjust_kwargs(**kwargs)
        for name, model in cls._term_fields.items():
            if name in kwargs:
                kwargs[name] = terms(model, kwargs[name])
        return kwargs


class DirectoryIndexPageFactory(wagtail_factories.PageFactory):
    title = "Directory"
    slug = "directory"
    introduction = "Services run by voluntary organisations across England and Wales."
    parent = factory.LazyFunction(site_home_page)
    live = True

    class Meta:
        model = DirectoryIndexPage


class OrganisationPageFactory(TermFieldsMixin, wagtail_factories.PageFactory):
    """A live organisation working in London, unless told otherwise.

    `staleness_stage` and `keep_listed` set its operational status after creation.
    """

    _term_fields = {
        "regions": Region,
        "led_by_and_for": LedByAndFor,
        "commissioning_relationships": CommissioningRelationship,
    }

    title = factory.Sequence(lambda n: f"Organisation {n}")
    summary = "We support people in contact with the justice system."
    description = "<p>A small charity run by people who have been there.</p>"
    parent = factory.LazyFunction(_directory_index)
    live = True
    is_national = False
    regions = factory.LazyAttribute(lambda o: [] if o.is_national else ["london"])
    led_by_and_for = factory.LazyFunction(list)
    commissioning_relationships = factory.LazyFunction(list)

    class Meta:
        model = OrganisationPage
        skip_postgeneration_save = True

    @factory.post_generation
    def staleness_stage(obj, create, extracted, **kwargs):
        if create and extracted:
            OrganisationStatus.objects.filter(organisation=obj).update(staleness_stage=extracted)

    @factory.post_generation
    def keep_listed(obj, create, extracted, **kwargs):
        if create and extracted is not None:
            OrganisationStatus.objects.filter(organisation=obj).update(keep_listed=extracted)


def _organisation_coverage(service):
    organisation = service.parent.specific
    return [] if organisation.is_national else list(organisation.regions.all())


class ServicePageFactory(TermFieldsMixin, wagtail_factories.PageFactory):
    """A live, active service under a new organisation (or `parent=`), accepting referrals.

    Like a new listing, it starts with its organisation's coverage. `capacity` sets its
    operational status after creation.
    """

    _term_fields = {
        "categories": ServiceCategory,
        "client_groups": ClientGroup,
        "stages": JusticeStage,
        "regions": Region,
    }

    title = factory.Sequence(lambda n: f"Service {n}")
    description = "<p>Practical help, from people who understand.</p>"
    parent = factory.SubFactory(OrganisationPageFactory)
    live = True
    is_national = factory.LazyAttribute(lambda o: o.parent.specific.is_national)
    regions = factory.LazyAttribute(_organisation_coverage)
    categories = factory.LazyFunction(lambda: ["housing-advice"])
    client_groups = factory.LazyFunction(list)
    stages = factory.LazyFunction(list)

    class Meta:
        model = ServicePage
        skip_postgeneration_save = True

    @factory.post_generation
    def capacity(obj, create, extracted, **kwargs):
        if create and extracted:
            ServiceStatus.objects.filter(service=obj).update(capacity=extracted)

    @factory.post_generation
    def search_index_entry(obj, create, extracted, **kwargs):
        # Publishing re-indexes a service once its categories are saved; factories skip
        # publishing, so do the same here for the database's full-text search.
        if create:
            insert_or_update_object(obj)


class ServiceLocationFactory(factory.django.DjangoModelFactory):
    service = factory.SubFactory(ServicePageFactory)
    name = "Drop-in centre"
    address = "12 Market Street"
    postcode = "LS1 6DT"
    area = "Leeds"
    is_confidential = False

    class Meta:
        model = ServiceLocation
