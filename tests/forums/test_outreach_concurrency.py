"""Two managers sending invitations to the same organisations at the same moment
(PostgreSQL: a real unique constraint under concurrent transactions): each organisation is
invited, and emailed, once."""

from django.core import mail

import pytest

from forums.models import OutreachInvitation
from forums.outreach.rules import send_invitations
from tests.factories import EventPageFactory, OrganisationPageFactory
from tests.forums.consultation_helpers import _manager_of
from tests.forums.test_concurrency import _all_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def migrated_db(migrated_transactional_db):
    """What the migrations put in the database, restored if an earlier test emptied it."""


def test_two_managers_inviting_the_same_organisations_at_once_email_each_once(migrated_db, forum):
    event = EventPageFactory(parent=forum)
    organisations = [
        OrganisationPageFactory(regions=["north-east"], email=f"org{n}@example.org")
        for n in range(4)
    ]
    managers = [_manager_of(forum) for _ in range(3)]

    _all_at_once([lambda m=m: send_invitations(forum, event, organisations, m) for m in managers])

    assert OutreachInvitation.objects.filter(page=event).count() == 4
    assert sorted(address for message in mail.outbox for address in message.to) == [
        f"org{n}@example.org" for n in range(4)
    ]
