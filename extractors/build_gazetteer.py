"""Regenerate ``data/companies.json`` from an SEC ticker map.

The SEC publishes ``company_tickers.json`` (``{"0": {"cik_str", "ticker", "title"}}``) and
``company_tickers_exchange.json`` (``{"fields": [...], "data": [[cik, name, ticker,
exchange], ...]}``). The project ships a trimmed snapshot so extraction never needs the
network: with exchange data, OTC and unlisted lines are dropped, because their names and
tickers collide with ordinary words far more often than they appear in news. A company whose
name is one word ("DoorDash, Inc.", "ONEOK INC /NEW/") is marked ``"alone": true`` when that
word is no English word, so prose can name it by that word alone (see ``stands_alone``); the
English word list comes from the ``english-words`` package, needed only here.

A multi-word name whose first word is distinctive gets ``"short"`` (see ``mark_alone``).
``--newer company_tickers.json`` adds the companies listed since the exchange map was made:
the exchange map is the one that says which lines are listed, but it lags behind.

    python -m extractors.build_gazetteer company_tickers_exchange.json \
        --newer company_tickers.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from extractors import lexicon
from extractors.gazetteer import (
    descriptor_stem,
    english_stop_words,
    name_words,
    short_alias,
    short_name,
)

SNAPSHOT = Path(__file__).parent / "data" / "companies.json"
LISTED = {"nasdaq", "nyse", "nyse american", "nyse arca", "cboe us", "cboe"}


class TickerMapError(ValueError):
    """The file is not one of the SEC ticker-map shapes."""


def read_ticker_map(path: Path, listed_only: bool = True) -> list[dict]:
    """Rows of ``{ticker, cik, name}`` from either SEC file shape, listed companies only
    (where the file says which are listed)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise TickerMapError(f"{path}: cannot read ticker map ({exc})") from exc
    if isinstance(raw, dict) and "fields" in raw and "data" in raw:
        fields = [f.lower() for f in raw["fields"]]
        rows = [dict(zip(fields, values, strict=False)) for values in raw["data"]]
        if listed_only:
            rows = [r for r in rows if str(r.get("exchange") or "").lower() in LISTED]
        return [_row(r.get("ticker"), r.get("cik"), r.get("name")) for r in rows]
    if isinstance(raw, dict) and all(isinstance(v, dict) for v in raw.values()):
        return [_row(v.get("ticker"), v.get("cik_str"), v.get("title")) for v in raw.values()]
    raise TickerMapError(f"{path}: neither the SEC company_tickers nor the exchange shape")


def _row(ticker, cik, name) -> dict:
    if not ticker or not name or cik is None:
        raise TickerMapError(f"incomplete ticker-map row: {ticker!r} {cik!r} {name!r}")
    ticker = _SHARE_CLASS.sub(r"\1.\2", str(ticker).upper())
    return {"ticker": ticker, "cik": str(int(cik)).zfill(10), "name": str(name)}


# A share class as the SEC writes it ("BF-B", "MOG-A") and as news and notes do ("BF.B",
# "MOG.A"); a preferred line ("ETI-P") keeps its dash
_SHARE_CLASS = re.compile(r"^([A-Z]+)-([A-C])$")


def stands_alone(name: str, english: frozenset[str], never: frozenset[str]) -> bool:
    """Whether a one-word company name is safe to match by itself in prose.

    Why: news names many companies by one word ("DoorDash said", "ONEOK left its budget"),
    but one-word names that are English words ("Target", "Block", "Waters", "Diodes") or
    surnames and institutions a sentence names for other reasons (hand-kept in
    ``name_words.yaml``, ``not_alone``) would attribute figures to the wrong company.
    """
    words = short_name(name).split()
    if len(words) != 1 or words[0] in never:
        return False
    word = words[0].lower()
    if word.endswith(("'s", "’s")):  # "Macy's", "Portillo's": a possessive name whose
        word = word[:-2]  # stem is no English word is no word of prose either
    if len(word) < 4 or not word.replace("-", "").replace(".", "").isalpha():
        return False
    stems = {
        word,
        word[:-1] if word.endswith("s") else word,
        word[:-2] if word.endswith("es") else word,
    }
    return not stems & english


