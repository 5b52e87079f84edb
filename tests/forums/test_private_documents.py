"""Documents for a consultation's respondents only: listed on its page to the people who may
respond (and to its managers), opened through a signed link that works for one person and
expires, never served by Wagtail's public document URL; and, with object storage
configured, kept in a private bucket and handed out as short-lived presigned URLs."""

import datetime
import runpy
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.permissions import policy_registry

import pytest
import time_machine

from forums.consultations.private_documents import make_token
from forums.models import ConsultationDocument, ConsultationPrivateDocument, ConsultationResponse
from forums.roles import (
    NATIONAL_DOCUMENTS_COLLECTION,
    forum_documents_collection_name,
    forum_managers_group_name,
)
from home.respondents_collections import (
    RESPONDENTS_COLLECTION,
    ensure_respondents_collection,
    ensure_respondents_collections,
)
from tests.factories.accounts import VerifiedUserFactory, activate_authenticator_app
from tests.forums.consultation_helpers import _manager_of

pytestmark = pytest.mark.django_db

PLAN = b"%PDF-1.4 the draft funding plan"
PRIVATE_TITLE = "Draft funding plan"
PUBLIC_TITLE = "Consultation summary"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def respondents_collection(forum):
    return ensure_respondents_collection(
        forum_documents_collection_name(forum), forum_managers_group_name(forum)
    )


def _document(title, collection, content=PLAN, name="plan.pdf"):
    return Document.objects.create(
        title=title, file=ContentFile(content, name=name), collection=collection
    )


def _with_documents(consultation, respondents_collection):
    public = _document(PUBLIC_TITLE, Collection.get_first_root_node(), b"summary", "summary.pdf")
    ConsultationDocument.objects.create(page=consultation, document=public)
    private = _document(PRIVATE_TITLE, respondents_collection)
    ConsultationPrivateDocument.objects.create(page=consultation, document=private)
    return private


@pytest.fixture
def survey_documents(survey, respondents_collection):
    """The feedback survey of the North East forum's meeting: only people who came may
    respond."""
    return _with_documents(survey, respondents_collection)


@pytest.fixture
def attendee(registrations):
    return registrations["attended"].user


def _link(client, consultation):
    """The href of the first document-for-respondents link on the page, or None."""
    page = client.get(consultation.url).content.decode()
    prefix = f'href="/consultations/{consultation.pk}/documents/'
    if prefix not in page:
        return None
    start = page.index(prefix) + len('href="')
    return page[start : page.index('"', start)]


def _body(response):
    return b"".join(response.streaming_content)


def _as(role, forum, other_forum, attendee, person):
    if role == "anonymous":
        return None
    if role == "superuser":
        user = VerifiedUserFactory(is_superuser=True, is_staff=True)
        activate_authenticator_app(user)
        return user
    return {
        "member not eligible": lambda: person,
        "respondent": lambda: attendee,
        "manager of this forum": lambda: _manager_of(forum),
        "manager of another forum": lambda: _manager_of(other_forum),
    }[role]()


MATRIX = [
    ("anonymous", False),
    ("member not eligible", False),
    ("respondent", True),
    ("manager of this forum", True),
    ("manager of another forum", False),
    ("superuser", True),
]


@pytest.mark.parametrize(("role", "may_read"), MATRIX)
def test_documents_for_respondents_are_shown_and_opened_only_by_who_may_read_them(
    client, survey, survey_documents, forum, other_forum, attendee, person, role, may_read
):
    user = _as(role, forum, other_forum, attendee, person)
    if user is not None:
        client.force_login(user)
    page = client.get(survey.url).content.decode()
    assert PUBLIC_TITLE in page
    assert (PRIVATE_TITLE in page) is may_read
    assert (f"/consultations/{survey.pk}/documents/" in page) is may_read
    assert "plan.pdf" not in page  # never the file's own address
    if user is None:
        return
    # A link signed for this very person still opens nothing unless the rule allows them.
    token = make_token(survey, survey_documents, user)
    response = client.get(f"/consultations/{survey.pk}/documents/{token}/")
    if may_read:
        assert response.status_code == 200
        assert _body(response) == PLAN
    else:
        assert response.status_code == 403
        assert "only for people who may respond" in response.content.decode()


def test_the_link_downloads_the_file_for_the_respondent(client, survey, survey_documents, attendee):
    client.force_login(attendee)
    page = client.get(survey.url).content.decode()
    assert "These links are for you alone and work for 10 minutes." in page
    response = client.get(_link(client, survey))
    assert response.status_code == 200
    assert _body(response) == PLAN
    assert response["Content-Disposition"] == 'attachment; filename="plan.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_same_link_is_refused_to_anyone_else(client, survey, survey_documents, attendee, forum):
    client.force_login(attendee)
    link = _link(client, survey)
    # The forum's manager may read the document, but through links of their own.
    client.force_login(_manager_of(forum))
    response = client.get(link)
    assert response.status_code == 403
    page = response.content.decode()
    assert "This link was made for someone else" in page
    assert f'href="{survey.url}"' in page
    assert response["Cache-Control"] == "private, no-store"


