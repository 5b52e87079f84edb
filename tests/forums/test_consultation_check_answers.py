"""Check your answers before sending a response: the answers shown with a way back to each
question, nothing submitted until "Send response", nothing lost on the way, a submitted
response kept as sent until its changes are sent, and anonymous responses stored only when
sent. Optional questions say so."""

import datetime

from django.core.cache import cache

import pytest
import time_machine

from forums.consultations.views import COPIES_PER_HOUR
from forums.models import ConsultationResponse
from tests.forums.consultation_helpers import answers, check_url, q, submit, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, charity_worker):
    client.force_login(charity_worker)
    return client


def _answered(client, consultation, charity, changes=None):
    data = answers(consultation, changes)
    data["on_behalf_of"] = str(charity.pk)
    return data, client.post(url(consultation), data)


def test_continue_shows_every_answer_to_check_and_submits_nothing(
    signed_in, consultation, charity, mailoutbox
):
    _data, answered = _answered(signed_in, consultation, charity)
    assert answered.status_code == 302
    assert answered["Location"] == f"{check_url(consultation)}?for={charity.pk}"

    page = signed_in.get(answered["Location"]).content.decode()

    assert "Check your answers before sending your response" in page
    assert "Second Chances North East" in page
    for shown in ("Your role", "Manager", "What works?", "Mentoring", "Women", "Yes", "Send"):
        assert shown in page
    held = ConsultationResponse.objects.get()
    assert held.status == "draft"  # the answers wait in the draft, not yet sent
    assert mailoutbox == []


def test_each_change_link_goes_back_to_its_question_with_every_answer_kept(
    signed_in, consultation, charity
):
    _data, answered = _answered(signed_in, consultation, charity)
    page = signed_in.get(answered["Location"]).content.decode()
    respond = f"{url(consultation)}?for={charity.pk}"
    works, gap = q(consultation, "What works?"), q(consultation, "Biggest gap")
    assert f'href="{respond}#id_question_{works.pk}"' in page
    assert f'href="{respond}#id_question_{gap.pk}_0"' in page  # a group: its first option

    form = signed_in.get(respond).content.decode()

    assert "Mentoring</textarea>" in form
    assert 'value="Housing" checked' in form and 'value="3" checked' in form


def test_a_response_is_submitted_only_from_the_check_page_and_copied_once(
    signed_in, consultation, charity, mailoutbox, django_capture_on_commit_callbacks
):
    data, _answered_page = _answered(signed_in, consultation, charity, {"Biggest gap": "Work"})
    signed_in.post(url(consultation), {**data, "action": "submit"})  # an old form's button
    assert ConsultationResponse.objects.get().status == "draft"

    with django_capture_on_commit_callbacks(execute=True):
        sent = signed_in.post(f"{check_url(consultation)}?for={charity.pk}")
        again = signed_in.post(f"{check_url(consultation)}?for={charity.pk}")  # double click

    done = f"/consultations/{consultation.pk}/thank-you/"
    assert (sent.status_code, sent["Location"]) == (302, done)
    assert again["Location"] == done
    response = ConsultationResponse.objects.get()
    assert response.status == "submitted"
    assert response.answers.get(question__text="Biggest gap").value == "Work"
    assert len(mailoutbox) == 1


def test_sending_answers_no_longer_complete_shows_the_questions_with_nothing_lost(
    signed_in, consultation, charity
):
    data = answers(consultation, {"What works?": ""})
    data.update(action="save", on_behalf_of=str(charity.pk))
    signed_in.post(url(consultation), data)  # a draft may leave a required answer out

    shown = signed_in.post(f"{check_url(consultation)}?for={charity.pk}")

    page = shown.content.decode()
    assert shown.status_code == 200
    assert "Answer the question: What works?" in page
    assert 'value="Manager"' in page and 'value="Women"' in page
    assert f'action="{url(consultation)}?for={charity.pk}"' in page
    assert ConsultationResponse.objects.get().status == "draft"


def test_the_check_page_with_nothing_to_check_leads_back_to_the_questions(signed_in, consultation):
    shown = signed_in.get(check_url(consultation))
    assert shown.status_code == 302
    assert shown["Location"] == url(consultation)
    assert signed_in.post(check_url(consultation))["Location"] == url(consultation)
    assert not ConsultationResponse.objects.exists()


