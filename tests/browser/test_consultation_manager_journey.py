"""A forum manager builds a consultation in the admin with three kinds of question; a
charity worker saves a draft, comes back and submits; the manager reads the summary,
downloads the responses, publishes "we asked, you said, we did" and opens the reach report.
axe-core checks the public pages and the report."""

import csv
import datetime
import io
import re

from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from directory.models import OrganisationMembership
from forums.models import ConsultationPage, ConsultationResponse
from tests.factories import (
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


def fill_rich_text(page, field_name, text):
    editor = page.locator(f"[data-contentpath='{field_name}'] [contenteditable='true']")
    editor.click()
    editor.press_sequentially(text)
    # Draftail writes the field's hidden input a moment later: wait for it before saving.
    expect(page.locator(f"input[name='{field_name}']")).to_have_value(re.compile(re.escape(text)))


def add_question(page, index):
    """Click "Add question" until question `index` is on the form: on a loaded machine the
    first click can land before the admin's inline panel script listens to it (seen in CI
    with two workers, never alone)."""
    button = page.get_by_role("button", name=re.compile("Add question", re.I))
    kind = page.locator(f"#id_questions-{index}-kind")
    for _ in range(3):
        if kind.count():
            return
        button.click()
        try:
            kind.wait_for(state="attached", timeout=5000)
        except PlaywrightTimeoutError:
            continue
    expect(kind).to_be_attached()


def fill_question(page, index, kind, text, choices=None, required=False):
    prefix = f"#id_questions-{index}"
    page.locator(f"{prefix}-kind").select_option(kind)
    page.locator(f"{prefix}-text").fill(text)
    if choices:
        page.locator(f"{prefix}-choices").fill("\n".join(choices))
    if required:
        page.locator(f"{prefix}-required").check()


def local(moment):
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def test_a_manager_runs_a_consultation_from_building_to_outcome(live_server, page, axe, chromium):
    tree = build_site_tree()
    forums = ForumIndexPageFactory(parent=tree.home)
    forum = RegionalForumPageFactory(parent=forums, region="north-east")
    charity = OrganisationPageFactory(title="Second Chances North East", regions=["north-east"])
    OrganisationPageFactory(title="Not Yet Heard", regions=["north-east"], email="hi@nyh.example")
    worker = VerifiedUserFactory()
    OrganisationMembership.objects.create(user=worker, organisation=charity, role="editor")
    manager = VerifiedUserFactory()
    manager.groups.add(Group.objects.get(name="Forum managers: North East"))
    app = activate_authenticator_app(manager)

    # The manager builds the consultation: three kinds of question.
    sign_in(page, live_server.url, manager.email, app)
    expect(page).to_have_url(re.compile(r"/(admin/)?$"))
    the_manager_publishes_a_consultation_with_three_questions(page, live_server.url, forum)
    consultation = ConsultationPage.objects.get(title="Housing on release")
    assert [q.kind for q in consultation.questions.order_by("sort_order")] == [
        "long_text",
        "single_choice",
        "scale",
    ]

    # A charity worker saves a draft, comes back later and submits.
    worker_context = chromium.new_context(locale="en-GB")
    charity_page = worker_context.new_page()
    charity_page.set_default_timeout(10_000)
    sign_in(charity_page, live_server.url, worker.email)
    the_worker_saves_a_draft_then_submits(charity_page, live_server.url, consultation, axe)
    assert ConsultationResponse.objects.get().status == "submitted"

    # The manager reads the summary and downloads the responses.
    the_manager_reads_the_summary_and_downloads_the_responses(page, live_server.url, consultation)

    # Once closed, the manager publishes "we asked, you said, we did".
    the_manager_closes_it_and_publishes_the_outcome(page, live_server.url, consultation)
    assert [message.to for message in mail.outbox] == [[worker.email]]

    the_worker_reads_the_outcome(charity_page, live_server.url, axe)

    # The reach report: the charity engaged, the other listed organisation is to reach.
    the_manager_opens_the_reach_report(page, live_server.url, axe)
    worker_context.close()


def the_manager_publishes_a_consultation_with_three_questions(page, base_url, forum):
    page.goto(f"{base_url}/admin/pages/add/forums/consultationpage/{forum.pk}/")
    page.locator("#id_title").fill("Housing on release")
    page.locator("#id_summary").fill("Tell us what happens to housing on release.")
    fill_rich_text(page, "purpose", "We want to hear from every organisation in the region.")
    now = timezone.now()
    page.locator("#id_opens_at").fill(local(now - datetime.timedelta(hours=1)))
    page.locator("#id_closes_at").fill(local(now + datetime.timedelta(days=14)))
    page.keyboard.press("Escape")
    add_question(page, 0)
    fill_question(page, 0, "long_text", "What works well?", required=True)
    add_question(page, 1)
    fill_question(page, 1, "single_choice", "Biggest gap", ["Housing", "Work", "Health"], True)
    add_question(page, 2)
    fill_question(page, 2, "scale", "How well served is your area?")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    row = page.get_by_role("row", name=re.compile("Housing on release"))
    expect(row.get_by_role("link", name="Current page status: live")).to_be_visible()


def the_worker_saves_a_draft_then_submits(charity_page, base_url, consultation, axe):
    charity_page.goto(f"{base_url}{consultation.url}")
    assert axe(charity_page) == []
    charity_page.get_by_role("link", name="Respond to this consultation").or_(
        charity_page.get_by_role("button", name="Respond to this consultation")
    ).click()
    charity_page.get_by_label("Second Chances North East").check()
    charity_page.get_by_label("What works well?").fill('=HYPERLINK("http://x") peer mentors')
    charity_page.get_by_role("button", name="Save and come back later").click()
    expect(charity_page.get_by_text("Your answers are saved as a draft")).to_be_visible()
    charity_page.goto(f"{base_url}/account/")
    charity_page.get_by_role("link", name=re.compile("Housing on release")).first.click()
    charity_page.get_by_role("link", name="Continue your response").or_(
        charity_page.get_by_role("heading", level=1, name="Your response")
    ).first.click()
    expect(charity_page.get_by_label("What works well?")).to_have_value(
        '=HYPERLINK("http://x") peer mentors'
    )
    charity_page.get_by_label("Housing").check()
    charity_page.get_by_label("4").check()
    charity_page.get_by_role("button", name="Continue").click()
    expect(
        charity_page.get_by_role("heading", name="Check your answers before sending your response")
    ).to_be_visible()
    charity_page.get_by_role("button", name="Send response").click()
    expect(charity_page.get_by_role("heading", name="Response submitted")).to_be_visible()
    assert axe(charity_page) == []


def the_manager_reads_the_summary_and_downloads_the_responses(page, base_url, consultation):
    page.goto(f"{base_url}/admin/forums/consultations/{consultation.pk}/responses/")
    expect(page.get_by_text("1 submitted response")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(r"Housing 1 100%"))).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download responses (CSV)").click()
    downloaded = download_info.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(downloaded)))
    assert len(rows) == 2
    assert '\'=HYPERLINK("http://x") peer mentors' in rows[1]  # neutralised
    assert "Second Chances North East" in rows[1]


