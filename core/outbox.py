"""The outbox: how an email gets from the action that sends it to the mail server, once.

1. **Queued in the caller's transaction.** `queue_email` (and `queue_messages`, for work
   already in the background) writes an `OutgoingEmail` row in the transaction of the action
   that sends it: a rolled-back action sends nothing, a committed one is never lost. Each row
   has an idempotency key, unique: a natural one when the caller has it (a notice and its
   reader, a digest and its period), otherwise a random one. Queuing a key again stores and
   sends nothing more.
2. **Delivered after commit.** Once the transaction commits, the task queue is asked to
   deliver the rows (`deliver_emails`, given their keys); background work delivers its own
   there and then, over one connection. If the process dies between the commit and that
   request, the rows are still queued: `manage.py send_queued_emails` (cron, every minute)
   delivers them.
3. **Claimed before sending.** A delivery first claims its rows with one conditional UPDATE
   (queued and due, or `sending` with a lease that has run out → `sending`, a claim of its
   own, the lease's end, one more attempt). The database lets only one UPDATE win a row, so
   two workers never send the same row. A worker that dies mid-send leaves a lease that ends
   after `EMAIL_OUTBOX_LEASE_SECONDS`; the row is then due again, counted as an attempt (so
   a message that kills its worker every time is given up, not tried for ever).
4. **Sent with a stable Message-ID** derived from the key, then marked sent (one UPDATE per
   message, straight after the server accepted it). A failure records the error, puts the
   row back in the queue after a growing delay (1, 4, 16, 64 minutes… with the defaults) and,
   when the task backend can defer (`supports_defer`: the database backend), asks for a
   retry at that time; otherwise the next `send_queued_emails` takes it. After
   `EMAIL_OUTBOX_MAX_ATTEMPTS` it is marked failed and logged at ERROR.

**What "exactly once" means here.** Toward our outbox, exactly once: one row per key, one
winner per claim, and a row marked sent is never sent again. Toward the mail server it cannot
be exactly once: if the process dies after the server answered "250 OK" for a message and
before our UPDATE marking it sent commits, the message was delivered but the row still says
`sending`; when its lease ends it is sent again. That window is one local UPDATE (a
millisecond or so, in autocommit) per message, and the second copy carries the same
`Message-ID`, so it is recognisable downstream as a copy: Gmail, for one, keeps one message
per Message-ID in a mailbox, and a filter or mail server can drop it on that.

A send that outlasts its lease (a hung connection) could also be taken over by another
worker: `EMAIL_TIMEOUT` (30 s by default, each exchange with the server) keeps a send far
shorter than the lease (10 minutes), a worker starts no send once half of its lease is gone
(it gives the rest of its batch back to the queue), and one that finds its lease gone when it
marks a row sent logs a warning.
"""

import datetime
import hashlib
import logging
import uuid
from email.utils import parseaddr
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from django_tasks import task

from core.models import OutgoingEmail, OutgoingEmailStatus
from core.progress import Progress

logger = logging.getLogger(__name__)

# Rows delivered together: one claim (one UPDATE) per batch, one connection to the server.
BATCH_SIZE = 100
# What is kept of an error message (the traceback goes to the log).
ERROR_LENGTH = 2000


def build_email(to, subject, text, html, attachments=None, headers=None):
    """One message with its plain text and HTML parts (and `headers`, such as
    List-Unsubscribe)."""
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, to, headers=headers or None
    )
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    return message


def random_key():
    return f"random:{uuid.uuid4()}"


