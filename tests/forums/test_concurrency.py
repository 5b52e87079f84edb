"""What happens when many requests arrive at the same moment (PostgreSQL: real row locks and
unique constraints): capacity holds when many people register, and a double- or triple-clicked
consultation response is stored and copied once, every click getting the thank-you page."""

import threading

from django.core import mail
from django.db import connection
from django.test import Client

import pytest

from forums.models import ConsultationResponse, EventRegistration
from forums.registrations.rules import cancel_registration, register_for_event
from tests.factories import (
    ConsultationPageFactory,
    ConsultationQuestionFactory,
    EventPageFactory,
    OrganisationPageFactory,
)
from tests.factories.accounts import VerifiedUserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def migrated_db(migrated_transactional_db):
    """What the migrations put in the database, restored if an earlier test emptied it."""


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


def test_sixty_people_registering_at_once_for_twenty_places(migrated_db, forum):
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


def _post_all_at_once(url, data, clients):
    """The same form posted by every client at the same moment (a double or triple click);
    the responses' status codes and redirect targets, in no particular order."""
    answers = []

    def post(client):
        response = client.post(url, data)
        answers.append((response.status_code, response.get("Location")))

    _all_at_once([lambda c=c: post(c) for c in clients])
    return answers


@pytest.fixture
def open_consultation(migrated_db, forum):
    consultation = ConsultationPageFactory(
        parent=forum, response_mode="person", allow_anonymous=True
    )
    question = ConsultationQuestionFactory(page=consultation, kind="short_text", text="Your role")
    return consultation, {f"question_{question.pk}": "Mentor", "action": "continue"}


def _the_same_browser(client, count):
    """`count` clients sharing `client`'s cookies (its session), as the tabs of one browser."""
    clients = [Client(raise_request_exception=False) for _ in range(count)]
    for other in clients:
        other.cookies = client.cookies
    return clients


def test_a_triple_clicked_anonymous_send_is_stored_and_copied_once(open_consultation):
    consultation, data = open_consultation
    answering = Client()
    checking = answering.post(f"/consultations/{consultation.pk}/respond/", data)["Location"]
    mail.outbox.clear()

    answers = _post_all_at_once(
        checking, {"copy_email": "someone@example.org"}, _the_same_browser(answering, 3)
    )

    done = f"/consultations/{consultation.pk}/thank-you/"
    assert answers == [(302, done)] * 3
    response = ConsultationResponse.objects.get(consultation=consultation)
    assert response.status == "submitted"
    assert list(response.answers.values_list("value", flat=True)) == ["Mentor"]
    assert [m.to for m in mail.outbox] == [["someone@example.org"]]


def test_a_triple_clicked_signed_in_send_is_stored_and_copied_once(open_consultation):
    consultation, data = open_consultation
    person = VerifiedUserFactory()
    answering = Client()
    answering.force_login(person)
    checking = answering.post(f"/consultations/{consultation.pk}/respond/", data)["Location"]
    mail.outbox.clear()

    answers = _post_all_at_once(checking, {}, _the_same_browser(answering, 3))

    done = f"/consultations/{consultation.pk}/thank-you/"
    assert answers == [(302, done)] * 3
    response = ConsultationResponse.objects.get(consultation=consultation)
    assert response.user == person and response.status == "submitted"
    assert list(response.answers.values_list("value", flat=True)) == ["Mentor"]
    assert [m.to for m in mail.outbox] == [[person.email]]


def test_a_triple_clicked_problem_report_is_stored_once(migrated_db):
    from django.core.cache import cache

    from directory.models import ListingProblemReport

    cache.clear()  # the rate limit
    organisation = OrganisationPageFactory()
    data = {"what_is_wrong": "The phone number is dead."}
    clients = [Client(raise_request_exception=False) for _ in range(3)]

    answers = _post_all_at_once(f"/listing/{organisation.pk}/report-a-problem/", data, clients)

    assert answers == [(200, None)] * 3
    assert ListingProblemReport.objects.filter(organisation=organisation).count() == 1
