"""Cross-validation of the whole stance pipeline over the build documents.

    .venv/bin/python -m extractors.stance_training.pipeline_cv [--folds 5] [--models DIR]
        [--shared ../shared]

``crossval`` measures the classifier on sentences; this measures what the scorer sees.
Each build document goes through the full extractor with the classifier of the fold that
never saw it (folds by ``fold_of``, as in training), and ``score.py`` scores the stances
of all of them together. A change to how the pipeline uses the classifier (which sentences
it asks about, the thresholds) is chosen on this figure rather than on the held-out parts,
and the in-sample figure of ``make eval`` on the build part, where the shipped model has
seen every sentence, cannot show it. ``--models`` keeps the fold models between runs.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import tempfile
from pathlib import Path

import spacy

import extractors
from extractors.stance_component import WordWeights
from extractors.stance_training.build_data import BUILD, ROOT, load
from extractors.stance_training.train import CONFIG, fold_of, train_model
from finclaims.localfiles import read_document


def fold_models(items: list[dict], folds: int, where: Path, config: Path) -> list[Path]:
    """One model per fold, trained without that fold's items; reused when already there."""
    paths = []
    for f in range(folds):
        out = where / f"fold{f}"
        if not (out / "model-last" / "meta.json").is_file():
            train = [i for i in items if fold_of(i["group"], folds) != f]
            test = [i for i in items if fold_of(i["group"], folds) == f]
            with contextlib.redirect_stdout(io.StringIO()):  # spaCy's per-epoch table
                train_model(train, test[:200], out, config)
        paths.append(out / "model-last")
    return paths


def predict_out_of_fold(models: list[Path], pred: Path) -> int:
    """Writes FORMAT.md JSONL for every build document, each judged by its fold's model."""
    nlp = extractors.load()
    stances = nlp.get_pipe("finclaims_stances")
    paths = sorted((BUILD / "docs").glob("*.txt"))
    lines = []
    for f, model in enumerate(models):
        stances.weights = WordWeights(spacy.load(model))
        mine = [p for p in paths if fold_of(f"build/{p.stem}", len(models)) == f]
        docs = [read_document(p) for p in mine]
        results = extractors.extract_documents(nlp, docs, [f"docs/{p.name}" for p in mine])
        lines += [json.dumps(r.to_format()) + "\n" for r in results]
    pred.write_text("".join(lines), encoding="utf-8")
    return len(lines)


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--models", type=Path, default=None, help="keep fold models here")
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    if not (args.shared / "eval" / "score.py").is_file():
        print(f"{args.shared}/eval/score.py not found: nothing to score with")
        return 1
    with tempfile.TemporaryDirectory(prefix="stance-pcv-") as tmp:
        where = args.models or Path(tmp)
        models = fold_models(load(), args.folds, where, args.config)
        pred = Path(tmp) / "build.jsonl"
        count = predict_out_of_fold(models, pred)
        res = load_scorer(args.shared).score(BUILD, pred)
    print(f"{count} build documents, {args.folds} folds, each judged by a model that never saw it")
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
