"""Partnering: an organisation's owners and editors register (and withdraw) its interest in an
opportunity seeking specialist partners, once per organisation; who sees the interest in the
admin; interest counts as engagement in the reach report."""

import csv
import io

from django.contrib.auth.models import Group, Permission
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from wagtail.models import GroupPagePermission

import pytest

from directory.permissions import ensure_commissioners_group, ensure_moderators_group
from forums.reach.report import engagements, financial_quarter, reach_report
from pipeline.models import PartnerInterest
from pipeline.partnering.rules import register_interest
from tests.factories import OpportunityPageFactory, OrganisationPageFactory
from tests.factories.accounts import (
    StaffUserFactory,
    VerifiedUserFactory,
    activate_authenticator_app,
    member_of,
)
from tests.pipeline.alert_helpers import make_pipeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeking(db):
    return OpportunityPageFactory(
        parent=make_pipeline(), title="Women's centre partners", seeking_partners=True
    )


@pytest.fixture
def charity(db):
    return OrganisationPageFactory(title="Sisters Together")


@pytest.fixture
def owner(charity):
    return member_of(charity, email="owner@sisters.example")


def panel(page, user):
    request = RequestFactory().get(page.url)
    request.user = user
    template = Template("{% load partnering_tags %}{% partner_interest_panel page %}")
    return template.render(Context({"request": request, "page": page}))


def register_path(page):
    return f"/pipeline-partnering/{page.pk}/register/"


def test_signed_out_visitors_are_asked_to_sign_in_and_come_back(seeking):
    from django.contrib.auth.models import AnonymousUser

    html = panel(seeking, AnonymousUser())
    assert "Sign in to register interest" in html
    assert f"/account/login/?next={seeking.url}" in html


def test_an_owner_registers_interest_once_with_a_note_and_withdraws_it(
    client, seeking, charity, owner
):
    assert "Register interest for Sisters Together" in panel(seeking, owner)
    client.force_login(owner)
    data = {"organisation": charity.pk, "note": "We run a women's centre in Hackney."}
    response = client.post(register_path(seeking), data)
    assert response.status_code == 302 and response["Location"] == seeking.url
    client.post(register_path(seeking), {**data, "note": "Again"})

    (interest,) = PartnerInterest.objects.all()
    assert (interest.organisation, interest.user, interest.note) == (
        charity,
        owner,
        "We run a women's centre in Hackney.",
    )
    html = panel(seeking, owner)
    assert "Sisters Together registered interest" in html
    assert "Withdraw interest for Sisters Together" in html
    assert "Register interest for" not in html

    client.post(f"/pipeline-partnering/{seeking.pk}/withdraw/", {"organisation": charity.pk})
    assert not PartnerInterest.objects.exists()
    assert "Register interest for Sisters Together" in panel(seeking, owner)


def test_registering_twice_at_once_keeps_one(seeking, charity, owner):
    first, created = register_interest(seeking, charity, owner, "First")
    second, created_again = register_interest(seeking, charity, owner, "Second")
    assert (created, created_again, first.pk) == (True, False, second.pk)
    assert PartnerInterest.objects.count() == 1


def test_a_long_note_is_refused(client, seeking, charity, owner):
    client.force_login(owner)
    response = client.post(register_path(seeking), {"organisation": charity.pk, "note": "x" * 1001})
    assert response.status_code == 400
    assert not PartnerInterest.objects.exists()


def test_nobody_registers_for_an_organisation_they_do_not_act_for(client, seeking, charity):
    outsider = member_of(OrganisationPageFactory(title="Other charity"))
    client.force_login(outsider)
    response = client.post(register_path(seeking), {"organisation": charity.pk, "note": ""})
    assert response.status_code == 404
    assert not PartnerInterest.objects.exists()


def test_no_interest_when_the_opportunity_is_not_seeking_partners(client, charity, owner):
    page = OpportunityPageFactory(seeking_partners=False)
    assert panel(page, owner).strip() == ""
    client.force_login(owner)
    assert client.post(register_path(page), {"organisation": charity.pk}).status_code == 404
    assert not PartnerInterest.objects.exists()


# Who sees the interest


def _admin_user(*groups):
    user = VerifiedUserFactory()
    user.groups.add(*groups)
    activate_authenticator_app(user)
    return user


def _page_editor(page):
    """Someone given the right to edit this opportunity page in the admin by a group of
    their own (not one of the site's roles)."""
    group = Group.objects.create(name="Editors of the women's centre page")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=page, permission=Permission.objects.get(codename=codename)
        )
    return _admin_user(group)


def test_who_sees_the_interest(client, seeking, charity, owner):
    register_interest(seeking, charity, owner, "We run a women's centre.")
    url = f"/admin/pipeline/partnering/{seeking.pk}/"
    cases = [
        ("commissioner", _admin_user(ensure_commissioners_group()), True),
        ("site admin", StaffUserFactory(), True),
        ("editor of the page through a group of their own", _page_editor(seeking), False),
        ("moderator", _admin_user(ensure_moderators_group()), False),
        ("the organisation's owner", owner, False),
        ("someone else", VerifiedUserFactory(), False),
    ]
    for who, user, allowed in cases:
        client.force_login(user)
        for path in (url, url + "interest.csv", url + "interest.xlsx"):
            response = client.get(path)
            if allowed:
                assert response.status_code == 200, (who, path)
            else:
                assert response.status_code in (302, 403), (who, path)
                assert b"women's centre" not in response.content, (who, path)
    client.logout()
    assert client.get(url)["Location"].startswith("/account/login/")


def test_the_interest_lists_organisation_note_who_and_when(client, seeking, charity, owner):
    register_interest(seeking, charity, owner, "We run a women's centre.")
    client.force_login(StaffUserFactory())
    url = f"/admin/pipeline/partnering/{seeking.pk}/"
    html = client.get(url).content.decode()
    assert "Interest in partnering: Women&#x27;s centre partners" in html
    assert f'href="{charity.url}"' in html and "We run a women&#x27;s centre." in html
    assert "owner@sisters.example" in html

    rows = list(
        csv.reader(io.StringIO(client.get(url + "interest.csv").content.decode("utf-8-sig")))
    )
    assert rows[0] == ["Organisation", "Listing", "Note", "Registered by", "Email", "Registered"]
    assert rows[1][0] == "Sisters Together" and rows[1][1].endswith(charity.url)
    assert rows[1][2:5] == ["We run a women's centre.", owner.get_full_name(), owner.email]


# Reach


def test_interest_counts_as_engagement_in_the_reach_report(seeking, charity, owner):
    today = timezone.localdate()
    quarter = next(
        financial_quarter(year, number)
        for year in (today.year - 1, today.year)
        for number in (1, 2, 3, 4)
        if financial_quarter(year, number).contains(today)
    )
    assert charity.pk not in engagements(quarter)
    register_interest(seeking, charity, owner)
    assert engagements(quarter)[charity.pk] == {"partnering"}
    report = reach_report(None, quarter)
    assert charity.pk in report.engaged
