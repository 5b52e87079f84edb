"""Progress for long commands, the same way everywhere.

In a terminal, one line is rewritten in place (at most a few times a second) with the count,
the total when known, the rate and the time left. Anywhere else (cron, CI, a log file), a
plain line every `settings.PROGRESS_INTERVAL_SECONDS` (10 by default), so a log shows that
the command is alive and how far it got. Every run ends with one summary line. With
`-v 0` nothing is printed.

In a management command::

    with command_progress(self, options, "Organisations", total=len(rows)) as progress:
        for row in rows:
            ...
            progress.advance()

Code that is not a command takes a Progress (or None) from its caller: `advance` on a
`Progress.silent()` does nothing.
"""

import time

from django.conf import settings

TERMINAL_REFRESH_SECONDS = 0.2
DEFAULT_INTERVAL_SECONDS = 10


def _number(value):
    return f"{value:,}"


def _duration(seconds):
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m {seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m"


class Progress:
    def __init__(self, stream, label, total=None, unit="records", verbosity=1, clock=None):
        self.stream = stream
        self.label = label
        self.total = total
        self.unit = unit
        self.enabled = stream is not None and verbosity > 0
        self.terminal = self.enabled and _is_terminal(stream)
        self.clock = clock or time.monotonic
        self.count = 0
        self.started = self.clock()
        self.shown_at = self.started
        self.interval = (
            TERMINAL_REFRESH_SECONDS
            if self.terminal
            else getattr(settings, "PROGRESS_INTERVAL_SECONDS", DEFAULT_INTERVAL_SECONDS)
        )
        self.finished = False

    @classmethod
    def silent(cls):
        return cls(None, "")

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, traceback):
        self.finish(failed=exc_type is not None)
        return False

    def advance(self, count=1):
        self.count += count
        if not self.enabled:
            return
        now = self.clock()
        if now - self.shown_at >= self.interval:
            self.shown_at = now
            self._show(self.status(now))

    def status(self, now=None):
        """ "Organisations: 1,234 of 5,000 records (24%), 410 a second, about 9s left"."""
        elapsed = max((now or self.clock()) - self.started, 1e-9)
        rate = self.count / elapsed
        done = f"{_number(self.count)} {self.unit}"
        if self.total:
            percent = min(100, int(self.count * 100 / self.total))
            done = f"{_number(self.count)} of {_number(self.total)} {self.unit} ({percent}%)"
        parts = [f"{self.label}: {done}", f"{_number(int(rate))} a second"]
        if self.total and rate > 0 and self.count < self.total:
            parts.append(f"about {_duration((self.total - self.count) / rate)} left")
        return ", ".join(parts)

    def finish(self, failed=False):
        """The summary line (once): how many, how long, how fast."""
        if self.finished or not self.enabled:
            self.finished = True
            return
        self.finished = True
        elapsed = self.clock() - self.started
        rate = self.count / elapsed if elapsed > 0 else 0
        outcome = "stopped after" if failed else "done:"
        line = (
            f"{self.label}: {outcome} {_number(self.count)} {self.unit} in "
            f"{_duration(elapsed)} ({_number(int(rate))} a second)"
        )
        if self.terminal:
            self.stream.write("\r\033[K" + line + "\n", ending="")
        else:
            self.stream.write(line)
        self.stream.flush()

    def _show(self, line):
        if self.terminal:
            self.stream.write("\r\033[K" + line, ending="")
        else:
            self.stream.write(line)
        self.stream.flush()


def _is_terminal(stream):
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def command_progress(command, options, label, total=None, unit="records"):
    """A Progress writing to a management command's stdout, at its `-v` verbosity."""
    return Progress(
        command.stdout, label, total=total, unit=unit, verbosity=options.get("verbosity", 1)
    )
