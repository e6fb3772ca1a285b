"""Rebuild ``data/stance.jsonl``, the stance classifier's training data, from its sources.

    .venv/bin/python -m extractors.stance_training.build_data [--shared ../shared]

Three sources, each item keeping where it came from (``source``) and a ``group`` that keeps
sentences of one document in the same cross-validation fold:

- ``written/*.txt``: sentences written for this project, one per line, labelled by file;
- the article benchmark's ground-truth ``articleBody`` texts (only items whose key starts
  with 8-f; 0-7 are reserved for an evaluation set, and items used by the held-out labelled
  set are skipped), split into sentences and labelled NONE unless ``benchmark_labels.tsv``
  says otherwise;
- the build part of the labelled set: gold stance quotes with their label, the other
  sentences of those documents NONE, sentences on ``ignore_quotes`` left out;
- real filing text (``EDGAR_FILINGS`` under ``datasets/edgar/``): sentences that name the
  AI/capex topic, evenly spaced through each filing, read and labelled NONE unless
  ``edgar_labels.tsv`` says otherwise (risk factors, MD&A and notes state facts and risks in
  the company's own voice, which the labels leave out).

Without the shared datasets the benchmark items already in the JSONL are kept as they are,
so the data can be rebuilt anywhere.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator
from pathlib import Path

import spacy

from extractors import lexicon
from extractors.sentences import remember_text, sentence_offsets
from finclaims.localfiles import read_document

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT = HERE / "data" / "stance.jsonl"
WRITTEN = HERE / "written"
BENCH_LABELS = HERE / "benchmark_labels.tsv"
BUILD = ROOT / "evalsets" / "labelled" / "build"
HELDOUT = ROOT / "evalsets" / "labelled" / "heldout"
LABELS = ("BULL", "BEAR", "NONE")
FILE_LABELS = {"bull.txt": "BULL", "bear.txt": "BEAR", "none.txt": "NONE"}
BENCH_FIRST_CHARS = frozenset("89abcdef")  # items 0-7 are reserved for another evaluation set
BENCH_PER_ITEM = 16  # sentences per article, those naming the AI/capex topic first
EDGAR_LABELS = HERE / "edgar_labels.tsv"
# Filings used whole by no held-out document (evalsets/README.md): how many sentences each
EDGAR_FILINGS = {"10-K_10-Q/meta-20241231.htm": 60, "10-K_10-Q/nvda-20250727.htm": 40}
MIN_WORDS, MAX_WORDS = 5, 70
_WORD = re.compile(r"[A-Za-z]{2,}")
_COMMON = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "with",
        "as",
        "was",
        "by",
        "it",
        "said",
        "at",
        "from",
    ]
)


def splitter():
    """The extractor's own sentence boundaries, so training sentences look like its input."""
    nlp = spacy.blank("en")
    nlp.add_pipe("finclaims_line_breaks")
    nlp.add_pipe("sentencizer")
    return nlp


def split(nlp, text: str) -> list[str]:
    doc = nlp(remember_text(nlp.make_doc(text), text))
    return [text[s:e] for s, e in sentence_offsets(doc)]


def written() -> Iterator[dict]:
    for name, label in FILE_LABELS.items():
        path = WRITTEN / name
        style = None
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            text = line.strip()
            if text.startswith("# style:"):
                style = text.removeprefix("# style:").strip()
            if not text or text.startswith("#"):
                continue
            yield {
                "text": text,
                "label": label,
                "source": f"written/{name}:{n} ({style})",
                "group": f"written/{name}:{n}",
            }


def english(text: str) -> bool:
    """Most of the benchmark is English; a page in another language is no use here."""
    words = [w.lower() for w in _WORD.findall(text[:3000])]
    return len(words) > 50 and sum(w in _COMMON for w in words) / len(words) > 0.12


def heldout_keys() -> set[str]:
    """Benchmark items the held-out labelled set uses (read from the README's provenance,
    not from the held-out files, which nobody opens)."""
    readme = (ROOT / "evalsets" / "README.md").read_text(encoding="utf-8")
    keys = set()
    for line in readme.splitlines():
        if line.startswith("| heldout") or line.startswith("| build"):
            m = re.search(r"ground-truth\.json item ([0-9a-f]{64})", line)
            if m:
                keys.add(m.group(1))
    return keys


