"""Creating, changing and deleting pipeline alerts, for oneself or an organisation; nobody
touches someone else's alert."""

import pytest

from core.models import Region, ServiceCategory
from pipeline.models import AlertSubscription
from tests.factories import OrganisationPageFactory
from tests.factories.accounts import VerifiedUserFactory, member_of
from tests.factories.core import region, term

pytestmark = pytest.mark.django_db


def test_create_change_and_delete_an_alert(client):
    charity = OrganisationPageFactory(title="Sisters Together")
    person = member_of(charity)
    client.force_login(person)
    form = client.get("/pipeline-alerts/new/").content.decode()
    assert "Just me" in form and "Sisters Together" in form and "London" in form

    london, accommodation = region("london"), term(ServiceCategory, "accommodation")
    response = client.post(
        "/pipeline-alerts/new/",
        {
            "organisation": charity.pk,
            "regions": [london.pk],
            "categories": [accommodation.pk],
            "kinds": ["grant"],
        },
    )
    assert response.status_code == 302
    (alert,) = AlertSubscription.objects.all()
    assert (alert.user, alert.organisation, alert.kinds) == (person, charity, ["grant"])
    assert list(alert.regions.all()) == [london]
    listing = client.get("/pipeline-alerts/").content.decode()
    assert "for Sisters Together" in listing and "Accommodation" in listing
    assert "Pipeline alerts" in client.get("/account/").content.decode()

    client.post(f"/pipeline-alerts/{alert.pk}/", {"organisation": "", "kinds": []})
    alert.refresh_from_db()
    assert (alert.organisation, alert.kinds, alert.regions.count()) == (None, [], 0)

    assert client.get(f"/pipeline-alerts/{alert.pk}/delete/").status_code == 200
    client.post(f"/pipeline-alerts/{alert.pk}/delete/")
    assert not AlertSubscription.objects.exists()


def test_an_alert_for_an_organisation_one_does_not_act_for_is_refused(client):
    client.force_login(VerifiedUserFactory())
    other = OrganisationPageFactory()
    response = client.post("/pipeline-alerts/new/", {"organisation": other.pk})
    # Someone who acts for no organisation is not asked: their alert is their own.
    assert response.status_code == 302
    assert AlertSubscription.objects.get().organisation is None


def test_an_organisation_one_does_not_act_for_cannot_be_chosen(client):
    client.force_login(member_of(OrganisationPageFactory()))
    other = OrganisationPageFactory()
    response = client.post("/pipeline-alerts/new/", {"organisation": other.pk})
    assert response.status_code == 400
    assert not AlertSubscription.objects.exists()


def test_nobody_sees_or_changes_someone_elses_alert(client):
    alert = AlertSubscription.objects.create(user=VerifiedUserFactory())
    alert.regions.set([Region.objects.in_default_locale().first()])
    client.force_login(VerifiedUserFactory())
    for path in (f"/pipeline-alerts/{alert.pk}/", f"/pipeline-alerts/{alert.pk}/delete/"):
        assert client.get(path).status_code == 404
        assert client.post(path, {}).status_code == 404
    assert AlertSubscription.objects.filter(pk=alert.pk).exists()
    client.logout()
    assert client.get("/pipeline-alerts/")["Location"].startswith("/account/login/")
