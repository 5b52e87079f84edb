"""A person's pipeline alerts on their account page (four queries however many)."""

from pipeline.alerts.rules import alerts_of, kind_labels


def alerts_for_account(user):
    alerts = alerts_of(user)
    for alert in alerts:
        alert.kind_labels = kind_labels(alert.kinds)
    return {"pipeline_alerts": alerts}