def benchmark(nlp, shared: Path) -> Iterator[dict]:
    truth = shared / "datasets" / "article-extraction-benchmark" / "ground-truth.json"
    labels = read_benchmark_labels()
    skip = heldout_keys()  # held-out items stay unseen; build items come in with their gold
    items = json.loads(truth.read_text(encoding="utf-8"))
    anchor = lexicon.pattern("stance", "anchor")
    for key in sorted(items):
        if key[0] not in BENCH_FIRST_CHARS or key in skip:
            continue
        body = items[key].get("articleBody") or ""
        if not english(body):
            continue
        sents = [
            (i, s)
            for i, s in enumerate(split(nlp, body))
            if MIN_WORDS <= len(s.split()) <= MAX_WORDS
        ]
        sents.sort(key=lambda pair: (not anchor.search(pair[1]), pair[0]))
        for i, sent in sorted(sents[:BENCH_PER_ITEM]):
            yield {
                "text": sent,
                "label": labels.get(sent, "NONE"),
                "source": f"article-benchmark {key} sentence {i} ({items[key]['url']})",
                "group": f"benchmark/{key[:12]}",
            }


def edgar(nlp, shared: Path) -> Iterator[dict]:
    """Real filing sentences on the topic, evenly spaced through each filing."""
    from spiders.filing_text import filing_text  # the project's own HTML rendering

    labels = read_benchmark_labels(EDGAR_LABELS)
    topic = lexicon.pattern("stance", "topic")
    for name, wanted in EDGAR_FILINGS.items():
        path = shared / "datasets" / "edgar" / name
        text = filing_text(path.read_bytes())
        sents = [
            (i, s)
            for i, s in enumerate(split(nlp, text))
            if 8 <= len(s.split()) <= MAX_WORDS and topic.search(s) and "|" not in s
        ]
        step = len(sents) / wanted
        for j in range(min(wanted, len(sents))):
            i, sent = sents[int(j * step)]
            yield {
                "text": sent,
                "label": labels.get(sent, "NONE"),
                "source": f"edgar datasets/edgar/{name} sentence {i}",
                "group": f"edgar/{Path(name).stem}",
            }


def read_benchmark_labels(path: Path = BENCH_LABELS) -> dict[str, str]:
    """Sentences labelled other than NONE by hand: ``LABEL<TAB>sentence``."""
    if not path.is_file():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, _, text = line.partition("\t")
            out[text] = label
    return out


def build_set(nlp) -> Iterator[dict]:
    for gold_path in sorted(BUILD.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc_path = BUILD / "docs" / f"{gold_path.stem}.txt"
        body = read_document(doc_path).text
        stances = [(_norm(s["quote"]), s["stance"].upper()) for s in gold.get("stances") or []]
        ignore = [_norm(q) for q in gold.get("ignore_quotes") or []]
        for i, sent in enumerate(split(nlp, body)):
            norm = _norm(sent)
            if len(sent.split()) < 4 or sent.lstrip().startswith("|"):
                continue
            if any(q in norm or norm in q for q in ignore):
                continue
            label = next((lab for q, lab in stances if q in norm or norm in q), "NONE")
            yield {
                "text": sent,
                "label": label,
                "source": f"evalsets/labelled/build/{gold_path.stem} sentence {i}",
                "group": f"build/{gold_path.stem}",
            }


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    nlp = splitter()
    items = list(written()) + list(build_set(nlp))
    if (args.shared / "datasets" / "article-extraction-benchmark").is_dir():
        items += list(benchmark(nlp, args.shared))
    else:
        print(f"{args.shared}: not found; keeping the benchmark items already in {OUT.name}")
        items += [i for i in load(OUT) if i["group"].startswith("benchmark/")]
    if (args.shared / "datasets" / "edgar").is_dir():
        items += list(edgar(nlp, args.shared))
    else:
        print(f"{args.shared}: not found; keeping the EDGAR items already in {OUT.name}")
        items += [i for i in load(OUT) if i["group"].startswith("edgar/")]
    seen, unique = set(), []
    for item in items:
        if item["text"] not in seen:
            seen.add(item["text"])
            unique.append(item)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in unique), "utf-8")
    counts = {lab: sum(i["label"] == lab for i in unique) for lab in LABELS}
    print(f"{OUT}: {len(unique)} items {counts}")


def load(path: Path = OUT) -> list[dict]:
    """The training items, validated: a known label, text and source present."""
    if not path.is_file():
        return []
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        item = json.loads(line)
        if item.get("label") not in LABELS or not item.get("text") or not item.get("source"):
            raise ValueError(f"{path}:{n}: needs text, source and a label in {LABELS}")
        items.append(item)
    return items


if __name__ == "__main__":
    main()
