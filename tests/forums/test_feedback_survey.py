"""Feedback surveys after events: who is invited and when (once each), who may respond, the
forum managers' "create feedback survey" action and the rules a survey's page must meet."""

import datetime
import zoneinfo

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

import pytest

from forums.feedback.rules import FEEDBACK_OPEN_FOR, event_attendees, may_give_feedback
from forums.models import ConsultationPage, ConsultationResponse, EventPage, FeedbackInvitation
from forums.roles import forum_managers_group_name
from tests.factories import (
    ConsultationPageFactory,
    ConsultationQuestionFactory,
    EventPageFactory,
    EventRegistrationFactory,
)
from tests.factories.accounts import VerifiedUserFactory, activate_authenticator_app

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")
SUBJECT = "feedback survey"


def _publish(page, **changes):
    page = type(page).objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def _publish_outcomes(event):
    return _publish(event, closed=True, minutes="<p>You said, we did.</p>", attendee_count=3)


def _feedback_emails(mailoutbox):
    return sorted(m.to[0] for m in mailoutbox if SUBJECT in m.subject)


def _manager_of(forum):
    user = VerifiedUserFactory()
    user.groups.add(Group.objects.get(name=forum_managers_group_name(forum)))
    activate_authenticator_app(user)
    return user


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


def _survey(event, **fields):
    fields = {
        "parent": event.get_parent(),
        "title": "Feedback: North East forum meeting",
        "response_mode": "person",
        "feedback_for_event": event,
        "opens_at": event.end,
        "closes_at": event.end + FEEDBACK_OPEN_FOR,
        **fields,
    }
    survey = ConsultationPageFactory(**fields)
    ConsultationQuestionFactory(page=survey, kind="scale", text="How useful?", required=True)
    return survey


@pytest.fixture
def survey(past_event):
    return _survey(past_event)


class TestWhoCame:
    def test_only_people_marked_attended_count_once_attendance_is_recorded(
        self, past_event, registrations
    ):
        assert list(event_attendees(past_event)) == [registrations["attended"].user]

    def test_without_attendance_everyone_who_held_a_place_counts(self, past_event, registrations):
        registrations["attended"].status = "registered"
        registrations["attended"].save()
        assert set(event_attendees(past_event)) == {
            registrations["attended"].user,
            registrations["registered"].user,
        }

    def test_cancelled_and_waiting_people_never_count(self, past_event, registrations):
        for status in ("cancelled", "waitlisted"):
            assert not may_give_feedback(registrations[status].user, past_event)


