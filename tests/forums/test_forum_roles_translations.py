"""A forum's translations are the same forum: its managers group's page permissions cover the
English page and its Welsh version, whichever one an editor saves, and its managers (and
nobody else's) see the records of the Welsh version's events and consultations."""

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import GroupCollectionPermission, GroupPagePermission, Locale

import pytest

from forums.models import (
    ConsultationResponse,
    EventPage,
    ForumIndexPage,
    RegionalForumPage,
    ResponseStatus,
)
from forums.roles import (
    NATIONAL_FORUM_MANAGERS,
    can_manage_consultation,
    can_manage_forum,
    managed_forums,
    reach_regions,
)
from pipeline.models import PipelineIndexPage
from tests.factories import (
    ConsultationPageFactory,
    EventPageFactory,
    EventRegistrationFactory,
    OrganisationPageFactory,
)
from tests.factories.accounts import VerifiedUserFactory, activate_authenticator_app

pytestmark = pytest.mark.django_db

WALES = "Forum managers: Wales"
LONDON = "Forum managers: London"


def _in_group(name):
    user = VerifiedUserFactory()
    user.groups.add(Group.objects.get(name=name))
    activate_authenticator_app(user)
    return user


def _refused(response):
    """Wagtail's admin answers a refusal with a redirect to the dashboard (or a 403)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == "/admin/"
    )


def _granted_on(group_name):
    """The forum pages a group has rights on (regional managers also have the commissioning
    pipeline's page, where they publish their region's opportunities: see tests/pipeline)."""
    return set(
        GroupPagePermission.objects.filter(group__name=group_name)
        .exclude(page__in=PipelineIndexPage.objects.all())
        .values_list("page_id", flat=True)
    )


def _every_grant():
    pages = GroupPagePermission.objects.values_list(
        "group__name", "page_id", "permission__codename"
    )
    collections = GroupCollectionPermission.objects.values_list(
        "group__name", "collection_id", "permission__codename"
    )
    return set(pages), set(collections)


@pytest.fixture
def site(db):
    call_command("setup_site", verbosity=0)
    english, welsh = Locale.get_default(), Locale.objects.get(language_code="cy")
    return {
        "wales": RegionalForumPage.objects.get(region__slug="wales", locale=english),
        "cymru": RegionalForumPage.objects.get(region__slug="wales", locale=welsh),
        "index": ForumIndexPage.objects.get(locale=english),
        "mynegai": ForumIndexPage.objects.get(locale=welsh),
    }


def test_setup_site_grants_the_wales_managers_both_versions_of_their_forum(site):
    assert _granted_on(WALES) == {site["wales"].pk, site["cymru"].pk}
    assert _granted_on(NATIONAL_FORUM_MANAGERS) == {site["index"].pk, site["mynegai"].pk}


def test_publishing_the_welsh_wales_forum_keeps_the_english_grant(site):
    cymru = site["cymru"]
    cymru.introduction = "<p>Croeso i Fforwm Cymru.</p>"
    cymru.save_revision().publish()
    cymru.save()

    assert _granted_on(WALES) == {site["wales"].pk, cymru.pk}


def test_publishing_the_welsh_forum_index_keeps_the_national_grant(site):
    site["mynegai"].save_revision().publish()

    assert _granted_on(NATIONAL_FORUM_MANAGERS) == {site["index"].pk, site["mynegai"].pk}


def test_saving_a_translation_puts_back_a_grant_taken_from_the_english_page(site):
    """As a site that ran the earlier code has it after someone published the Welsh page."""
    GroupPagePermission.objects.filter(group__name=WALES, page=site["wales"]).delete()

    site["cymru"].save_revision().publish()

    assert _granted_on(WALES) == {site["wales"].pk, site["cymru"].pk}


def test_the_wales_managers_edit_both_versions_and_another_region_neither(client, site):
    wales_manager, london_manager = _in_group(WALES), _in_group(LONDON)
    welsh_event = EventPageFactory(parent=site["cymru"], title="Cyfarfod y fforwm")
    site["cymru"].save_revision().publish()

    for page in (site["wales"], site["cymru"], welsh_event):
        assert page.permissions_for_user(wales_manager).can_edit(), page.title
        assert page.permissions_for_user(wales_manager).can_publish(), page.title
        assert not page.permissions_for_user(london_manager).can_edit(), page.title
    client.force_login(wales_manager)
    for page in (site["wales"], site["cymru"]):
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    client.force_login(london_manager)
    for page in (site["wales"], site["cymru"]):
        assert _refused(client.get(f"/admin/pages/{page.pk}/edit/"))


def test_national_managers_add_consultations_under_both_forum_indexes(site):
    manager = _in_group(NATIONAL_FORUM_MANAGERS)
    site["mynegai"].save_revision().publish()

    for index in (site["index"], site["mynegai"]):
        assert index.permissions_for_user(manager).can_add_subpage()
        assert not index.permissions_for_user(manager).can_edit()
    for forum in (site["wales"], site["cymru"]):
        assert not forum.permissions_for_user(manager).can_edit()


def test_setup_site_twice_changes_nothing(site, capsys):
    before = _every_grant()

    call_command("setup_site")

    assert "nothing to do" in capsys.readouterr().out
    assert _every_grant() == before


def _welsh_records(site):
    event = EventPageFactory(parent=site["cymru"], title="Cyfarfod y fforwm")
    EventRegistrationFactory(event=event, access_needs="Dolen sain")
    consultation = ConsultationPageFactory(parent=site["cymru"], title="Arolwg Cymru")
    ConsultationResponse.objects.create(
        consultation=consultation,
        user=VerifiedUserFactory(),
        organisation=OrganisationPageFactory(title="Ail Gyfle"),
        for_organisation=True,
        status=ResponseStatus.SUBMITTED,
        submitted_on=timezone.localdate(),
    )
    return event, consultation


def test_a_welsh_event_belongs_to_wales(site):
    event, consultation = _welsh_records(site)

    assert EventPage.objects.get(pk=event.pk).forum_region.slug == "wales"
    assert event.locale.language_code == "cy"
    assert consultation.forum_region.slug == "wales"


def test_only_the_wales_managers_see_the_welsh_forums_personal_data(client, site):
    event, consultation = _welsh_records(site)
    wales_manager, london_manager = _in_group(WALES), _in_group(LONDON)
    national_manager = _in_group(NATIONAL_FORUM_MANAGERS)
    urls = [
        f"/admin/forums/events/{event.pk}/registrations/",
        f"/admin/forums/events/{event.pk}/registrations.csv",
        f"/admin/forums/{site['cymru'].pk}/members/",
        f"/admin/forums/consultations/{consultation.pk}/responses/",
        f"/admin/forums/consultations/{consultation.pk}/responses.csv",
    ]

    assert can_manage_forum(wales_manager, site["cymru"])
    assert can_manage_consultation(wales_manager, consultation)
    client.force_login(wales_manager)
    assert [client.get(url).status_code for url in urls] == [200] * len(urls)
    assert "Dolen sain" in client.get(urls[1]).text
    for outsider in (london_manager, national_manager):
        assert not can_manage_forum(outsider, site["cymru"])
        assert not can_manage_consultation(outsider, consultation)
        client.force_login(outsider)
        assert all(_refused(client.get(url)) for url in urls)


def test_the_wales_managers_forums_list_and_reach_report_have_wales_once(client, site):
    wales_manager = _in_group(WALES)

    assert managed_forums(wales_manager) == [site["wales"], site["cymru"]]
    assert [region.slug for region in reach_regions(wales_manager)] == ["wales"]
    client.force_login(wales_manager)
    listing = client.get("/admin/forums/").text
    assert "Wales forum" in listing and "Fforwm Cymru" in listing
    assert "London forum" not in listing
    report = client.get("/admin/forums/reach/", {"region": "wales"})
    assert report.status_code == 200
    assert report.text.count('<option value="wales"') == 1
    client.force_login(_in_group(LONDON))
    assert _refused(client.get("/admin/forums/reach/", {"region": "wales"}))
