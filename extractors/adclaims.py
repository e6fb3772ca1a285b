"""Advertising-performance claims (ROAS, conversions, ad prices, impressions, ad revenue).

A claim is anchored on a metric word; its direction comes from the words right around it
and its numbers from the rest of its clause up to the next metric word, so "impressions
grew 6% while price per ad grew 14%" gives two claims with one number each. Numbers
between two metrics of one clause belong to the first ("ROAS rose from 3.1 to 3.4, and
conversions rose 9%"). A period that dates the comparison base ("up from $3.70 in the
second quarter", "from a year earlier") is not the claim's; with no period of its own, a
claim in an earnings release takes the period of its section.
"""

from __future__ import annotations

import re

from extractors import lexicon
from extractors.context import Sent

_PCT = r"(\d+(?:\.\d+)?)\s?(?:%|percent|per cent|pct)"
_FROM_TO = re.compile(
    r"\bfrom\s+\$?(\d+(?:\.\d+)?)\s?(?:%|percent|x)?\s+to\s+\$?(\d+(?:\.\d+)?)\s?(?:%|percent|x)?",
    re.I,
)
# "rose to $7.40 from $6.90": the move written new level first.
_TO_FROM = re.compile(
    r"\bto\s+\$?(\d+(?:\.\d+)?)\s?(?:%|percent|x)?\s+from\s+\$?(\d+(?:\.\d+)?)",
    re.I,
)
_ABOUT = r"(?:(?:~|about|roughly|approximately|nearly|almost|some|around)\s*)?"
_MINUS = re.compile(r"\W*[-−]\s?")
_MINUS_WORDS = re.compile(r"\s[-−]\s?$")
# ("CPMs rose 7%", "cost per click advertisers paid +7% y/y")
_CHANGE_AFTER = re.compile(rf"^\W*(?:[a-z]+\s+){{0,3}}?(?:by\s+)?{_ABOUT}[+−-]?\s?{_PCT}", re.I)
_CHANGE_BEFORE = re.compile(
    rf"{_PCT}\s+(?:year[- ]over[- ]year\s+|y/y\s+)?(?:increase|growth|rise|gain|jump|improvement"
    rf"|lift|uplift|boost|decline|drop|decrease|fall|reduction)\s+in\s+(?:[\w-]+\s+){{0,2}}$",
    re.I,
)
# "a 24% lower cost per acquisition", "12% higher conversion rates": the change is written
# as an adjective before the metric.
_CHANGE_ADJ_BEFORE = re.compile(
    rf"{_PCT}\s+(?:lower|higher|better|cheaper|more|fewer|less|greater|bigger|smaller|reduced"
    rf"|increased|decreased)\s+(?:[\w-]+\s+){{0,1}}$",
    re.I,
)
# "... that was 18% lower than a year earlier": a comparison after the change.
_LOWER_AFTER = re.compile(r"\s+(?:lower|less|cheaper|fewer|smaller|below)\b", re.I)
_CHANGE_ANY = re.compile(
    rf"\b(?:up|down|grew|rose|increased|fell|declined|decreased|jumped|climbed|dropped|improved"
    rf"|gained|surged|soared|slipped|dipped|shrank"
    rf"|(?:growth|increase|rise|decline|drop|decrease) of)\s+(?:by\s+)?{_ABOUT}{_PCT}"
    rf"|(?:^|,\s)[+−-]\s?{_PCT}\s*(?:y/y|yoy|y-o-y|year[- ]over[- ]year)",  # "$64M, +31% y/y"
    re.I,
)
_DOWN_WORD = re.compile(
    r"\b(?:decline|drop|decrease|fall|fell|down|lower|reduction|slipp|dipp|shr[ai]nk|cheaper|fewer|less\b|smaller)\w*",
    re.I,
)
# A cost metric ("cost per acquisition", "CPA") that "improves" goes down.
_COST = re.compile(r"\bcost per\b|\bCPA\b", re.I)
_BETTER = re.compile(r"\b(?:improv\w*|better|more efficient|efficienc\w*)\b", re.I)
# Between a metric and an amount: a conjunction that opens another clause ("ad sales jump
# as spending plan holds at $200 billion"): the amount is that clause's.
_OTHER_CLAUSE = re.compile(r"\b(?:as|while|whereas|after|because|since|when)\b", re.I)
_RATIO = re.compile(
    r"(?:\$?(\d+(?:\.\d+)?)\s?(?:x|times)\b|\$(\d+(?:\.\d+)?)\s+(?:(?:in|of)\s+(?:[\w-]+\s+){1,3}?)?"
    r"(?:(?:for|per)\s+every\b|per\s+(?:\$1|dollar)\b))",
    re.I,
)
# the level's base later in its clause
_MOVED_LATER = re.compile(
    r",\s*(?P<way>up|down)\s+(?:sharply\s+|slightly\s+)?from\s+(?:about\s+|~)?\$?(?P<base>\d+(?:\.\d+)?)",
    re.I,
)
# "ROAS ~2.9x vs ~2.4x a yr ago": a ratio against its base
_RATIO_VS = re.compile(
    r"(\d+(?:\.\d+)?)\s?x\s+(?:vs\.?|versus|compared (?:with|to)|against)\s+~?\s?"
    r"(\d+(?:\.\d+)?)\s?x\b",
    re.I,
)
# "decreased $14 million, or 4%, to $352 million": the change in money, then in per cent
_MONEY_THEN_PCT = re.compile(
    rf"^[^.;]{{0,40}}?\$[\d.,]+\s*(?:[a-z]+\s*)?,?\s+or\s+{_ABOUT}{_PCT}", re.I
)
# after an amount: it is the change, not the level ("$14 million, or 4%")
_IS_CHANGE = re.compile(rf"\s*,?\s+or\s+{_ABOUT}{_PCT}", re.I)
# between a level and its base ("was $148 million, compared with $19 million")
_BASE_BETWEEN = re.compile(
    r"^\s*,?\s*(?:(?:up|down)\s+)?(?:from|compared (?:with|to)|versus|vs\.?|against)\s+"
    r"(?:(?:about|roughly|approximately|around|~)\s*)?$",
    re.I,
)


