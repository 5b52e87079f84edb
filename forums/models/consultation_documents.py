"""A consultation's documents: the background documents anyone may read, and the documents
for its respondents only (read through forums/consultations/private_documents.py)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.documents import get_document_model_string
from wagtail.models import Orderable

RESTRICTED_COLLECTION_MESSAGE = _(
    "This document is in a collection for respondents only, so visitors could not open it. "
    "Add it under “Documents for respondents only”, or choose a public document."
)
PUBLIC_COLLECTION_MESSAGE = _(
    "Anyone could open this document through its public link. Upload or choose it in your "
    "forum's “For respondents only” collection."
)


def in_restricted_collection(document):
    """Whether Wagtail's document view refuses `document` to some visitors: its collection
    (or one above it) has a view restriction."""
    return document.collection.get_view_restrictions().exists()


class _ConsultationDocumentBase(Orderable):
    """A document attached to a consultation, in the editor's order."""

    document = models.ForeignKey(
        get_document_model_string(),
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )
    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        abstract = True


class ConsultationDocument(_ConsultationDocumentBase):
    page = ParentalKey(
        "forums.ConsultationPage", on_delete=models.CASCADE, related_name="documents"
    )

    def clean(self):
        super().clean()
        if self.document_id and in_restricted_collection(self.document):
            raise ValidationError({"document": RESTRICTED_COLLECTION_MESSAGE})


class ConsultationPrivateDocument(_ConsultationDocumentBase):
    """A document for the consultation's respondents only: listed on the page to the people
    who may respond and to the forum's managers, and opened through a signed link of ours
    that expires (forums/consultations/private_documents.py). Its file lives in a collection
    with a view restriction, so Wagtail's public document URL does not serve it either."""

    page = ParentalKey(
        "forums.ConsultationPage", on_delete=models.CASCADE, related_name="private_documents"
    )

    class Meta(_ConsultationDocumentBase.Meta):
        verbose_name = _("document for respondents only")
        verbose_name_plural = _("documents for respondents only")

    def clean(self):
        super().clean()
        if self.document_id and not in_restricted_collection(self.document):
            raise ValidationError({"document": PUBLIC_COLLECTION_MESSAGE})