def the_manager_closes_it_and_publishes_the_outcome(page, base_url, consultation):
    page.goto(f"{base_url}/admin/pages/{consultation.pk}/edit/")
    page.locator("#id_closes_at").fill(local(timezone.now() - datetime.timedelta(minutes=1)))
    page.keyboard.press("Escape")
    fill_rich_text(page, "outcome_asked", "We asked what happens to housing on release.")
    fill_rich_text(page, "outcome_said", "You said peer mentors work and housing is the gap.")
    fill_rich_text(page, "outcome_did", "We are funding two more housing officers.")
    mail.outbox.clear()
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(
        page.get_by_text(re.compile("Page 'Housing on release' has been published"))
    ).to_be_visible()


def the_worker_reads_the_outcome(charity_page, base_url, axe):
    charity_page.goto(f"{base_url}/consultations/outcomes/")
    charity_page.get_by_role("link", name=re.compile("Housing on release")).first.click()
    expect(charity_page.get_by_text("We are funding two more housing officers.")).to_be_visible()
    assert axe(charity_page) == []
    charity_page.goto(f"{base_url}/consultations/outcomes/")
    assert axe(charity_page) == []


def the_manager_opens_the_reach_report(page, base_url, axe):
    page.goto(f"{base_url}/admin/forums/reach/")
    expect(
        page.get_by_text(re.compile(r"^1 organisation engaged, 50% of 2 listed;"))
    ).to_be_visible()
    outreach = page.get_by_role("table", name="Organisations not engaged in this period")
    expect(outreach.get_by_role("row", name=re.compile("Not Yet Heard"))).to_be_visible()
    expect(outreach.get_by_role("link", name="hi@nyh.example")).to_be_visible()
    assert axe(page) == []
