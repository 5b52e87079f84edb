"""A charity worker answers a consultation: one mistake first, a draft saved and picked up
again, the answers checked (one changed), then sent. The forum manager reads the analysis.
axe-core checks each page."""

import re

from django.contrib.auth.models import Group
from django.core.cache import cache

import pytest
from playwright.sync_api import expect

from directory.models import OrganisationMembership
from forums.models import ConsultationResponse
from tests.factories import (
    ConsultationPageFactory,
    ConsultationQuestionFactory,
    ForumIndexPageFactory,
    OrganisationPageFactory,
    RegionalForumPageFactory,
    build_site_tree,
)
from tests.factories.accounts import VerifiedUserFactory, activate_authenticator_app

from .test_forum_journey import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _forget_rate_limits():
    cache.clear()


def test_a_charity_worker_responds_with_a_draft_and_the_manager_reads_the_analysis(
    live_server, page, axe
):
    tree = build_site_tree()
    forums = ForumIndexPageFactory(parent=tree.home)
    forum = RegionalForumPageFactory(parent=forums, region="north-east")
    consultation = consultation_with_three_questions(forum)
    charity = OrganisationPageFactory(title="Second Chances North East")
    worker = VerifiedUserFactory()
    OrganisationMembership.objects.create(user=worker, organisation=charity, role="editor")

    sign_in(page, live_server.url, worker.email)
    page.goto(f"{live_server.url}{consultation.url}")
    expect(page.get_by_role("heading", level=1, name="Housing on release")).to_be_visible()
    assert axe(page) == []
    page.get_by_role("button", name="Respond to this consultation").or_(
        page.get_by_role("link", name="Respond to this consultation")
    ).click()
    expect(page.get_by_role("heading", level=1, name="Your response")).to_be_visible()
    assert axe(page) == []

    # A mistake: the required long answer is left out.
    submit_without_the_required_answer(page, axe)

    # Save a draft and come back to it.
    save_a_draft_come_back_and_submit(page, live_server.url, consultation, axe)
    response = ConsultationResponse.objects.get()
    assert response.status == "submitted"
    assert response.organisation == charity

    # The forum manager reads the analysis.
    manager = VerifiedUserFactory()
    manager.groups.add(Group.objects.get(name="Forum managers: North East"))
    app = activate_authenticator_app(manager)
    page.context.clear_cookies()
    sign_in(page, live_server.url, manager.email, app)
    expect(page).to_have_url(re.compile(r"/(admin/)?$"))
    page.goto(f"{live_server.url}/admin/forums/consultations/{consultation.pk}/responses/")
    expect(page.get_by_text("1 submitted response")).to_be_visible()
    expect(page.get_by_text("Peer mentors who have been through it")).to_be_visible()
    assert axe(page) == []


def consultation_with_three_questions(forum):
    """A long answer (required), a single choice (required) and a scale."""
    consultation = ConsultationPageFactory(parent=forum, title="Housing on release")
    ConsultationQuestionFactory(
        page=consultation,
        kind="long_text",
        text="What works well?",
        required=True,
        max_length=200,
        sort_order=0,
    )
    ConsultationQuestionFactory(
        page=consultation,
        kind="single_choice",
        text="Biggest gap",
        choices="Housing\nWork\nHealth",
        required=True,
        sort_order=1,
    )
    ConsultationQuestionFactory(
        page=consultation, kind="scale", text="How well served is your area?", sort_order=2
    )
    return consultation


def submit_without_the_required_answer(page, axe):
    page.get_by_label("Second Chances North East").check()
    page.get_by_label("Housing").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Answer the question: What works well?")).to_be_visible()
    expect(page.get_by_label("Housing")).to_be_checked()  # nothing lost
    assert axe(page) == []


def save_a_draft_come_back_and_submit(page, base_url, consultation, axe):
    page.get_by_label("What works well?").fill("Peer mentors who have been through it")
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_text("Your answers are saved as a draft")).to_be_visible()
    assert ConsultationResponse.objects.get().status == "draft"
    page.goto(f"{base_url}{consultation.url}")
    page.get_by_role("link", name="Continue your response").click()
    expect(page.get_by_label("What works well?")).to_have_value(
        "Peer mentors who have been through it"
    )
    page.get_by_label("4").check()
    page.get_by_role("button", name="Continue").click()
    check_change_and_send(page, axe)


def check_change_and_send(page, axe):
    """The answers to check; one changed through its "Change" link; then sent."""
    expect(
        page.get_by_role("heading", level=1, name="Check your answers before sending your response")
    ).to_be_visible()
    assert ConsultationResponse.objects.get().status == "draft"
    assert axe(page) == []
    page.get_by_role("link", name="Change your answer to: Biggest gap").click()
    expect(page.get_by_label("What works well?")).to_have_value(
        "Peer mentors who have been through it"
    )
    page.get_by_role("radio", name="Work").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Work", exact=True)).to_be_visible()
    page.get_by_role("button", name="Send response").click()
    expect(page.get_by_role("heading", name="Response submitted")).to_be_visible()
    assert axe(page) == []
