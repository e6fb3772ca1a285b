"""Extraction throughput in words per second.

    .venv/bin/python bench/extract_speed.py [--words 300000] [--shared ../shared]

Uses the dev documents when the shared data is present (varied text, so the tokenizer
cache does not flatter the figure), else a built-in paragraph; prints words/s.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import extractors  # noqa: E402
from finclaims.models import Document  # noqa: E402

SAMPLE = (
    "Alphabet raised its 2025 capital expenditures outlook to $85 billion from $75 billion, "
    "citing demand for cloud capacity. Ad revenue grew 12% to $71.3 billion in the quarter.\n"
    "- Bears argue the spending spree risks stranded assets if demand cools.\n"
    "- Bulls say the investment strengthens Google's competitive advantage in AI.\n"
)


def corpus(shared: Path) -> list[str]:
    docs = sorted((shared / "eval" / "dev" / "docs").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in docs] or [SAMPLE * 20]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=300_000)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    texts = corpus(args.shared)
    docs, words, i = [], 0, 0
    while words < args.words:
        text = texts[i % len(texts)] + f"\nBatch note {i}."
        docs.append(Document(url=f"https://bench.test/{i}", source="bench", text=text))
        words += len(text.split())
        i += 1
    t0 = time.perf_counter()
    nlp = extractors.load()
    t1 = time.perf_counter()
    results = extractors.extract_documents(nlp, docs)
    t2 = time.perf_counter()
    facts = sum(len(r.capex) + len(r.ad_claims) + len(r.stances) for r in results)
    print(f"load: {t1 - t0:.2f}s")
    print(f"{len(docs)} documents, {words} words, {facts} facts in {t2 - t1:.2f}s")
    print(f"throughput: {words / (t2 - t1):,.0f} words/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