def test_a_tampered_link_is_refused(client, survey, survey_documents, attendee, consultation):
    client.force_login(attendee)
    link = _link(client, survey)
    token = link.rstrip("/").rsplit("/", 1)[1]
    changed = token[:-1] + ("A" if token[-1] != "A" else "B")
    for tampered in (
        f"/consultations/{survey.pk}/documents/{changed}/",
        f"/consultations/{survey.pk}/documents/not-a-token/",
        # A good token shown on one consultation's page, tried on another's address.
        f"/consultations/{consultation.pk}/documents/{token}/",
    ):
        response = client.get(tampered)
        assert response.status_code == 403
        assert "This link does not work" in response.content.decode()
        assert "Go back to the consultation for a fresh link" in response.content.decode()


def test_an_expired_link_is_refused_with_a_page_sending_them_back_for_a_fresh_one(
    client, survey, survey_documents, attendee
):
    client.force_login(attendee)
    link = _link(client, survey)
    later = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(minutes=11)
    with time_machine.travel(later):
        response = client.get(link)
    assert response.status_code == 410
    page = response.content.decode()
    assert "This link has expired" in page
    assert "work for 10 minutes after the consultation page is shown" in page
    assert f'href="{survey.url}"' in page
    assert "Go back to the consultation for a fresh link" in page
    assert "Traceback" not in page


def test_a_link_stops_working_when_its_person_may_no_longer_respond(
    client, survey, survey_documents, registrations
):
    registration = registrations["attended"]
    client.force_login(registration.user)
    link = _link(client, survey)
    assert link is not None
    registration.status = "cancelled"
    registration.save()
    assert client.get(link).status_code == 403
    assert _link(client, survey) is None


def test_someone_signed_out_since_is_asked_to_sign_in_and_sent_back_to_the_consultation(
    client, survey, survey_documents, attendee
):
    client.force_login(attendee)
    link = _link(client, survey)
    client.logout()
    response = client.get(link)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == "/account/login/"
    assert parse_qs(location.query)["next"] == [survey.url]


