"""What forum managers and the public read about consultations: the outcomes list says what
was done, the analysis page names its consultation and its filters name their "all" choice."""

import datetime

import pytest
import time_machine

from tests.forums.consultation_helpers import _manager_of

pytestmark = pytest.mark.django_db


def test_the_outcomes_list_shows_what_was_done_not_the_purpose(client, consultation):
    with time_machine.travel(consultation.closes_at + datetime.timedelta(days=1)):
        consultation.summary = "We want to hear about housing on release."
        consultation.outcome_asked = "<p>How to house people on release.</p>"
        consultation.outcome_said = "<p>Not enough beds.</p>"
        consultation.outcome_did = "<p>We funded a <b>bed finder</b> for the region.</p>"
        consultation.save_revision().publish()
        page = client.get("/consultations/outcomes/").content.decode()
    assert "We did" in page
    assert "We funded a <b>bed finder</b> for the region." in page
    assert "We want to hear about housing on release." not in page  # the summary
    assert "We want to hear from every organisation" not in page  # the purpose


class TestAnalysisPage:
    @pytest.fixture
    def analysis(self, client, consultation, submitted, forum):
        client.force_login(_manager_of(forum))
        return client.get(f"/admin/forums/consultations/{consultation.pk}/responses/")

    def test_the_heading_names_the_consultation(self, analysis):
        html = analysis.content.decode()
        assert analysis.status_code == 200
        heading = html.split("<h1", 1)[1].split("</h1>", 1)[0]
        assert "Responses to Housing on release" in heading
        assert "<title>Responses to Housing on release" in html

    def test_the_filters_offer_named_choices_and_no_blank_one(self, analysis):
        html = analysis.content.decode()
        assert "---------" not in html
        for choice in ("All incomes", "All communities", "All relationships"):
            assert f'<option value="" selected>{choice}</option>' in html


def test_a_limit_of_one_choice_is_said_in_the_singular(client, forum, charity_worker):
    from tests.factories import ConsultationPageFactory, ConsultationQuestionFactory
    from tests.forums.consultation_helpers import url

    page = ConsultationPageFactory(parent=forum, response_mode="person")
    question = ConsultationQuestionFactory(
        page=page, kind="multiple_choice", text="Which one?", choices="A\nB", max_choices=1
    )
    client.force_login(charity_worker)
    shown = client.post(
        url(page), {f"question_{question.pk}": ["A", "B"], "on_behalf_of": "individual"}
    )
    assert "Choose no more than 1 option." in shown.content.decode()
