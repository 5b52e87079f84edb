"""Editing from the public site, the moderation queue, and decisions taken once."""

import io
import threading

from django.core import mail
from django.db import connection
from django.urls import reverse

import pytest
from PIL import Image

from directory.listings.rules import (
    DecisionAlreadyTaken,
    approve_submission,
    reject_submission,
    submit_service_changes,
)
from directory.models import (
    ListingProblemReport,
    ListingSubmission,
    ReviewStatus,
    ServicePage,
    SubmissionKind,
)
from tests.factories import OrganisationPageFactory, ServicePageFactory
from tests.factories.accounts import ModeratorFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing(tree):
    organisation = OrganisationPageFactory(
        title="Hope Street", website="https://hopestreet.org.uk", email="info@hopestreet.org.uk"
    )
    service = ServicePageFactory(parent=organisation, title="Mentoring", categories=["mentoring"])
    return organisation, service


@pytest.fixture
def owner(listing):
    return member_of(listing[0], "owner", email="owner@hopestreet.org.uk")


def service_form(service, **changes):
    from directory.listings.rules import service_initial

    initial = service_initial(service)
    data = {}
    for name, value in initial.items():
        if isinstance(value, list):
            data[name] = [item.pk for item in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = value
    data.update(changes)
    return data


def edit_url(service):
    return reverse("directory_edit_service", args=[service.organisation_id, service.pk])


def test_an_edit_waits_for_review_while_the_public_page_keeps_the_approved_version(
    client, listing, owner
):
    organisation, service = listing
    client.force_login(owner)
    response = client.post(edit_url(service), service_form(service, title="Mentoring plus"))
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.title == "Mentoring"
    assert "Mentoring plus" not in client.get(service.url).content.decode()
    submission = ListingSubmission.objects.get()
    assert submission.kind == SubmissionKind.CHANGES
    # The team sees its own pending version when it edits again.
    response = client.get(edit_url(service))
    assert response.context["form"]["title"].value() == "Mentoring plus"


def test_a_second_edit_joins_the_pending_submission(client, listing, owner):
    organisation, service = listing
    client.force_login(owner)
    client.post(edit_url(service), service_form(service, title="One"))
    client.post(edit_url(service), service_form(service, title="Two"))
    submission = ListingSubmission.objects.get()
    assert submission.revisions.count() == 1
    assert submission.revisions.get().as_object().title == "Two"


def test_capacity_changes_at_once_and_approving_an_edit_keeps_it(client, listing, owner):
    organisation, service = listing
    client.force_login(owner)
    client.post(edit_url(service), service_form(service, title="Mentoring plus"))
    client.post(
        reverse("directory_service_capacity", args=[organisation.pk, service.pk]),
        {"capacity": "waiting-list", "capacity_note": "About 6 weeks"},
    )
    service.operational_status.refresh_from_db()
    assert service.operational_status.capacity == "waiting-list"
    assert "About 6 weeks" in client.get(service.url).content.decode()

    approve_submission(ListingSubmission.objects.get(), ModeratorFactory())
    service.refresh_from_db()
    assert service.title == "Mentoring plus"
    service.operational_status.refresh_from_db()
    assert service.operational_status.capacity == "waiting-list"


def test_approval_and_rejection_are_logged_and_emailed(
    listing, owner, django_capture_on_commit_callbacks
):
    organisation, service = listing
    moderator = ModeratorFactory()
    submission = submit_service_changes(owner, service, {"title": "New name"})
    with django_capture_on_commit_callbacks(execute=True):
        reject_submission(submission, moderator, "Please keep the service's real name.")
    submission.refresh_from_db()
    assert (submission.status, submission.decided_by) == (ReviewStatus.REJECTED, moderator)
    assert submission.decided_at is not None
    assert submission.decision_reason == "Please keep the service's real name."
    assert mail.outbox[-1].to == [owner.email]
    assert "Please keep the service" in mail.outbox[-1].body
    service.refresh_from_db()
    assert service.title == "Mentoring"


def test_a_decision_is_taken_once(listing, owner):
    organisation, service = listing
    submission = submit_service_changes(owner, service, {"title": "New name"})
    approve_submission(submission, ModeratorFactory())
    with pytest.raises(DecisionAlreadyTaken):
        approve_submission(submission, ModeratorFactory())
    with pytest.raises(DecisionAlreadyTaken):
        reject_submission(submission, ModeratorFactory(), "late")


@pytest.mark.postgres
def test_two_moderators_approving_at_once_publish_once(migrated_transactional_db):
    from tests.factories import build_site_tree

    build_site_tree()
    organisation = OrganisationPageFactory()
    service = ServicePageFactory(parent=organisation, title="Before")
    owner = member_of(organisation)
    submission = submit_service_changes(owner, service, {"title": "After"})
    moderators = [ModeratorFactory(), ModeratorFactory()]
    outcomes = []
    barrier = threading.Barrier(2)

    def decide(moderator):
        barrier.wait()
        try:
            approve_submission(submission, moderator)
            outcomes.append("approved")
        except DecisionAlreadyTaken:
            outcomes.append("already")
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(m,)) for m in moderators]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already", "approved"]
    service.refresh_from_db()
    assert service.title == "After"
    assert service.revisions.filter(approved_go_live_at__isnull=True).count() >= 1
    from wagtail.models import PageLogEntry

    assert PageLogEntry.objects.filter(page=service, action="wagtail.publish").count() == 1


