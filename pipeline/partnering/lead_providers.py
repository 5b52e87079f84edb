"""A subcontract's lead provider runs its partnering from the public site: the owners and
editors of the listed organisation named as the opportunity's lead provider see who
registered interest, and say whether it is still seeking specialist partners. They get no
right in the admin: the opportunity itself stays the commissioner's or forum manager's to
edit."""

from django.conf import settings
from django.db import transaction

from wagtail.coreutils import get_supported_content_language_variant

from directory.permissions import organisations_acting_for
from pipeline.models import OpportunityPage
from pipeline.opportunities.history import default_language_version


def leads(user, opportunity):
    """Whether `user` owns or edits the (live) lead provider of `opportunity`."""
    lead_provider_id = default_language_version(opportunity).lead_provider_id
    if lead_provider_id is None:
        return False
    return organisations_acting_for(user).filter(pk=lead_provider_id).exists()


def opportunities_led_by(user):
    """The live opportunities (in the site's default language) whose lead provider `user`
    owns or edits, soonest closing first."""
    if not user.is_authenticated:
        return OpportunityPage.objects.none()
    return (
        OpportunityPage.objects.live()
        .filter(
            locale__language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE),
            lead_provider__in=organisations_acting_for(user).values("pk"),
        )
        .select_related("lead_provider")
        .order_by("closes_on", "title")
    )


@transaction.atomic
def set_seeking_partners(opportunity, seeking, user):
    """Say whether the opportunity is seeking specialist partners, on every language version
    of it. Each live version gets a new published revision changing that field alone; a
    draft in progress keeps its other changes (it gets the same field). Returns whether
    anything changed."""
    changed = False
    for page in default_language_version(opportunity).get_translations(inclusive=True):
        page = OpportunityPage.objects.select_for_update().get(pk=page.pk)
        if page.seeking_partners == seeking or not page.live:
            continue
        draft = page.get_latest_revision_as_object() if page.has_unpublished_changes else None
        page.seeking_partners = seeking
        revision = page.save_revision(user=user, log_action=True)
        revision.publish(user=user, skip_permission_checks=True)  # the rule is ours: above
        if draft is not None:
            draft.seeking_partners = seeking
            draft.save_revision(user=user, log_action=True)
        changed = True
    return changed
