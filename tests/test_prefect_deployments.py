"""End to end with a real Prefect server on 127.0.0.1: pool, `prefect deploy` from
prefect.yaml, a process worker, and flow runs against a copy of the demo site.

Checks the DuckDB results, that a webhook on 127.0.0.1 gets each alert exactly once (also
across a receiver outage), that guidance-watch turns a new 8-K into its alert, and that a
flow run SIGKILLed while it holds the writer lock leaves a consistent database whose
missed alert the next run sends.
"""

from __future__ import annotations

import collections
import fcntl
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

from finclaims.demo.new_filing import Guidance, publish_earnings_8k
from finclaims.demo.runner import SITE, render_sources
from finclaims.demo.server import serve_directory

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
PREFECT = [sys.executable, "-m", "prefect"]
TERMINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Hook(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - stdlib hook
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        message = json.loads(body)
        self.server.received.append((self.headers.get("Idempotency-Key"), message, time.time()))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        return


class Receiver:
    """A JSON webhook on a fixed loopback port that can be switched off and on again."""

    def __init__(self, port: int) -> None:
        self.port, self.received, self.server = port, [], None

    def start(self) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), _Hook)
        self.server.received = self.received
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def keys(self) -> collections.Counter:
        return collections.Counter(key for key, _, _ in self.received)

    def titles(self) -> list[str]:
        return [m["title"] for _, m, _ in self.received]


class Stack:
    """Server, pool, deployments and worker, driven the way an engineer drives them."""

    def __init__(self, tmp: Path, env: dict) -> None:
        self.tmp, self.env = tmp, env
        self.procs: list[subprocess.Popen] = []

    def spawn(self, *args: str, log: str) -> subprocess.Popen:
        out = open(self.tmp / log, "w")  # noqa: SIM115 - closed with the process
        proc = subprocess.Popen(
            [*PREFECT, *args], env=self.env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
        )
        self.procs.append(proc)
        return proc

    def cli(self, *args: str, timeout: float = 120) -> str:
        done = subprocess.run(
            [*PREFECT, *args], env=self.env, cwd=ROOT, capture_output=True, text=True,
            timeout=timeout,
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def wait_healthy(self, url: str, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise AssertionError(f"prefect server not healthy: {(self.tmp / 'server.log').read_text()}")

    def close(self) -> None:
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("prefect-e2e")
    site = tmp / "site"
    shutil.copytree(SITE, site)
    for path in site.rglob("*"):  # a live site's files are recent, so caches revalidate soon
        os.utime(path)
    hook = Receiver(_free_port())
    hook.start()
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp / "prefect-home"),
        "PREFECT_API_URL": api,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_SERVICES_SCHEDULER_ENABLED": "false",  # runs only when the test says
        "PREFECT_UI_ENABLED": "false",
        "PREFECT_WORKER_QUERY_SECONDS": "1",
        "PREFECT_WORKER_PREFETCH_SECONDS": "2",
        "PREFECT_LOGGING_LEVEL": "INFO",
        "FINCLAIMS_HOME": str(ROOT),
        "FINCLAIMS_NOTIFY_URLS": f"json://127.0.0.1:{hook.port}/alerts",
        "FINCLAIMS_NOTIFY_REAFFIRMED": "false",
    }
    env.pop("PREFECT_PROFILE", None)
    s = Stack(tmp, env)
    with serve_directory(site) as base:
        try:
            s.spawn("server", "start", "--host", "127.0.0.1", "--port", str(port), log="server.log")
            s.wait_healthy(api)
            s.cli("work-pool", "create", "finclaims-process", "--type", "process")
            deployed = s.cli("--no-prompt", "deploy", "--all", timeout=180)
            s.spawn("worker", "start", "--pool", "finclaims-process", log="worker.log")
            sources = render_sources(base, tmp / "sources.yaml")
            yield s, site, hook, str(sources), tmp / "data" / "finclaims.duckdb", deployed
        finally:
            s.close()
            hook.stop()


def _run(stack: Stack, deployment: str, params: dict, kill_on_writer: Path | None = None):
    """Trigger a deployment through the API and wait for its final state name.

    With ``kill_on_writer``, the flow run's process is SIGKILLed as soon as it holds the
    warehouse's writer lock (its first writer step is the load).
    """
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    settings = temporary_settings({PREFECT_API_URL: stack.env["PREFECT_API_URL"]})
    with settings, get_client(sync_client=True) as client:
        deployment_id = client.read_deployment_by_name(deployment).id
        run = client.create_flow_run_from_deployment(deployment_id, parameters=params)
        killed = _kill_when_writing(kill_on_writer) if kill_on_writer else None
        deadline = time.monotonic() + 150
        while time.monotonic() < deadline:
            state = client.read_flow_run(run.id).state
            if state and state.type.value in TERMINAL:
                return state.type.value, killed
            time.sleep(0.5)
    raise AssertionError(f"{deployment} did not finish: {(stack.tmp / 'worker.log').read_text()}")


def _kill_when_writing(db: Path, timeout: float = 120) -> int:
    lock = db.with_name(f"{db.name}.lock")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if lock.exists():
            fd = os.open(lock, os.O_RDWR)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                fcntl.flock(fd, fcntl.LOCK_UN)
            except BlockingIOError:
                holder = os.pread(fd, 32, 0).decode().strip()  # empty until written
                if holder:
                    os.kill(int(holder), signal.SIGKILL)
                    return int(holder)
            finally:
                os.close(fd)
        time.sleep(0.005)
    raise AssertionError("the flow run never took the writer lock")


