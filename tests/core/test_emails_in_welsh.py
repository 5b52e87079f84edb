"""Emails read in Welsh from end to end: a person who chose Welsh gets the words from the Welsh
catalogue, dates with Welsh names, and links that keep them on the Welsh site (/cy/, and a
page's Welsh version where there is one); a person who chose English gets none of that."""

import datetime
import io
import re

from django.core import mail
from django.core.management import call_command
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext

import pytest

from core.page_urls import localized_page_absolute_url
from directory.claims.rules import approve_claim, start_claim
from directory.models import MembershipRole, OrganisationMembership, OrganisationStatus
from directory.problem_reports.rules import report_problem
from directory.team.rules import invite_colleague
from forums.registrations.rules import register_for_event
from tests.factories import (
    EventPageFactory,
    ForumIndexPageFactory,
    OrganisationPageFactory,
    RegionalForumPageFactory,
    UserFactory,
    build_site_tree,
)
from tests.factories.accounts import ModeratorFactory
from tests.factories.translations import welsh_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(db):
    return build_site_tree()


def in_language(language, msgid):
    with translation.override(language):
        return gettext(msgid)


def by_recipient(messages):
    return {address: message for message in messages for address in message.to}


def html_of(message):
    return message.alternatives[0][0]


def links_in(message):
    return re.findall(r"https?://[^\s\"<>]+", message.body + html_of(message))


def read_in(message, language, *msgids, **names):
    """`message` is written in `language`: its HTML says so and greets in it, each msgid (a
    string the text part translates, %(name)s placeholders filled from `names`) reads as the
    catalogue has it, and every link in either part is in that language."""
    assert f'<html lang="{language}">' in html_of(message)
    for msgid in msgids:
        text = in_language(language, msgid) % names
        assert text in message.body
    assert in_language(language, "Hello,") in html_of(message)
    links = links_in(message)
    assert links
    for link in links:
        path = re.sub(r"^https?://[^/]+", "", link)
        assert path.startswith("/cy/") == (language == "cy"), link


def welsh_and_english_users():
    return (
        UserFactory(email="dewi@example.org", preferred_language="cy"),
        UserFactory(email="jane@example.org", preferred_language="en-gb"),
    )


def test_a_registration_confirmation_reads_in_each_persons_language(
    tree, django_capture_on_commit_callbacks
):
    forum = RegionalForumPageFactory(parent=ForumIndexPageFactory(parent=tree.home))
    event = EventPageFactory(parent=forum, title="Commissioning plans", capacity=5)
    welsh_version(forum, title="Fforwm y Gogledd Ddwyrain")
    welsh_event = welsh_version(event, title="Cynlluniau comisiynu")
    welsh, english = welsh_and_english_users()

    with django_capture_on_commit_callbacks(execute=True):
        register_for_event(event, welsh)
        register_for_event(event, english)

    received = by_recipient(mail.outbox)
    dewi, jane = received[welsh.email], received[english.email]
    title = {"title": "Commissioning plans"}
    assert dewi.subject == in_language("cy", "You are registered: %(title)s") % title
    assert jane.subject == "You are registered: Commissioning plans"
    read_in(dewi, "cy", "Hello,", "A calendar file is attached.", "The event page:")
    read_in(jane, "en-gb", "Hello,", "A calendar file is attached.", "The event page:")
    # The date is Welsh (Django's own catalogue) and the event page is the Welsh one.
    with translation.override("cy"):
        welsh_day = date_format(event.start, "l j F Y")
    assert welsh_day in dewi.body and welsh_day not in jane.body
    with translation.override("cy"):
        assert localized_page_absolute_url(welsh_event) in dewi.body
    assert localized_page_absolute_url(event) in jane.body and "/cy/" not in jane.body


