"""A sources file narrowed to some EDGAR tickers, for the watcher and for backfills.

The spider reads its configuration from a file, so a narrower crawl is a narrower file:
the same ``edgar`` section (User-Agent, endpoints, forms, items, exhibits) with only the
tickers this run is about, and no news.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import yaml

from finclaims.errors import FinclaimsError
from spiders.sources import EdgarConfig, load_sources


class NoEdgarSection(FinclaimsError):
    """The sources file has no usable ``edgar`` section to poll or backfill."""


def edgar_config(sources: Path) -> EdgarConfig:
    config = load_sources(Path(sources))
    if config.edgar is None:
        problems = "; ".join(f"line {p.line}: {p.message}" for p in config.problems)
        raise NoEdgarSection(
            f"{sources}: no usable 'edgar' section" + (f" ({problems})" if problems else "")
        )
    return config.edgar


def narrowed_sources(
    edgar: EdgarConfig, tickers: Sequence[str], target: Path, forms: Sequence[str] = ()
) -> Path:
    """Write an edgar-only sources file for ``tickers`` (and ``forms``); returns its path."""
    section = edgar.model_dump(mode="json", exclude_none=True)
    section["tickers"] = sorted({t.upper() for t in tickers})
    if forms:
        section["forms"] = sorted(set(forms))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump({"edgar": section}, sort_keys=False), encoding="utf-8")
    return target
