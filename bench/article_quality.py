"""Body-extraction quality of ``spiders.article.extract_article`` on the article benchmark.

    .venv/bin/python bench/article_quality.py [--data DIR] [--scorer PATH] [--pred OUT.json]

Prints F1 / precision / recall / accuracy (the benchmark's shingle metric, computed by the
shared scorer) and pages per second. Needs the shared datasets; exits 2 when absent.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from spiders.article import extract_article  # noqa: E402

SHARED = Path("/work/shared")
DATA = SHARED / "datasets" / "article-extraction-benchmark"
SCORER = SHARED / "eval" / "article_score.py"


def _scorer(path: Path):
    spec = importlib.util.spec_from_file_location("article_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predict(data: Path, truth: dict) -> tuple[dict, float]:
    """Extract every page; returns predictions and elapsed seconds of extraction only."""
    pages = {key: gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes()) for key in truth}
    started = time.perf_counter()
    pred = {}
    for key, raw in pages.items():
        article = extract_article(raw.decode("utf-8", "replace"), url=truth[key].get("url"))
        pred[key] = {"articleBody": article.text}
    return pred, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--scorer", type=Path, default=SCORER)
    parser.add_argument("--pred", type=Path, help="also write predictions here")
    args = parser.parse_args()
    if not (args.data / "ground-truth.json").exists() or not args.scorer.exists():
        print(f"benchmark data or scorer not found under {args.data}", file=sys.stderr)
        return 2
    truth = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    pred, seconds = predict(args.data, truth)
    if args.pred:
        args.pred.write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
    result = _scorer(args.scorer).score(truth, pred)
    result["pages_per_s"] = round(len(pred) / seconds, 1)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
