"""k-fold cross-validation of the stance classifier, and the thresholds it supports.

    .venv/bin/python -m extractors.stance_training.crossval [--folds 5] [--config PATH]

Folds are drawn by document group (``fold_of``), so sentences of one build document or one
benchmark article never sit on both sides. Every item gets an out-of-fold prediction; from
those the script prints the classifier's own macro-F1 (bull F1 and bear F1 averaged, as the
scorer does), then searches the thresholds of ``decide`` (classifier alone where confident,
the cue lists elsewhere unless the classifier vetoes) over the candidate sentences, and
prints the best settings next to the cue lists alone. The chosen values go into
``data/stance.yaml`` by hand, with the figures in the README.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable
from pathlib import Path

import spacy

from extractors import lexicon
from extractors.context import Sent
from extractors.sections import is_boilerplate, is_heading
from extractors.stance import cue_stance, document_stance
from extractors.stance_training.build_data import load
from extractors.stance_training.train import CONFIG, fold_of, train_model

STRICT_GROUPS = ("10k", "10q", "8k", "ex991", "release")


def out_of_fold(items: list[dict], folds: int, config: Path) -> list[dict[str, float]]:
    """Each item's probabilities from the model trained without its fold."""
    probs: list[dict[str, float] | None] = [None] * len(items)
    for f in range(folds):
        train = [i for i in items if fold_of(i["group"], folds) != f]
        test = [(n, i) for n, i in enumerate(items) if fold_of(i["group"], folds) == f]
        with tempfile.TemporaryDirectory(prefix="stance-cv-") as tmp:
            nlp = spacy.load(train_model(train, [i for _, i in test][:200], Path(tmp), config))
            for (n, _), doc in zip(test, nlp.pipe(i["text"] for _, i in test), strict=True):
                probs[n] = dict(doc.cats)
    return probs  # type: ignore[return-value]


def f1s(gold: list[str], pred: list[str | None]) -> tuple[float, float, float]:
    """(bull F1, bear F1, macro) over sentences; "NONE"/None is no prediction."""
    out = []
    for side in ("BULL", "BEAR"):
        tp = sum(g == side and p == side for g, p in zip(gold, pred, strict=True))
        fp = sum(g != side and p == side for g, p in zip(gold, pred, strict=True))
        fn = sum(g == side and p != side for g, p in zip(gold, pred, strict=True))
        out.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return out[0], out[1], (out[0] + out[1]) / 2


def rule(
    threshold: float, veto: float, cues_first: bool = False
) -> Callable[[dict, str | None], str | None]:
    def label(p: dict, by_cues: str | None) -> str | None:
        if cues_first and by_cues:
            return by_cues.upper()
        side = "BULL" if p["BULL"] >= p["BEAR"] else "BEAR"
        if p[side] >= threshold:
            return side
        if by_cues and p["NONE"] < veto:
            return by_cues.upper()
        return None

    return label