# More metric words than any prose sentence names: a wall of figures that lost its line
# breaks. Each claim reads its clause from the sentence start, so the cost would grow with
# the square of such a "sentence" for no claim a reader would trust.
MAX_METRICS = 24


def _rx(key: str) -> re.Pattern:
    return lexicon.pattern("ad_claims", key)


def metric_patterns() -> tuple[re.Pattern, ...]:
    """The metric words a claim is anchored on (for the sentence prefilter)."""
    return tuple(lexicon.mapping("ad_claims", "metrics").values())


def find_ad_claims(sent: Sent) -> list[dict]:
    """Ad claims (AdClaim fields) stated in ``sent``."""
    if _rx("generic_rule").match(sent.text):
        return []
    hits = _metric_hits(sent.text)
    if len(hits) > MAX_METRICS:
        return []
    claims = []
    for k, (start, end, metric) in enumerate(hits):
        lo = max(hits[k - 1][1] if k else 0, _clause_start(sent.text, start))
        hi = min(
            hits[k + 1][0] if k + 1 < len(hits) else len(sent.text), _clause_end(sent.text, end)
        )
        shared = bool(k) and hits[k - 1][1] >= _clause_start(sent.text, start)
        claim = _claim(sent, metric, start, end, (lo, hi, shared))
        if claim is not None:
            claims.append(claim)
    return claims


_SINGULAR = re.compile(r"impression\b", re.I)  # "an impression" (not "impressions delivered")


def _metric_hits(text: str) -> list[tuple[int, int, str]]:
    hits: list[tuple[int, int, str]] = []
    not_before = lexicon.mapping("ad_claims", "not_before")
    for metric, pattern in lexicon.mapping("ad_claims", "metrics").items():
        for m in pattern.finditer(text):
            if metric in not_before and not_before[metric].search(
                text[max(0, m.start() - 12) : m.start()]
            ):
                continue
            singular = metric == "ad_impressions" and _SINGULAR.match(m.group())
            if singular and not text[: m.start()].lower().endswith("ad "):
                continue  # "an impression" is not a metric; "ad impression" is
            if not any(m.start() < h[1] and h[0] < m.end() for h in hits):
                hits.append((m.start(), m.end(), metric))
    return sorted(hits)


def _clause_start(text: str, pos: int) -> int:
    breaks = [m.end() for m in _rx("clause_break").finditer(text[:pos])]
    return breaks[-1] if breaks else 0


def _clause_end(text: str, pos: int) -> int:
    m = _rx("clause_break").search(text, pos)
    return m.start() if m else len(text)


def _claim(sent: Sent, metric: str, start: int, end: int, window: tuple) -> dict | None:
    lo, hi, shared = window
    text = sent.text
    before, after = text[lo:start], text[end:hi]
    direction = _direction(text[start:end], before, after)
    numbers = _numbers(sent, metric, "" if shared else before, after, (lo, end, hi))
    if direction is None and (moved := _rx("moved_from").search(after)):
        direction = moved_direction(moved, numbers)
    elif direction is None and "value" in numbers and (moved := _MOVED_LATER.search(after)):
        # "a return on ad spend of $2.90 per dollar in the quarter, up from $2.40"
        direction = moved_direction(moved, numbers)
    if direction is None and numbers.get("change_pct") is not None:
        direction = "down" if numbers["change_pct"] < 0 else "up"
    if direction is None and numbers.get("from_value") is not None:
        direction = "up" if numbers["to_value"] > numbers["from_value"] else "down"
    if direction is None and not numbers:
        return None
    if direction == "up" and _COST.search(text[start:end]) and _BETTER.search(before + after[:40]):
        direction = "down"  # "a 24% improvement in cost per acquisition": the cost fell
    if direction == "down" and numbers.get("change_pct", 0) > 0:
        numbers["change_pct"] = -numbers["change_pct"]
    period = _period(sent, start, _clause_end(text, end))
    return {
        "company": sent.company_at(start),
        "metric": metric,
        "direction": direction,
        "change_pct": None,
        "from_value": None,
        "to_value": None,
        "value": None,
        **numbers,
        "period": period,
        **sent.provenance(),
    }


