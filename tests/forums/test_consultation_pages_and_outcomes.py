"""A consultation's public pages and outcome ("we asked, you said, we did", emailed to
respondents once), and what happens to responses in personal data and account deletion."""

import datetime

import pytest
import time_machine

from forums.consultations.rules import outcome_published, published_outcomes
from forums.models import (
    ConsultationOutcomeNotice,
)
from tests.factories import (
    ConsultationPageFactory,
)

pytestmark = pytest.mark.django_db


class TestOutcome:
    def _close_and_publish(self, consultation):
        consultation.outcome_asked = "<p>How to house people on release.</p>"
        consultation.outcome_said = "<p>Not enough beds.</p>"
        consultation.outcome_did = "<p>We funded a bed finder.</p>"
        consultation.save_revision().publish()

    def test_respondents_are_emailed_once(
        self,
        consultation,
        submitted,
        charity_worker,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ):
        later = consultation.closes_at + datetime.timedelta(days=1)
        with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
            self._close_and_publish(consultation)
            consultation.outcome_did = "<p>We funded a bed finder and a hostel.</p>"
            consultation.save_revision().publish()
        assert [m.to for m in mailoutbox] == [[charity_worker.email]]
        assert ConsultationOutcomeNotice.objects.get().recipients == 1
        assert list(published_outcomes()) == [consultation]

    def test_no_outcome_while_open(self, consultation, submitted):
        consultation.outcome_did = "<p>Done.</p>"
        assert not outcome_published(consultation)
        assert not ConsultationOutcomeNotice.objects.exists()

    def test_outcomes_page_lists_them(self, client, consultation, submitted):
        with time_machine.travel(consultation.closes_at + datetime.timedelta(days=1)):
            self._close_and_publish(consultation)
            html = client.get("/consultations/outcomes/").content.decode()
            page = client.get(consultation.url).content.decode()
        assert consultation.title in html
        assert "We funded a bed finder." in page
        assert "moj-timeline" in page


def test_consultation_page_renders_for_everyone(client, consultation):
    response = client.get(consultation.url)
    assert response.status_code == 200
    assert "Respond to this consultation" in response.content.decode()


def test_national_consultation_under_the_forum_index(tree, client):
    page = ConsultationPageFactory(parent=tree.forums, title="National survey")
    assert page.forum_region is None
    assert client.get(page.url).status_code == 200


def test_forum_page_lists_its_consultations(client, forum, consultation):
    html = client.get(forum.url).content.decode()
    assert "Housing on release" in html
    assert "open until" in html


def test_personal_data_export_includes_own_responses(consultation, submitted, charity_worker):
    from forums.personal_data import personal_data

    [entry] = personal_data(charity_worker)["consultation_responses"]
    assert entry["consultation"] == "Housing on release"
    assert entry["on_behalf_of"] == "Second Chances North East"
    assert {"question": "Biggest gap", "answer": "Housing"} in entry["answers"]


def test_an_organisations_response_outlives_its_authors_account(submitted, charity_worker):
    charity_worker.delete()
    submitted.refresh_from_db()
    assert submitted.user is None
    assert submitted.organisation is not None