def doc_accuracy(items: list[dict], pred: list[str | None]) -> float:
    """Document stance accuracy over the build documents, by FORMAT.md's rule."""
    docs: dict[str, tuple[list[str], list[str]]] = {}
    for item, p in zip(items, pred, strict=True):
        if item["group"].startswith("build/"):
            gold, got = docs.setdefault(item["group"], ([], []))
            if item["label"] != "NONE":
                gold.append(item["label"].lower())
            if p and p != "NONE":
                got.append(p.lower())
    hits = sum(document_stance(g) == document_stance(p) for g, p in docs.values())
    return hits / max(1, len(docs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--config", type=Path, default=CONFIG)
    args = parser.parse_args()
    items = load()
    probs = out_of_fold(items, args.folds, args.config)
    gold = [i["label"] for i in items]
    argmax = [max(p, key=p.get) for p in probs]
    b, r, m = f1s(gold, argmax)
    print(f"{len(items)} items, {args.folds}-fold CV by document group")
    print(f"textcat alone (argmax, all sentences): bull F1 {b:.3f} bear F1 {r:.3f} macro {m:.3f}")

    # the pipeline judges every sentence of a document that names the topic
    said = [i["text"] for i in items]
    keep = [n for n, t in enumerate(said) if not is_heading(t) and not is_boilerplate(t)]
    cands = [items[n] for n in keep]
    cgold = [gold[n] for n in keep]
    cprobs = [probs[n] for n in keep]
    cues = [cue_stance(Sent.build(i["text"])) for i in cands]
    print(f"candidate sentences (not headings or boilerplate): {len(cands)}")
    b, r, m = f1s(cgold, [c.upper() if c else None for c in cues])
    print(f"cue lists alone:                 bull {b:.3f} bear {r:.3f} macro {m:.3f}")
    b, r, m = f1s(cgold, [max(p, key=p.get) for p in cprobs])
    print(f"textcat alone (argmax):          bull {b:.3f} bear {r:.3f} macro {m:.3f}")
    results = []
    for t in [x / 100 for x in range(35, 100, 5)]:
        for v in [x / 100 for x in range(50, 101, 5)] + [1.01]:
            decide = rule(t, v)
            pred = [decide(p, c) for p, c in zip(cprobs, cues, strict=True)]
            results.append((f1s(cgold, pred), t, v, pred))
    results.sort(key=lambda x: -x[0][2])
    for (b, r, m), t, v, _ in results[:8]:
        print(f"threshold {t:.2f} veto {v:.2f}:   bull {b:.3f} bear {r:.3f} macro {m:.3f}")
    for (b, r, m), t, _v, _ in [x for x in results if x[2] > 1][:4]:
        print(f"threshold {t:.2f} no veto:     bull {b:.3f} bear {r:.3f} macro {m:.3f}")
    real = [n for n, i in enumerate(cands) if i["group"].startswith("build/")]
    print(f"build documents only ({len(real)} candidates, real stance density), no veto:")
    for t in (0.35, 0.5, 0.6, 0.7, 0.8, 0.9):
        decide = rule(t, 1.01)
        pred = [decide(cprobs[n], cues[n]) for n in real]
        b, r, m = f1s([cgold[n] for n in real], pred)
        print(f"  threshold {t:.2f}: bull {b:.3f} bear {r:.3f} macro {m:.3f}")
    print("build documents only, the classifier adding where the cue lists are silent:")
    for t in (0.5, 0.6, 0.7, 0.8, 0.9):
        decide = rule(t, 1.01)
        pred = [cues[n].upper() if cues[n] else decide(cprobs[n], None) for n in real]
        b, r, m = f1s([cgold[n] for n in real], pred)
        print(f"  threshold {t:.2f}: bull {b:.3f} bear {r:.3f} macro {m:.3f}")
    print("all candidates, the classifier adding where the cue lists are silent:")
    for t in (0.35, 0.5, 0.6, 0.7, 0.8, 0.9):
        decide = rule(t, 1.01)
        pred = [c.upper() if c else decide(p, None) for p, c in zip(cprobs, cues, strict=True)]
        b, r, m = f1s(cgold, pred)
        print(f"  threshold {t:.2f}: bull {b:.3f} bear {r:.3f} macro {m:.3f}")
    cfg = lexicon.load("stance")["classifier"]
    first = bool(cfg.get("cues_first", False))
    decide = rule(float(cfg["threshold"]), float(cfg["veto"]), first)
    pred = [decide(p, c) for p, c in zip(cprobs, cues, strict=True)]
    b, r, m = f1s(cgold, pred)
    print(
        f"shipped (threshold {cfg['threshold']}, veto {cfg['veto']}, cues first {first}): "
        f"bull {b:.3f} bear {r:.3f} macro {m:.3f}; "
        f"build document stance accuracy {doc_accuracy(cands, pred):.3f}"
    )
    strict = [n for n, i in enumerate(cands) if any(k in i["group"] for k in STRICT_GROUPS)]
    for t in (0.6, 0.7, 0.8, 0.9):
        fp = sum(
            cgold[n] == "NONE" and max(cprobs[n]["BULL"], cprobs[n]["BEAR"]) >= t for n in strict
        )
        tp = sum(cgold[n] != "NONE" and cprobs[n][cgold[n]] >= t for n in strict)
        print(f"filings/releases ({len(strict)} candidates): at {t:.1f} {tp} right, {fp} false")


if __name__ == "__main__":
    main()
