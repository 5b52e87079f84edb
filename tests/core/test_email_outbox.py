"""Every email goes through the outbox: stored in the transaction of the action that sends
it, delivered by the task queue once it commits, retried after a failure, and delivered once,
even when a worker dies mid-send or two workers try the same email.

The mail server is the one thing mocked: a backend of our own that refuses messages while
told to (as an SMTP server that drops the connection would)."""

import datetime
import io
import logging
import smtplib
from contextlib import contextmanager

from django.apps import AppConfig, apps
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as MemoryBackend
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

import pytest
import time_machine

from core.emails import personal_emails, send_now, send_templated_email
from core.models import OutgoingEmail, OutgoingEmailStatus
from core.outbox import claim, deliver_emails, message_id, queue_email, send_claimed
from tests.factories.accounts import VerifiedUserFactory

pytestmark = pytest.mark.django_db

FLAKY_BACKEND = f"{__name__}.FlakyBackend"
KEY = "registration:41:confirmed"


class FlakyBackend(MemoryBackend):
    """The test mail backend, refusing the next `refusals` messages (all of them when
    `refusals` is None): the server dropping the connection mid-send."""

    refusals = 0

    def send_messages(self, messages):
        if FlakyBackend.refusals is None or FlakyBackend.refusals > 0:
            if FlakyBackend.refusals:
                FlakyBackend.refusals -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def flaky(settings, mailoutbox):
    settings.EMAIL_BACKEND = FLAKY_BACKEND
    yield FlakyBackend
    FlakyBackend.refusals = 0