def message_id(key):
    """The Message-ID of the email queued under `key`: the same for every attempt, so a copy
    sent twice (see the module's docstring) is recognisably the same message. A hash, so
    the key (which may hold ids) is not readable in it."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:40]
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"<{digest}@{domain}>"


def outgoing_email(to, subject, text, html="", attachments=None, headers=None, key=None):
    """An unsaved outbox row for one message (see `queue_rows`); a random key without `key`."""
    return OutgoingEmail(
        idempotency_key=key or random_key(),
        to=list(to),
        subject=subject,
        text=text,
        html=html or "",
        attachments=[list(attachment) for attachment in attachments or []],
        headers=dict(headers or {}),
    )


def queue_email(to, subject, text, html="", attachments=None, headers=None, key=None):
    """Store one message in the outbox, in the caller's transaction, and have the task queue
    deliver it once that transaction commits. Returns its idempotency key.

    `key` is the message's idempotency key, when the caller has a natural one (at most 200
    characters): queuing it again stores and sends nothing more. Without one, a random key.
    `attachments` are (filename, text content, MIME type)."""
    (key,) = queue_rows([outgoing_email(to, subject, text, html, attachments, headers, key)])
    return key


def queue_rows(rows):
    """Store `rows` (unsaved OutgoingEmail), in one INSERT that leaves any key already
    queued as it was, and ask the task queue to deliver them, together, once the transaction
    commits. Returns their keys."""
    keys = _store(rows)
    if keys:
        transaction.on_commit(partial(deliver_emails.enqueue, keys))
    return keys


def queue_messages(keyed_messages):
    """Store `keyed_messages` ([(key, EmailMultiAlternatives)]) in the outbox, in the caller's
    transaction, and deliver them here over one connection once it commits: for work already
    in the background (a task or a scheduled command). A key queued before is left as it was.
    Returns the number of messages given."""
    keys = _store(
        [
            outgoing_email(
                message.to,
                message.subject,
                message.body,
                next(
                    (content for content, kind in message.alternatives if kind == "text/html"),
                    "",
                ),
                message.attachments,
                message.extra_headers,
                key,
            )
            for key, message in keyed_messages
        ]
    )
    if keys:
        transaction.on_commit(partial(deliver_keys, keys))
    return len(keys)


def _store(rows):
    if not rows:
        return []
    OutgoingEmail.objects.bulk_create(rows, ignore_conflicts=True)
    return [row.idempotency_key for row in rows]


@task()
def deliver_emails(keys):
    """Deliver the outbox rows queued under `keys`: nothing for a row sent already, held by
    another worker, or not due yet (a retry asked for early). Returns the number sent."""
    return deliver_keys(keys)


def deliver_keys(keys):
    """Deliver the due rows queued under `keys`, in batches over one connection each.
    Returns the number sent."""
    sent = 0
    for start in range(0, len(keys), BATCH_SIZE):
        sent += deliver(
            OutgoingEmail.objects.filter(idempotency_key__in=keys[start : start + BATCH_SIZE])
        )
    return sent


def deliver_due(now=None, progress=None):
    """Deliver every row due at `now` (queued ones whose time has come, and ones whose
    sender's lease ran out), in batches; rows another process claims first are left to it.
    `progress` (a core.progress.Progress) is told the number due and each one tried.
    Returns (sent, not sent)."""
    now = now or timezone.now()
    give_up_interrupted(now)
    progress = progress or Progress.silent()
    progress.total = claimable(OutgoingEmail.objects.all(), now).count()
    sent = tried = 0
    while True:
        ids = list(
            claimable(OutgoingEmail.objects.all(), now)
            .order_by("due_at", "pk")
            .values_list("pk", flat=True)[:BATCH_SIZE]
        )
        if not ids:
            break
        claimed = claim(OutgoingEmail.objects.filter(pk__in=ids), now)
        sent += send_claimed(claimed, progress)
        tried += len(claimed)
    return sent, tried - sent


def deliver(rows, now=None):
    """Claim the due rows among `rows` and send them over one connection. Returns the number
    sent."""
    return send_claimed(claim(rows, now))


def claimable(rows, now):
    """The rows among `rows` due at `now` with an attempt left."""
    return rows.due(now).filter(attempts__lt=settings.EMAIL_OUTBOX_MAX_ATTEMPTS)


def give_up_interrupted(now):
    """Mark failed the rows due with no attempt left: their last attempt was interrupted (the
    worker died while sending them, or while holding them, every time). Without this a
    message that kills its worker would be tried for ever."""
    for row in OutgoingEmail.objects.due(now).filter(
        attempts__gte=settings.EMAIL_OUTBOX_MAX_ATTEMPTS
    ):
        reason = row.last_error or "Sending was interrupted on the last attempt"
        given_up = OutgoingEmail.objects.filter(pk=row.pk, claim=row.claim, status=row.status)
        if given_up.update(status=OutgoingEmailStatus.FAILED, claim=None, last_error=reason):
            logger.error(
                "Email %s (%r) not sent after %d attempts, given up: %s",
                row.pk,
                row.subject,
                row.attempts,
                reason,
            )


def claim(rows, now=None):
    """Take the due rows among `rows` that have an attempt left for this worker, in one
    conditional UPDATE, and return them (each with the attempt being made counted)."""
    now = now or timezone.now()
    token = uuid.uuid4()
    claimed = claimable(rows, now).update(
        status=OutgoingEmailStatus.SENDING,
        claim=token,
        attempts=F("attempts") + 1,
        due_at=now + datetime.timedelta(seconds=settings.EMAIL_OUTBOX_LEASE_SECONDS),
    )
    if not claimed:
        return []
    return list(rows.filter(claim=token).order_by("pk"))


def send_claimed(rows, progress=None):
    """Send rows this worker claimed, over one connection, marking each sent as soon as the
    server has it, or recording its failure. Returns the number sent."""
    if not rows:
        return 0
    progress = progress or Progress.silent()
    connection = get_connection()
    sent = 0
    try:
        for index, row in enumerate(rows):
            if lease_running_out(row):
                # A slow server: the rest go back to the queue rather than be sent while
                # another worker may take them over.
                release(rows[index:])
                break
            progress.advance()
            try:
                connection.send_messages([message_for(row)])
            except Exception as error:  # any failure is recorded and retried
                record_failure(row, error)
                # The connection may be broken: the next message opens a new one.
                _close(connection)
                continue
            record_sent(row)
            sent += 1
    finally:
        _close(connection)
    return sent


def lease_running_out(row):
    """Less than half of the row's lease is left: too little to be sure that this worker
    sends it before another may take it over."""
    half = datetime.timedelta(seconds=settings.EMAIL_OUTBOX_LEASE_SECONDS / 2)
    return timezone.now() >= row.due_at - half


def release(rows):
    """Give claimed rows back, untried: due now, their claim and attempt undone."""
    OutgoingEmail.objects.filter(
        pk__in=[row.pk for row in rows], claim__in={row.claim for row in rows}
    ).update(
        status=OutgoingEmailStatus.QUEUED,
        claim=None,
        due_at=timezone.now(),
        attempts=F("attempts") - 1,
    )


def message_for(row):
    headers = {"Message-ID": message_id(row.idempotency_key), **row.headers}
    return build_email(row.to, row.subject, row.text, row.html, row.attachments, headers)


def record_sent(row):
    marked = OutgoingEmail.objects.filter(pk=row.pk, claim=row.claim).update(
        status=OutgoingEmailStatus.SENT, sent_at=timezone.now(), claim=None, last_error=""
    )
    if not marked:
        logger.warning(
            "Email %s was sent after its lease ran out: another worker may have sent it too "
            "(same Message-ID)",
            row.pk,
        )


def retry_delay(attempts):
    """How long to wait before the next attempt after `attempts` failed ones: 1, 4, 16,
    64 minutes… (EMAIL_OUTBOX_RETRY_SECONDS, times 4 each time), at most a day."""
    seconds = settings.EMAIL_OUTBOX_RETRY_SECONDS * 4 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, 24 * 3600))


def record_failure(row, error):
    """Put the row back in the queue for a later attempt, or give up after the last one."""
    reason = f"{type(error).__name__}: {error}"[:ERROR_LENGTH]
    mine = OutgoingEmail.objects.filter(pk=row.pk, claim=row.claim)
    if row.attempts >= settings.EMAIL_OUTBOX_MAX_ATTEMPTS:
        mine.update(status=OutgoingEmailStatus.FAILED, claim=None, last_error=reason)
        logger.error(
            "Email %s (%r) not sent after %d attempts, given up: %s",
            row.pk,
            row.subject,
            row.attempts,
            reason,
            exc_info=error,
        )
        return
    due_at = timezone.now() + retry_delay(row.attempts)
    mine.update(status=OutgoingEmailStatus.QUEUED, claim=None, last_error=reason, due_at=due_at)
    logger.warning(
        "Email %s not sent (attempt %d of %d), tried again after %s: %s",
        row.pk,
        row.attempts,
        settings.EMAIL_OUTBOX_MAX_ATTEMPTS,
        due_at.isoformat(),
        reason,
    )
    if deliver_emails.get_backend().supports_defer:
        deliver_emails.using(run_after=due_at).enqueue([row.idempotency_key])


def delete_finished(now=None):
    """Delete sent and failed rows older than EMAIL_OUTBOX_KEEP_DAYS: they hold addresses,
    kept only for as long as someone may ask whether an email went. Returns the number
    deleted."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.EMAIL_OUTBOX_KEEP_DAYS)
    deleted, _ = OutgoingEmail.objects.filter(
        status__in=[OutgoingEmailStatus.SENT, OutgoingEmailStatus.FAILED],
        created_at__lt=cutoff,
    ).delete()
    return deleted


def _close(connection):
    try:
        connection.close()
    except Exception:  # closing a broken connection may fail too
        logger.debug("Closing the mail connection failed", exc_info=True)