def test_a_submitted_response_stays_as_sent_until_its_changes_are_sent(
    signed_in, consultation, charity, mailoutbox, django_capture_on_commit_callbacks
):
    data = {**answers(consultation), "on_behalf_of": str(charity.pk)}
    with django_capture_on_commit_callbacks(execute=True):
        submit(signed_in, consultation, data)
    changed = {**data, f"question_{q(consultation, 'What works?').pk}": "Housing first"}

    answered = signed_in.post(url(consultation), changed)

    stored = ConsultationResponse.objects.get()
    assert stored.status == "submitted"
    assert stored.answers.get(question__text="What works?").value == "Mentoring"
    assert "Housing first" in signed_in.get(answered["Location"]).content.decode()
    form = signed_in.get(f"{url(consultation)}?for={charity.pk}").content.decode()
    assert "Your answers are not sent yet" in form and "Housing first</textarea>" in form
    assert "Save and come back later" not in form
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(answered["Location"])
    assert stored.answers.get(question__text="What works?").value == "Housing first"
    assert len(mailoutbox) == 2  # one copy of each response sent


def test_a_closed_consultation_takes_nothing_from_the_check_page(signed_in, consultation, charity):
    _answered(signed_in, consultation, charity)
    with time_machine.travel(consultation.closes_at + datetime.timedelta(minutes=1)):
        refused = signed_in.post(f"{check_url(consultation)}?for={charity.pk}")
    assert refused.status_code == 403
    assert ConsultationResponse.objects.get().status == "draft"


class TestAnonymous:
    @pytest.fixture
    def open_to_all(self, consultation):
        consultation.allow_anonymous = True
        consultation.save_revision().publish()
        return consultation

    def test_nothing_is_stored_before_sending_and_the_answers_come_back_to_change(
        self, client, open_to_all
    ):
        data = {**answers(open_to_all), "form_key": "d" * 32}
        answered = client.post(url(open_to_all), data)
        assert answered["Location"] == check_url(open_to_all)
        assert not ConsultationResponse.objects.exists()

        page = client.get(check_url(open_to_all)).content.decode()
        assert "Mentoring" in page
        assert "Email address for a copy of your answers (optional)" in page
        form = client.get(url(open_to_all)).content.decode()
        assert "Mentoring</textarea>" in form and 'value="' + "d" * 32 + '"' in form

    def test_a_bad_copy_address_is_explained_and_nothing_is_sent(self, client, open_to_all):
        client.post(url(open_to_all), {**answers(open_to_all), "form_key": "e" * 32})
        shown = client.post(check_url(open_to_all), {"copy_email": "not an address"})
        assert shown.status_code == 200
        assert "There is a problem" in shown.content.decode()
        assert not ConsultationResponse.objects.exists()
        sent = client.post(check_url(open_to_all), {"copy_email": ""})
        assert sent.status_code == 302
        assert ConsultationResponse.objects.get().status == "submitted"

    def test_copies_to_one_address_are_limited_and_the_response_can_still_go_without(
        self, client, open_to_all, mailoutbox, django_capture_on_commit_callbacks
    ):
        cache.clear()
        for attempt in range(COPIES_PER_HOUR):
            stranger = type(client)(REMOTE_ADDR=f"203.0.113.{attempt}")
            stranger.post(url(open_to_all), {**answers(open_to_all), "form_key": f"{attempt}" * 32})
            with django_capture_on_commit_callbacks(execute=True):
                stranger.post(check_url(open_to_all), {"copy_email": "target@example.org"})
        assert len(mailoutbox) == COPIES_PER_HOUR
        client.post(url(open_to_all), {**answers(open_to_all), "form_key": "f" * 32})
        refused = client.post(check_url(open_to_all), {"copy_email": "Target@example.org"})
        assert "We cannot send more copies just now." in refused.content.decode()
        assert ConsultationResponse.objects.count() == COPIES_PER_HOUR
        with django_capture_on_commit_callbacks(execute=True):
            sent = client.post(check_url(open_to_all), {"copy_email": ""})
        assert sent.status_code == 302
        assert ConsultationResponse.objects.count() == COPIES_PER_HOUR + 1
        assert len(mailoutbox) == COPIES_PER_HOUR


class TestOptionalQuestions:
    def test_optional_questions_say_so_and_required_ones_do_not(self, signed_in, consultation):
        page = signed_in.get(url(consultation)).content.decode()
        assert "Your role (optional)</label>" in page
        assert "Biggest gap (optional)</legend>" in page
        assert "What works?</label>" in page
        assert "What works? (optional)" not in page
        assert "Who are you responding for? (optional)" not in page

    def test_a_required_answer_left_out_is_named_without_the_mark(
        self, signed_in, consultation, charity
    ):
        _data, shown = _answered(signed_in, consultation, charity, {"What works?": ""})
        assert "Answer the question: What works?<" in shown.content.decode()
