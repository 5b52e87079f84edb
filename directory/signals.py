from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from wagtail.signals import init_new_page, page_published, page_unpublished, post_page_move

from core.models import ClientGroup, ServiceCategory
from core.page_cache import pages_changed
from directory.models import (
    DirectoryIndexPage,
    OrganisationPage,
    OrganisationStatus,
    ServicePage,
    ServiceStatus,
)


@receiver(post_save, sender=ServicePage)
def create_service_status(sender, instance, created, raw=False, **kwargs):
    if not raw:
        ServiceStatus.objects.get_or_create(service=instance)


@receiver(post_save, sender=DirectoryIndexPage)
def moderators_look_after_the_directory(sender, instance, raw=False, **kwargs):
    """The moderators' page permissions follow the directory page (idempotent)."""
    if not raw:
        from directory.permissions import ensure_moderators_group

        ensure_moderators_group()


@receiver(post_save, sender=OrganisationPage)
def create_organisation_status(sender, instance, created, raw=False, **kwargs):
    if not raw:
        OrganisationStatus.objects.get_or_create(organisation=instance)


@receiver(post_save, sender=ServicePage)
@receiver(post_save, sender=OrganisationPage)
def facets_follow_saves(sender, instance, raw=False, **kwargs):
    """A service or organisation saved outside publishing (an import, a script) may change
    what the search facets count."""
    if not raw:
        from search.facet_bitmaps import data_changed

        data_changed(SERVICES_INDEX)


@receiver(post_page_move, sender=ServicePage)
def follow_service_to_its_new_organisation(sender, instance, parent_page_after, **kwargs):
    ServicePage.objects.filter(pk=instance.pk).update(organisation_id=parent_page_after.pk)


@receiver(init_new_page)
def start_a_new_service_with_its_organisations_coverage(sender, page, parent, **kwargs):
    if isinstance(page, ServicePage) and isinstance(parent.specific, OrganisationPage):
        organisation = parent.specific
        page.is_national = organisation.is_national
        page.regions = list(organisation.regions.all())


# The search engine follows every change that affects what a service's document says or
# whether it has one at all. Work runs after the transaction commits; without an engine
# configured it does nothing.
SERVICES_INDEX = "services"


def _reindex_services(pks):
    from search.engine import update_documents_on_commit

    update_documents_on_commit(SERVICES_INDEX, pks)


def _update_database_index(services):
    """Wagtail (the admin's search) and the directory's search table index a page as it is
    saved, before its terms are committed: index it again now it is complete (and when its
    organisation, part of its entry, changes)."""
    from wagtail.search.index import insert_or_update_object

    from search import text_table

    services = list(services)
    for service in services:
        insert_or_update_object(service)
    text_table.refresh(_text_index(SERVICES_INDEX), [service.pk for service in services])


def _text_index(name):
    from search.indexes import get_index

    return get_index(name)


@receiver(post_save, sender=ServicePage)
def service_words_follow_saves(sender, instance, raw=False, **kwargs):
    """The search table follows a service's words at once, as Wagtail's index does (its
    terms as the page holds them, committed or not)."""
    if not raw:
        from search import text_table

        text_table.save_entries(_text_index(SERVICES_INDEX), [instance])


@receiver(post_save, sender=OrganisationPage)
def organisation_words_follow_saves(sender, instance, raw=False, **kwargs):
    if not raw:
        from directory.organisation_index import ORGANISATIONS_INDEX
        from search import text_table

        text_table.save_entries(_text_index(ORGANISATIONS_INDEX), [instance])
        # Its name is among each of its services' words.
        text_table.refresh(_text_index(SERVICES_INDEX), _services_of(instance))


def _services_of(organisation):
    return list(ServicePage.objects.filter(organisation=organisation).values_list("pk", flat=True))


@receiver(page_published)
@receiver(page_unpublished)
def reindex_on_publishing(sender, instance, **kwargs):
    page = instance.specific
    if isinstance(page, ServicePage):
        _reindex_services([page.pk])
        _update_database_index([page])
    elif isinstance(page, OrganisationPage):
        # An organisation's name, coverage and terms are part of each service's document.
        _reindex_services(_services_of(page))
        _update_database_index(ServicePage.objects.live().filter(organisation=page))


@receiver(post_save, sender=ServiceCategory)
@receiver(post_save, sender=ClientGroup)
def services_words_follow_their_terms(sender, instance, raw=False, **kwargs):
    """A renamed type of support or client group is among its services' words."""
    if not raw:
        from search import text_table

        relation = "categories" if sender is ServiceCategory else "client_groups"
        pks = ServicePage.objects.filter(**{relation: instance}).values_list("pk", flat=True)
        text_table.refresh(_text_index(SERVICES_INDEX), list(pks))


@receiver(post_page_move, sender=ServicePage)
def reindex_moved_service(sender, instance, **kwargs):
    from search import text_table

    _reindex_services([instance.pk])
    # Its new organisation's name is among its words.
    text_table.refresh(_text_index(SERVICES_INDEX), [instance.pk])


@receiver(post_delete, sender=ServicePage)
def remove_deleted_service(sender, instance, **kwargs):
    from search import text_table

    _reindex_services([instance.pk])
    text_table.remove(_text_index(SERVICES_INDEX), [instance.pk])


@receiver(post_delete, sender=OrganisationPage)
def remove_deleted_organisations_services(sender, instance, **kwargs):
    from directory.organisation_index import ORGANISATIONS_INDEX
    from search import text_table

    _reindex_services(list(instance._service_pks_before_delete))
    text_table.remove(_text_index(ORGANISATIONS_INDEX), [instance.pk])
    text_table.remove(_text_index(SERVICES_INDEX), instance._service_pks_before_delete)


@receiver(pre_delete, sender=OrganisationPage)
def remember_services_before_delete(sender, instance, **kwargs):
    instance._service_pks_before_delete = _services_of(instance)


@receiver(post_save, sender=ServiceStatus)
def reindex_on_capacity_change(sender, instance, raw=False, **kwargs):
    if not raw:
        _reindex_services([instance.service_id])


@receiver(post_save, sender=OrganisationStatus)
def reindex_on_organisation_status_change(sender, instance, raw=False, **kwargs):
    if not raw:
        _reindex_services(
            list(
                ServicePage.objects.filter(organisation_id=instance.organisation_id).values_list(
                    "pk", flat=True
                )
            )
        )


# The public pages stored in the page cache (core/page_cache/) show a service's availability
# and an organisation's status (claimed, when last confirmed, possibly out of date), which
# change without publishing.
@receiver(post_save, sender=ServiceStatus)
def service_page_shows_its_status(sender, instance, raw=False, **kwargs):
    if not raw:
        pages_changed([instance.service_id])


@receiver(post_save, sender=OrganisationStatus)
def organisation_pages_show_its_status(sender, instance, raw=False, **kwargs):
    if not raw:
        # Its services' pages show it too.
        pages_changed([instance.organisation_id], content=True)