def queue(key=KEY, **changes):
    """Queue an email as an action does, in its transaction; its row in the outbox."""
    fields = {
        "to": ["amira@example.com"],
        "subject": "Your place is confirmed",
        "text": "See you on Tuesday.",
        "html": "<p>See you on Tuesday.</p>",
        "key": key,
        **changes,
    }
    with transaction.atomic():
        stored_under = queue_email(**fields)
    return OutgoingEmail.objects.get(idempotency_key=stored_under)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run `action` and then what its transaction asked for on commit."""

    def committed(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return committed


def send_queued_emails():
    out = io.StringIO()
    call_command("send_queued_emails", stdout=out)
    return out.getvalue()


def later(**delta):
    return time_machine.travel(timezone.now() + datetime.timedelta(**delta), tick=False)


def test_an_email_retried_after_a_failure_is_delivered_exactly_once(flaky, committed):
    flaky.refusals = 1
    row = committed(queue)
    assert mail.outbox == []
    row.refresh_from_db()
    assert row.status == OutgoingEmailStatus.QUEUED
    assert row.attempts == 1
    assert "SMTPServerDisconnected: Connection unexpectedly closed" in row.last_error

    # Not before its retry is due...
    assert "emails sent: 0" in send_queued_emails()
    assert mail.outbox == []
    # ...then once, and never again.
    with later(minutes=2):
        assert "emails sent: 1" in send_queued_emails()
        send_queued_emails()
        deliver_emails.call([row.idempotency_key])
    assert [message.subject for message in mail.outbox] == ["Your place is confirmed"]
    row.refresh_from_db()
    assert row.status == OutgoingEmailStatus.SENT
    assert row.attempts == 2
    assert row.last_error == ""
    assert row.sent_at is not None


def test_the_same_key_queued_twice_is_stored_and_sent_once(committed, mailoutbox):
    first = committed(queue)
    second = committed(queue, subject="Changed in the meantime")
    assert first.pk == second.pk
    assert OutgoingEmail.objects.count() == 1
    assert [message.subject for message in mailoutbox] == ["Your place is confirmed"]


def test_a_rolled_back_action_stores_and_sends_nothing(committed, mailoutbox):
    def fails_after_queuing():
        with transaction.atomic():
            queue_email(["amira@example.com"], "Welcome", "Hello", "<p>Hello</p>")
            raise RuntimeError("the sign-up failed")

    with pytest.raises(RuntimeError):
        committed(fails_after_queuing)
    assert OutgoingEmail.objects.count() == 0
    assert mailoutbox == []


def test_a_templated_email_is_queued_per_language_and_sent_after_commit(
    django_capture_on_commit_callbacks, mailoutbox
):
    welsh = VerifiedUserFactory(preferred_language="cy")
    english = VerifiedUserFactory(preferred_language="en-gb")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_templated_email(
            [welsh, english], "directory/emails/confirm_listing", {"organisation": None}
        )
    # Stored in the action's transaction, nothing sent before it commits.
    assert OutgoingEmail.objects.filter(status=OutgoingEmailStatus.QUEUED).count() == 2
    assert mailoutbox == []
    for callback in callbacks:
        callback()
    assert sorted(message.to[0] for message in mailoutbox) == sorted([welsh.email, english.email])
    assert not OutgoingEmail.objects.exclude(status=OutgoingEmailStatus.SENT).exists()


def test_two_deliveries_of_the_same_email_send_it_once(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        row = queue()
    # The task run twice (a retry of the task, or the task and the command side by side).
    assert deliver_emails.call([row.idempotency_key]) == 1
    assert deliver_emails.call([row.idempotency_key]) == 0
    assert len(mailoutbox) == 1


def test_a_worker_holding_an_email_keeps_the_others_off_it(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        row = queue()
    # Worker A has claimed it and is talking to the mail server...
    (held,) = claim(OutgoingEmail.objects.filter(pk=row.pk))
    # ...so worker B, the task run again, and the command all leave it alone.
    assert claim(OutgoingEmail.objects.filter(pk=row.pk)) == []
    assert deliver_emails.call([row.idempotency_key]) == 0
    assert "emails sent: 0" in send_queued_emails()
    assert mailoutbox == []
    assert held.status == OutgoingEmailStatus.SENDING


def test_an_email_whose_worker_died_mid_send_is_sent_once_by_the_command(
    settings, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        row = queue()
    claim(OutgoingEmail.objects.filter(pk=row.pk))  # ...and the worker dies here.

    assert "emails sent: 0" in send_queued_emails()  # its lease still runs
    with later(seconds=settings.EMAIL_OUTBOX_LEASE_SECONDS + 1):
        assert "emails sent: 1" in send_queued_emails()
        assert "emails sent: 0" in send_queued_emails()
    assert len(mailoutbox) == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == (OutgoingEmailStatus.SENT, 2)


def test_a_batch_slower_than_its_lease_gives_back_what_it_has_not_sent(
    settings, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        first, second = queue(key="slow:1"), queue(key="slow:2")
    rows = claim(OutgoingEmail.objects.filter(pk__in=[first.pk, second.pk]))
    # The server took so long that most of the lease has gone: another worker could take
    # these over soon, so this one sends neither and gives them back, untried.
    with later(seconds=settings.EMAIL_OUTBOX_LEASE_SECONDS * 0.6):
        assert send_claimed(rows) == 0
        assert "emails sent: 2" in send_queued_emails()
    assert len(mailoutbox) == 2
    assert set(OutgoingEmail.objects.values_list("attempts", flat=True)) == {1}


def test_the_command_shows_its_progress_then_nothing_at_verbosity_0(
    settings, django_capture_on_commit_callbacks, mailoutbox
):
    settings.PROGRESS_INTERVAL_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=False):
        queue(key="progress:1")
        queue(key="progress:2")
    output = send_queued_emails()
    assert "Queued emails: 1 of 2 emails" in output
    assert "Queued emails: 2 of 2 emails" in output
    assert "Queued emails: done: 2 emails" in output
    out = io.StringIO()
    call_command("send_queued_emails", stdout=out, verbosity=0)
    assert out.getvalue() == ""


def test_an_email_the_server_keeps_refusing_is_given_up_after_the_last_attempt(
    flaky, settings, committed, caplog
):
    settings.EMAIL_OUTBOX_MAX_ATTEMPTS = 3
    flaky.refusals = None
    row = committed(queue)
    with caplog.at_level(logging.WARNING, logger="core.outbox"):
        for days in (1, 2, 3, 4):
            with later(days=days):
                send_queued_emails()
    row.refresh_from_db()
    assert row.status == OutgoingEmailStatus.FAILED
    assert row.attempts == 3
    assert "Connection unexpectedly closed" in row.last_error
    assert mail.outbox == []
    (given_up,) = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert "not sent after 3 attempts" in given_up.getMessage()


def test_an_email_whose_worker_dies_on_every_attempt_is_given_up(
    settings, mailoutbox, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_OUTBOX_MAX_ATTEMPTS = 2
    with django_capture_on_commit_callbacks(execute=False):
        row = queue()
    lease = settings.EMAIL_OUTBOX_LEASE_SECONDS
    claim(OutgoingEmail.objects.filter(pk=row.pk))  # the worker dies...
    with later(seconds=lease + 1):
        claim(OutgoingEmail.objects.filter(pk=row.pk))  # ...and again, on the last attempt
    with later(seconds=2 * lease + 2), caplog.at_level(logging.ERROR, logger="core.outbox"):
        assert "emails sent: 0" in send_queued_emails()
    row.refresh_from_db()
    assert (row.status, row.attempts) == (OutgoingEmailStatus.FAILED, 2)
    assert row.last_error == "Sending was interrupted on the last attempt"
    assert mailoutbox == []
    assert "not sent after 2 attempts" in caplog.text


def test_the_message_id_is_the_same_for_every_attempt_and_derived_from_the_key(
    flaky, committed, settings
):
    settings.DEFAULT_FROM_EMAIL = "Common Ground <noreply@commonground.example>"
    flaky.refusals = 1
    committed(queue)
    committed(queue, key="registration:42:confirmed", to=["ben@example.com"])
    with later(minutes=2):
        send_queued_emails()
    by_recipient = {message.to[0]: message.message()["Message-ID"] for message in mail.outbox}
    assert by_recipient == {
        "amira@example.com": message_id(KEY),
        "ben@example.com": message_id("registration:42:confirmed"),
    }
    assert message_id(KEY) == message_id(KEY) != message_id("registration:42:confirmed")
    # The key (it may hold ids) is not readable in it; the domain is the sender's.
    assert "registration" not in message_id(KEY)
    assert message_id(KEY).endswith("@commonground.example>")


def test_background_work_run_twice_sends_each_personal_email_once(committed, mailoutbox):
    readers = [VerifiedUserFactory(), VerifiedUserFactory()]

    def notice_task():
        messages = personal_emails(
            readers,
            "directory/emails/confirm_listing",
            {"organisation": None},
            key=lambda user: f"notice:7:user:{user.pk}",
        )
        return send_now(messages)

    assert committed(notice_task) == 2
    committed(notice_task)
    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        reader.email for reader in readers
    )


def test_the_command_deletes_sent_and_failed_emails_after_the_keeping_period(
    settings, committed, mailoutbox
):
    settings.EMAIL_OUTBOX_KEEP_DAYS = 30
    sent = committed(queue, key="old:sent")
    failed = committed(queue, key="old:failed")
    OutgoingEmail.objects.filter(pk=failed.pk).update(status=OutgoingEmailStatus.FAILED)
    with later(days=29):
        assert "old emails deleted: 0" in send_queued_emails()
    with later(days=31):
        waiting = committed(queue, key="new:queued")
        OutgoingEmail.objects.filter(pk=waiting.pk).update(
            status=OutgoingEmailStatus.QUEUED, due_at=timezone.now() + datetime.timedelta(days=1)
        )
        assert "old emails deleted: 2" in send_queued_emails()
    assert not OutgoingEmail.objects.filter(pk__in=[sent.pk, failed.pk]).exists()
    assert list(OutgoingEmail.objects.values_list("pk", flat=True)) == [waiting.pk]


def test_an_email_in_the_outbox_says_what_it_is(committed, mailoutbox):
    row = committed(queue)
    row.refresh_from_db()
    assert str(row) == "Your place is confirmed → amira@example.com (Sent)"


# On PostgreSQL with the production task backend (django_tasks_db) and its worker.


@contextmanager
def app_installed(name):
    """`name` in the running app registry for a while. Not override_settings(INSTALLED_APPS):
    that runs every app's ready() again, which Wagtail's apps do not allow."""
    config = AppConfig.create(name)
    config.apps = apps
    apps.app_configs[config.label] = config
    try:
        config.import_models()
        apps.clear_cache()
        config.ready()
        yield config
    finally:
        del apps.app_configs[config.label]
        apps.clear_cache()


@pytest.fixture
def database_task_queue(settings, monkeypatch):
    """The production task backend, its table made in this test's transaction, and a worker
    run in this process until the queue is empty."""
    from django.db import connection

    with app_installed("django_tasks_db"):
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        from django_tasks_db.management.commands import db_worker
        from django_tasks_db.models import DBTaskResult

        with connection.schema_editor() as editor:
            editor.create_model(DBTaskResult)
        # The worker drops a connection it finds inside a transaction: here, the test's.
        monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

        def run_worker():
            db_worker.Worker(
                queue_names=["default"],
                interval=0,
                batch=True,
                backend_name="default",
                startup_delay=False,
                max_tasks=None,
                worker_id="outbox-test",
                excluded_queue_names=[],
            ).run()

        yield run_worker, DBTaskResult


@pytest.mark.postgres
def test_the_database_task_queue_delivers_a_retried_email_once(
    database_task_queue, flaky, committed
):
    run_worker, task_results = database_task_queue
    flaky.refusals = 1
    row = committed(queue)
    # Enqueued on commit, not run yet: the worker runs it.
    assert mail.outbox == []
    assert task_results.objects.count() == 1
    run_worker()
    row.refresh_from_db()
    assert (row.status, row.attempts) == (OutgoingEmailStatus.QUEUED, 1)
    # The retry was asked of the queue for when it is due (the backend can defer).
    assert task_results.objects.filter(run_after=row.due_at).count() == 1
    run_worker()  # not due yet: nothing runs
    assert mail.outbox == []
    with later(minutes=2):
        run_worker()
        run_worker()
        send_queued_emails()
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert row.status == OutgoingEmailStatus.SENT
