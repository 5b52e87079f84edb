"""Production's log lines: one JSON object each, which a log shipper or `journalctl -o cat |
jq` reads without parsing text. Used by production's LOGGING and by gunicorn's
(config/gunicorn.conf.py); development keeps plain text.

Each line has `timestamp` (UTC), `level`, `logger` and `message`; a line about a request
adds what is known of it: `method`, `path` (never the query string, which may hold what
someone searched for), `status`, `duration_ms` and `request_id` (the proxy's X-Request-ID);
an error adds its traceback as `exc_info`. No client address is logged.
"""

import datetime
import json
import logging
from collections.abc import Mapping

# gunicorn's access log passes its "atoms" as the record's arguments.
ACCESS_LOGGER = "gunicorn.access"


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "timestamp": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **request_fields(record),
        }
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def request_fields(record):
    """What the record says about a request: from gunicorn's access log, or from the
    `request` and `status_code` Django's own loggers (django.request) attach."""
    if record.name == ACCESS_LOGGER and isinstance(record.args, Mapping):
        atoms = record.args
        fields = {
            "method": atoms.get("m"),
            "path": atoms.get("U"),
            "status": int(atoms["s"]) if str(atoms.get("s", "")).isdigit() else None,
            "duration_ms": round(atoms["D"] / 1000, 1) if "D" in atoms else None,
            "request_id": atoms.get("{x-request-id}i"),
        }
    else:
        request = getattr(record, "request", None)
        meta = getattr(request, "META", {})
        fields = {
            "method": getattr(request, "method", None),
            "path": getattr(request, "path", None),
            "status": getattr(record, "status_code", None),
            "request_id": meta.get("HTTP_X_REQUEST_ID"),
        }
    return {name: value for name, value in fields.items() if value not in (None, "", "-")}
