"""Run one crawl in its own process and read its results back through the models.

Twisted's reactor cannot be restarted, so every crawl gets a fresh ``python -m scrapy``
process; results come back as JSONL files in ``workdir`` (documents, crawl log,
companies). The crawl state that makes the next night incremental is read from a state
directory and written back only through :func:`commit_state`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from pydantic import BaseModel, Field

from finclaims.errors import FinclaimsError
from finclaims.models import Company, CrawlLogEntry, Document
from spiders.crawl_log import read_log

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
) -> CrawlResult:
    """Run ``scrapy crawl SPIDER`` in a subprocess; raises :class:`CrawlError` if it fails.

    With ``state_dir`` (e.g. ``data/crawl_state``) the crawl starts from what earlier
    nights stored there and leaves its updated state in ``workdir`` for
    :func:`commit_state`; without it the state lives in ``workdir`` itself.
    """
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    state_in, state_out = state_paths(spider, workdir, state_dir)
    stale = ["docs.jsonl", "crawl_log.jsonl", "companies.jsonl", "stats.json"]
    for name in stale:
        (workdir / name).unlink(missing_ok=True)
    if state_out != state_in:
        state_out.unlink(missing_ok=True)
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "spiders.settings"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))
    command = crawl_command(spider, sources, workdir, since, settings or {}, state_dir)
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
        stats=_read_stats(workdir / "stats.json"),
    )


def _read_stats(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
