"""Availability is one fact about a service: changing it changes every language's version."""

import pytest

from directory.listings.rules import set_capacity
from directory.models import CapacityStatus, ServiceStatus
from tests.factories import ServicePageFactory, UserFactory
from tests.factories.translations import welsh_version

pytestmark = pytest.mark.django_db


def test_changing_availability_changes_the_welsh_version_too():
    service = ServicePageFactory()
    welsh = welsh_version(service)

    set_capacity(UserFactory(), service, CapacityStatus.WAITING_LIST, note="About 6 weeks")

    for page in (service, welsh):
        status = ServiceStatus.objects.get(service=page)
        assert (status.capacity, status.capacity_note) == (
            CapacityStatus.WAITING_LIST,
            "About 6 weeks",
        )


def test_a_service_with_no_translation_changes_alone():
    service, other = ServicePageFactory(), ServicePageFactory()

    status = set_capacity(UserFactory(), service, CapacityStatus.PAUSED)

    assert status.capacity == CapacityStatus.PAUSED
    assert ServiceStatus.objects.get(service=other).capacity == CapacityStatus.ACCEPTING
