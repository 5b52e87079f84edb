"""Emails: rendered from a pair of templates (plain text and HTML), sent by a background task
enqueued when the current transaction commits, so a rolled-back action sends nothing."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string

from django_tasks import task


@task()
def send_email(to, subject, text, html, attachments=None):
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to)
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    message.send()


def send_templated_email(to, template_prefix, context, attachments=None):
    """Render `<prefix>_subject.txt`, `<prefix>.txt` and `<prefix>.html`; send after commit.

    `attachments` is a list of (filename, text content, MIME type), e.g. an .ics file."""
    recipients = sorted({address for address in to if address})
    if not recipients:
        return
    context = {"site_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"), **context}
    subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
    text = render_to_string(f"{template_prefix}.txt", context)
    html = render_to_string(f"{template_prefix}.html", context)
    attachments = [list(attachment) for attachment in attachments or []]
    transaction.on_commit(lambda: send_email.enqueue(recipients, subject, text, html, attachments))
