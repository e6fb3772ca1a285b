"""A second night over an unchanged site costs a fraction of the first.

    .venv/bin/python bench/recrawl.py

Serves the bundled demo site on 127.0.0.1, crawls it with ``news`` and ``edgar``
concurrently (as the nightly flow does) with production politeness settings, commits the
crawl state as the flow does after a successful load, then crawls again. Prints both
wall-clock times, the documents each night produced, the requests the server answered,
the crawl processes started, and the ratios (target: second night <= 10 % of the first,
with no new documents): ``ratio`` of wall-clock time including each crawl process's
start-up (~1 s of Python and Scrapy imports), ``crawl_ratio`` of the time the crawls ran
(spider open to close, or the decision that no process was needed: ``spiders.due``).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from finclaims.demo import server as demo_server  # noqa: E402
from finclaims.demo.runner import SITE, render_sources  # noqa: E402
from spiders.run import CrawlResult, commit_state, crawl  # noqa: E402

SPIDERS = ("news", "edgar")


class _CountingHandler(demo_server._SiteHandler):
    """The demo handler, counting requests so the bench can show what was fetched."""

    requests = 0

    def send_head(self):  # noqa: D401 - stdlib hook
        type(self).requests += 1
        return super().send_head()


def night(sources: Path, workdir: Path, state_dir: Path) -> tuple[float, list[CrawlResult]]:
    started = time.perf_counter()
    with ThreadPoolExecutor(len(SPIDERS)) as pool:
        futures = [
            pool.submit(crawl, name, sources, workdir / name, state_dir=state_dir)
            for name in SPIDERS
        ]
        results = [f.result() for f in futures]
    return time.perf_counter() - started, results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    demo_server._SiteHandler = _CountingHandler  # serve_directory builds the handler late
    with (
        tempfile.TemporaryDirectory(prefix="recrawl-") as tmp,
        demo_server.serve_directory(SITE) as base,
    ):
        tmp = Path(tmp)
        sources = render_sources(base, tmp / "sources.yaml")
        state = tmp / "crawl_state"
        figures = {}
        for label in ("first", "second"):
            before = _CountingHandler.requests
            seconds, results = night(sources, tmp / label, state)
            for result in results:
                commit_state(result)  # the flow does this once the load has committed
            figures[label] = {
                "seconds": round(seconds, 2),
                "crawl_seconds": round(max(r.stats.get("crawl_seconds", 0) for r in results), 3),
                "documents": sum(len(r.documents) for r in results),
                "requests": _CountingHandler.requests - before,
                "logged": sum(len(r.log) for r in results),
                "processes": sum(bool(r.stats.get("process")) for r in results),
            }
    first, second = figures["first"], figures["second"]
    figures["ratio"] = round(second["seconds"] / first["seconds"], 3)
    figures["crawl_ratio"] = round(second["crawl_seconds"] / first["crawl_seconds"], 3)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
