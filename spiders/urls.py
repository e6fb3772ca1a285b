"""URL canonicalisation: the same article reached through a newsletter link, a feed and a
sitemap must become one ``canonical_url`` so the warehouse stores it once."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

_PARAMS_FILE = Path(__file__).with_name("data") / "tracking_params.txt"


@cache
def _tracking_rules() -> tuple[frozenset[str], tuple[str, ...]]:
    exact, prefixes = set(), []
    for line in _PARAMS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip().lower()
        if not line or line.startswith("#"):
            continue
        if line.endswith("*"):
            prefixes.append(line[:-1])
        else:
            exact.add(line)
    return frozenset(exact), tuple(prefixes)


def is_tracking_param(name: str) -> bool:
    exact, prefixes = _tracking_rules()
    name = name.lower()
    return name in exact or name.startswith(prefixes)


def canonicalize(url: str, base: str | None = None) -> str:
    """Absolute URL without fragment or tracking parameters, host lower-cased."""
    if base:
        url = urljoin(base, url.strip())
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    kept = [(k, v) for k, v in query if not is_tracking_param(k)]
    return urlunsplit(
        (
            parts.scheme.lower(),
            parts.netloc.lower(),
            parts.path or "/",
            urlencode(kept, doseq=True),
            "",
        )
    )


def host_allowed(url: str, allowed_domains: list[str]) -> bool:
    """True when the URL's host is one of ``allowed_domains`` or a subdomain of one.

    An empty list allows every host: a source that names no domains restricts nothing.
    """
    if not allowed_domains:
        return True
    host = (urlsplit(url).hostname or "").lower()
    for domain in allowed_domains:
        domain = domain.lower().split(":")[0]
        if host == domain or host.endswith("." + domain):
            return True
    return False
