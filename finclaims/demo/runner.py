"""``finclaims run --demo``: the nightly flow against the bundled site, over real HTTP."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from finclaims.demo.server import serve_directory
from finclaims.summary import RunSummary

DEMO_DIR = Path(__file__).parent
SITE = DEMO_DIR / "site"
SOURCES_TEMPLATE = DEMO_DIR / "sources.yaml"
# URLs are part of a document's identity, so the demo keeps one port across runs; a second
# demo run then finds every page already stored, as a nightly re-run over an unchanged site.
DEFAULT_PORT = 8765


def render_sources(base_url: str, target: Path) -> Path:
    """The template names hosts as ``{base}``; the server's port is only known at run time."""
    target.write_text(SOURCES_TEMPLATE.read_text(encoding="utf-8").replace("{base}", base_url))
    return target


def demo_port() -> int:
    return int(os.environ.get("FINCLAIMS_DEMO_PORT", DEFAULT_PORT))


def run_demo(db: Path, *, dry_run: bool = False, port: int | None = None) -> RunSummary:
    from flows.nightly import nightly_ingest

    port = demo_port() if port is None else port
    with (
        tempfile.TemporaryDirectory(prefix="finclaims-demo-") as tmp,
        serve_directory(SITE, port=port, any_port_if_busy=True) as base_url,
    ):
        if not base_url.endswith(f":{port}"):
            print(
                f"port {port} is busy; the demo runs on {base_url}, so its URLs differ from "
                "earlier demo runs (set FINCLAIMS_DEMO_PORT to choose a port)",
                file=sys.stderr,
            )
        sources = render_sources(base_url, Path(tmp) / "sources.yaml")
        return nightly_ingest(sources=str(sources), db=str(db), dry_run=dry_run)
