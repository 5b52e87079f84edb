"""Listings that organisations create and edit themselves, and how moderators decide on them.

Rules of the house:
- what an owner or editor changes becomes a new page revision, gathered into the
  organisation's one pending `ListingSubmission`; the public pages keep showing the last
  approved version until a moderator approves, which publishes every revision at once;
- capacity and "this listing is still correct" take effect at once (operational status);
- a decision is taken once: two moderators acting together cannot both decide.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from wagtail.actions.unpublish_page import UnpublishPageAction

from core.emails import send_templated_email
from directory.listings.confidentiality import (
    address_confidential_by_default,
    hide_organisation_address_at_once,
)
from directory.listings.forms import paragraphs_from_text, text_from_rich_text
from directory.listings.opening_hours import opening_hours_initial
from directory.models import (
    DirectoryIndexPage,
    ListingDraft,
    ListingSubmission,
    MembershipRole,
    OrganisationMembership,
    OrganisationPage,
    OrganisationSource,
    OrganisationStatus,
    ReviewStatus,
    ServiceOpeningHours,
    ServicePage,
    ServiceStatus,
    SubmissionKind,
)
from directory.permissions import MODERATORS_GROUP


class DecisionAlreadyTaken(Exception):
    """Someone else decided first (or the item was withdrawn)."""


class DuplicateListing(Exception):
    """Another organisation already has this charity or company number."""


# Form field → page attribute, for the fields that are copied as they are.
ORGANISATION_FIELDS = {
    "title": "title",
    "summary_text": "summary",
    "website": "website",
    "email": "email",
    "phone": "phone",
    "charity_regulator": "charity_regulator",
    "charity_number": "charity_number",
    "company_number": "company_number",
    "income_band": "income_band",
    "address": "address",
    "postcode": "postcode",
    "address_is_confidential": "address_is_confidential",
    "is_national": "is_national",
}
ORGANISATION_RELATIONS = ["regions", "led_by_and_for", "commissioning_relationships"]
SERVICE_FIELDS = [
    "title",
    "status",
    "delivered_in_person",
    "delivered_online",
    "delivered_by_phone",
    "is_national",
    "eligibility",
    "referral_method",
    "referral_details",
    "referral_checklist",
    "opening_hours_note",
    "email",
    "phone",
    "cost",
    "languages",
]
SERVICE_RELATIONS = ["categories", "regions", "client_groups", "stages"]


def moderator_emails():
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return list(
        users.filter(groups__name=MODERATORS_GROUP).values_list("email", flat=True).distinct()
    )


# Between forms and pages --------------------------------------------------------------------


def apply_organisation_answers(page, data):
    for name, attribute in ORGANISATION_FIELDS.items():
        if name in data:
            setattr(page, attribute, data[name] if data[name] is not None else "")
    if "description" in data:
        page.description = paragraphs_from_text(data["description"])
    for name in ORGANISATION_RELATIONS:
        if name in data:
            setattr(page, name, list(data[name]))
    if data.get("logo"):
        page.logo = data["logo"]
    if page.is_national:
        page.regions = []


def organisation_initial(page):
    initial = {name: getattr(page, attribute) for name, attribute in ORGANISATION_FIELDS.items()}
    initial["description"] = text_from_rich_text(page.description)
    for name in ORGANISATION_RELATIONS:
        initial[name] = list(getattr(page, name).all())
    return initial


def apply_service_answers(page, data):
    for name in SERVICE_FIELDS:
        if name in data:
            setattr(page, name, data[name] if data[name] is not None else "")
    if "description" in data:
        page.description = paragraphs_from_text(data["description"])
    for name in SERVICE_RELATIONS:
        if name in data:
            setattr(page, name, list(data[name]))
    if "opening_hours" in data:
        # The form gives the whole week: it replaces what was there.
        page.opening_hours = [
            ServiceOpeningHours(weekday=day, opens_at=opens_at, closes_at=closes_at)
            for day, opens_at, closes_at in data["opening_hours"]
        ]
    if page.is_national:
        page.regions = []


def service_initial(page):
    initial = {name: getattr(page, name) for name in SERVICE_FIELDS}
    initial["description"] = text_from_rich_text(page.description)
    for name in SERVICE_RELATIONS:
        initial[name] = list(getattr(page, name).all())
    initial.update(opening_hours_initial(page.opening_hours.all()))
    return initial


def latest_version(page):
    """What the team last saved (maybe waiting for review), or the live page."""
    return page.get_latest_revision_as_object() if page.has_unpublished_changes else page


def pending_submission(organisation):
    return organisation.submissions.filter(status=ReviewStatus.PENDING).first()


# Creating a listing -------------------------------------------------------------------------


def directory_index():
    return DirectoryIndexPage.objects.first()


@transaction.atomic
def create_listing(user, organisation_data, service_data):
    """The draft organisation and its first service, sent for moderation as one unit.

    The creator becomes the owner. Returns the organisation, or None when the listing in
    progress has already been submitted (a double-submitted final step)."""
    draft = ListingDraft.objects.select_for_update().filter(user=user).first()
    if draft is None:
        return None
    organisation = OrganisationPage(live=False, source=OrganisationSource.SELF_LISTED)
    apply_organisation_answers(organisation, organisation_data)
    locations = service_data.get("locations", [])
    if address_confidential_by_default(service_data.get("categories", []), locations):
        organisation.address_is_confidential = True
    try:
        with transaction.atomic():
            directory_index().add_child(instance=organisation)
    except IntegrityError as error:
        raise DuplicateListing from error
    service = ServicePage(live=False)
    apply_service_answers(service, service_data)
    service.locations = locations
    organisation.add_child(instance=service)
    revisions = [
        organisation.save_revision(user=user, log_action=True),
        service.save_revision(user=user, log_action=True),
    ]
    OrganisationMembership.objects.create(
        user=user, organisation=organisation, role=MembershipRole.OWNER
    )
    OrganisationStatus.objects.filter(organisation=organisation).update(is_claimed=True)
    submission = ListingSubmission.objects.create(
        organisation=organisation, kind=SubmissionKind.NEW_LISTING, submitted_by=user
    )
    submission.revisions.set(revisions)
    draft.delete()
    _tell_moderators(submission)
    return organisation


# Changing a listing -------------------------------------------------------------------------


def _add_to_submission(organisation, user, revision):
    """Gather a new revision into the organisation's pending submission (one per page)."""
    submission = (
        ListingSubmission.objects.select_for_update()
        .filter(organisation=organisation, status=ReviewStatus.PENDING)
        .first()
    )
    created = submission is None
    if created:
        submission = ListingSubmission.objects.create(
            organisation=organisation, kind=SubmissionKind.CHANGES, submitted_by=user
        )
    older = submission.revisions.filter(object_id=revision.object_id)
    submission.revisions.remove(*older)
    submission.revisions.add(revision)
    submission.save(update_fields=["updated_at"])
    if created:
        _tell_moderators(submission)
    return submission


