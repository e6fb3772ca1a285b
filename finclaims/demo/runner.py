"""``finclaims run --demo``: the nightly flow against the bundled site, over real HTTP."""

from __future__ import annotations

import tempfile
from pathlib import Path

from finclaims.demo.server import serve_directory
from finclaims.summary import RunSummary

DEMO_DIR = Path(__file__).parent
SITE = DEMO_DIR / "site"
SOURCES_TEMPLATE = DEMO_DIR / "sources.yaml"


def render_sources(base_url: str, target: Path) -> Path:
    """The template names hosts as ``{base}``; the server's port is only known at run time."""
    target.write_text(SOURCES_TEMPLATE.read_text(encoding="utf-8").replace("{base}", base_url))
    return target


def run_demo(db: Path, *, dry_run: bool = False) -> RunSummary:
    from flows.nightly import nightly_ingest

    with (
        tempfile.TemporaryDirectory(prefix="finclaims-demo-") as tmp,
        serve_directory(SITE) as base_url,
    ):
        sources = render_sources(base_url, Path(tmp) / "sources.yaml")
        return nightly_ingest(sources=str(sources), db=str(db), dry_run=dry_run)
