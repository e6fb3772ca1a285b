"""Cross-validation of the whole stance pipeline over the build documents.

    .venv/bin/python -m extractors.stance_training.pipeline_cv [--folds 5] [--only F]
        [--models DIR] [--shared ../shared]

``crossval`` measures the classifier on sentences; this measures what the scorer sees.
Each build document goes through the full extractor with the classifier of the fold that
never saw it (folds by ``fold_of``, as in training), and ``score.py`` scores the stances
of all of them together. A change to how the pipeline uses the classifier (which sentences
it asks about, the thresholds) is chosen on this figure rather than on the held-out parts,
and the in-sample figure of ``make eval`` on the build part, where the shipped model has
seen every sentence, cannot show it. ``--models`` keeps the fold models between runs;
``--only F`` trains and scores fold F alone (a fifth of the time, for a quick reading before
a retrain).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import shutil
import tempfile
from pathlib import Path

import spacy

import extractors
from extractors.stance_component import WordWeights
from extractors.stance_training.build_data import BUILD, ROOT, load
from extractors.stance_training.train import CONFIG, fold_of, train_model
from finclaims.localfiles import read_document


def fold_models(
    items: list[dict], folds: int, where: Path, config: Path, only: int | None = None
) -> list[Path | None]:
    """One model per fold, trained without that fold's items; reused when already there.
    With ``only``, that fold's model alone (the others are None)."""
    paths: list[Path | None] = []
    for f in range(folds):
        out = where / f"fold{f}"
        if only is not None and f != only:
            paths.append(None)
            continue
        if not (out / "model-last" / "meta.json").is_file():
            train = [i for i in items if fold_of(i["group"], folds) != f]
            test = [i for i in items if fold_of(i["group"], folds) == f]
            with contextlib.redirect_stdout(io.StringIO()):  # spaCy's per-epoch table
                train_model(train, test[:200], out, config)
        paths.append(out / "model-last")
    return paths


def predict_out_of_fold(models: list[Path | None], pred: Path) -> list[Path]:
    """Writes FORMAT.md JSONL for every build document of the folds with a model, each
    judged by its fold's model; returns those documents."""
    nlp = extractors.load()
    stances = nlp.get_pipe("finclaims_stances")
    paths = sorted((BUILD / "docs").glob("*.txt"))
    lines, judged = [], []
    for f, model in enumerate(models):
        if model is None:
            continue
        stances.weights = WordWeights(spacy.load(model))
        mine = [p for p in paths if fold_of(f"build/{p.stem}", len(models)) == f]
        judged += mine
        docs = [read_document(p) for p in mine]
        results = extractors.extract_documents(nlp, docs, [f"docs/{p.name}" for p in mine])
        lines += [json.dumps(r.to_format()) + "\n" for r in results]
    pred.write_text("".join(lines), encoding="utf-8")
    return judged


def gold_of(docs: list[Path], where: Path) -> Path:
    """A gold folder holding only ``docs`` (the scorer counts a gold document without a
    prediction as all missed)."""
    (where / "docs").mkdir(parents=True, exist_ok=True)
    for doc in docs:
        shutil.copy(doc, where / "docs" / doc.name)
        shutil.copy(BUILD / f"{doc.stem}.json", where / f"{doc.stem}.json")
    return where


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--only", type=int, default=None, help="train and score this fold alone")
    parser.add_argument("--models", type=Path, default=None, help="keep fold models here")
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    if not (args.shared / "eval" / "score.py").is_file():
        print(f"{args.shared}/eval/score.py not found: nothing to score with")
        return 1
    with tempfile.TemporaryDirectory(prefix="stance-pcv-") as tmp:
        where = args.models or Path(tmp)
        models = fold_models(load(), args.folds, where, args.config, args.only)
        pred = Path(tmp) / "build.jsonl"
        judged = predict_out_of_fold(models, pred)
        gold = BUILD if args.only is None else gold_of(judged, Path(tmp) / "gold")
        res = load_scorer(args.shared).score(gold, pred)
    which = f"fold {args.only} of {args.folds}" if args.only is not None else f"{args.folds} folds"
    print(f"{len(judged)} build documents, {which}, each judged by a model that never saw it")
    for side in ("bull", "bear"):
        r = res[f"stance_{side}"]
        print(
            f"{side}: P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.3f}"
            f" (tp {r['tp']}, predicted {r['predicted']}, gold {r['gold']})"
        )
    print(
        f"stance macro-F1 {res['stance_macro_f1']:.3f}; "
        f"document stance accuracy {res['document_stance_accuracy']:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