def test_a_claim_decision_reads_in_the_claimants_language(tree, django_capture_on_commit_callbacks):
    organisation = OrganisationPageFactory(title="Second Chance Trust")
    OrganisationStatus.objects.filter(organisation=organisation).update(is_claimed=False)
    welsh, _english = welsh_and_english_users()
    claim = start_claim(welsh, organisation, "I am the director.")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        approve_claim(claim, ModeratorFactory())

    [message] = mail.outbox
    assert message.to == [welsh.email]
    name = {"name": "Second Chance Trust"}
    assert message.subject == (
        in_language("cy", "You now look after %(name)s on Common Ground") % name
    )
    approved = (
        "Your claim has been approved: you now look after the listing for %(name)s. "
        "You can update it, add services and invite colleagues:"
    )
    read_in(message, "cy", "Hello,", approved, **name)
    assert f"/cy/manage/{organisation.pk}/listing/" in message.body


def test_a_staleness_reminder_links_each_owner_to_the_site_in_their_language(
    tree, django_capture_on_commit_callbacks
):
    organisation = OrganisationPageFactory(title="Lantern Trust")
    OrganisationStatus.objects.filter(organisation=organisation).update(
        last_confirmed_at=datetime.datetime(2025, 1, 15, 10, tzinfo=datetime.UTC)
    )
    for user in welsh_and_english_users():
        OrganisationMembership.objects.create(
            user=user, organisation=organisation, role=MembershipRole.OWNER
        )

    with django_capture_on_commit_callbacks(execute=True):
        call_command("staleness_ladder", "--now", "2025-07-16T06:00:00+00:00", stdout=io.StringIO())

    assert len(mail.outbox) == 2
    received = by_recipient(mail.outbox)
    dewi, jane = received["dewi@example.org"], received["jane@example.org"]
    update = "If something has changed, update your listing:"
    read_in(dewi, "cy", "Hello,", update)
    read_in(jane, "en-gb", "Hello,", update)
    assert "/cy/listing/confirm/" in dewi.body and "/listing/confirm/" in jane.body
    assert f"/cy/manage/{organisation.pk}/listing/" in dewi.body
    assert f"/manage/{organisation.pk}/listing/" in jane.body


def test_a_problem_report_links_each_owner_to_the_listing_in_their_language(
    tree, django_capture_on_commit_callbacks
):
    organisation = OrganisationPageFactory(title="Lantern Trust")
    welsh_listing = welsh_version(organisation, title="Ymddiriedolaeth Lantern")
    for user in welsh_and_english_users():
        OrganisationMembership.objects.create(
            user=user, organisation=organisation, role=MembershipRole.OWNER
        )

    with django_capture_on_commit_callbacks(execute=True):
        report_problem(organisation, None, "The phone number is wrong.")

    received = by_recipient(mail.outbox)
    dewi, jane = received["dewi@example.org"], received["jane@example.org"]
    check = "Please check the listing and update it if needed:"
    read_in(dewi, "cy", "Hello,", check)
    read_in(jane, "en-gb", "Hello,", check)
    assert welsh_listing.get_full_url() in dewi.body
    assert welsh_listing.get_full_url() != organisation.get_full_url()
    assert organisation.get_full_url() in jane.body


def test_an_invitation_reads_in_the_language_of_the_account_it_is_for(
    tree, django_capture_on_commit_callbacks
):
    organisation = OrganisationPageFactory(title="Lantern Trust")
    inviter = UserFactory(email="owner@lantern.example")
    welsh, english = welsh_and_english_users()

    with django_capture_on_commit_callbacks(execute=True):
        for person in (welsh, english):
            invite_colleague(organisation, person.email, "editor", inviter, "http://testserver/")

    received = by_recipient(mail.outbox)
    dewi, jane = received[welsh.email], received[english.email]
    name = {"name": "Lantern Trust"}
    subject = "Join the team of %(name)s on Common Ground"
    assert dewi.subject == in_language("cy", subject) % name
    assert jane.subject == subject % name
    ignore = "If you were not expecting this, you can ignore this email."
    read_in(dewi, "cy", "Hello,", ignore)
    read_in(jane, "en-gb", "Hello,", ignore)
    assert "http://testserver/cy/invitations/" in dewi.body
    assert "http://testserver/invitations/" in jane.body
