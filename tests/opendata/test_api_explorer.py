"""Try the API: every operation of the OpenAPI document has a form with a box for each of
its parameters; sending it leads to the API's own answer; a missing id is a clear error
that keeps what was typed. /api/docs leads here."""

import re

from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from tests.factories import build_site_tree

pytestmark = pytest.mark.django_db

EXPLORER = "/open-data/try-the-api/"
SEND = "/open-data/try-the-api/send/"


@pytest.fixture(autouse=True)
def site():
    build_site_tree()


@pytest.fixture
def openapi(client):
    return client.get("/api/openapi.json").json()


def explorer_page(client, path=EXPLORER):
    response = client.get(path)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_api_docs_address_leads_to_the_page(client):
    response = client.get("/api/docs")

    assert response.status_code in (301, 302)
    assert response["Location"].rstrip("/").endswith("/open-data/try-the-api")


def test_every_operation_has_a_form_with_a_box_for_each_of_its_parameters(client, openapi):
    soup = explorer_page(client)

    forms = {}
    for form in soup.select("main form"):
        heading = form.find_parent("section").find(["h2"]).get_text(" ", strip=True)
        forms[heading] = {box["name"] for box in form.select("input:not([type=hidden])")}
    expected = {
        f"GET {path}": {parameter["name"] for parameter in operation.get("parameters", [])}
        for path, methods in openapi["paths"].items()
        for operation in methods.values()
    }
    assert forms == expected
    assert len(forms) == 11


def test_every_box_has_a_label_and_says_whether_it_is_required(client):
    soup = explorer_page(client)

    for box in soup.select("main form input:not([type=hidden])"):
        label = soup.find("label", attrs={"for": box["id"]})
        hint = soup.find(id=box["aria-describedby"].split()[0])
        assert label.get_text(strip=True) == box["name"]
        assert ("Required." in hint.text) == (box["name"] == "record_id"), box["id"]
    assert len({box["id"] for box in soup.select("input[id]")}) == len(soup.select("input[id]"))


def test_sending_a_list_form_leads_to_that_request_without_the_empty_boxes(client):
    response = client.get(
        SEND,
        {"operation": "services", "search": "  housing   advice ", "page": "", "per_page": "10"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/api/services?search=housing+advice&per_page=10"
    assert client.get(response["Location"]).status_code == 200


def test_an_id_is_sent_as_one_path_segment(client):
    response = client.get(SEND, {"operation": "service", "record_id": "../../admin/"})

    assert response["Location"] == "/api/services/..%2F..%2Fadmin%2F"
    assert client.get(response["Location"]).status_code == 404


def test_a_missing_id_is_a_clear_error_on_its_own_form(client):
    response = client.get(SEND, {"operation": "organization", "record_id": "  "})

    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.select_one(".govuk-error-summary")
    link = summary.select_one("a")
    assert link["href"] == "#organization-record_id"
    assert "Enter record_id" in link.text
    box = soup.find(id="organization-record_id")
    assert "govuk-input--error" in box["class"]
    assert "organization-record_id-error" in box["aria-describedby"]
    assert soup.title.text.startswith("Error:")
    # Only that form shows the error.
    assert len(soup.select(".govuk-error-message")) == 1


def test_a_bad_value_is_left_to_the_api_to_explain(client):
    response = client.get(SEND, {"operation": "services", "per_page": "lots"})
    answer = client.get(response["Location"])

    assert answer.status_code == 400
    assert "per_page" in answer.json()["detail"]


def test_an_unknown_operation_is_not_found(client):
    assert client.get(SEND, {"operation": "delete_everything"}).status_code == 404
    assert client.get(SEND).status_code == 404


def test_the_page_is_in_welsh_with_the_apis_own_words_marked_english(client):
    soup = explorer_page(client, "/cy/open-data/try-the-api/")

    assert soup.html["lang"] == "cy"
    summary = soup.select_one("[data-testid=operation-services] p")
    assert summary["lang"] == "en"
    assert re.search(r"Rhowch gynnig", soup.h1.text)


def test_the_open_data_page_links_to_it(client):
    html = client.get(reverse("open_data")).content.decode()

    assert f'href="{reverse("open_data_api_explorer")}"' in html
