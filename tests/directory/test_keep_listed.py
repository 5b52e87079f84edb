"""Moderators keep a stale listing listed, with a reason shown with who and when, and can
take it back; nobody else can."""

from django.urls import reverse

import pytest

from directory.models import OrganisationStatus, ServicePage, StalenessStage
from directory.moderation.rules import ReasonRequired, keep_listed
from directory.permissions import ensure_commissioners_group
from tests.factories import OrganisationPageFactory, ServicePageFactory
from tests.factories.accounts import (
    ModeratorFactory,
    StaffUserFactory,
    VerifiedUserFactory,
    activate_authenticator_app,
    member_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden(tree):
    organisation = OrganisationPageFactory(title="Quiet Harbour", staleness_stage="hidden")
    ServicePageFactory(parent=organisation, title="Harbour advice")
    return organisation


def url(organisation):
    return reverse("listing_checks:keep_listed", args=[organisation.pk])


def is_listed(organisation):
    return ServicePage.objects.listed().filter(organisation=organisation).exists()


def commissioner():
    user = VerifiedUserFactory()
    user.groups.add(ensure_commissioners_group())
    activate_authenticator_app(user)
    return user


def test_a_moderator_keeps_a_hidden_listing_listed_with_a_reason(client, hidden):
    moderator = ModeratorFactory(email="mod@example.org")
    client.force_login(moderator)
    page = client.get(url(hidden))
    assert page.status_code == 200
    assert "Quiet Harbour" in page.content.decode()
    assert "Hidden from default results" in page.content.decode()

    response = client.post(url(hidden), {"reason": "Phoned them: still running every week."})

    assert response.status_code == 302
    status = OrganisationStatus.objects.get(organisation=hidden)
    assert status.keep_listed
    assert status.keep_listed_reason == "Phoned them: still running every week."
    assert status.keep_listed_by == moderator
    assert status.keep_listed_at is not None
    assert is_listed(hidden)
    shown = client.get(url(hidden)).content.decode()
    assert "Phoned them: still running every week." in shown
    assert "mod@example.org" in shown
    assert "Stop keeping it listed" in shown


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_reason_is_required(client, hidden, reason):
    client.force_login(ModeratorFactory())

    response = client.post(url(hidden), {"reason": reason})

    assert response.status_code == 200
    assert "Enter why the listing should stay listed" in response.content.decode()
    assert not OrganisationStatus.objects.get(organisation=hidden).keep_listed
    assert not is_listed(hidden)
    with pytest.raises(ReasonRequired):
        keep_listed(hidden, " ", None)


def test_a_moderator_can_take_it_back(client, hidden):
    moderator = ModeratorFactory()
    keep_listed(hidden, "Checked their website", moderator)
    client.force_login(moderator)

    response = client.post(url(hidden), {"action": "remove"})

    assert response.status_code == 302
    status = OrganisationStatus.objects.get(organisation=hidden)
    assert not status.keep_listed
    assert status.keep_listed_reason == "" and status.keep_listed_by is None
    assert not is_listed(hidden)


def test_the_page_is_reachable_from_the_listing_checks_and_the_page_tree(client, hidden):
    client.force_login(ModeratorFactory())

    checks = client.get(reverse("listing_checks:index")).content.decode()
    explorer = client.get(reverse("wagtailadmin_explore", args=[hidden.get_parent().pk]))
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[hidden.pk]))

    assert url(hidden) in checks
    assert url(hidden) in explorer.content.decode()
    assert url(hidden) in editor.content.decode()


def test_a_translation_is_kept_listed_with_its_listing(hidden):
    from wagtail.models import Locale

    translation = hidden.copy_for_translation(
        Locale.objects.create(language_code="cy"), copy_parents=True
    )
    translation.save_revision().publish()
    OrganisationStatus.objects.filter(organisation=translation).update(staleness_stage="hidden")

    keep_listed(hidden, "Checked", None)

    assert OrganisationStatus.objects.get(organisation=translation).keep_listed


@pytest.mark.parametrize("who", ["commissioner", "owner", "someone", "staff without the role"])
def test_anyone_else_is_refused(client, hidden, who):
    person = {
        "commissioner": commissioner,
        "owner": lambda: member_of(hidden, "owner"),
        "someone": VerifiedUserFactory,
        "staff without the role": lambda: _staff_without_the_role(),
    }[who]()
    client.force_login(person)

    for response in (client.get(url(hidden)), client.post(url(hidden), {"reason": "Mine"})):
        if who in {"commissioner", "staff without the role"}:
            assert response.status_code == 403
        else:  # no admin access at all: sent to sign in
            assert response.status_code == 302 and "login" in response["Location"]
    assert not OrganisationStatus.objects.get(organisation=hidden).keep_listed


def _staff_without_the_role():
    from django.contrib.auth.models import Permission

    user = VerifiedUserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    activate_authenticator_app(user)
    return user


def test_anonymous_people_are_sent_to_sign_in(client, hidden):
    response = client.post(url(hidden), {"reason": "Mine"})

    assert response.status_code == 302 and "login" in response["Location"]
    assert not OrganisationStatus.objects.get(organisation=hidden).keep_listed


def test_a_site_admin_may_keep_listed(client, hidden):
    admin = StaffUserFactory()
    client.force_login(admin)

    client.post(url(hidden), {"reason": "Known to us"})

    assert OrganisationStatus.objects.get(organisation=hidden).keep_listed_by == admin


def test_the_stage_choices_name_the_final_reminder():
    assert StalenessStage.FINAL_REMINDER.label == "Final reminder sent"