def _direction(cue: str, before: str, after: str) -> str | None:
    for label, pattern in lexicon.mapping("ad_claims", "built_in_direction").items():
        if pattern.search(cue):
            return label
    if _rx("up_before").search(before) or _rx("up_after").match(after):
        return "up"
    if _rx("down_before").search(before) or _rx("down_after").match(after):
        return "down"
    return None


def moved_direction(moved: re.Match, numbers: dict) -> str:
    """ "$4.10 ..., up from $3.70": a level with its base, so the move is stated too."""
    direction = "down" if moved.group("way").lower() == "down" else "up"
    if numbers.get("value") is not None and "from_value" not in numbers:
        numbers["from_value"], numbers["to_value"] = float(moved.group("base")), numbers["value"]
    return direction


def _numbers(sent: Sent, metric: str, before: str, after: str, bounds: tuple) -> dict:
    lo, end, hi = bounds
    out: dict = {}
    for part in (before, after):
        if m := _FROM_TO.search(part):
            out["from_value"], out["to_value"] = float(m.group(1)), float(m.group(2))
            return out
        if m := _TO_FROM.search(part):
            out["from_value"], out["to_value"] = float(m.group(2)), float(m.group(1))
            return out
    if metric == "roas" and (m := _RATIO_VS.search(sent.text[lo:hi])):
        out["from_value"], out["to_value"] = float(m.group(2)), float(m.group(1))
        return out
    if m := _CHANGE_AFTER.match(after) or _MONEY_THEN_PCT.match(after):
        # "revenue decreased 9.5%", "that was 18% lower": the words around give the sign
        pct = float(m.group(1))
        down = (
            _DOWN_WORD.search(m.group(0))
            or _LOWER_AFTER.match(after, m.end())
            or _MINUS.fullmatch(after, 0, m.start(1))  # "average CPC -6%"
            or _MINUS_WORDS.search(after, 0, m.start(1))  # "cost per start on campaigns -9%"
        )
        out["change_pct"] = -pct if down else pct
    elif m := _CHANGE_BEFORE.search(before) or _CHANGE_ADJ_BEFORE.search(before):
        pct = float(m.group(1))
        out["change_pct"] = -pct if _DOWN_WORD.search(m.group(0)) else pct
    elif m := _CHANGE_ANY.search(after):
        pct = float(m.group(1) or m.group(2))
        down = _DOWN_WORD.match(m.group(0)) or m.group(2) and re.search("[-−]", m.group(0))
        out["change_pct"] = -pct if down else pct
    if metric == "roas" and (m := _RATIO.search(sent.text[lo:hi])):
        out["value"] = float(m.group(1) or m.group(2))
    elif metric in ("ad_revenue", "ad_price"):
        money = [
            a
            for a in sent.amounts
            if end <= a.start < hi
            and a.low is not None
            and a.low == a.high
            and not _OTHER_CLAUSE.search(sent.text[end : a.start])
            and not _IS_CHANGE.match(sent.text, a.end)  # "$14 million, or 4%": the change
        ]
        if money and "from_value" not in out:
            level, rest = money[0], money[1:]
            base = rest[0] if rest else None
            if base and _BASE_BETWEEN.match(sent.text[level.end : base.start]):
                # "to $192m from $21m", "was $148m, compared with $19m"
                out["from_value"], out["to_value"] = base.low, level.low
            else:
                out["value"] = level.low
    return out


def _period(sent: Sent, pos: int, clause_end: int) -> str | None:
    """The period nearest the metric, else the section's; a quarter is written like 2024Q4.

    Why: a period in a later clause dates another statement ("price per ad up 12%; 2026
    outlook lowered"), while one that opens the sentence covers all its clauses.
    """
    baseline = _rx("baseline_before")
    own = [
        p
        for p in sent.periods
        if p.start < clause_end and not baseline.search(sent.text[max(0, p.start - 40) : p.start])
    ]
    p = min(own, key=lambda p: abs(p.start - pos)) if own else sent.section.period()
    if p is None or p.year is None:
        return None
    return f"{p.year}Q{p.quarter}" if p.quarter else str(p.year)
