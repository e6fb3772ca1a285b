"""Run the extractors over every gold set and score each with the team's scorer.

    .venv/bin/python bench/eval_extract.py [--shared ../shared] [--out-dir DIR] [--json]

The sets are the shared dev set (``SHARED/eval/dev``, skipped with a message when absent)
and the parts of the project's labelled set (``evalsets/labelled/build``, and with
``--heldout`` also every ``evalsets/labelled/heldout*`` part). Each is scored on its own: the
held-out parts are reported beside the others so that a gain on the part used while
building, and not on the held-out parts, shows up as overfitting rather than progress. The
later parts were labelled by annotators who never tuned the extractors, before the extractor
was run on them.

Writes FORMAT.md JSONL per set (document = "docs/NAME.txt") and prints the scorer's figures.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import extractors  # noqa: E402
from finclaims.localfiles import read_document  # noqa: E402

LABELLED = ROOT / "evalsets" / "labelled"


def heldout_parts() -> tuple[str, ...]:
    """Every ``heldout*`` part, oldest first (a later part is added when the earlier ones have
    been read too often to be an unbiased measure)."""
    return tuple(sorted(p.name for p in LABELLED.glob("heldout*") if p.is_dir()))


def gold_sets(shared: Path, heldout: bool = False) -> list[tuple[str, Path]]:
    """``(label, gold_dir)`` for each set that exists; a missing shared set is announced.

    The held-out parts are scored only when asked (``--heldout``), so that nobody tuning the
    extractors with this script sees them by accident.
    """
    sets = []
    dev = shared / "eval" / "dev"
    if (dev / "docs").is_dir():
        sets.append(("shared dev", dev))
    else:
        print(f"shared dev set: skipped ({dev} not found)")
    parts = ("build", *heldout_parts()) if heldout else ("build",)
    sets += [(f"labelled {part}", LABELLED / part) for part in parts]
    return sets


def predict(nlp, gold_dir: Path, out: Path) -> int:
    """Extract every ``docs/*.txt`` under ``gold_dir`` into ``out``; returns the count."""
    paths = sorted((gold_dir / "docs").glob("*.txt"))
    names = [f"docs/{p.name}" for p in paths]
    results = extractors.extract_documents(nlp, [read_document(p) for p in paths], names)
    out.write_text("".join(json.dumps(r.to_format()) + "\n" for r in results), encoding="utf-8")
    return len(paths)


def score(scorer: Path, gold_dir: Path, pred: Path, as_json: bool) -> int:
    cmd = [sys.executable, str(scorer), "--gold", str(gold_dir), "--pred", str(pred)]
    return subprocess.run(cmd + (["--json"] if as_json else []), check=False).returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out-dir", type=Path, default=None, help="where predictions go")
    parser.add_argument("--json", action="store_true", help="print the scorer's full JSON")
    parser.add_argument(
        "--heldout",
        action="store_true",
        help="also score every held-out part, evalsets/labelled/heldout* (reporting only)",
    )
    args = parser.parse_args()
    scorer = args.shared / "eval" / "score.py"
    out_dir = args.out_dir or Path(tempfile.mkdtemp(prefix="finclaims-eval-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp = extractors.load()
    status = 0
    for label, gold_dir in gold_sets(args.shared, args.heldout):
        pred = out_dir / f"{label.replace(' ', '-')}.jsonl"
        count = predict(nlp, gold_dir, pred)
        print(f"\n== {label}: {count} documents ({gold_dir}); predictions {pred}", flush=True)
        if not scorer.is_file():
            print(f"   not scored: the scorer {scorer} is not there")
            continue
        status = score(scorer, gold_dir, pred, args.json) or status
    return status


if __name__ == "__main__":
    sys.exit(main())