class TestInvitations:
    def test_attendees_are_emailed_once_when_the_outcomes_are_published(
        self, past_event, registrations, survey, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            _publish_outcomes(past_event)
            _publish(past_event, attendee_count=4)
            _publish(survey)
        assert _feedback_emails(mailoutbox) == ["attended@example.org"]
        invitation = next(m for m in mailoutbox if SUBJECT in m.subject)
        assert survey.full_url in invitation.body
        assert FeedbackInvitation.objects.get().user == registrations["attended"].user

    def test_without_attendance_everyone_who_held_a_place_is_emailed(
        self, past_event, registrations, survey, mailoutbox, django_capture_on_commit_callbacks
    ):
        registrations["attended"].status = "registered"
        registrations["attended"].save()
        with django_capture_on_commit_callbacks(execute=True):
            _publish_outcomes(past_event)
        assert _feedback_emails(mailoutbox) == ["attended@example.org", "registered@example.org"]

    def test_nothing_is_sent_without_a_survey(
        self, past_event, registrations, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            _publish_outcomes(past_event)
            call_command("send_feedback_invitations")
        assert _feedback_emails(mailoutbox) == []
        assert len(mailoutbox) == 2  # the outcomes, to both people who held a place

    def test_nothing_is_sent_for_a_draft_survey(
        self, past_event, registrations, mailoutbox, django_capture_on_commit_callbacks
    ):
        _survey(past_event, live=False)
        with django_capture_on_commit_callbacks(execute=True):
            _publish_outcomes(past_event)
            call_command("send_feedback_invitations")
        assert _feedback_emails(mailoutbox) == []

    def test_nothing_is_sent_before_the_survey_opens_or_after_it_closes(
        self, past_event, registrations, mailoutbox, django_capture_on_commit_callbacks
    ):
        opens = timezone.now() + datetime.timedelta(days=2)
        survey = _survey(past_event, opens_at=opens, closes_at=opens + FEEDBACK_OPEN_FOR)
        with django_capture_on_commit_callbacks(execute=True):
            _publish_outcomes(past_event)
            call_command("send_feedback_invitations")
            after_closing = survey.closes_at + datetime.timedelta(minutes=1)
            call_command("send_feedback_invitations", now=after_closing.isoformat())
        assert _feedback_emails(mailoutbox) == []
        assert not FeedbackInvitation.objects.exists()

    def test_nothing_is_sent_before_the_outcomes_are_published(
        self, past_event, registrations, survey, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            _publish(survey)
            call_command("send_feedback_invitations")
        assert _feedback_emails(mailoutbox) == []

    def test_a_survey_that_opens_after_the_outcomes_is_sent_when_it_opens_once(
        self, past_event, registrations, mailoutbox, django_capture_on_commit_callbacks
    ):
        opens = timezone.now() + datetime.timedelta(days=2)
        _survey(past_event, opens_at=opens, closes_at=opens + FEEDBACK_OPEN_FOR)
        with django_capture_on_commit_callbacks(execute=True):
            _publish_outcomes(past_event)
            assert _feedback_emails(mailoutbox) == []
            later = (opens + datetime.timedelta(hours=1)).isoformat()
            call_command("send_feedback_invitations", now=later)
            call_command("send_feedback_invitations", now=later)
            call_command(
                "send_feedback_invitations",
                now=(opens + datetime.timedelta(days=1)).isoformat(),
            )
        assert _feedback_emails(mailoutbox) == ["attended@example.org"]

    def test_a_survey_published_after_the_outcomes_is_sent_on_publishing_once(
        self, past_event, registrations, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            _publish_outcomes(past_event)
        survey = _survey(past_event, live=False)
        with django_capture_on_commit_callbacks(execute=True):
            survey = _publish(survey)
            _publish(survey, summary="Four questions, five minutes.")
            call_command("send_feedback_invitations")
        assert _feedback_emails(mailoutbox) == ["attended@example.org"]

    def test_someone_marked_attended_later_is_invited_by_the_next_run(
        self, past_event, registrations, survey, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            _publish_outcomes(past_event)
            late = registrations["registered"]
            late.status = "attended"
            late.save()
            call_command("send_feedback_invitations")
        assert _feedback_emails(mailoutbox) == ["attended@example.org", "registered@example.org"]

    def test_invitations_are_in_the_persons_data_download(
        self, past_event, registrations, survey, django_capture_on_commit_callbacks
    ):
        from forums.personal_data import personal_data

        with django_capture_on_commit_callbacks(execute=True):
            _publish_outcomes(past_event)
        [entry] = personal_data(registrations["attended"].user)["feedback_survey_invitations"]
        assert entry["survey"] == survey.title
        assert personal_data(registrations["registered"].user)["feedback_survey_invitations"] == []


def respond_url(survey):
    return f"/consultations/{survey.pk}/respond/"


def _answers(survey):
    return {f"question_{survey.questions.get().pk}": "4", "action": "submit"}


class TestResponding:
    def test_people_who_did_not_come_are_refused_with_a_clear_message(
        self, client, survey, registrations, person
    ):
        for user in (person, registrations["cancelled"].user, registrations["waitlisted"].user):
            client.force_login(user)
            page = client.get(survey.url).content.decode()
            assert "only for people who came to North East forum meeting" in page
            assert "Respond to this consultation" not in page
            response = client.get(respond_url(survey))
            assert response.status_code == 403
            assert "only for people who came" in response.content.decode()
            assert client.post(respond_url(survey), _answers(survey)).status_code == 403
        assert not ConsultationResponse.objects.exists()

    def test_once_attendance_is_recorded_people_not_marked_attended_are_refused(
        self, client, survey, registrations
    ):
        client.force_login(registrations["registered"].user)
        assert client.get(respond_url(survey)).status_code == 403

    def test_visitors_who_are_not_signed_in_are_asked_to_sign_in(self, client, survey):
        assert "Sign in to give your feedback" in client.get(survey.url).content.decode()
        response = client.get(respond_url(survey))
        assert response.status_code == 302
        assert "/login/" in response["Location"]

    def test_an_attendee_responds_once_as_themselves(
        self, client, survey, past_event, charity, charity_worker
    ):
        EventRegistrationFactory(
            event=past_event, user=charity_worker, organisation=charity, status="attended"
        )
        client.force_login(charity_worker)
        form = client.get(respond_url(survey)).content.decode()
        assert "Who are you responding for?" not in form
        for value in ("4", "5"):
            data = {**_answers(survey), f"question_{survey.questions.get().pk}": value}
            assert client.post(respond_url(survey), data).status_code == 302
        response = ConsultationResponse.objects.get()
        assert response.user == charity_worker
        assert response.organisation is None
        assert response.answers.get().value == "5"


class TestEventPage:
    def test_attendees_see_a_link_to_the_open_survey(self, client, past_event, registrations):
        survey = _survey(past_event)
        client.force_login(registrations["attended"].user)
        page = client.get(past_event.url).content.decode()
        assert "Give feedback on this event" in page
        assert survey.url in page

    def test_others_see_no_link(self, client, past_event, registrations, person):
        _survey(past_event)
        for user in (person, registrations["cancelled"].user):
            client.force_login(user)
            assert "Give feedback on this event" not in client.get(past_event.url).content.decode()
        client.logout()
        assert "Give feedback on this event" not in client.get(past_event.url).content.decode()

    def test_no_link_before_the_survey_opens(self, client, past_event, registrations):
        opens = timezone.now() + datetime.timedelta(days=2)
        _survey(past_event, opens_at=opens, closes_at=opens + FEEDBACK_OPEN_FOR)
        client.force_login(registrations["attended"].user)
        assert "Give feedback on this event" not in client.get(past_event.url).content.decode()


def _create_url(event):
    return f"/admin/forums/events/{event.pk}/feedback-survey/"


class TestCreateAction:
    def test_a_forum_manager_creates_a_linked_draft_with_the_usual_questions(
        self, client, forum, past_event
    ):
        manager = _manager_of(forum)
        client.force_login(manager)
        assert "Create feedback survey" in client.get(_create_url(past_event)).content.decode()
        response = client.post(_create_url(past_event))
        survey = ConsultationPage.objects.get(feedback_for_event=past_event)
        assert response.status_code == 302
        assert response["Location"] == f"/admin/pages/{survey.pk}/edit/"
        assert survey.get_parent().pk == forum.pk
        assert not survey.live
        assert survey.owner == manager
        assert survey.response_mode == "person" and not survey.allow_anonymous
        assert survey.opens_at == past_event.end
        assert survey.closes_at == past_event.end + datetime.timedelta(weeks=3)
        questions = list(survey.questions.order_by("sort_order").values_list("kind", "text"))
        assert questions == [
            ("scale", "Overall, how useful was the event?"),
            ("long_text", "What worked well?"),
            ("long_text", "What could be better?"),
            ("yes_no", "Would you come to another event like this?"),
        ]
        assert survey.get_latest_revision() is not None
        assert client.get(response["Location"]).status_code == 200

    def test_asking_again_goes_to_the_existing_survey(self, client, forum, past_event):
        client.force_login(_manager_of(forum))
        first = client.post(_create_url(past_event))
        second = client.post(_create_url(past_event))
        assert ConsultationPage.objects.filter(feedback_for_event=past_event).count() == 1
        assert second["Location"] == first["Location"]
        assert client.get(_create_url(past_event))["Location"] == first["Location"]

    def test_a_manager_of_another_region_is_refused(self, client, other_forum, past_event):
        # Refused the admin's way (PermissionDenied): back to the dashboard with a message.
        client.force_login(_manager_of(other_forum))
        for method in (client.get, client.post):
            response = method(_create_url(past_event), follow=True)
            assert response.redirect_chain == [("/admin/", 302)]
            assert "do not have permission" in response.content.decode()
        assert not ConsultationPage.objects.filter(feedback_for_event=past_event).exists()

    def test_people_who_do_not_run_forums_are_refused(self, client, past_event, person):
        client.force_login(person)
        assert client.post(_create_url(past_event)).status_code in (302, 403)
        assert not ConsultationPage.objects.filter(feedback_for_event=past_event).exists()

    def test_the_event_offers_the_action_in_the_admin(self, client, forum, past_event):
        client.force_login(_manager_of(forum))
        registrations_page = client.get(f"/admin/forums/events/{past_event.pk}/registrations/")
        assert _create_url(past_event) in registrations_page.content.decode()
        edit_page = client.get(f"/admin/pages/{past_event.pk}/edit/")
        assert _create_url(past_event) in edit_page.content.decode()


class TestValidation:
    @pytest.fixture
    def admin(self, db):
        user = VerifiedUserFactory(is_superuser=True, is_staff=True)
        activate_authenticator_app(user)
        return user

    def _create(self, client, parent, event, **changes):
        from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

        opens = timezone.now().astimezone(LONDON)
        fields = {
            "title": "Feedback survey",
            "slug": "feedback-survey",
            "summary": "Tell us what you thought.",
            "purpose": rich_text("<p>Purpose</p>"),
            "background": rich_text(""),
            "opens_at": opens.strftime("%Y-%m-%d %H:%M"),
            "closes_at": (opens + FEEDBACK_OPEN_FOR).strftime("%Y-%m-%d %H:%M"),
            "response_mode": "person",
            "feedback_for_event": event.pk,
            "documents": inline_formset([]),
            "questions": inline_formset([]),
            "outcome_asked": rich_text(""),
            "outcome_said": rich_text(""),
            "outcome_did": rich_text(""),
            **changes,
        }
        return client.post(
            f"/admin/pages/add/forums/consultationpage/{parent.pk}/", nested_form_data(fields)
        )

    def test_a_survey_in_its_events_forum_is_accepted(self, client, admin, forum, past_event):
        client.force_login(admin)
        response = self._create(client, forum, past_event)
        assert response.status_code == 302
        assert ConsultationPage.objects.get(feedback_for_event=past_event).title == (
            "Feedback survey"
        )

    def test_a_survey_linked_to_another_forums_event_is_refused(
        self, client, admin, other_forum, past_event
    ):
        client.force_login(admin)
        response = self._create(client, other_forum, past_event)
        assert response.status_code == 200
        assert "Choose an event of this forum" in response.content.decode()
        assert not ConsultationPage.objects.filter(feedback_for_event=past_event).exists()

    def test_a_national_consultation_cannot_be_an_events_survey(
        self, client, admin, tree, past_event
    ):
        client.force_login(admin)
        response = self._create(client, tree.forums, past_event)
        assert "Choose an event of this forum" in response.content.decode()
        assert not ConsultationPage.objects.filter(feedback_for_event=past_event).exists()

    def test_a_survey_takes_one_signed_in_response_per_person(
        self, client, admin, forum, past_event
    ):
        client.force_login(admin)
        page = self._create(
            client, forum, past_event, response_mode="organisation", allow_anonymous="on"
        ).content.decode()
        assert "A feedback survey takes one response per person." in page
        assert "A feedback survey cannot take anonymous responses" in page
        assert not ConsultationPage.objects.filter(feedback_for_event=past_event).exists()

    def test_an_event_has_at_most_one_survey(self, client, admin, forum, survey, past_event):
        client.force_login(admin)
        page = self._create(client, forum, past_event).content.decode()
        assert "This event already has a feedback survey" in page
        assert ConsultationPage.objects.filter(feedback_for_event=past_event).count() == 1

    def test_the_survey_outlives_its_event(self, survey, past_event):
        EventPage.objects.get(pk=past_event.pk).delete()
        survey.refresh_from_db()
        assert survey.feedback_for_event is None


class TestOneSurveyPerEvent:
    """Copying a survey cannot make a second survey of its event, the database refuses one
    whatever saves it, and a survey people have answered stays about its event."""

    @pytest.fixture
    def admin(self, db):
        user = VerifiedUserFactory(is_superuser=True, is_staff=True)
        activate_authenticator_app(user)
        return user

    @pytest.fixture
    def another_event(self, forum):
        return _publish(EventPageFactory(parent=forum, title="North East forum: spring"))

    def _respond(self, survey, past_event):
        ConsultationResponse.objects.create(
            consultation=survey, user=VerifiedUserFactory(), status="submitted"
        )

    def test_copying_a_survey_in_the_admin_makes_an_ordinary_consultation(
        self, client, admin, forum, survey, past_event
    ):
        client.force_login(admin)
        form = client.get(f"/admin/pages/{survey.pk}/copy/").content.decode()
        assert 'name="alias"' not in form  # an alias would be a second survey
        assert "The copy is not linked to the event" in form

        response = client.post(
            f"/admin/pages/{survey.pk}/copy/",
            {
                "new_title": "Feedback: copy",
                "new_slug": "feedback-copy",
                "new_parent_page": forum.pk,
                "publish_copies": "on",
            },
        )

        assert response.status_code == 302
        copy = ConsultationPage.objects.get(slug="feedback-copy")
        assert copy.feedback_for_event is None
        assert copy.live
        assert list(copy.questions.values_list("text", flat=True)) == ["How useful?"]
        assert list(ConsultationPage.objects.filter(feedback_for_event=past_event)) == [survey]
        assert copy.get_latest_revision_as_object().feedback_for_event_id is None
        assert client.get(f"/admin/pages/{copy.pk}/edit/").status_code == 200

    def test_a_copy_made_in_code_has_no_event_either(self, forum, survey, past_event):
        copy = survey.copy(update_attrs={"title": "Copy", "slug": "copy"})
        assert copy.specific.feedback_for_event is None
        assert ConsultationPage.objects.filter(feedback_for_event=past_event).count() == 1

    def test_the_database_refuses_a_second_survey_of_an_event(self, forum, survey, past_event):
        other = ConsultationPageFactory(parent=forum, response_mode="person")
        with pytest.raises(IntegrityError), transaction.atomic():
            ConsultationPage.objects.filter(pk=other.pk).update(feedback_for_event=past_event)
        # Any number of consultations are no event's survey.
        ConsultationPageFactory(parent=forum)
        assert ConsultationPage.objects.filter(feedback_for_event__isnull=True).count() == 2

    def test_the_event_can_change_until_someone_responds(self, survey, another_event):
        survey.feedback_for_event = another_event
        survey.full_clean()

    def test_once_someone_has_responded_the_event_cannot_change(
        self, survey, past_event, another_event
    ):
        self._respond(survey, past_event)
        for event in (another_event, None):
            survey.feedback_for_event = event
            with pytest.raises(ValidationError) as refused:
                survey.full_clean()
            assert "cannot change" in refused.value.message_dict["feedback_for_event"][0]

    def test_an_answered_consultation_cannot_become_an_events_survey(
        self, client, admin, forum, past_event
    ):
        consultation = ConsultationPageFactory(parent=forum, response_mode="person")
        ConsultationResponse.objects.create(consultation=consultation, status="submitted")
        consultation.feedback_for_event = past_event
        with pytest.raises(ValidationError) as refused:
            consultation.full_clean()
        assert (
            "cannot become an event's feedback survey"
            in (refused.value.message_dict["feedback_for_event"][0])
        )
        client.force_login(admin)
        page = client.get(f"/admin/pages/{consultation.pk}/edit/").content.decode()
        assert 'name="feedback_for_event"' not in page
        assert "cannot become an event&#x27;s feedback survey" in page

    def test_the_admin_shows_the_answered_surveys_event_read_only_and_keeps_it(
        self, client, admin, forum, survey, past_event, another_event
    ):
        from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

        self._respond(survey, past_event)
        client.force_login(admin)
        edit_url = f"/admin/pages/{survey.pk}/edit/"
        page = client.get(edit_url).content.decode()
        assert 'name="feedback_for_event"' not in page
        assert "its event cannot change" in page
        assert "North East forum meeting" in page

        question = survey.questions.get()
        fields = {
            "title": survey.title,
            "slug": survey.slug,
            "summary": survey.summary,
            "purpose": rich_text(survey.purpose),
            "background": rich_text(""),
            "opens_at": survey.opens_at.astimezone(LONDON).strftime("%Y-%m-%d %H:%M"),
            "closes_at": survey.closes_at.astimezone(LONDON).strftime("%Y-%m-%d %H:%M"),
            "response_mode": "person",
            "feedback_for_event": another_event.pk,
            "documents": inline_formset([]),
            "questions": inline_formset(
                [
                    {
                        "id": question.pk,
                        "kind": question.kind,
                        "text": question.text,
                        "help_text": "",
                        "required": "on",
                        "choices": "",
                        "max_length": "",
                        "max_choices": "",
                    }
                ],
                initial=1,
            ),
            "outcome_asked": rich_text(""),
            "outcome_said": rich_text(""),
            "outcome_did": rich_text(""),
            "action-publish": "action-publish",
        }
        response = client.post(edit_url, nested_form_data(fields))

        assert response.status_code == 302
        survey = ConsultationPage.objects.get(pk=survey.pk)
        assert survey.feedback_for_event_id == past_event.pk
        assert survey.get_latest_revision_as_object().feedback_for_event_id == past_event.pk
