import datetime

from django.utils import timezone

import pytest

from directory.models import OrganisationMembership
from forums.models import ConsultationAnswer, ConsultationResponse
from tests.factories import (
    ConsultationPageFactory,
    ConsultationQuestionFactory,
    EventPageFactory,
    EventRegistrationFactory,
    ForumIndexPageFactory,
    OrganisationPageFactory,
    RegionalForumPageFactory,
    build_site_tree,
)
from tests.factories.accounts import VerifiedUserFactory
from tests.forums.consultation_helpers import q
from tests.forums.feedback_helpers import _publish, _survey


@pytest.fixture
def tree(db):
    tree = build_site_tree()
    tree.forums = ForumIndexPageFactory(parent=tree.home)
    return tree


@pytest.fixture
def forum(tree):
    return RegionalForumPageFactory(parent=tree.forums, region="north-east")


@pytest.fixture
def other_forum(tree):
    return RegionalForumPageFactory(parent=tree.forums, region="london")


@pytest.fixture
def event(forum):
    return EventPageFactory(parent=forum, capacity=2)


@pytest.fixture
def charity(tree):
    return OrganisationPageFactory(title="Second Chances North East")


@pytest.fixture
def charity_worker(charity):
    """Someone who edits their charity's listing."""
    user = VerifiedUserFactory(first_name="Ada")
    OrganisationMembership.objects.create(user=user, organisation=charity, role="editor")
    return user


@pytest.fixture
def person(db):
    return VerifiedUserFactory()


# Consultations


@pytest.fixture
def consultation(forum):
    page = ConsultationPageFactory(parent=forum, title="Housing on release")
    ConsultationQuestionFactory(page=page, kind="short_text", text="Your role", sort_order=0)
    ConsultationQuestionFactory(
        page=page, kind="long_text", text="What works?", required=True, max_length=20, sort_order=1
    )
    ConsultationQuestionFactory(
        page=page,
        kind="single_choice",
        text="Biggest gap",
        choices="Housing\nWork\nHealth",
        sort_order=2,
    )
    ConsultationQuestionFactory(
        page=page,
        kind="multiple_choice",
        text="Who do you support?",
        choices="Women\nYoung adults\nVeterans",
        max_choices=2,
        sort_order=3,
    )
    ConsultationQuestionFactory(page=page, kind="scale", text="How well served?", sort_order=4)
    ConsultationQuestionFactory(page=page, kind="yes_no", text="Shall we meet?", sort_order=5)
    return page


@pytest.fixture
def submitted(consultation, charity, charity_worker):
    response = ConsultationResponse.objects.create(
        consultation=consultation,
        user=charity_worker,
        organisation=charity,
        for_organisation=True,
        status="submitted",
        submitted_on=datetime.date.today(),
    )
    ConsultationAnswer.objects.create(
        response=response, question=q(consultation, "Your role"), value='=HYPERLINK("http://x")'
    )
    ConsultationAnswer.objects.create(
        response=response, question=q(consultation, "Biggest gap"), value="Housing"
    )
    anonymous = ConsultationResponse.objects.create(
        consultation=consultation, status="submitted", submitted_on=datetime.date.today()
    )
    ConsultationAnswer.objects.create(
        response=anonymous, question=q(consultation, "Biggest gap"), value="Work"
    )
    return response


# Feedback surveys after events


@pytest.fixture
def past_event(forum):
    """A North East event that ended yesterday, published before it happened."""
    start = timezone.now() - datetime.timedelta(days=1, hours=3)
    event = EventPageFactory(
        parent=forum,
        title="North East forum meeting",
        start=start,
        end=start + datetime.timedelta(hours=2),
    )
    return _publish(event)


@pytest.fixture
def registrations(past_event):
    """One of each: attended, registered (attendance not marked), cancelled, waiting."""
    return {
        status: EventRegistrationFactory(
            event=past_event, status=status, user__email=f"{status}@example.org"
        )
        for status in ("attended", "registered", "cancelled", "waitlisted")
    }


@pytest.fixture
def survey(past_event):
    return _survey(past_event)
