"""Run one crawl in its own process and read its results back through the models.

Twisted's reactor cannot be restarted, so every crawl gets a fresh ``python -m scrapy``
process; results come back as JSONL files in ``workdir`` (documents, crawl log,
companies). The crawl state that makes the next night incremental is read from a state
directory and written back only through :func:`commit_state`. When that state says
nothing is due (``spiders.due``), no process is started at all: its ~1 s of start-up
would be the whole cost of an unchanged re-run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

from pydantic import BaseModel, Field

from finclaims.errors import FinclaimsError
from finclaims.models import Company, CrawlLogEntry, Document
from spiders import settings as project_settings
from spiders.crawl_log import read_log
from spiders.due import RobotsPolicy, decide
from spiders.sources import SourcesError, load_sources
from spiders.state import CrawlState

PROJECT_ROOT = Path(__file__).resolve().parents[1]
STDERR_TAIL_LINES = 40


class CrawlError(FinclaimsError, RuntimeError):
    """The crawl process failed; the message ends with the tail of its stderr."""


class CrawlResult(BaseModel):
    documents: list[Document] = Field(default_factory=list)
    log: list[CrawlLogEntry] = Field(default_factory=list)
    companies: list[Company] = Field(default_factory=list)
    returncode: int
    stderr_tail: str = ""
    # The crawl's updated state and where it belongs once the documents are stored
    # (see commit_state); equal paths when the state lives in the workdir.
    state_pending: Path | None = None
    state_target: Path | None = None
    stats: dict = Field(default_factory=dict)


def state_paths(spider: str, workdir: Path, state_dir: Path | None) -> tuple[Path, Path]:
    """(state read by the crawl, state written by it) for one spider."""
    name = f"{spider}_state.json"
    if state_dir is None:
        return workdir / name, workdir / name
    return Path(state_dir).resolve() / name, workdir / name


def commit_state(result: CrawlResult) -> None:
    """Make the crawl's state the one the next crawl starts from.

    Call it only after the crawl's documents are in the warehouse: the state says "these
    pages are stored", and a next night that believed it wrongly would never fetch them.
    """
    pending, target = result.state_pending, result.state_target
    if pending is None or target is None or pending == target or not pending.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    shutil.copyfile(pending, tmp)
    os.replace(tmp, target)


def _tail(text: str, lines: int = STDERR_TAIL_LINES) -> str:
    return "\n".join(text.splitlines()[-lines:])


def _read_jsonl(path: Path, model: type[BaseModel]) -> list:
    if not path.exists():
        return []
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(model.model_validate(json.loads(line)))
        except ValueError as exc:
            raise CrawlError(f"{path}:{number}: not a valid {model.__name__}: {exc}") from exc
    return rows


def crawl_command(
    spider: str,
    sources: Path,
    workdir: Path,
    since: date | None,
    settings: dict[str, str],
    state_dir: Path | None = None,
) -> list[str]:
    """The ``scrapy crawl`` command line for one crawl (outputs under ``workdir``)."""
    state_in, state_out = state_paths(spider, workdir, state_dir)
    command = [sys.executable, "-m", "scrapy", "crawl", spider]
    command += ["-a", f"sources={Path(sources).resolve()}"]
    if since is not None:
        command += ["-a", f"since={since.isoformat()}"]
    command += ["-O", f"{workdir / 'docs.jsonl'}:jsonlines"]
    base = {
        "FINCLAIMS_CRAWL_LOG": str(workdir / "crawl_log.jsonl"),
        "FINCLAIMS_COMPANIES_OUT": str(workdir / "companies.jsonl"),
        "FINCLAIMS_STATE_IN": str(state_in),
        "FINCLAIMS_STATE_OUT": str(state_out),
        "FINCLAIMS_STATS_OUT": str(workdir / "stats.json"),
    }
    for name, value in {**base, **(settings or {})}.items():
        command += ["-s", f"{name}={value}"]
    return command


def crawl(
    spider: str,
    sources: Path,
    workdir: Path,
    *,
    since: date | None = None,
    settings: dict[str, str] | None = None,
    timeout: float = 1800,
    state_dir: Path | None = None,
    now: datetime | None = None,
) -> CrawlResult:
    """Run ``scrapy crawl SPIDER`` in a subprocess; raises :class:`CrawlError` if it fails.

    With ``state_dir`` (e.g. ``data/crawl_state``) the crawl starts from what earlier
    nights stored there and leaves its updated state in ``workdir`` for
    :func:`commit_state`; without it the state lives in ``workdir`` itself. If the state
    says nothing is due, the result comes from it without a process (``stats`` has
    ``process: False``). ``now`` sets the crawl's clock (tests, replays), in this process
    and in the crawl's freshness checks.
    """
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    state_in, state_out = state_paths(spider, workdir, state_dir)
    stale = ["docs.jsonl", "crawl_log.jsonl", "companies.jsonl", "stats.json"]
    for name in stale:
        (workdir / name).unlink(missing_ok=True)
    if state_out != state_in:
        state_out.unlink(missing_ok=True)
    settings = dict(settings or {})
    if now is not None:
        settings["FINCLAIMS_NOW"] = now.isoformat()
    started = time.perf_counter()
    skipped, why = _without_process(spider, Path(sources), state_in, since, settings, now)
    if skipped is not None:
        skipped.stats["crawl_seconds"] = time.perf_counter() - started
        return skipped
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "spiders.settings"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))
    command = crawl_command(spider, sources, workdir, since, settings, state_dir)
    try:
        proc = subprocess.run(
            command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired as exc:
        stderr = exc.stderr.decode("utf-8", "replace") if isinstance(exc.stderr, bytes) else ""
        raise CrawlError(
            f"crawl {spider!r} timed out after {timeout:.0f} s\n{_tail(stderr)}"
        ) from exc
    tail = _tail(proc.stderr)
    if proc.returncode != 0:
        raise CrawlError(f"crawl {spider!r} exited with {proc.returncode}\n{tail}")
    return CrawlResult(
        documents=_read_jsonl(workdir / "docs.jsonl", Document),
        log=read_log(workdir / "crawl_log.jsonl"),
        companies=_read_jsonl(workdir / "companies.jsonl", Company),
        returncode=proc.returncode,
        stderr_tail=tail,
        state_pending=state_out,
        state_target=state_in,
        stats={**_read_stats(workdir / "stats.json"), "process": True, "due": why},
    )


def robots_policy(settings: dict[str, str]) -> RobotsPolicy:
    """Scrapy's robots.txt behaviour for a crawl with these ``-s`` overrides."""
    obey = settings.get("ROBOTSTXT_OBEY", project_settings.ROBOTSTXT_OBEY)
    if isinstance(obey, str):
        obey = obey.strip().lower() in ("1", "true", "yes", "on")
    agent = (
        settings.get("ROBOTSTXT_USER_AGENT")
        or settings.get("USER_AGENT")
        or project_settings.USER_AGENT
    )
    return RobotsPolicy(obey=bool(obey), user_agent=agent)


def _without_process(
    spider: str,
    sources: Path,
    state_in: Path,
    since: date | None,
    settings: dict[str, str],
    now: datetime | None,
) -> tuple[CrawlResult | None, str]:
    """The result of a crawl with nothing due, or None and why the process must run.

    Unreadable sources are left to the process, which reports them properly.
    """
    if since is not None:
        return None, f"since={since.isoformat()} given"
    if not state_in.exists():
        return None, "no crawl state from an earlier run"
    try:
        config = load_sources(sources)
    except SourcesError as exc:
        return None, str(exc)
    decision = decide(
        spider,
        config,
        CrawlState.load(state_in),
        now or datetime.now(UTC),
        robots=robots_policy(settings),
        sources_label=str(sources.resolve()),
    )
    if decision.due is not None:
        return None, decision.due
    result = CrawlResult(
        log=decision.log,
        companies=decision.companies,
        returncode=0,
        state_pending=state_in,
        state_target=state_in,
        stats={"process": False, "downloader/request_count": 0},
    )
    return result, ""


def _read_stats(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
