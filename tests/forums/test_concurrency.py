"""Capacity holds when many people register at the same moment (PostgreSQL: real row locks)."""

import threading

from django.core import mail
from django.db import connection

import pytest

from forums.models import EventRegistration
from forums.registrations import cancel_registration, register_for_event
from tests.factories import EventPageFactory
from tests.factories.accounts import VerifiedUserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _all_at_once(functions):
    """Run every function in its own thread (own database connection), released together."""
    barrier = threading.Barrier(len(functions))
    errors = []

    def run(function):
        try:
            barrier.wait()
            function()
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(f,)) for f in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_sixty_people_registering_at_once_for_twenty_places(migrated_transactional_db, forum):
    event = EventPageFactory(parent=forum, capacity=20)
    people = [VerifiedUserFactory() for _ in range(60)]

    _all_at_once([lambda p=p: register_for_event(event, p) for p in people])

    registrations = EventRegistration.objects.filter(event=event)
    assert registrations.filter(status="registered").count() == 20
    assert registrations.filter(status="waitlisted").count() == 40
    assert len(mail.outbox) == 60

    # Cancelling three places promotes exactly the first three people waiting, in order.
    first_waiting = list(registrations.waitlisted()[:3])
    mail.outbox.clear()
    cancelled = list(registrations.filter(status="registered")[:3])
    _all_at_once([lambda r=r: cancel_registration(r) for r in cancelled])

    assert registrations.filter(status="registered").count() == 20
    assert registrations.filter(status="waitlisted").count() == 37
    promoted = EventRegistration.objects.filter(promoted_at__isnull=False).order_by("created_at")
    assert [r.pk for r in promoted] == [r.pk for r in first_waiting]
    promotion_emails = sorted(address for m in mail.outbox for address in m.to)
    assert promotion_emails == sorted(r.user.email for r in first_waiting)
    assert all("A place is yours" in m.subject for m in mail.outbox)