def english_words() -> frozenset[str]:
    """Lower-case English words (Webster's second edition list)."""
    try:
        from english_words import get_english_words_set
    except ImportError as exc:  # a refresh-only dependency
        raise TickerMapError("marking one-word names needs: pip install english-words") from exc
    return frozenset(get_english_words_set(["web2"], lower=True))


def mark_alone(rows: list[dict], english: frozenset[str]) -> list[dict]:
    """The rows, with ``"alone": true`` on those ``stands_alone`` accepts, and ``"short"``
    on those whose distinctive first word (``short_alias``: "Generac" of "Generac Holdings",
    "Seagate" of "Seagate Technology Holdings") would pass the same test."""
    never = frozenset(lexicon.load("name_words")["not_alone"])
    pairs = short_pairs(rows, english)
    out = []
    for row in rows:
        if not row.get("newer"):
            if stands_alone(row["name"], english, never):
                row = {**row, "alone": True}
            elif (alias := short_alias(row["name"])) and stands_alone(alias, english, never):
                row = {**row, "short": alias}
            if pair := pairs.get(row["ticker"]):
                row = {**row, "pair": pair}
            if (former := row.get("former")) and stands_alone(former, english, never):
                row = {**row, "former_alone": True}  # "Fleetcor" is Corpay now
        out.append(row)
    return out


def short_pairs(rows: list[dict], english: frozenset[str]) -> dict[str, str]:
    """{ticker: the name without its descriptor tail} where two words or more are left and
    they name one company only: "Gran Tierra" of "Gran Tierra Energy", "Martin Marietta" of
    "Martin Marietta Materials".

    Why: news drops the tail after the first mention, or at once. Left out: a generic first
    word ("First Watch", "Palo Alto" is also a city) and words that are all English ("Natural
    Gas" of "Natural Gas Services Group" is a commodity)."""
    _descriptors, generic = name_words()
    names = {short_name(r["name"]) for r in rows}
    found: dict[str, set[str]] = {}
    for row in rows:
        if row.get("newer"):
            continue
        name = short_name(row["name"])
        stem = descriptor_stem(name)  # "Air Products & Chemicals" leaves "Air Products"
        first = name.split()[0] if name else ""
        if stem is None or first in generic or not first[:1].isupper():
            continue
        if first.lower() in english_stop_words():
            continue
        letters = [w.lower().strip(",.") for w in stem.split()]
        if all(w in english for w in letters if w.isalpha()):
            continue  # "Gaming & Leisure", "Group 1": words of prose
        found.setdefault(stem, set()).add(row["ticker"])
    return {
        next(iter(tickers)): pair
        for pair, tickers in found.items()
        if len(tickers) == 1 and pair not in names
    }


def newcomers(
    rows: list[dict], every: list[dict], newer: list[dict], pending: frozenset[str] = frozenset()
) -> list[dict]:
    """``rows`` and, after them, the companies of a newer ticker map (``company_tickers.json``)
    whose CIK is nowhere in the exchange map (``every``: its rows on any exchange or none),
    was there unlisted under another ticker, or was there on no exchange at all (``pending``,
    CIKs): listed since it was published (Arm; Core Scientific, "CORZQ" on OTC before it came
    out of bankruptcy as "CORZ"; Knife River and Atmus Filtration, filed and ticketed but not
    yet trading). Why after: the listed rows keep their tickers and names where both maps
    have them. They are marked ``"newer"``: no map says they are listed, so ``mark_alone``
    gives them no one-word form and they are found by their full names and tickers only."""
    listed = {r["cik"] for r in rows}
    old = {r["cik"]: r["ticker"] for r in every}
    return rows + [
        {**r, "newer": True}
        for r in newer
        if r["cik"] not in listed
        and (old.get(r["cik"], "") != r["ticker"] or r["cik"] in pending)
        and not _FUND.search(r["name"])  # exchange-traded funds and trusts hold, not spend
    ]


