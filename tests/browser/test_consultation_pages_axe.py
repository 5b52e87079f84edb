"""axe-core finds nothing, of any impact, on the pages of answering a consultation: the
questions (and their errors), check your answers (signed in, and anonymous with the copy
address) and the outcomes list, at desktop width and on a phone, with JavaScript and
without (the site's scripts never load; axe-core itself runs)."""

import datetime
import re

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from tests.factories import (
    ConsultationPageFactory,
    ConsultationQuestionFactory,
    ForumIndexPageFactory,
    OrganisationPageFactory,
    RegionalForumPageFactory,
    build_site_tree,
)
from tests.factories.accounts import VerifiedUserFactory

from .test_listing_pages_axe import DESKTOP, PHONE, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _consultation(forum, **kwargs):
    consultation = ConsultationPageFactory(parent=forum, allow_anonymous=True, **kwargs)
    ConsultationQuestionFactory(
        page=consultation, kind="long_text", text="What works well?", required=True
    )
    ConsultationQuestionFactory(
        page=consultation, kind="single_choice", text="Biggest gap", choices="Housing\nWork"
    )
    ConsultationQuestionFactory(
        page=consultation, kind="multiple_choice", text="Who", choices="Women\nMen"
    )
    return consultation


@pytest.fixture
def site(live_server):
    tree = build_site_tree()
    forum = RegionalForumPageFactory(
        parent=ForumIndexPageFactory(parent=tree.home), region="north-east"
    )
    consultation = _consultation(forum, title="Housing on release")
    closed = _consultation(forum, title="Work after prison")
    closed.opens_at = timezone.now() - datetime.timedelta(days=30)
    closed.closes_at = timezone.now() - datetime.timedelta(days=1)
    closed.outcome_did = "<p>We funded a job coach.</p>"
    closed.save_revision().publish()
    return consultation


def _answer_and_check(page, axe):
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert axe(page) == []
    page.get_by_label("What works well?").fill("Peer mentors")
    page.get_by_label("Housing").check()
    page.get_by_label("Women").check()
    page.get_by_role("button", name="Continue").click()
    expect(
        page.get_by_role("heading", level=1, name="Check your answers before sending your response")
    ).to_be_visible()
    assert axe(page) == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_answering_a_consultation_has_no_axe_violations(
    chromium, live_server, site, axe, viewport, javascript
):
    charity = OrganisationPageFactory(title="Second Chances North East")
    worker = VerifiedUserFactory()
    charity.memberships.create(user=worker, role="editor")
    page, _client = signed_in_page(chromium, live_server, worker, viewport, javascript)
    page.goto(f"{live_server.url}/consultations/{site.pk}/respond/")
    expect(page.get_by_text("Biggest gap (optional)")).to_be_visible()
    assert axe(page) == []
    page.get_by_label("Second Chances North East").check()
    _answer_and_check(page, axe)
    page.get_by_role("button", name="Send response").click()
    expect(page.get_by_role("heading", name="Response submitted")).to_be_visible()
    page.context.close()

    anonymous = page.context.browser.new_context(locale="en-GB", viewport=viewport)
    page = anonymous.new_page()
    page.set_default_timeout(10_000)
    if not javascript:
        page.route(re.compile(r"\.m?js(\?.*)?$"), lambda route: route.abort())
    page.goto(f"{live_server.url}/consultations/{site.pk}/respond/")
    _answer_and_check(page, axe)
    page.get_by_label("Email address for a copy of your answers (optional)").fill("not an address")
    page.get_by_role("button", name="Send response").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert axe(page) == []
    page.goto(f"{live_server.url}/consultations/outcomes/")
    expect(page.get_by_text("We funded a job coach.")).to_be_visible()
    assert axe(page) == []
    anonymous.close()
