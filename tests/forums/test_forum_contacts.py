""" "Who runs this forum": the Regional Probation Director, the team's contacts and the forum's
own address on its page, a pointer to the general contact while nothing is filled in, and
the contacts kept up to date by the forum's managers in the Wagtail admin."""

import re

from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from core.models import SiteSettings
from forums.demo import load_forum_demo
from forums.models import ForumContact, RegionalForumPage
from tests.factories import RegionalForumPageFactory
from tests.forums.consultation_helpers import _manager_of

pytestmark = pytest.mark.django_db


def _team(client, forum):
    page = client.get(forum.url).content.decode()
    [section] = re.findall(r'<section aria-labelledby="forum-team">.*?</section>', page, re.S)
    return section


def test_the_forum_page_shows_who_runs_the_forum_and_how_to_reach_them(client, forum):
    forum.director_name = "Alex Morgan"
    forum.run_by = "<p>The regional team plans the events.</p>"
    forum.contact_email = "north-east.forum@example.org"
    forum.contact_phone = "0306 999 0001"
    forum.save()
    ForumContact.objects.create(
        forum=forum,
        name="Sam Taylor",
        role="Forum coordinator",
        email="sam.taylor@example.org",
        phone="0306 999 0002",
    )
    ForumContact.objects.create(forum=forum, name="Rachel Green", role="Engagement lead")

    team = _team(client, forum)
    assert re.search(r"Regional Probation Director</dt>\s*<dd[^>]*>Alex Morgan</dd>", team)
    assert "The regional team plans the events." in team
    assert re.search(r"Forum coordinator</dt>.*?Sam Taylor", team, re.S)
    assert 'href="mailto:sam.taylor@example.org"' in team
    assert 'href="tel:03069990002">0306 999 0002</a>' in team
    assert re.search(r"Engagement lead</dt>.*?Rachel Green", team, re.S)
    assert 'href="mailto:north-east.forum@example.org"' in team
    assert 'href="tel:03069990001"' in team
    assert "not added its contact details" not in team


def test_a_forum_without_a_team_points_to_the_general_contact(client, forum):
    assert "The regional team has not added its contact details yet." in _team(client, forum)

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.contact_email = "hello@example.org"
    site_settings.save()
    team = _team(client, forum)
    assert 'href="mailto:hello@example.org"' in team
    assert "<dl" not in team


def _forum_form(forum, contacts, saved=0):
    return nested_form_data(
        {
            "title": forum.title,
            "slug": forum.slug,
            "region": forum.region_id,
            "introduction": rich_text("<p>Events and consultations.</p>"),
            "director_name": "Alex Morgan",
            "run_by": rich_text(""),
            "team_contacts": inline_formset(contacts, initial=saved),
            "contact_email": "",
            "contact_phone": "",
            "terms_of_reference": rich_text(""),
            "how_to_join": rich_text(""),
            "action-publish": "action-publish",
        }
    )


def test_a_forum_manager_edits_the_contacts_in_the_admin(client, forum):
    client.force_login(_manager_of(forum))
    contact = {"name": "Sam Taylor", "role": "Forum coordinator"}
    response = client.post(
        f"/admin/pages/{forum.pk}/edit/",
        _forum_form(forum, [{**contact, "email": "sam.taylor@example.org", "phone": ""}]),
    )
    assert response.status_code == 302, response.content.decode()[:800]
    forum = RegionalForumPage.objects.get(pk=forum.pk)
    assert list(forum.team_contacts.values_list("name", "role", "email")) == [
        ("Sam Taylor", "Forum coordinator", "sam.taylor@example.org")
    ]
    assert 'href="mailto:sam.taylor@example.org"' in _team(client, forum)

    # The next edit replaces the contact: the page shows the new one only.
    [saved] = forum.team_contacts.all()
    response = client.post(
        f"/admin/pages/{forum.pk}/edit/",
        _forum_form(
            forum,
            [
                {"id": saved.pk, **contact, "email": "", "phone": "", "DELETE": "1"},
                {"name": "Nadia Ali", "role": "Head of partnerships", "email": "", "phone": ""},
            ],
            saved=1,
        ),
    )
    assert response.status_code == 302
    team = _team(client, forum)
    assert "Nadia Ali" in team and "Sam Taylor" not in team


def test_a_contact_needs_a_name_and_a_role(client, forum):
    client.force_login(_manager_of(forum))
    response = client.post(
        f"/admin/pages/{forum.pk}/edit/",
        _forum_form(forum, [{"name": "", "role": "", "email": "not-an-email", "phone": ""}]),
    )
    assert response.status_code == 200
    assert not ForumContact.objects.exists()


def test_another_regions_manager_cannot_edit_the_contacts(client, forum, other_forum):
    client.force_login(_manager_of(other_forum))
    response = client.post(
        f"/admin/pages/{forum.pk}/edit/",
        _forum_form(forum, [{"name": "Eve", "role": "Intruder", "email": "", "phone": ""}]),
    )
    assert response.status_code in (302, 403)
    assert not ForumContact.objects.exists()


def test_the_demo_gives_every_forum_a_team_once(tree):
    forums = [
        RegionalForumPageFactory(parent=tree.forums, region=slug)
        for slug in ("north-east", "london", "kent-surrey-and-sussex")
    ]
    load_forum_demo(forums)
    load_forum_demo(forums)
    for forum in RegionalForumPage.objects.filter(pk__in=[f.pk for f in forums]):
        assert forum.director_name and forum.contact_email.endswith("@example.org")
        contacts = list(forum.team_contacts.all())
        assert len(contacts) == 2
        assert all(c.email.endswith("@example.org") for c in contacts)
        # What the admin edits is the published version, contacts included.
        assert forum.get_latest_revision_as_object().team_contacts.count() == 2
