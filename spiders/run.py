"""Run one crawl in its own process and read its results back through the models.

Twisted's reactor cannot be restarted, so every crawl gets a fresh ``python -m scrapy``
process; results come back as JSONL files in ``workdir`` (documents, crawl log,
companies), which also keeps the HTTP validators that make the next crawl conditional.
"""

from __future__ import annotations

import json
import os
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
    spider: str, sources: Path, workdir: Path, since: date | None, settings: dict[str, str]
) -> list[str]:
    """The ``scrapy crawl`` command line for one crawl (outputs under ``workdir``)."""
    command = [sys.executable, "-m", "scrapy", "crawl", spider]
    command += ["-a", f"sources={Path(sources).resolve()}"]
    if since is not None:
        command += ["-a", f"since={since.isoformat()}"]
    command += ["-O", f"{workdir / 'docs.jsonl'}:jsonlines"]
    base = {
        "FINCLAIMS_CRAWL_LOG": str(workdir / "crawl_log.jsonl"),
        "FINCLAIMS_COMPANIES_OUT": str(workdir / "companies.jsonl"),
        "FINCLAIMS_HTTP_STATE": str(workdir / "http_state.json"),
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
) -> CrawlResult:
    """Run ``scrapy crawl SPIDER`` in a subprocess; raises :class:`CrawlError` if it fails."""
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    for stale in ("docs.jsonl", "crawl_log.jsonl", "companies.jsonl"):
        (workdir / stale).unlink(missing_ok=True)
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "spiders.settings"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))
    command = crawl_command(spider, sources, workdir, since, settings or {})
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
    )