@transaction.atomic
def submit_organisation_changes(user, organisation, data):
    page = latest_version(organisation)
    apply_organisation_answers(page, data)
    if data.get("address_is_confidential"):
        hide_organisation_address_at_once(organisation)
    revision = page.save_revision(user=user, log_action=True)
    return _add_to_submission(organisation, user, revision)


@transaction.atomic
def submit_service_changes(user, service, data):
    page = latest_version(service)
    apply_service_answers(page, data)
    revision = page.save_revision(user=user, log_action=True)
    return _add_to_submission(service.organisation, user, revision)


@transaction.atomic
def add_service(user, organisation, data):
    """A new service waits for review like any other change (unpublished until approved)."""
    service = ServicePage(live=False)
    apply_service_answers(service, data)
    organisation.add_child(instance=service)
    revision = service.save_revision(user=user, log_action=True)
    _add_to_submission(organisation, user, revision)
    keep_address_confidential_for(user, organisation, data.get("categories", []))
    return service


def keep_address_confidential_for(user, organisation, categories):
    """A service added for people affected by domestic abuse or sexual violence makes the
    organisation's address confidential (at once, and in the change sent for review); an
    address already hidden stays hidden."""
    page = latest_version(organisation)
    if page.address_is_confidential or not address_confidential_by_default(categories, []):
        return
    page.address_is_confidential = True
    hide_organisation_address_at_once(organisation)
    revision = page.save_revision(user=user, log_action=True)
    _add_to_submission(organisation, user, revision)


