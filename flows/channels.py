"""Where alerts go: Apprise URLs and Prefect notification blocks named in the environment.

Channel addresses hold secrets (webhook tokens, passwords), so they come only from the
environment (``FINCLAIMS_NOTIFY_URLS``, ``FINCLAIMS_NOTIFY_BLOCKS``) or a Prefect block, and
the warehouse stores a hash of each plus a redacted label, never the address itself.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from finclaims.config import Settings

IDEMPOTENCY_HEADER = "Idempotency-Key"


@dataclass(frozen=True)
class Channel:
    """One destination; ``send`` returns None on success, else why it failed."""

    id: str
    label: str
    _target: object = field(repr=False, compare=False)

    def send(self, title: str, body: str, idempotency_key: str) -> str | None:
        raise NotImplementedError


@dataclass(frozen=True)
class AppriseChannel(Channel):
    """An Apprise URL. Webhook kinds (json, xml, form) carry the idempotency key as a header."""

    def send(self, title: str, body: str, idempotency_key: str) -> str | None:
        import apprise

        plugin = self._target
        headers = getattr(plugin, "headers", None)
        if isinstance(headers, dict):
            headers[IDEMPOTENCY_HEADER] = idempotency_key
        with apprise.LogCapture(level=apprise.logging.WARNING) as log:
            ok = plugin.notify(body=body, title=title)
        if ok:
            return None
        reason = _last_line(log.getvalue()) or "the service did not accept the message"
        return f"{self.label}: {reason}"


@dataclass(frozen=True)
class BlockChannel(Channel):
    """A Prefect notification block (``SlackWebhook``, ``CustomWebhookNotificationBlock`` ...)."""

    def send(self, title: str, body: str, idempotency_key: str) -> str | None:
        from prefect.blocks.core import Block

        try:
            block = Block.load(str(self._target))
            _add_header(block, idempotency_key)
            block.notify(body=body, subject=title)
        except Exception as exc:  # a down service must not fail the ingest
            return f"{self.label}: {type(exc).__name__}: {_last_line(str(exc))}"
        return None


def _add_header(block: object, idempotency_key: str) -> None:
    """Webhook blocks (``CustomWebhookNotificationBlock``) send headers: the receiver can
    then drop a repeat of a delivery it already has, as with Apprise webhooks."""
    headers = getattr(block, "headers", None)
    if isinstance(headers, dict) or (headers is None and hasattr(block, "headers")):
        block.headers = {**(headers or {}), IDEMPOTENCY_HEADER: idempotency_key}


def configured_channels(settings: Settings | None = None) -> tuple[list[Channel], list[str]]:
    """The channels named in the environment, and a problem line for each unusable one."""
    import apprise

    settings = settings or Settings()
    channels: list[Channel] = []
    problems: list[str] = []
    for url in settings.notify_url_list():
        plugin = apprise.Apprise.instantiate(url)
        if plugin is None:
            scheme = url.split(":", 1)[0]
            problems.append(f"notification URL not understood by Apprise: {scheme}://…")
            continue
        label = plugin.url(privacy=True).split("?", 1)[0]
        channels.append(AppriseChannel(_channel_id("url", url), label, plugin))
    for name in settings.notify_block_list():
        channels.append(BlockChannel(_channel_id("block", name), f"prefect block {name}", name))
    return channels, problems


def _channel_id(kind: str, address: str) -> str:
    return f"{kind}:" + hashlib.sha256(address.encode()).hexdigest()[:16]


def _last_line(text: str) -> str:
    lines = [line.split(" - ", 2)[-1].strip() for line in text.strip().splitlines()]
    return lines[-1] if lines else ""
