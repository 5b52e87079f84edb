"""A consultation's documents for respondents, on its page: listed with a fresh signed link
each to the people who may read them (forums/consultations/private_documents.py), to
nobody else."""

from django import template
from django.conf import settings

from forums.consultations.private_documents import private_document_links
from forums.models import ConsultationState

register = template.Library()


@register.inclusion_tag("forums/includes/consultation_private_documents.html", takes_context=True)
def consultation_private_documents(context, consultation):
    request = context["request"]
    user = request.user
    links = private_document_links(consultation, user)
    return {
        "request": request,
        "page": consultation,
        "links": links,
        "minutes": settings.PRIVATE_DOCUMENT_LINK_SECONDS // 60,
        # Signed-out visitors learn that signing in may show more, never what it shows.
        "sign_in_hint": (
            not user.is_authenticated
            and consultation.state() != ConsultationState.CLOSED
            and consultation.private_documents.exists()
        ),
    }
