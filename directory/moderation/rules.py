"""What moderators and commissioners decide about a listing outside page moderation: keeping
a stale listing listed, and confirming the organisation's commissioning relationships.

An organisation and its translations (pages sharing a `translation_key`) are one organisation:
each has its own OrganisationStatus, and every decision here applies to all of them.
"""

from django.db import transaction
from django.utils import timezone

from core.models import CommissioningRelationship
from directory.models import OrganisationStatus


class ReasonRequired(ValueError):
    pass


class PendingChanges(Exception):
    """The organisation has changes waiting for moderation: correcting its live page now
    would be undone when they are approved."""


def statuses_of(organisation):
    """The operational statuses of `organisation` and of its translations."""
    return OrganisationStatus.objects.filter(
        organisation__translation_key=organisation.translation_key
    ).select_related("organisation")


def _save_all(organisation, **fields):
    """Set `fields` on every status of the organisation, saving each one so the search
    engine's signal brings its services up to date."""
    statuses = list(statuses_of(organisation).select_for_update(of=("self",)))
    for status in statuses:
        for name, value in fields.items():
            setattr(status, name, value)
        status.save()
    return next(s for s in statuses if s.organisation_id == organisation.pk)


# Keep listed


@transaction.atomic
def keep_listed(organisation, reason, user, now=None):
    """A moderator checked the listing: it stays in default results even when the staleness
    ladder hides it, for the reason given (required)."""
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired
    return _save_all(
        organisation,
        keep_listed=True,
        keep_listed_reason=reason,
        keep_listed_by=user,
        keep_listed_at=now or timezone.now(),
    )


@transaction.atomic
def stop_keeping_listed(organisation, user=None):
    """Back to the ladder's rules: a listing it hid leaves default results again."""
    return _save_all(
        organisation,
        keep_listed=False,
        keep_listed_reason="",
        keep_listed_by=None,
        keep_listed_at=None,
    )


# Commissioning relationships


def commissioning_terms(slugs):
    """The default-language terms for `slugs`, in their usual order (unknown slugs dropped)."""
    return list(CommissioningRelationship.objects.in_default_locale().filter(slug__in=slugs))


def declared_commissioning(organisation):
    """The slugs of the relationships the organisation's live page declares."""
    return sorted(term.slug for term in organisation.commissioning_relationships.all())


@transaction.atomic
def confirm_commissioning(organisation, slugs, user, now=None):
    """A commissioner or moderator confirms the organisation's commissioning relationships
    are `slugs` (an empty list: outside commissioning).

    When they differ from what the organisation declared, the live page is corrected (a new
    revision, published, so its history says who changed it) — unless the organisation has
    changes waiting for moderation, which would undo the correction (PendingChanges)."""
    terms = commissioning_terms(slugs)
    slugs = sorted(term.slug for term in terms)
    if slugs != declared_commissioning(organisation):
        if organisation.has_unpublished_changes:
            raise PendingChanges
        organisation.commissioning_relationships.set(terms)
        revision = organisation.save_revision(user=user, log_action=True)
        revision.publish(user=user, log_action=True, skip_permission_checks=True)
    return _save_all(
        organisation,
        confirmed_commissioning=slugs,
        commissioning_confirmed_at=now or timezone.now(),
        commissioning_confirmed_by=user,
    )
