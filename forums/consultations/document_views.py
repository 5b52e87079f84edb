"""Opening a document for a consultation's respondents through its signed link: a short-lived
presigned URL on object storage, or the file streamed from local disk; a clear page when the
link no longer works. Who may, and what a link carries: private_documents.py."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forums.consultations.private_documents import (
    LinkRefusal,
    LinkRefused,
    open_private_document,
)
from forums.models import ConsultationPage

# The presigned URL is followed at once by the browser; it needs to live only that long.
PRESIGNED_URL_SECONDS = 60


def _no_store(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _stored_locally(file):
    try:
        file.storage.path(file.name)
    except NotImplementedError:
        return False
    return True


def document_download(document):
    """The file, as an attachment: streamed from local disk, or a redirect to a presigned
    URL that expires after PRESIGNED_URL_SECONDS (the bucket itself is private)."""
    file = document.file
    if _stored_locally(file):
        response = FileResponse(
            file.open("rb"),
            as_attachment=True,
            filename=document.filename,
            content_type=document.content_type,
        )
        # Nothing in the file runs if a browser shows it anyway (as Wagtail's view does).
        response["Content-Security-Policy"] = "default-src 'none'"
    else:
        disposition = content_disposition_header(as_attachment=True, filename=document.filename)
        response = HttpResponseRedirect(
            file.storage.url(
                file.name,
                parameters={"ResponseContentDisposition": disposition},
                expire=PRESIGNED_URL_SECONDS,
            )
        )
    return _no_store(response)


REFUSAL_STATUS = {LinkRefusal.EXPIRED: 410, LinkRefusal.GONE: 410}


def _refusal_words(reason):
    """(heading, message) for the person whose link opened nothing."""
    if reason == LinkRefusal.EXPIRED:
        minutes = settings.PRIVATE_DOCUMENT_LINK_SECONDS // 60
        return _("This link has expired"), ngettext(
            "Links to documents for respondents work for %(minutes)d minute after the "
            "consultation page is shown.",
            "Links to documents for respondents work for %(minutes)d minutes after the "
            "consultation page is shown.",
            minutes,
        ) % {"minutes": minutes}
    if reason == LinkRefusal.SOMEONE_ELSE:
        return _("This link was made for someone else"), _(
            "Links to documents for respondents work only for the person they were shown to. "
            "If you may respond to the consultation, its page shows you links of your own."
        )
    if reason == LinkRefusal.NOT_ALLOWED:
        return _("You cannot open this document"), _(
            "This document is only for people who may respond to the consultation."
        )
    if reason == LinkRefusal.GONE:
        return _("This document is no longer available"), _(
            "It has been taken off the consultation."
        )
    return _("This link does not work"), _(
        "It may have been cut short or changed when it was copied."
    )


def _refused_page(request, consultation_id, reason):
    heading, message = _refusal_words(reason)
    response = TemplateResponse(
        request,
        "forums/private_document_refused.html",
        {
            "consultation": ConsultationPage.objects.live().filter(pk=consultation_id).first(),
            "heading": heading,
            "message": message,
        },
        status=REFUSAL_STATUS.get(reason, 403),
    )
    return _no_store(response)


def private_document(request, consultation_id, token):
    if not request.user.is_authenticated:
        # Signed out since the page was shown: after signing in, the consultation page gives
        # the person links of their own.
        consultation = ConsultationPage.objects.live().filter(pk=consultation_id).first()
        if consultation is not None:
            return _no_store(redirect_to_login(consultation.url))
    try:
        _consultation, document = open_private_document(consultation_id, token, request.user)
    except LinkRefused as refused:
        return _refused_page(request, consultation_id, refused.reason)
    return document_download(document)