def _db(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_deployments_exist_with_their_schedules(stack):
    s, *_, deployed = stack
    for name in ("nightly-ingest/nightly-ingest", "guidance-watch/guidance-watch", "backfill"):
        assert name in deployed
    nightly = s.cli("deployment", "inspect", "nightly-ingest/nightly-ingest")
    assert "30 2 * * *" in nightly and "America/New_York" in nightly
    assert "finclaims-process" in nightly


def test_a_prefect_notification_block_delivers_with_its_idempotency_key(stack):
    """A channel configured as a saved block (not a URL in the environment) on the server."""
    from prefect.blocks.notifications import CustomWebhookNotificationBlock
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from finclaims.config import Settings
    from flows.channels import configured_channels

    s, *_ = stack
    desk = Receiver(_free_port())
    desk.start()
    try:
        with temporary_settings({PREFECT_API_URL: s.env["PREFECT_API_URL"]}):
            CustomWebhookNotificationBlock(
                name="finclaims desk",
                url=f"http://127.0.0.1:{desk.port}/desk",
                json_data={"title": "{{subject}}", "message": "{{body}}"},
                allow_private_urls=True,
            ).save("desk", overwrite=True)
            settings = Settings(
                notify_urls="", notify_blocks="custom-webhook/desk custom-webhook/gone"
            )
            channels, problems = configured_channels(settings)
            results = [c.send("CRVA FY2026 capex guidance raised", "body", "k-1") for c in channels]
    finally:
        desk.stop()
    assert problems == [] and results[0] is None
    assert desk.titles() == ["CRVA FY2026 capex guidance raised"] and desk.keys() == {"k-1": 1}
    assert results[1] and "custom-webhook/gone" in results[1]  # a missing block is a reason


def test_nightly_run_then_outage_then_recovery_each_alert_once(stack):
    s, site, hook, sources, db, _ = stack
    params = {"sources": sources, "db": str(db)}
    out = s.cli("deployment", "run", "nightly-ingest/nightly-ingest", "--watch",
                *[f"--param={k}={json.dumps(v)}" for k, v in params.items()],
                "--watch-interval", "1", timeout=240)  # fmt: skip
    assert "COMPLETED" in out.upper(), out
    events = _db(db, "SELECT company, fiscal_year, event FROM alerts ORDER BY id")
    assert len(events) == 7 and ("CRVA", 2026, "reaffirmed") in events
    assert hook.titles().count("CRVA FY2026 capex guidance raised") == 1
    assert len(hook.received) == 6 and set(hook.keys().values()) == {1}

    hook.stop()  # receiver down; the company raises its 2027 outlook
    publish_earnings_8k(site, "0002091734-27-000003", date(2027, 2, 3), Guidance(2027, 62, 66))
    assert _run(s, "nightly-ingest/nightly-ingest", params)[0] == "COMPLETED"
    outbox = _db(
        db, "SELECT status, attempts, last_error FROM alert_deliveries WHERE status <> 'sent'"
    )
    assert [(st, n) for st, n, _ in outbox] == [("pending", 1)] and outbox[0][2]
    errors = _db(db, "SELECT errors FROM runs ORDER BY started_at DESC LIMIT 1")[0][0]
    assert "retry" in errors

    hook.start()
    assert _run(s, "nightly-ingest/nightly-ingest", params)[0] == "COMPLETED"
    assert len(hook.received) == 7 and set(hook.keys().values()) == {1}
    assert hook.titles()[-1] == "CRVA FY2027 capex guidance raised"
    assert _db(
        db, "SELECT count(*) FROM alerts WHERE notified_at IS NULL AND event <> 'reaffirmed'"
    ) == [(0,)]


def test_guidance_watch_alerts_a_new_filing_on_its_next_poll(stack):
    s, site, hook, sources, db, _ = stack
    before = len(hook.received)
    published = time.time()
    publish_earnings_8k(site, "0002091734-27-000008", date(2027, 3, 10), Guidance(2027, 65, 70))
    state, _ = _run(s, "guidance-watch/guidance-watch", {"sources": sources, "db": str(db)})
    assert state == "COMPLETED"
    new = hook.received[before:]
    assert [m["title"] for _, m, _ in new] == ["CRVA FY2027 capex guidance raised"]
    assert "to $65–70B (prior $62–66B)" in new[0][1]["message"]
    print(f"\nfeed entry -> webhook through a deployment run: {new[0][2] - published:.1f} s")


def test_killed_run_leaves_a_consistent_db_and_the_next_run_alerts_what_it_missed(stack):
    s, site, hook, sources, db, _ = stack
    params = {"sources": sources, "db": str(db)}
    before = len(hook.received)
    publish_earnings_8k(site, "0002091734-27-000012", date(2027, 4, 28), Guidance(2027, 70, 74))
    state, pid = _run(s, "nightly-ingest/nightly-ingest", params, kill_on_writer=db)
    assert pid and state == "CRASHED"
    assert len(hook.received) == before  # the killed run never got to notify

    work = db.with_name("finclaims.work.duckdb")
    checks = _db(work, """
        SELECT (SELECT count(*) FROM documents) - (SELECT count(DISTINCT id) FROM documents),
               (SELECT count(*) FROM capex_facts
                WHERE document_id NOT IN (SELECT id FROM documents)),
               (SELECT count(*) FROM alerts WHERE document NOT IN (SELECT id FROM documents))
    """)  # fmt: skip
    assert checks == [(0, 0, 0)]
    assert _db(db, "SELECT count(*) FROM alerts WHERE low_usd = 70e9") == [(0,)]  # snapshot: old

    assert _run(s, "nightly-ingest/nightly-ingest", params)[0] == "COMPLETED"
    new = hook.received[before:]
    assert [m["title"] for _, m, _ in new] == ["CRVA FY2027 capex guidance raised"]
    assert set(hook.keys().values()) == {1}
    assert _db(db, "SELECT count(*) FROM alerts WHERE low_usd = 70e9") == [(1,)]
