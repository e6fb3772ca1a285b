"""Train the stance textcat from ``config.cfg`` and ship it to ``extractors/data/stance_model``.

    .venv/bin/python -m extractors.stance_training.train [--config PATH] [--out DIR]

Trains on every item of ``data/stance.jsonl`` (the epochs are fixed in the config, chosen by
cross-validation in ``crossval``, so no held-out set is needed to stop early; spaCy still
wants a dev corpus, and gets one document group in seven to report on). The shipped model is
the last epoch's, with the training metadata trimmed to what loading needs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import tempfile
from pathlib import Path

import spacy
from spacy.cli.train import train as spacy_train
from spacy.tokens import DocBin

from extractors.stance_training.build_data import LABELS, load

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "config.cfg"
MODEL = HERE.parent / "data" / "stance_model"


def to_docbin(items: list[dict], path: Path) -> None:
    """``items`` as a spaCy corpus: one Doc per sentence with one-hot ``cats``."""
    nlp = spacy.blank("en")
    docs = []
    for item in items:
        doc = nlp.make_doc(item["text"])
        doc.cats = {label: float(item["label"] == label) for label in LABELS}
        docs.append(doc)
    DocBin(docs=docs).to_disk(path)


def fold_of(group: str, k: int) -> int:
    """A stable fold per document group, so one document never sits on both sides."""
    return int(hashlib.sha1(group.encode()).hexdigest(), 16) % k


def train_model(
    train: list[dict], dev: list[dict], out: Path, config: Path = CONFIG, overrides=None
) -> Path:
    """Train with spaCy's own loop; returns the directory of the last epoch's pipeline."""
    with tempfile.TemporaryDirectory(prefix="stance-corpus-") as tmp:
        to_docbin(train, Path(tmp) / "train.spacy")
        to_docbin(dev or train[:50], Path(tmp) / "dev.spacy")
        spacy_train(
            config,
            out,
            overrides={
                "paths.train": str(Path(tmp) / "train.spacy"),
                "paths.dev": str(Path(tmp) / "dev.spacy"),
                **(overrides or {}),
            },
        )
    return out / "model-last"


def ship(trained: Path, dest: Path = MODEL) -> None:
    """Copy the trained pipeline where the extractor loads it from."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(trained, dest)
    meta = json.loads((dest / "meta.json").read_text(encoding="utf-8"))
    meta["name"], meta["version"] = "finclaims_stance", "1.0.0"
    meta["description"] = "Bull/bear/none sentence classifier; see extractors/stance_training."
    meta.pop("performance", None)  # last-epoch figures on a training slice would mislead
    (dest / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--out", type=Path, default=MODEL)
    args = parser.parse_args()
    items = load()
    if not items:
        raise SystemExit("no training data: run python -m extractors.stance_training.build_data")
    dev = [i for i in items if fold_of(i["group"], 7) == 0]
    with tempfile.TemporaryDirectory(prefix="stance-train-") as tmp:
        ship(train_model(items, dev, Path(tmp), args.config), args.out)
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"shipped {args.out} ({size / 1e6:.1f} MB), trained on {len(items)} sentences")


if __name__ == "__main__":
    main()