def test_wagtail_does_not_serve_a_document_for_respondents_to_the_public(
    client, survey, survey_documents, attendee, forum
):
    response = client.get(survey_documents.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
    # Nor to respondents: their way in is the consultation's signed link.
    client.force_login(attendee)
    assert client.get(survey_documents.url).status_code == 302
    client.force_login(_manager_of(forum))
    response = client.get(survey_documents.url)
    assert response.status_code == 200
    assert _body(response) == PLAN


class TestAnOrdinaryConsultation:
    @pytest.fixture
    def private(self, consultation, respondents_collection):
        return _with_documents(consultation, respondents_collection)

    def test_anyone_signed_in_may_read_them_while_it_is_open(
        self, client, consultation, private, person
    ):
        client.force_login(person)
        assert PRIVATE_TITLE in client.get(consultation.url).content.decode()
        assert _body(client.get(_link(client, consultation))) == PLAN

    def test_signed_out_visitors_are_told_to_sign_in_but_not_what_the_documents_are(
        self, client, consultation, private
    ):
        page = client.get(consultation.url).content.decode()
        assert PRIVATE_TITLE not in page
        assert "There are more documents for people who respond." in page
        assert "Sign in to read them" in page

    def test_once_closed_only_the_people_who_responded_may_read_them(
        self, client, consultation, private, person, submitted, charity_worker
    ):
        consultation.closes_at = consultation.opens_at + datetime.timedelta(days=1)
        consultation.save()
        client.force_login(person)
        assert PRIVATE_TITLE not in client.get(consultation.url).content.decode()
        client.force_login(charity_worker)
        assert ConsultationResponse.objects.filter(user=charity_worker).exists()
        assert _body(client.get(_link(client, consultation))) == PLAN

    def test_nothing_is_said_when_it_has_none(self, client, consultation):
        page = client.get(consultation.url).content.decode()
        assert "There are more documents for people who respond." not in page


class TestTheEditor:
    def test_a_document_for_respondents_must_live_in_a_restricted_collection(
        self, consultation, respondents_collection
    ):
        public = _document("Anyone's", Collection.get_first_root_node())
        with pytest.raises(ValidationError) as error:
            ConsultationPrivateDocument(page=consultation, document=public).clean()
        assert "For respondents only" in str(error.value)
        private = _document("Respondents'", respondents_collection)
        ConsultationPrivateDocument(page=consultation, document=private).clean()

    def test_a_background_document_must_not_be_in_a_restricted_collection(
        self, consultation, respondents_collection
    ):
        private = _document("Respondents'", respondents_collection)
        with pytest.raises(ValidationError) as error:
            ConsultationDocument(page=consultation, document=private).clean()
        assert "Documents for respondents only" in str(error.value)

    def test_each_forum_gets_a_collection_restricted_to_its_managers_once(self, forum, tree):
        first = ensure_respondents_collections([forum])
        again = ensure_respondents_collections([forum])
        assert [c.pk for c in first] == [c.pk for c in again]
        regional, national = first
        assert regional.name == national.name == RESPONDENTS_COLLECTION
        assert regional.get_parent().name == forum_documents_collection_name(forum)
        assert national.get_parent().name == NATIONAL_DOCUMENTS_COLLECTION
        [restriction] = CollectionViewRestriction.objects.filter(collection=regional)
        assert restriction.restriction_type == "groups"
        assert list(restriction.groups.all()) == [
            Group.objects.get(name=forum_managers_group_name(forum))
        ]
        assert Collection.objects.filter(name=RESPONDENTS_COLLECTION).count() == 2

    def test_its_forum_managers_may_upload_and_choose_there(self, forum, respondents_collection):
        policy = policy_registry.get_by_type(get_document_model())
        manager = _manager_of(forum)
        for action in ("add", "choose"):
            assert respondents_collection in policy.collections_user_has_permission_for(
                manager, action
            )


# Object storage (S3), against moto's S3 server on loopback.

BUCKET = "commonground-media"


@pytest.fixture
def s3(monkeypatch, settings):
    """A private bucket on a moto server, and the settings base.py makes when
    AWS_STORAGE_BUCKET_NAME names it."""
    import boto3
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", BUCKET)
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", endpoint)
    monkeypatch.setenv("AWS_S3_REGION_NAME", "eu-west-2")
    boto3.client("s3", endpoint_url=endpoint, region_name="eu-west-2").create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
    )
    base = Path(__file__).resolve().parents[2] / "config" / "settings" / "base.py"
    configured = runpy.run_path(str(base))
    settings.STORAGES = {**settings.STORAGES, "default": configured["STORAGES"]["default"]}
    settings.WAGTAILDOCS_SERVE_METHOD = configured["WAGTAILDOCS_SERVE_METHOD"]
    yield boto3.client("s3", endpoint_url=endpoint, region_name="eu-west-2"), endpoint
    # Moto keeps its buckets in the process, whichever server it started: forget them.
    reset = urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST")
    urllib.request.urlopen(reset).close()  # noqa: S310
    server.stop()


def test_the_settings_choose_object_storage_only_when_a_bucket_is_named(s3):
    base = Path(__file__).resolve().parents[2] / "config" / "settings" / "base.py"
    configured = runpy.run_path(str(base))
    options = configured["STORAGES"]["default"]["OPTIONS"]
    assert configured["STORAGES"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert options["default_acl"] == "private"
    assert options["querystring_auth"] is True
    assert options["file_overwrite"] is False
    assert "access_key" not in options and "secret_key" not in options
    assert configured["WAGTAILDOCS_SERVE_METHOD"] == "redirect"
    assert "whitenoise" in configured["STORAGES"]["staticfiles"]["BACKEND"]


def test_with_object_storage_the_link_redirects_to_a_presigned_url_that_expires(
    client, s3, survey, respondents_collection, attendee
):
    bucket, endpoint = s3
    private = _with_documents(survey, respondents_collection)
    keys = [o["Key"] for o in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert private.file.name in keys

    client.force_login(attendee)
    response = client.get(_link(client, survey))
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    location = response["Location"]
    assert location.startswith(f"{endpoint}/{BUCKET}/{private.file.name}?")
    query = parse_qs(urlsplit(location).query)
    assert query["X-Amz-Expires"] == ["60"]
    assert "attachment" in query["response-content-disposition"][0]
    with urllib.request.urlopen(location) as fetched:  # noqa: S310 (the moto server)
        assert fetched.read() == PLAN

    # The object itself is private: without the signature, nothing.
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{endpoint}/{BUCKET}/{private.file.name}")  # noqa: S310
    assert refused.value.code == 403


def test_with_object_storage_wagtail_still_refuses_the_public_and_redirects_managers(
    client, s3, survey, respondents_collection, forum
):
    _bucket, endpoint = s3
    private = _with_documents(survey, respondents_collection)
    response = client.get(private.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
    client.force_login(_manager_of(forum))
    response = client.get(private.url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{endpoint}/{BUCKET}/")
    assert "X-Amz-Signature=" in response["Location"]
