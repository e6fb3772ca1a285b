"""Seconds from a new earnings 8-K appearing on the EDGAR feed to its alert at a webhook.

Serves a copy of the demo site and a JSON webhook on 127.0.0.1, primes the warehouse with
one ``guidance-watch`` poll, then polls every ``--interval`` seconds (as the deployment's
schedule does) while a new Corvanta 8-K appears at a random moment between polls. Prints
each trial's latency, split into the wait for the next poll and the poll's own work.

    .venv/bin/python bench/alert_latency.py [--interval 30] [--trials 3]

The deployment polls every 180 s, so its worst case is 180 s plus the processing time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from finclaims.demo.new_filing import Guidance, publish_earnings_8k  # noqa: E402
from finclaims.demo.runner import SITE, render_sources  # noqa: E402
from finclaims.demo.server import serve_directory  # noqa: E402


class _Hook(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - stdlib hook
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        self.server.received.append((time.time(), body["title"]))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interval", type=float, default=30, help="seconds between polls")
    parser.add_argument("--trials", type=int, default=3)
    args = parser.parse_args()

    hook = ThreadingHTTPServer(("127.0.0.1", 0), _Hook)
    hook.received = []
    threading.Thread(target=hook.serve_forever, daemon=True).start()
    os.environ["FINCLAIMS_NOTIFY_URLS"] = f"json://127.0.0.1:{hook.server_address[1]}/a"
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from flows.watch import guidance_watch

    with tempfile.TemporaryDirectory(prefix="alert-latency-") as tmp:
        site = Path(tmp) / "site"
        shutil.copytree(SITE, site)
        with serve_directory(site) as base:
            sources = str(render_sources(base, Path(tmp) / "sources.yaml"))
            db = str(Path(tmp) / "data" / "finclaims.duckdb")
            started = time.perf_counter()
            guidance_watch(sources=sources, db=db)
            print(f"priming poll (whole demo history): {time.perf_counter() - started:.1f} s")
            results = [
                _trial(i, site, sources, db, hook, args.interval) for i in range(args.trials)
            ]
    total = [r[0] for r in results]
    work = [r[1] for r in results]
    print(
        f"feed -> webhook over {len(total)} trials at a {args.interval:g} s poll interval: "
        f"median {statistics.median(total):.1f} s, max {max(total):.1f} s; the poll itself "
        f"(feed request -> webhook) median {statistics.median(work):.1f} s, max {max(work):.1f} s"
    )
    print(f"with the deployment's 180 s interval: worst case about {180 + max(work):.0f} s")


def _trial(i: int, site: Path, sources: str, db: str, hook, interval: float) -> tuple:
    """Poll on a fixed cadence; the filing lands at a random moment between two polls."""
    from flows.watch import guidance_watch

    seen = len(hook.received)
    filed = date(2027, 1, 27) + timedelta(days=7 * i)
    guidance = Guidance(2027, 62 + 3 * i, 66 + 3 * i)
    accession = f"0002091734-27-{100 + i:06d}"
    published = {}

    def publish() -> None:
        publish_earnings_8k(site, accession, filed, guidance)
        published["at"] = time.time()

    threading.Timer(random.uniform(0, interval), publish).start()
    while len(hook.received) == seen:
        tick = time.time()
        guidance_watch(sources=sources, db=db)
        if len(hook.received) > seen:
            break
        time.sleep(max(0.0, interval - (time.time() - tick)))
    received, title = hook.received[seen]
    latency, work = received - published["at"], received - tick
    print(
        f"trial {i + 1}: {title!r}: {latency:.1f} s after the filing appeared ({work:.1f} s poll)"
    )
    return latency, work


if __name__ == "__main__":
    main()
