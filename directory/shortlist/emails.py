"""Emailing a shortlist to an address the practitioner types. The address is used for this
one email and not stored."""

from django.utils import timezone

from core.emails import send_templated_email


def send_shortlist(address, rows, include_notes):
    """Email the services in `rows` (listed ones only), with the practitioner's notes only
    when `include_notes`."""
    send_templated_email(
        [address],
        "directory/shortlist/emails/shortlist",
        {"rows": rows, "include_notes": include_notes, "sent_on": timezone.localdate()},
    )