def submit_page_revision(user, organisation, page):
    """A changed version of one of the organisation's pages, gathered for review."""
    revision = page.save_revision(user=user, log_action=True)
    return _add_to_submission(organisation, user, revision)


@transaction.atomic
def remove_service(user, service):
    """Taken off the directory at once: nobody should be referred to a service that has gone.
    A service that was never approved is deleted."""
    submission = pending_submission(service.organisation)
    if submission is not None:
        submission.revisions.remove(*submission.revisions.filter(object_id=str(service.pk)))
        if not submission.revisions.exists():
            submission.status = ReviewStatus.WITHDRAWN
            submission.decided_at = timezone.now()
            submission.save(update_fields=["status", "decided_at", "updated_at"])
    if service.live:
        # Owners and editors may take their own services down (see permissions.py).
        UnpublishPageAction(service, user=user).execute(skip_permission_checks=True)
    elif service.first_published_at is None:
        service.delete()


def set_capacity(user, service, capacity, note=""):
    """Capacity is operational: it changes at once, outside moderation, and for the service
    in every language (a Welsh translation is another page with its own status)."""
    versions = ServicePage.objects.filter(translation_key=service.translation_key)
    for version_pk in versions.values_list("pk", flat=True):
        status, _ = ServiceStatus.objects.get_or_create(service_id=version_pk)
        status.capacity = capacity
        status.capacity_note = note
        status.save()  # the signal brings each version's search document up to date
    return ServiceStatus.objects.get(service=service)


# Deciding -----------------------------------------------------------------------------------


def take_decision(model, pk, moderator, status, reason):
    """Mark a pending item decided; only the first of two simultaneous decisions wins."""
    updated = model.objects.filter(pk=pk, status=ReviewStatus.PENDING).update(
        status=status, decided_by=moderator, decided_at=timezone.now(), decision_reason=reason
    )
    if not updated:
        raise DecisionAlreadyTaken
    return model.objects.get(pk=pk)


def _ordered_revisions(submission):
    # Organisations before their services, so a new listing goes live top down.
    return sorted(
        submission.revisions.select_related("content_type"),
        key=lambda revision: (revision.content_object.depth, revision.created_at),
    )


@transaction.atomic
def approve_submission(submission, moderator, reason=""):
    submission = take_decision(
        ListingSubmission, submission.pk, moderator, ReviewStatus.APPROVED, reason
    )
    for revision in _ordered_revisions(submission):
        live = revision.content_object.live_revision
        if live is not None and live.created_at >= revision.created_at:
            # Already published, or overtaken by a newer version published in the admin.
            continue
        # The moderation rules decide who may publish, not page permissions.
        revision.publish(user=moderator, log_action=True, skip_permission_checks=True)
    _tell_submitter(submission)
    return submission


@transaction.atomic
def reject_submission(submission, moderator, reason):
    submission = take_decision(
        ListingSubmission, submission.pk, moderator, ReviewStatus.REJECTED, reason
    )
    _tell_submitter(submission)
    return submission


def _tell_moderators(submission):
    send_templated_email(
        moderator_emails(), "directory/emails/submission_received", {"submission": submission}
    )


def _tell_submitter(submission):
    if submission.submitted_by and submission.submitted_by.email:
        send_templated_email(
            [submission.submitted_by.email],
            "directory/emails/submission_decided",
            {"submission": submission},
        )
