"""``scrapy crawl news`` and ``scrapy crawl edgar`` as a user types them at the repo root."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from finclaims.demo.server import serve_directory
from finclaims.models import Document
from tests.test_spiders_crawl import build_site

ROOT = Path(__file__).resolve().parents[1]


def scrapy(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    full_env.pop("SCRAPY_SETTINGS_MODULE", None)  # scrapy.cfg at the root must find it
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli-site")
    with serve_directory(root) as base:
        yield build_site(root, base)


def test_scrapy_list_names_both_spiders():
    assert scrapy("list").stdout.split() == ["edgar", "news"]


def test_scrapy_crawl_news_with_sources_argument(site, tmp_path):
    out = tmp_path / "news.jsonl"
    done = scrapy("crawl", "news", "-a", f"sources={site}", "-O", str(out))
    assert done.returncode == 0, done.stderr
    documents = [Document.model_validate(json.loads(line)) for line in out.read_text().splitlines()]
    assert len(documents) == 5 and {d.source for d in documents} == {"demo-news"}


def test_scrapy_crawl_edgar_reads_sources_from_environment(site, tmp_path):
    out = tmp_path / "edgar.jsonl"
    env = {"FINCLAIMS_SOURCES": str(site)}
    done = scrapy("crawl", "edgar", "-a", "since=2026-01-01", "-O", str(out), env=env)
    assert done.returncode == 0, done.stderr
    forms = sorted(json.loads(line)["form"] for line in out.read_text().splitlines())
    assert forms == ["8-K", "8-K", "XBRL-CAPEX", "XBRL-CAPEX"]


def test_scrapy_crawl_without_sources_says_how_to_give_them(tmp_path):
    env = {"FINCLAIMS_SOURCES": str(tmp_path / "missing.yaml")}
    done = scrapy("crawl", "news", env=env)
    assert "sources file" in done.stderr and "-a sources=PATH" in done.stderr
