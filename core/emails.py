"""Emails: rendered from a pair of templates (plain text and HTML), stored in the outbox in
the transaction of the action that sends them, and delivered by the task queue once it
commits, so a rolled-back action sends nothing and a committed one is never lost, nor sent
twice (core/outbox.py: idempotency keys, claims, retries).

Everyone gets their email in their own language: a person with an account in the language
they chose (`User.preferred_language`), anyone else in the language of the page they are on
(the site's default language when nobody is: a scheduled command, say). One email is rendered
for each language among the recipients."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.utils import translation

from django_tasks import task

from core.outbox import build_email, outgoing_email, queue_email, queue_messages, queue_rows


@task()
def send_email(to, subject, text, html, attachments=None, headers=None, key=None):
    """Queue one message in the outbox (see `queue_email`), from the task queue. The site
    calls `queue_email` itself; this task stays for messages enqueued this way before the
    outbox existed, and for anything that still has only a task to call."""
    queue_email(to, subject, text, html, attachments, headers, key=key)


def supported_language(code):
    """`code` as one of settings.LANGUAGES, or the site's default language."""
    try:
        return translation.get_supported_language_variant(code or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def current_language():
    """The language of the page being served; the site's default outside a request."""
    return supported_language(translation.get_language())


def languages_of(recipients):
    """{address: language} for `recipients`, users or email addresses (empty ones left out,
    an address given twice in another case kept once).

    A user's own preference counts; an address is looked up (all in one query, without
    regard to case) and has its account's preference, or the current language if it has no
    account."""
    languages = {}
    seen = set()
    to_look_up = []
    for recipient in recipients:
        address = recipient if isinstance(recipient, str) else getattr(recipient, "email", "")
        if not address or address.lower() in seen:
            continue
        seen.add(address.lower())
        preference = getattr(recipient, "preferred_language", None)
        if preference:
            languages[address] = supported_language(preference)
        else:
            to_look_up.append(address)
    if to_look_up:
        preferences = dict(
            get_user_model()
            .objects.annotate(address=Lower("email"))
            .filter(address__in={address.lower() for address in to_look_up})
            .values_list("address", "preferred_language")
        )
        fallback = current_language()
        for address in to_look_up:
            preference = preferences.get(address.lower())
            languages[address] = supported_language(preference) if preference else fallback
    return languages


def language_of(recipient):
    """The language to write to one user or address in (see `languages_of`)."""
    return languages_of([recipient]).get(
        recipient if isinstance(recipient, str) else recipient.email, current_language()
    )


def render_email(template_prefix, context):
    """(subject, text, html) rendered in the active language."""
    subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
    text = render_to_string(f"{template_prefix}.txt", context)
    html = render_to_string(f"{template_prefix}.html", context)
    return subject, text, html


def send_templated_email(
    to, template_prefix, context, attachments=None, context_for=None, headers=None, key=None
):
    """Render `<prefix>_subject.txt`, `<prefix>.txt` and `<prefix>.html`; queue them in the
    outbox in the current transaction, delivered once it commits (core/outbox.py).

    `to` is a list of users and/or email addresses: each gets the email in their language
    (see `languages_of`), rendered once per language.
    `attachments` is a list of (filename, text content, MIME type), e.g. an .ics file.
    `context_for` (optional) is called with each language code, with that language active,
    and returns the parts of the context that depend on the language: addresses made with
    `reverse()` there lead a Welsh reader to the /cy/ page.
    `headers` (optional) are added to every message: give a List-Unsubscribe header only
    when `to` is one person (see `personal_emails` for one message each).
    `key` (optional) is a natural idempotency key for this email (a digest and its period,
    say): sending it again with the same key sends nothing more. Each language's message is
    queued under `<key>:<language>`."""
    by_language = {}
    for address, language in languages_of(to).items():
        by_language.setdefault(language, []).append(address)
    context = {"site_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"), **context}
    rows = []
    for language, recipients in sorted(by_language.items()):
        with translation.override(language):
            language_context = {**context, **(context_for(language) if context_for else {})}
            subject, text, html = render_email(template_prefix, language_context)
        rows.append(
            outgoing_email(
                sorted(recipients),
                subject,
                text,
                html,
                attachments,
                headers=headers,
                key=f"{key}:{language}" if key else None,
            )
        )
    queue_rows(rows)


def personal_emails(users, template_prefix, context, key, context_for=None, personal=None):
    """One message per user, each in their language, for work already in the background (a
    task or a scheduled command) that queues them itself, with `send_now`. Returns
    [(idempotency key, message)].

    `key(user)` is the natural idempotency key of that user's message (the notice and the
    reader, say), so that work run twice sends nothing twice.
    `context_for(language)` gives the language's part of the context (computed once per
    language, whatever the number of users); `personal(user)`, called with the user's
    language active, gives (context, headers) for that one person: their own unsubscribe
    link, say. Users without an email address are left out."""
    languages = languages_of(users)
    base = {"site_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"), **context}
    per_language = {}
    messages = []
    for user in users:
        language = languages.get(user.email)
        if language is None:
            continue
        with translation.override(language):
            if language not in per_language:
                per_language[language] = context_for(language) if context_for else {}
            own_context, headers = personal(user) if personal else ({}, None)
            rendered = render_email(
                template_prefix, {**base, **per_language[language], **own_context}
            )
        messages.append((key(user), build_email([user.email], *rendered, headers=headers)))
    return messages


def send_now(keyed_messages):
    """Queue `keyed_messages` ([(idempotency key, message)], from `personal_emails`) in the
    outbox in the current transaction, and deliver them over one connection to the mail
    server as soon as it commits (at once outside a transaction). A key queued before sends
    nothing more. Returns the number of messages queued."""
    return queue_messages(keyed_messages)