def test_adding_a_service_waits_for_review(client, listing, owner):
    organisation, service = listing
    client.force_login(owner)
    data = service_form(service, title="Housing advice")
    response = client.post(reverse("directory_add_service", args=[organisation.pk]), data)
    assert response.status_code == 302
    new = ServicePage.objects.get(title="Housing advice")
    assert not new.live
    approve_submission(ListingSubmission.objects.get(), ModeratorFactory())
    new.refresh_from_db()
    assert new.live and new.organisation == organisation


def test_removing_a_service_takes_it_off_the_directory_at_once(client, listing, owner):
    organisation, service = listing
    client.force_login(owner)
    url = reverse("directory_remove_service", args=[organisation.pk, service.pk])
    assert client.get(url).status_code == 200
    client.post(url)
    service.refresh_from_db()
    assert not service.live


def test_confirming_the_listing_is_still_right_takes_effect_at_once(client, listing, owner):
    organisation, service = listing
    client.force_login(owner)
    client.post(reverse("directory_confirm_current", args=[organisation.pk]))
    organisation.operational_status.refresh_from_db()
    assert organisation.operational_status.last_confirmed_at is not None


def test_editing_the_organisation_keeps_the_form_on_bad_input(client, listing, owner):
    organisation, service = listing
    client.force_login(owner)
    url = reverse("directory_edit_organisation", args=[organisation.pk])
    response = client.get(url)
    data = {
        "title": "Hope Street",
        "summary_text": "New summary",
        "website": "not a url",
        "email": "info@hopestreet.org.uk",
        "regions": [organisation.regions.first().pk],
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Enter a web address" in response.content.decode()
    assert response.context["form"]["summary_text"].value() == "New summary"
    assert not ListingSubmission.objects.exists()


def _image(format_name, size=(40, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, format_name)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.jpg", _image("PNG"), "extension does not match"),
        ("logo.png", _image("PNG") + b"\0" * (30 * 1024 * 1024), "too big"),
        ("logo.png", b"not an image at all", "Upload a valid image"),
    ],
)
def test_bad_logos_get_a_clear_message(client, listing, owner, name, content, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    organisation, service = listing
    client.force_login(owner)
    url = reverse("directory_edit_organisation", args=[organisation.pk])
    data = {
        "title": "Hope Street",
        "summary_text": "Kept summary",
        "email": "info@hopestreet.org.uk",
        "regions": [organisation.regions.first().pk],
        "logo": SimpleUploadedFile(name, content),
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["logo"])
    assert response.context["form"]["summary_text"].value() == "Kept summary"


def test_a_decompression_bomb_is_refused(client, listing, owner):
    from django.core.files.uploadedfile import SimpleUploadedFile

    organisation, service = listing
    client.force_login(owner)
    buffer = io.BytesIO()
    Image.new("1", (12000, 12000)).save(buffer, "PNG")  # a few KB, 144 million pixels
    bomb = buffer.getvalue()
    assert len(bomb) < 1024 * 1024
    response = client.post(
        reverse("directory_edit_organisation", args=[organisation.pk]),
        {
            "title": "Hope Street",
            "summary_text": "Kept",
            "email": "info@hopestreet.org.uk",
            "regions": [organisation.regions.first().pk],
            "logo": SimpleUploadedFile("bomb.png", bomb),
        },
    )
    assert response.status_code == 200
    assert "too many pixels" in " ".join(response.context["form"].errors["logo"])


def test_a_good_logo_waits_for_review_with_the_rest(client, listing, owner):
    from django.core.files.uploadedfile import SimpleUploadedFile

    organisation, service = listing
    client.force_login(owner)
    response = client.post(
        reverse("directory_edit_organisation", args=[organisation.pk]),
        {
            "title": "Hope Street",
            "summary_text": "New",
            "email": "info@hopestreet.org.uk",
            "regions": [organisation.regions.first().pk],
            "logo": SimpleUploadedFile("logo.png", _image("PNG")),
        },
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.logo is None
    revision = ListingSubmission.objects.get().revisions.get()
    assert revision.as_object().logo is not None


# The admin queue ---------------------------------------------------------------------------


@pytest.fixture
def moderator_client(client):
    moderator = ModeratorFactory()
    client.force_login(moderator)
    client.moderator = moderator
    return client


def test_the_queue_lists_submissions_claims_and_reports_with_dashboard_counts(
    moderator_client, listing, owner
):
    organisation, service = listing
    submit_service_changes(owner, service, {"title": "New name"})
    ListingProblemReport.objects.create(organisation=organisation, what_is_wrong="Closed")
    response = moderator_client.get(reverse("moderation:queue"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hope Street" in page and "Closed" in page
    dashboard = moderator_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "2 items to moderate" in dashboard


def test_the_review_page_shows_a_field_by_field_diff_and_approves(moderator_client, listing, owner):
    organisation, service = listing
    submission = submit_service_changes(owner, service, {"title": "Mentoring plus"})
    url = reverse("moderation:submission", args=[submission.pk])
    page = moderator_client.get(url).content.decode()
    assert "Title" in page and "Mentoring plus" in page and "Mentoring" in page
    response = moderator_client.post(url, {"decision": "approve", "reason": ""})
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.title == "Mentoring plus"


def test_rejecting_needs_a_reason(moderator_client, listing, owner):
    organisation, service = listing
    submission = submit_service_changes(owner, service, {"title": "X"})
    url = reverse("moderation:submission", args=[submission.pk])
    response = moderator_client.post(url, {"decision": "reject", "reason": " "})
    assert response.status_code == 200
    submission.refresh_from_db()
    assert submission.is_pending


def test_deciding_twice_in_the_admin_says_someone_else_decided(moderator_client, listing, owner):
    organisation, service = listing
    submission = submit_service_changes(owner, service, {"title": "X"})
    url = reverse("moderation:submission", args=[submission.pk])
    moderator_client.post(url, {"decision": "approve"})
    response = moderator_client.post(url, {"decision": "reject", "reason": "no"}, follow=True)
    assert "already decided" in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == ReviewStatus.APPROVED


def test_problem_reports_are_decided_with_who_and_when(
    moderator_client, listing, django_capture_on_commit_callbacks
):
    organisation, service = listing
    report = ListingProblemReport.objects.create(
        organisation=organisation, what_is_wrong="Gone", contact_email="pat@example.org"
    )
    url = reverse("moderation:report", args=[report.pk])
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(url, {"decision": "resolved", "reason": "Phoned them; updated."})
    assert mail.outbox[-1].to == ["pat@example.org"]
    assert "put right" in mail.outbox[-1].body
    report.refresh_from_db()
    assert report.status == "resolved"
    assert report.decided_by == moderator_client.moderator
    assert report.decision_note == "Phoned them; updated."


def test_people_who_are_not_moderators_cannot_open_the_queue(client, listing, owner):
    client.force_login(owner)
    response = client.get(reverse("moderation:queue"))
    assert response.status_code in {302, 403}


def test_approving_never_overwrites_a_newer_version_published_in_the_admin(listing, owner):
    organisation, service = listing
    submission = submit_service_changes(owner, service, {"title": "From the team"})
    page = ServicePage.objects.get(pk=service.pk)
    page.title = "Fixed by staff"
    page.save_revision().publish()
    approve_submission(submission, ModeratorFactory())
    service.refresh_from_db()
    assert service.title == "Fixed by staff"
