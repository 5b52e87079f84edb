"""The admin report of searches that found nothing: the needs the directory does not meet."""

import csv
import datetime
import io

from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
import time_machine

from search.log import record_search
from tests.factories import UserFactory
from tests.factories.accounts import StaffUserFactory

pytestmark = pytest.mark.django_db

URL = reverse("search_no_results_report")
TODAY = datetime.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


def searched(query, times=1, *, days_ago=0, filters=None, result_count=0):
    for _ in range(times):
        record_search(
            "services",
            query,
            filters or {},
            result_count,
            today=TODAY - datetime.timedelta(days=days_ago),
        )


def editor(*extra_permissions):
    """A person who can use the admin (and nothing else), plus any permissions given."""
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in extra_permissions:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


@pytest.fixture
def superuser_client(client):
    client.force_login(StaffUserFactory())
    return client


def rows(response):
    return [
        (row["query"], row["filters_text"], row["times"], row["last_seen"])
        for row in response.context["object_list"]
    ]


def test_zero_result_searches_are_listed_most_frequent_first(superuser_client):
    searched("ipp support", 2)
    searched("arson", 5, days_ago=3)
    searched("gambling", 3, days_ago=1)

    response = superuser_client.get(URL)

    assert [row[0] for row in rows(response)] == ["arson", "gambling", "ipp support"]


def test_times_add_up_over_days_and_the_last_day_is_shown(superuser_client):
    searched("arson", 2, days_ago=10)
    searched("arson", 1, days_ago=2)

    response = superuser_client.get(URL)

    assert rows(response) == [("arson", "", 3, TODAY - datetime.timedelta(days=2))]


def test_searches_that_found_something_are_not_listed(superuser_client):
    searched("housing", 9, result_count=12)
    searched("arson")

    response = superuser_client.get(URL)

    assert [row[0] for row in rows(response)] == ["arson"]


def test_filters_are_shown_as_param_equals_value(superuser_client):
    searched("", filters={"region": ["wales"], "category": ["housing", "debt"]})

    response = superuser_client.get(URL)

    assert rows(response)[0][1] == "category=debt, category=housing, region=wales"
    assert b"category=debt, category=housing, region=wales" in response.content


def test_the_report_covers_the_last_30_days_by_default(superuser_client):
    searched("this month", days_ago=29)
    searched("last month", days_ago=30)

    response = superuser_client.get(URL)

    assert [row[0] for row in rows(response)] == ["this month"]


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("7", ["this week"]),
        ("90", ["this week", "this quarter"]),
        ("365", ["this week", "this quarter", "this year"]),
    ],
)
def test_the_report_covers_the_chosen_period(superuser_client, period, expected):
    searched("this week", 3, days_ago=6)
    searched("this quarter", 2, days_ago=89)
    searched("this year", 1, days_ago=364)

    response = superuser_client.get(URL, {"period": period})

    assert [row[0] for row in rows(response)] == expected


def test_an_unknown_period_falls_back_to_30_days(superuser_client):
    searched("this month", days_ago=29)
    searched("this year", days_ago=300)

    response = superuser_client.get(URL, {"period": "forever"})

    assert [row[0] for row in rows(response)] == ["this month"]


def test_the_csv_export_has_every_zero_result_search(superuser_client):
    searched("arson", 2, filters={"region": ["london"]})
    searched("gambling", 1)

    response = superuser_client.get(URL, {"export": "csv"})

    assert response["Content-Type"] == "text/csv"
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(content))) == [
        ["Search text", "Filters", "Times searched", "Last searched", "Index"],
        ["arson", "region=london", "2", "2026-06-15", "services"],
        ["gambling", "", "1", "2026-06-15", "services"],
    ]


def test_the_report_makes_the_same_number_of_queries_however_many_searches_it_lists(
    superuser_client,
):
    searched("arson")
    with CaptureQueriesContext(connection) as few:
        superuser_client.get(URL)

    for n in range(30):
        searched(f"need {n}", filters={"region": ["london"]})
    with CaptureQueriesContext(connection) as many:
        superuser_client.get(URL)

    assert len(many) == len(few)


# Who may see the report.


def test_someone_signed_out_is_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_signed_in_person_without_admin_access_is_turned_away(client):
    searched("arson")
    client.force_login(UserFactory())

    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_an_editor_without_the_search_log_permission_is_turned_away(client):
    searched("arson")
    client.force_login(editor())

    response = client.get(URL)

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_an_editor_without_the_permission_cannot_export_either(client):
    searched("arson")
    client.force_login(editor())

    response = client.get(URL, {"export": "csv"})

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_an_editor_with_the_search_log_permission_sees_the_report(client):
    searched("arson")
    client.force_login(editor("view_searchlogentry"))

    response = client.get(URL)

    assert response.status_code == 200
    assert b"arson" in response.content


def test_a_superuser_sees_the_report(superuser_client):
    searched("arson")

    response = superuser_client.get(URL)

    assert response.status_code == 200
    assert b"arson" in response.content


def test_the_reports_menu_offers_the_report_only_to_those_allowed_to_see_it(client):
    client.force_login(editor())
    assert URL.encode() not in client.get(reverse("wagtailadmin_home")).content

    client.force_login(editor("view_searchlogentry"))
    assert URL.encode() in client.get(reverse("wagtailadmin_home")).content
