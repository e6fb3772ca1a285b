"""Run the extractors over the dev documents and score them with the team's scorer.

    .venv/bin/python bench/eval_extract.py [--shared ../shared] [--out PRED.jsonl]

Writes FORMAT.md JSONL (document = "docs/NAME.txt") and prints the scorer's figures.
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--json", action="store_true", help="print the scorer's full JSON")
    args = parser.parse_args()
    dev = args.shared / "eval" / "dev"
    paths = sorted((dev / "docs").glob("*.txt"))
    if not paths:
        print(f"no dev documents under {dev / 'docs'}", file=sys.stderr)
        return 2
    nlp = extractors.load()
    names = [f"docs/{p.name}" for p in paths]
    results = extractors.extract_documents(nlp, [read_document(p) for p in paths], names)
    out = args.out or Path(tempfile.mkdtemp()) / "pred.jsonl"
    out.write_text("".join(json.dumps(r.to_format()) + "\n" for r in results), encoding="utf-8")
    cmd = [
        sys.executable,
        str(args.shared / "eval" / "score.py"),
        "--gold",
        str(dev),
        "--pred",
        str(out),
    ] + (["--json"] if args.json else [])
    print(f"predictions: {out}")
    return subprocess.run(cmd, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
