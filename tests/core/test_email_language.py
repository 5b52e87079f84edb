"""Every email goes out in its recipient's language: the language a person signed up or last
signed in in, or the one they chose on their account page; an address with no account gets
the language of the page being served (the site's default when no page is)."""

import datetime
import io
import json
import re

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext

import pytest

from core.emails import send_templated_email
from directory.models import MembershipRole, OrganisationMembership, OrganisationStatus
from tests.factories import OrganisationPageFactory, ServicePageFactory, UserFactory
from tests.factories.accounts import DEFAULT_PASSWORD, VerifiedUserFactory

pytestmark = pytest.mark.django_db

REMINDER = "directory/emails/confirm_listing"
REMINDER_SUBJECT = "Is your Common Ground listing for %(name)s still right?"


def in_language(language, text):
    with translation.override(language):
        return gettext(text)


def reminder_subject(language, name="Lantern Trust"):
    return in_language(language, REMINDER_SUBJECT) % {"name": name}


def test_the_catalogue_has_welsh_for_what_these_tests_compare():
    # Otherwise the comparisons of allauth's emails would pass with English everywhere.
    assert in_language("cy", "Confirm your email address") != "Confirm your email address"
    assert in_language("cy", "Reset your password") != "Reset your password"


def language_of(message):
    """The language an email was written in, from its HTML version's `lang`."""
    return re.search(r'<html lang="([^"]+)"', message.alternatives[0][0])[1]


def by_recipient(messages):
    return {address: message for message in messages for address in message.to}


def in_welsh(message, name="Lantern Trust"):
    """Written in Welsh: its subject from the catalogue, its dates with Welsh month names."""
    with translation.override("cy"):
        welsh_day = date_format(datetime.date(2025, 1, 15), "j F Y")
    assert welsh_day == "15 Ionawr 2025"
    if language_of(message) != "cy":
        return False
    assert message.subject == reminder_subject("cy", name)
    assert welsh_day in message.body
    return True


def in_english(message, name="Lantern Trust"):
    if language_of(message) != "en-gb":
        return False
    assert message.subject == reminder_subject("en-gb", name)
    assert "15 January 2025" in message.body
    return True


def test_the_staleness_reminder_reaches_each_owner_in_their_language(
    django_capture_on_commit_callbacks,
):
    organisation = OrganisationPageFactory(title="Lantern Trust")
    ServicePageFactory(parent=organisation, title="Lantern mentoring")
    OrganisationStatus.objects.filter(organisation=organisation).update(
        last_confirmed_at=datetime.datetime(2025, 1, 15, 10, tzinfo=datetime.UTC)
    )
    for email, language in [
        ("cymraeg@lantern.example", "cy"),
        ("english@lantern.example", "en-gb"),
    ]:
        OrganisationMembership.objects.create(
            user=UserFactory(email=email, preferred_language=language),
            organisation=organisation,
            role=MembershipRole.OWNER,
        )

    with django_capture_on_commit_callbacks(execute=True):
        call_command("staleness_ladder", "--now", "2025-07-16T06:00:00+00:00", stdout=io.StringIO())

    # One email for each language, each to the owners who read it.
    assert len(mail.outbox) == 2
    received = by_recipient(mail.outbox)
    assert in_welsh(received["cymraeg@lantern.example"])
    assert in_english(received["english@lantern.example"])


def send_reminder(to, organisation=None):
    organisation = organisation or OrganisationPageFactory.build(title="Lantern Trust")
    context = {"organisation": organisation, "last_confirmed": datetime.date(2025, 1, 15)}
    send_templated_email(to, REMINDER, context)


def test_an_address_with_no_account_gets_the_language_of_the_page(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True), translation.override("cy"):
        send_reminder(["nobody@example.org"])
    with django_capture_on_commit_callbacks(execute=True), translation.override("en-gb"):
        send_reminder(["somebody@example.org"])

    received = by_recipient(mail.outbox)
    assert in_welsh(received["nobody@example.org"])
    assert in_english(received["somebody@example.org"])


def test_outside_a_request_an_address_with_no_account_gets_the_default_language(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True), translation.override(None):
        send_reminder(["nobody@example.org"])

    [message] = mail.outbox
    assert in_english(message)


def test_an_address_is_matched_to_its_account_whatever_its_case_and_sent_to_once(
    django_capture_on_commit_callbacks,
):
    UserFactory(email="Dewi@Example.org", preferred_language="cy")

    with django_capture_on_commit_callbacks(execute=True), translation.override("en-gb"):
        send_reminder(["dewi@example.org", "DEWI@example.org", "", "other@example.org"])

    received = by_recipient(mail.outbox)
    assert set(received) == {"dewi@example.org", "other@example.org"}
    assert in_welsh(received["dewi@example.org"])
    assert in_english(received["other@example.org"])


def test_users_can_be_given_instead_of_addresses(django_capture_on_commit_callbacks):
    welsh = UserFactory(email="dewi@example.org", preferred_language="cy")

    with django_capture_on_commit_callbacks(execute=True):
        send_reminder([welsh, "other@example.org"])

    received = by_recipient(mail.outbox)
    assert in_welsh(received["dewi@example.org"])
    assert in_english(received["other@example.org"])


def queries_to_send_to(count, organisation):
    addresses = [f"stranger{count}@example.org"]
    for number in range(count):
        language = "cy" if number % 2 else "en-gb"
        addresses.append(UserFactory(preferred_language=language).email)
    with CaptureQueriesContext(connection) as queries:
        send_reminder(addresses, organisation)
    return len(queries)


