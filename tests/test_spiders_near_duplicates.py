"""Syndicated copies: one body under several URLs is stored once, every URL linked to it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from finclaims.demo.server import serve_directory
from spiders.near_duplicates import NearDuplicateIndex
from spiders.run import commit_state, crawl
from tests.test_spiders_crawl import FAST

FIXTURES = Path(__file__).parent / "fixtures" / "syndication"
BODY = " ".join(
    f"Sentence {i} says the operator will spend more on substations and turbines in year {i}."
    for i in range(20)
)


def test_exact_and_lightly_edited_copies_match_but_other_articles_do_not():
    index = NearDuplicateIndex([])
    index.add(BODY, "https://wire.example/a", "doc-a")
    credit = "Originally published by Example Wire. " + BODY
    assert index.match(BODY, "https://digest.example/a").document_id == "doc-a"
    assert index.match(credit, "https://digest.example/a").document_id == "doc-a"
    other = BODY.replace("substations and turbines", "warehouses and trucks")
    assert index.match(other, "https://digest.example/b") is None
    assert index.match(BODY, "https://wire.example/a") is None  # a new version, not a copy


def test_reflowed_copy_with_one_edited_sentence_matches():
    index = NearDuplicateIndex([])
    index.add(BODY, "https://wire.example/a", "doc-a")
    edited = BODY.replace("Sentence 4 says", "Sentence four, the digest says,")
    edited = edited.replace(". ", ".\n\n")  # every sentence its own paragraph
    assert index.match(edited, "https://digest.example/a").document_id == "doc-a"


def test_short_bodies_are_never_merged_by_similarity():
    short = "Grid operator adds a substation in Ohio this year. Shares rose two percent today."
    index = NearDuplicateIndex([])
    index.add(short, "https://wire.example/brief", "doc-brief")
    assert index.match(short + " Updated at noon.", "https://other.example/brief") is None


def _sources(path: Path, base: str, wire: list[str], digest: list[str]) -> Path:
    def entry(name: str, pages: list[str]) -> str:
        urls = ", ".join(f'"{base}/{page}"' for page in pages)
        return f"  - name: {name}\n    allowed_domains: [127.0.0.1]\n    urls: [{urls}]\n"

    path.write_text("news:\n" + entry("harbor-wire", wire) + entry("digest", digest))
    return path


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(FIXTURES, root)
    with serve_directory(root) as base:
        yield base


def test_copy_found_on_a_later_night_is_linked_to_the_stored_document(site, tmp_path):
    state = tmp_path / "state"
    night1 = _sources(tmp_path / "n1.yaml", site, ["wire-halvorsen.html", "wire-bramwell.html"], [])
    first = crawl("news", night1, tmp_path / "w1", settings=FAST, state_dir=state)
    assert len(first.documents) == 2
    commit_state(first)
    original = next(d for d in first.documents if d.url.endswith("wire-halvorsen.html"))

    night2 = _sources(tmp_path / "n2.yaml", site, [], ["digest-halvorsen.html"])
    second = crawl("news", night2, tmp_path / "w2", settings=FAST, state_dir=state)
    assert second.documents == []
    [entry] = [e for e in second.log if e.url.endswith("digest-halvorsen.html")]
    assert entry.status == "skipped"
    assert entry.document_id == original.id
    assert f"near-duplicate of {original.canonical_url}" in entry.reason


def test_copies_in_one_crawl_are_stored_once(site, tmp_path):
    both = _sources(
        tmp_path / "s.yaml",
        site,
        ["wire-halvorsen.html", "wire-bramwell.html"],
        ["digest-halvorsen.html"],
    )
    result = crawl("news", both, tmp_path / "w", settings=FAST)
    halvorsen = [d for d in result.documents if "halvorsen" in d.url]
    assert len(halvorsen) == 1
    assert any("bramwell" in d.url for d in result.documents)
    linked = [e for e in result.log if "halvorsen" in e.url and e.status == "skipped"]
    assert [e.document_id for e in linked] == [halvorsen[0].id]