def pending_listings(path: Path) -> frozenset[str]:
    """CIKs the exchange map gives no exchange at all (not even OTC): a company between its
    registration and its first trade, or one that left every market. Only a newer map that
    still lists the ticker tells the first kind apart (see ``newcomers``)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    if not (isinstance(raw, dict) and "fields" in raw):
        return frozenset()
    fields = [f.lower() for f in raw["fields"]]
    rows = (dict(zip(fields, values, strict=False)) for values in raw["data"])
    return frozenset(str(int(r["cik"])).zfill(10) for r in rows if not r.get("exchange"))


# A ticker the newer map may give a listed company in place of its old one: a share class
# ("MOG.A"), not a warrant, unit or preferred line ("DJTWW", "TRTN-PA"), nor the fifth
# letter that marks an over-the-counter or bankrupt line ("NTCOY", "GOLLQ").
_PLAIN_TICKER = re.compile(r"[A-Z]{1,4}(?:\.[A-Z])?|[A-Z]{4}[A-EG-PR-XZ]")


_SPAC = re.compile(r"\b(?:Acquisitions?|Merger)\b", re.I)  # a blank-check name, never news


def renamed(rows: list[dict], newer: list[dict]) -> list[dict]:
    """``rows`` with the ticker and name the newer map gives a listed company whose old
    ticker it no longer has, its old name kept as ``"former"``.

    Why: a company that changes its name usually changes its ticker too (SeaWorld's "SEAS"
    is United Parks' "PRKS", Fleetcor's "FLT" is Corpay's "CPAY"); news uses the new ticker
    and name, and sometimes still the old name. Only one plain new ticker for the CIK counts:
    several (a SPAC's merged company with its warrants) or an over-the-counter form (a
    delisting) leave the row as it was."""
    tickers = {r["ticker"] for r in newer}
    by_cik: dict[str, list[dict]] = {}
    for r in newer:
        if _PLAIN_TICKER.fullmatch(r["ticker"]):
            by_cik.setdefault(r["cik"], []).append(r)
    out = []
    for row in rows:
        fresh = by_cik.get(row["cik"], [])
        gone = row["ticker"] not in tickers and _PLAIN_TICKER.fullmatch(row["ticker"])
        if gone and len(fresh) == 1:
            now = fresh[0]
            moved = {**row, "ticker": now["ticker"], "name": now["name"]}
            old = short_name(row["name"])
            if old.lower() != short_name(now["name"]).lower() and not _SPAC.search(old):
                moved["former"] = row["name"]
            row = moved
        out.append(row)
    return out


def current_names(rows: list[dict], newer: list[dict]) -> list[dict]:
    """``rows`` with the name and CIK the newer map gives their ticker.

    Why: the exchange map lags; a company that re-domiciled or renamed keeps its ticker and
    listing but files under a new name, often a new CIK ("BUNGELTD" is "Bunge Global SA",
    "HUT 8 MINING CORP." is "Hut 8 Corp."), and news uses the new name."""
    now = {r["ticker"]: r for r in newer}
    out = []
    for row in rows:
        fresh = now.get(row["ticker"])
        if fresh and (fresh["name"], fresh["cik"]) != (row["name"], row["cik"]):
            row = {**row, "name": fresh["name"], "cik": fresh["cik"]}
        out.append(row)
    return out


_FUND = re.compile(r"\b(?:ETF|Trust|Fund)\b", re.I)


def write_snapshot(rows: list[dict], out: Path = SNAPSHOT) -> int:
    """Write one compact row per line so diffs of a refreshed snapshot stay readable."""
    seen: set[str] = set()
    unique = [r for r in rows if not (r["ticker"] in seen or seen.add(r["ticker"]))]
    lines = ",\n".join(json.dumps(r, ensure_ascii=False) for r in unique)
    out.write_text(f"[\n{lines}\n]\n", encoding="utf-8")
    return len(unique)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ticker_map", type=Path)
    parser.add_argument(
        "--newer", type=Path, default=None, help="company_tickers.json published after it"
    )
    parser.add_argument("--out", type=Path, default=SNAPSHOT)
    args = parser.parse_args(argv)
    try:
        rows = read_ticker_map(args.ticker_map)
        if args.newer is not None:
            every, newer = read_ticker_map(args.ticker_map, False), read_ticker_map(args.newer)
            pending = pending_listings(args.ticker_map)
            rows = newcomers(current_names(renamed(rows, newer), newer), every, newer, pending)
        n = write_snapshot(mark_alone(rows, english_words()), args.out)
    except TickerMapError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {n} companies to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
