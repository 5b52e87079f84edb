"""Documents for a consultation's respondents only: who may read them, and the signed links
that open them.

The page lists them only to the people who may respond (and to the consultation's managers).
Each link is ours and carries a signed token naming the document, the consultation and the
person it was made for; it works for PRIVATE_DOCUMENT_LINK_SECONDS. Following it checks the
token and then asks the rule again (the person may have lost the right since), so a link
passed on, kept or guessed opens nothing. The file itself sits in a collection with a view
restriction, so Wagtail's public /documents/ URL does not serve it either (see
`in_restricted_collection` in forums/models/consultation_documents.py and
home/respondents_collections.py)."""

from dataclasses import dataclass
from enum import Enum

from django.conf import settings
from django.core import signing
from django.urls import reverse

from forums.consultations.rules import responses_of
from forums.feedback.rules import feedback_refusal
from forums.models import ConsultationPage, ConsultationState
from forums.roles import can_manage_consultation

SALT = "forums.consultations.private-document"


class LinkRefusal(Enum):
    """Why a link to a document for respondents opens nothing."""

    EXPIRED = "expired"
    BROKEN = "broken"  # tampered with, cut short, or for another consultation
    SOMEONE_ELSE = "someone-else"  # made for another person
    NOT_ALLOWED = "not-allowed"  # the person may no longer read the consultation's documents
    GONE = "gone"  # the document is no longer one of the consultation's


@dataclass
class PrivateDocumentLink:
    document: object
    url: str


class LinkRefused(Exception):
    def __init__(self, reason):
        super().__init__(reason.value)
        self.reason = reason


def may_read_private_documents(consultation, user, now=None):
    """The consultation's managers always; otherwise a signed-in person who may respond to it
    (before and while it is open; for an event's feedback survey, only those who came), or,
    once it has closed, who did respond. Anonymous respondents sign in to read them: a link
    is made for one person."""
    if not (user.is_authenticated and user.is_active):
        return False
    if can_manage_consultation(user, consultation):
        return True
    if feedback_refusal(consultation, user):
        return False
    if consultation.state(now) == ConsultationState.CLOSED:
        return responses_of(user, consultation).exists()
    return True


def private_documents_of(consultation):
    return [item.document for item in consultation.private_documents.select_related("document")]


def make_token(consultation, document, user):
    return signing.dumps(
        {"consultation": consultation.pk, "document": document.pk, "user": user.pk}, salt=SALT
    )


def private_document_links(consultation, user, now=None):
    """The documents for respondents with a fresh link each, if `user` may read them;
    otherwise none at all."""
    if not may_read_private_documents(consultation, user, now):
        return []
    return [
        PrivateDocumentLink(
            document,
            reverse(
                "forums_consultation_private_document",
                args=[consultation.pk, make_token(consultation, document, user)],
            ),
        )
        for document in private_documents_of(consultation)
    ]


def open_private_document(consultation_id, token, user):
    """(consultation, document) that `token` opens for `user`, or LinkRefused saying why."""
    try:
        claims = signing.loads(token, salt=SALT, max_age=settings.PRIVATE_DOCUMENT_LINK_SECONDS)
    except signing.SignatureExpired:
        raise LinkRefused(LinkRefusal.EXPIRED) from None
    except signing.BadSignature:
        raise LinkRefused(LinkRefusal.BROKEN) from None
    if not isinstance(claims, dict) or claims.get("consultation") != consultation_id:
        raise LinkRefused(LinkRefusal.BROKEN)
    if claims.get("user") != user.pk:
        raise LinkRefused(LinkRefusal.SOMEONE_ELSE)
    consultation = ConsultationPage.objects.filter(pk=consultation_id).first()
    if consultation is None:
        raise LinkRefused(LinkRefusal.GONE)
    if not (consultation.live or can_manage_consultation(user, consultation)):
        raise LinkRefused(LinkRefusal.GONE)
    if not may_read_private_documents(consultation, user):
        raise LinkRefused(LinkRefusal.NOT_ALLOWED)
    item = (
        consultation.private_documents.select_related("document")
        .filter(document_id=claims.get("document"))
        .first()
    )
    if item is None:
        raise LinkRefused(LinkRefusal.GONE)
    return consultation, item.document