def test_sending_to_many_people_takes_as_many_queries_as_sending_to_one():
    organisation = OrganisationPageFactory.build(title="Lantern Trust")
    send_reminder(["warming.up@example.org"], organisation)

    # One to find everyone's language, however many they are, and one to store the emails
    # (one per language) in the outbox.
    assert queries_to_send_to(1, organisation) == queries_to_send_to(12, organisation) == 2


def test_sending_to_users_needs_no_query_to_find_their_language():
    organisation = OrganisationPageFactory.build(title="Lantern Trust")
    send_reminder(["warming.up@example.org"], organisation)
    users = [UserFactory(preferred_language="cy"), UserFactory()]

    with CaptureQueriesContext(connection) as queries:
        send_reminder(users, organisation)

    # Only the one storing the emails in the outbox.
    assert [query["sql"].split()[0] for query in queries] == ["INSERT"]


# Signing up, signing in and allauth's own emails


def sign_up(client, prefix, email):
    return client.post(
        f"{prefix}/account/signup/",
        {"email": email, "password1": DEFAULT_PASSWORD, "password2": DEFAULT_PASSWORD},
    )


def link_in(message, path_pattern):
    match = re.search(rf"http://testserver(?P<path>{path_pattern})", message.body)
    assert match, message.body
    return match["path"]


def test_signing_up_in_welsh_keeps_welsh_for_emails_starting_with_the_confirmation(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, "/cy", "dewi@example.org")

    assert response.status_code == 302
    user = UserFactory._meta.model.objects.get(email="dewi@example.org")
    assert user.preferred_language == "cy"
    [message] = mail.outbox
    assert message.subject.endswith(in_language("cy", "Confirm your email address"))
    assert '<html lang="cy">' in message.alternatives[0][0]
    # The link leads to the Welsh page.
    link_in(message, r"/cy/account/confirm-email/[-:\w]+/")


def test_signing_up_in_english_keeps_english(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "", "ann@example.org")

    assert UserFactory._meta.model.objects.get(email="ann@example.org").preferred_language == (
        "en-gb"
    )
    [message] = mail.outbox
    assert message.subject.endswith("Confirm your email address")
    link_in(message, r"/account/confirm-email/[-:\w]+/")


def test_signing_in_on_a_page_in_one_language_makes_it_the_language_for_emails(client):
    user = VerifiedUserFactory(preferred_language="en-gb")

    client.post("/cy/account/login/", {"login": user.email, "password": DEFAULT_PASSWORD})
    user.refresh_from_db()
    assert user.preferred_language == "cy"

    client.post("/account/logout/")
    client.post("/account/login/", {"login": user.email, "password": DEFAULT_PASSWORD})
    user.refresh_from_db()
    assert user.preferred_language == "en-gb"


def test_a_password_reset_asked_for_on_an_english_page_comes_in_the_persons_language(
    client, django_capture_on_commit_callbacks
):
    user = VerifiedUserFactory(preferred_language="cy")

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/password/reset/", {"email": user.email.upper()})

    [message] = mail.outbox
    assert message.subject.endswith(in_language("cy", "Reset your password"))
    link = link_in(message, r"/cy/account/password/reset/key/[-:\w]+/")
    assert client.get(link).status_code == 302


# Choosing on the account page, and in the data download


def test_the_account_page_says_which_language_emails_come_in_with_a_link_to_change_it(client):
    client.force_login(VerifiedUserFactory(preferred_language="cy"))

    html = client.get("/account/").content.decode()

    assert "Language for emails" in html
    assert "Cymraeg" in html
    assert 'href="/account/email-language/"' in html


def test_the_language_for_emails_is_one_gov_uk_question_with_each_language_in_its_own_words(
    client,
):
    client.force_login(VerifiedUserFactory(preferred_language="cy"))

    response = client.get("/account/email-language/")

    html = response.content.decode()
    assert re.search(r"<title>\s*Language for emails", html)
    assert '<h1 class="govuk-heading-l">Language for emails</h1>' in html
    fieldset = html[html.index('<fieldset class="govuk-fieldset"') : html.index("</fieldset>")]
    assert "Which language should we email you in?</legend>" in fieldset
    assert 'class="govuk-radios govuk-radios--small" data-module="govuk-radios"' in fieldset
    assert re.search(r'value="en-gb"\s*>', fieldset)  # not chosen
    assert re.search(r'value="cy"\s+checked', fieldset)
    assert ">English</label>" in fieldset and ">Cymraeg</label>" in fieldset


def test_choosing_a_language_for_emails_keeps_it(client):
    user = VerifiedUserFactory(preferred_language="cy")
    client.force_login(user)

    response = client.post("/account/email-language/", {"language": "en-gb"})

    assert response.status_code == 302
    assert response.url == "/account/"
    user.refresh_from_db()
    assert user.preferred_language == "en-gb"
    assert "We will email you in English" in client.get("/account/").content.decode()


@pytest.mark.parametrize("answer", [{}, {"language": "fr"}])
def test_no_language_or_one_we_do_not_send_in_is_refused_with_a_gov_uk_error(client, answer):
    user = VerifiedUserFactory(preferred_language="cy")
    client.force_login(user)

    response = client.post("/account/email-language/", answer)

    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"<title>\s*Error: Language for emails", html)
    assert 'class="govuk-error-summary"' in html
    assert 'href="#id_language_0"' in html
    assert "govuk-form-group--error" in html
    user.refresh_from_db()
    assert user.preferred_language == "cy"


def test_the_language_for_emails_page_needs_you_to_sign_in(client):
    response = client.get("/account/email-language/")
    assert response.status_code == 302
    assert response.url.startswith("/account/login/")


def test_the_language_for_emails_is_in_your_data(client):
    user = VerifiedUserFactory(preferred_language="cy")
    client.force_login(user)

    data = json.loads(client.get("/account/your-data/").content)

    assert data["account"]["language_for_emails"] == "cy"
