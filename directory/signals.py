from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.signals import init_new_page, post_page_move

from .models import OrganisationPage, OrganisationStatus, ServicePage, ServiceStatus


@receiver(post_save, sender=ServicePage)
def create_service_status(sender, instance, created, raw=False, **kwargs):
    if not raw:
        ServiceStatus.objects.get_or_create(service=instance)


@receiver(post_save, sender=OrganisationPage)
def create_organisation_status(sender, instance, created, raw=False, **kwargs):
    if not raw:
        OrganisationStatus.objects.get_or_create(organisation=instance)


@receiver(post_page_move, sender=ServicePage)
def follow_service_to_its_new_organisation(sender, instance, parent_page_after, **kwargs):
    ServicePage.objects.filter(pk=instance.pk).update(organisation_id=parent_page_after.pk)


@receiver(init_new_page)
def start_a_new_service_with_its_organisations_coverage(sender, page, parent, **kwargs):
    if isinstance(page, ServicePage) and isinstance(parent.specific, OrganisationPage):
        organisation = parent.specific
        page.is_national = organisation.is_national
        page.regions = list(organisation.regions.all())
