"""Announce capex-guidance alerts through Apprise (Slack, Teams, e-mail, webhooks, ...).

URLs come from the environment or a Prefect block, never from the repository. Each alert
is sent on its own so that one failure does not hold back the others.
"""

from __future__ import annotations

from collections.abc import Sequence

from finclaims.models import Alert
from finclaims.summary import describe_alert


def alert_title(alert: Alert) -> str:
    return f"Capex guidance {alert.event}: {alert.company} FY{alert.fiscal_year}"


def alert_body(alert: Alert) -> str:
    published = alert.published.isoformat() if alert.published else "date unknown"
    return f"{describe_alert(alert)}\n“{alert.sentence}”\n{alert.url} ({published})"


def send_alerts(alerts: Sequence[Alert], urls: Sequence[str]) -> tuple[list[Alert], list[str]]:
    """Send in order and stop at the first failure, so what is sent is a prefix of ``alerts``.

    Returns the alerts sent and the problems met; unsent alerts stay pending for next run.
    """
    import apprise

    if not alerts or not urls:
        return [], []
    sender = apprise.Apprise()
    for url in urls:
        if not sender.add(url):
            return [], [f"notification URL not understood by Apprise: {url.split(':', 1)[0]}://…"]
    sent: list[Alert] = []
    for alert in alerts:
        if not sender.notify(title=alert_title(alert), body=alert_body(alert)):
            return sent, [f"notification failed for {describe_alert(alert)}; will retry next run"]
        sent.append(alert)
    return sent, []
