"""Ordinary mistakes and edited addresses get a 404 or a clear message, never a server error:
ids that `str.isdigit()` accepts but `int()` does not ("²"), ids too big for the database,
NUL characters (which PostgreSQL refuses in text) and values that are not ids at all."""

from django.contrib.auth.models import Group
from django.contrib.messages import get_messages

import pytest

from core.text import parse_id
from forums.models import EventRegistration
from forums.roles import forum_managers_group_name
from tests.factories import ConsultationPageFactory, EventPageFactory, EventRegistrationFactory
from tests.factories.accounts import VerifiedUserFactory, activate_authenticator_app

pytestmark = pytest.mark.django_db

NOT_IDS = ["²", "١٢", "1\x00", "-1", "0", "1.0", " 1", "9" * 30, "abc", ""]


@pytest.mark.parametrize("value", NOT_IDS)
def test_only_plain_digits_are_ids(value):
    assert parse_id(value) is None


def test_plain_digits_are_ids():
    assert parse_id("42") == 42
    assert parse_id(42) == 42


@pytest.mark.parametrize("organisation", ["²", "9" * 30, "1%00", "x"])
def test_a_bad_organisation_for_a_consultation_response_is_404(client, forum, person, organisation):
    consultation = ConsultationPageFactory(parent=forum)
    client.force_login(person)

    response = client.get(f"/consultations/{consultation.pk}/respond/?for={organisation}")

    assert response.status_code == 404


def test_a_private_calendar_address_with_a_nul_is_404(client, person):
    from forums.account import events_for_account

    path = events_for_account(person)["calendar_feed_path"]
    token = path.rsplit("/", 1)[1].removesuffix(".ics")

    assert client.get(path).status_code == 200
    assert client.get(path.replace(token, f"{token}%00")).status_code == 404
    assert client.get(path.replace(token, "%00")).status_code == 404


class TestAttendance:
    @pytest.fixture
    def manager(self, forum):
        user = VerifiedUserFactory()
        user.groups.add(Group.objects.get(name=forum_managers_group_name(forum)))
        activate_authenticator_app(user)
        return user

    def test_values_that_are_not_registrations_are_left_out_and_the_rest_recorded(
        self, client, manager, forum
    ):
        event = EventPageFactory(parent=forum)
        came, missed = EventRegistrationFactory.create_batch(2, event=event)
        client.force_login(manager)

        response = client.post(
            f"/admin/forums/events/{event.pk}/registrations/",
            {"attended": [str(came.pk), "abc", "²", "9" * 30]},
        )

        assert response.status_code == 302
        statuses = dict(EventRegistration.objects.values_list("pk", "status"))
        assert statuses == {came.pk: "attended", missed.pk: "registered"}
        shown = [str(message) for message in get_messages(response.wsgi_request)]
        assert "Attendance saved: 1 attended. Add the number to the event when you close it." in (
            shown
        )
        assert (
            "3 ticked boxes did not name a registration and were left out: check the list below."
            in shown
        )


def test_an_anonymous_form_carrying_another_consultations_key_is_still_taken(client, forum):
    from forums.models import ConsultationResponse

    first, second = (
        ConsultationPageFactory(parent=forum, response_mode="person", allow_anonymous=True)
        for _ in range(2)
    )
    ConsultationResponse.objects.create(consultation=first, form_key="c" * 32, status="submitted")

    from tests.forums.consultation_helpers import submit

    response = submit(client, second, {"form_key": "c" * 32, "action": "continue"})

    assert response.status_code == 302
    stored = ConsultationResponse.objects.get(consultation=second)
    assert stored.status == "submitted" and stored.form_key is None
