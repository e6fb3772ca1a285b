"""Capital-expenditure facts in one sentence.

An amount is capex when the metric word nearest to it names capital spending: a capex
word right after it ("$125B annual capex", "$130B investment in AI data centers") wins,
else the nearest metric word before it ("capital expenditures were $39 billion"). Changes
("up $30 billion") are not levels and are skipped; amounts after "from"/"prior outlook of"
are the earlier outlook of the figure they follow. A capex word that is negated ("does
not count as capital spending") names what the amount is not. An actual figure whose
sentence names no period takes the reporting period of its section (see ``sections``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from extractors import lexicon
from extractors.context import COMPARED_WORDS, Sent
from extractors.money import Amount, without_conversion
from extractors.periods import (
    _MONTHS,
    _Q,
    Period,
    find_periods,
    fiscal_quarter,
    fiscal_year_of,
    is_to_date,
    latest_quarter,
    leads_next_amount,
    names_an_end,
    period_end,
    quarter_under_way,
)
from extractors.sections import is_heading
from extractors.triggers import WORD, TriggerIndex

# Small filers' quarters run to a few hundred thousand dollars ("$702,000 for the third
# quarter of fiscal 2025"); below this an amount is a fee or a per-unit price, not a budget
MIN_CAPEX_USD = 1e5
# No company's capex reaches this: an amount this large is a market size or an industry
# total ("global data center spending could reach $6.7 trillion by 2030"). Notes do write
# trillion-scale plans ("$1.2T"), so the bar sits above them.
MAX_CAPEX_USD = 5e12


def rx(key: str) -> re.Pattern:
    return lexicon.pattern("capex", key)


@dataclass
class _Cue:
    start: int
    end: int
    capex: bool


def capex_trigger_patterns() -> tuple[re.Pattern, ...]:
    """Patterns one of which a sentence must match to hold a capex figure (for the prefilter)."""
    return (*lexicon.patterns("capex", "capex"), rx("infra_object"))


def mentions_capex(text: str) -> bool:
    """A capex word that is not negated ("not capital spending" does not count)."""
    return any(not _negated(text, m) for m in rx("capex").finditer(text))


# More amounts than any prose sentence states: a wall of numbers that lost its line breaks.
# Each amount's rules read the sentence around it, so such a "sentence" would cost time
# quadratic in its length for no fact a reader would trust; tables are read line by line
# elsewhere (``tables``).
MAX_AMOUNTS = 40


def find_capex(sent: Sent) -> list[dict]:
    """Capex facts (CapexFact fields) stated in ``sent``."""
    if len(sent.amounts) > MAX_AMOUNTS or rx("covenant").search(sent.text):
        return []
    if "call" in sent.text:
        sent = _without_call_times(sent)
    capex = _capex_cues(sent.text)
    if not any(c.capex for c in capex) and not any(
        rx("infra_after").match(sent.text[a.end :]) for a in sent.amounts
    ):
        return []  # (before the look-alikes are read: most candidate sentences stop here)
    cues = _cues(sent.text, capex)
    roles = [_role(sent, i, cues) for i in range(len(sent.amounts))]
    if "acqui" in sent.text or "combination" in sent.text:
        roles = [
            "skip" if _booked_as_acquisition(sent, a) else r
            for r, a in zip(roles, sent.amounts, strict=True)
        ]
    if _group_named(sent.text):
        roles = ["skip" if _combined(sent, i) else r for i, r in enumerate(roles)]
    if " and " in sent.text or " & " in sent.text:
        roles = ["skip" if r == "main" and _shared(sent, i) else r for i, r in enumerate(roles)]
    facts = []
    made: list[int] = []
    for i, _amount in enumerate(sent.amounts):
        if roles[i] in ("main", "growth") or (
            roles[i] == "prior" and _dated_earlier(sent, i, roles)
        ):
            prior = _prior_for(sent, i, roles)
            facts.append(_fact(sent, i, prior, earlier=roles[i] == "prior"))
            if roles[i] == "growth":
                facts[-1][GROWTH_PART] = True
            made.append(i)
    if rx("end_gate").search(sent.text):
        facts = _range_ends(sent, roles, made, facts)
    return facts


def _end_of(sent: Sent, i: int) -> str | None:
    """'high' or 'low' when the words before the i-th amount name one end of a range
    ("raised the top end of its range to $120 billion", "the low end from $35 billion")."""
    a = sent.amounts[i]
    if a.low is None or a.high is None or not _close(a.low, a.high):
        return None  # "at the high end of its $80 billion to $90 billion range"
    m = rx("end_before").search(sent.text[_seg_start(sent, i) : a.start][-80:])
    if m is None:
        return None
    return "high" if m.group("high") else "low"


def _range_ends(sent: Sent, roles: list[str], made: list[int], facts: list[dict]) -> list[dict]:
    """A revision of one end of a guided range.

    Why: companies move one end of a range and keep the other ("raised the top end of its
    range to $120 billion, keeping the low end at $100 billion"; "raised its outlook to $40
    billion to $45 billion, raising the low end from $35 billion"). Figures given for the
    ends of one range are one fact; an end moved "from $X" gives the prior range with the
    other end unchanged; an end stated alone leaves the other end unknown (null).
    """
    ends = {i: _end_of(sent, i) for i in range(len(sent.amounts))}
    if not any(ends.values()):
        return facts
    for i in range(1, len(sent.amounts)):  # "the top end to $120 billion from $115 billion"
        gap = sent.text[sent.amounts[i - 1].end : sent.amounts[i].start]
        if roles[i] == "prior" and not ends[i] and ends[i - 1] and rx("from_gap").fullmatch(gap):
            ends[i] = ends[i - 1]
    by_amount = dict(zip(made, facts, strict=True))
    guided = [i for i in made if by_amount[i]["kind"] == "guidance"]
    tagged = {i: e for i, e in ends.items() if e and i in guided}
    plain = [i for i in guided if not ends[i]]
    priors = {
        e: sent.amounts[i] for i, e in ends.items() if e and roles[i] == "prior" and i not in made
    }
    if tagged and not plain and len(set(tagged.values())) == len(tagged):
        # one fact from the ends given: "kept the low end at $100B and raised the top end to $120B"
        first = min(tagged)
        fact = by_amount[first]
        low = next((sent.amounts[i].low for i, e in tagged.items() if e == "low"), None)
        high = next((sent.amounts[i].high for i, e in tagged.items() if e == "high"), None)
        fact["low_usd"], fact["high_usd"] = low, high
        fact["approximate"] = any(by_amount[i]["approximate"] for i in tagged)
        fact["prior_low_usd"] = fact["prior_high_usd"] = None
        if "high" in priors and (low is None or "low" in tagged.values()):
            fact["prior_low_usd"], fact["prior_high_usd"] = low, priors["high"].high
        elif "low" in priors:
            fact["prior_low_usd"], fact["prior_high_usd"] = priors["low"].low, high
        _revise(fact, sent.text)
        keep = [by_amount[i] for i in made if i not in tagged or i == first]
        return [f for f in facts if any(f is k for k in keep)]
    if len(plain) != 1:
        return facts
    # "raised its outlook to $40 billion to $45 billion, raising the low end from $35
    # billion": the range is given whole and the end moved names the prior's other end
    fact = by_amount[plain[0]]
    low, high = fact["low_usd"], fact["high_usd"]
    if None in (low, high) or _close(low, high):
        return facts
    same = {
        i for i, e in tagged.items() if _close(sent.amounts[i].low, low if e == "low" else high)
    }
    if same != set(tagged) or len(priors) > 1:
        return facts  # an end that is not the range's own: leave the figures as they are
    if priors:
        ((end, old),) = priors.items()
        if end == "low":
            fact["prior_low_usd"], fact["prior_high_usd"] = old.low, high
        else:
            fact["prior_low_usd"], fact["prior_high_usd"] = low, old.high
        _revise(fact, sent.text)
    elif tagged and fact["revision"] is None:
        _revise(fact, sent.text)
    return [f for i, f in by_amount.items() if i not in tagged]


def _revise(fact: dict, text: str) -> None:
    """The revision of a fact from its prior range, else from the verb that moved an end,
    else from the one bound both give."""
    low, high = fact["low_usd"], fact["high_usd"]
    plow, phigh = fact["prior_low_usd"], fact["prior_high_usd"]
    if None not in (low, high, plow, phigh):
        fact["revision"] = compare_ranges(low, high, plow, phigh)
    elif moved := rx("end_moved").search(text):
        fact["revision"] = "raised" if moved.group("raised") else "lowered"
    elif verb := _verb_revision(text):
        fact["revision"] = verb
    elif high is not None and phigh is not None and not _close(high, phigh):
        fact["revision"] = "raised" if high > phigh else "lowered"
    elif low is not None and plow is not None and not _close(low, plow):
        fact["revision"] = "raised" if low > plow else "lowered"


def is_capex_heading(text: str) -> bool:
    """A heading that names capital spending ("Capital Expenditures", "Capex outlook",
    "Investing activities"): the figures under it are about capex."""
    return mentions_capex(text) or bool(rx("topic_heading").search(text))


def may_carry(text: str, how: str) -> bool:
    """Whether a sentence can carry the topic at all, before its amounts are read: it has
    no capex word of its own, states a level, and names no look-alike before its first
    amount (which would rule out every amount, see ``_lookalike_near``)."""
    if rx("capex").search(text) or rx("expensed").search(text):
        return False  # (spending "expensed as incurred" is no capex, wherever it is said)
    first = _MONEY_MARK.search(text)
    head = text[: first.start() if first else len(text)]
    # a ratio's base ("at roughly 3.5% of sales, so closer to $680 million") names no
    # other metric's figure
    if any(not _ratio_base(head, m.start()) for m in _lookalikes(head)):
        return False
    return bool((rx("carried_verb") if how == "previous" else rx("level_verb")).search(text))


_MONEY_MARK = re.compile(r"\$|\bUSD\b|\bUS\$")


def _ratio_base(text: str, at: int) -> bool:
    return bool(rx("share_of").search(text[max(0, at - 30) : at]))


def find_carried(sent: Sent, how: str) -> tuple[list[dict], Amount | None]:
    """Capex facts in a sentence that names no capex word but carries the topic.

    Why: releases put outlook figures under a "Capital Expenditures" heading ("the Company
    now anticipates a range of $3.8 billion to $4.2 billion"), and speakers name capex once
    and go on ("We expect capital expenditures to rise. We now see roughly $30 billion.").
    ``how`` is "heading" or "previous". The carried topic is weaker evidence than a capex
    word, so any look-alike metric in the sentence rules it out, and the sentence must
    state a level (a guidance, actual or estimate verb). Returns the facts and, when the
    sentence only gives an earlier figure ("That's up from $35 billion"), that amount: it
    is the prior outlook of the figure in the sentence before.
    """
    if len(sent.amounts) > MAX_AMOUNTS or not may_carry(sent.text, how):
        return [], None
    roles: list[str] = []
    for i, a in enumerate(sent.amounts):
        blocked = _lookalike_near(sent, a) and not (
            roles and roles[-1] != "skip" and _year_ago_of_previous(sent, i)
        )
        roles.append("skip" if blocked else _role(sent, i, [], carried=True))
    if _group_named(sent.text):
        roles = ["skip" if _combined(sent, i) else r for i, r in enumerate(roles)]
    if " and " in sent.text or " & " in sent.text:
        roles = ["skip" if r == "main" and _shared(sent, i) else r for i, r in enumerate(roles)]
    dated = [r == "prior" and _dated_earlier(sent, i, roles) for i, r in enumerate(roles)]
    made = [i for i in range(len(sent.amounts)) if roles[i] == "main" or dated[i]]
    facts = [_fact(sent, i, _prior_for(sent, i, roles), earlier=dated[i]) for i in made]
    if facts and rx("end_gate").search(sent.text):
        facts = _range_ends(sent, roles, made, facts)
    if any(dated):  # "That compares with $8.5 billion in 2025": spent then, not an outlook
        return facts, None
    priors = [a for a, r in zip(sent.amounts, roles, strict=True) if r == "prior"]
    if facts or how != "previous" or len(priors) != 1:
        return facts, None
    return [], priors[0]


_CLAUSE_END = re.compile(r"[,;:]|\.(?:\s|$)")


def supersede(previous: list[dict], found: list[dict], sent: Sent) -> bool:
    """Whether the one fact of the sentence before is the earlier outlook of the one fact
    of ``sent``; if so, it becomes that fact's prior (the caller drops it).

    Why: speakers state the old outlook and then the new one ("Last quarter we guided capex
    to $60 billion to $65 billion for 2025. We now expect $64 billion to $72 billion.").
    """
    if earlier_outlook_of(previous, found, sent):
        found.clear()  # the sentence gave only the fact before's earlier outlook
        return False
    if len(previous) != 1 or len(found) != 1:
        return False
    old, new = previous[0], found[0]
    if old["kind"] != "guidance" or new["kind"] != "guidance" or new["prior_low_usd"] is not None:
        return False
    if new["prior_high_usd"] is not None or None in (old["low_usd"], old["high_usd"]):
        return False
    if not rx("earlier_outlook").search(old["sentence"]) or rx("earlier_outlook").search(sent.text):
        return False
    if not (rx("now").search(sent.text) or _verb_revision(sent.text)):
        return False
    if new["company"] and old["company"] and new["company"] != old["company"]:
        return False
    if new["fiscal_year"] is None:
        new["fiscal_year"], new["fiscal_quarter"] = old["fiscal_year"], old["fiscal_quarter"]
    elif old["fiscal_year"] is not None and new["fiscal_year"] != old["fiscal_year"]:
        return False
    new["prior_low_usd"], new["prior_high_usd"] = old["low_usd"], old["high_usd"]
    if rx("end_gate").search(sent.text) and (new["low_usd"] is None) != (new["high_usd"] is None):
        # "It raised the top end of its range to $120 billion": the other end is the old one's
        if new["low_usd"] is None:
            new["low_usd"] = old["low_usd"]
        else:
            new["high_usd"] = old["high_usd"]
    if None not in (new["low_usd"], new["high_usd"]):
        new["revision"] = compare_ranges(
            new["low_usd"], new["high_usd"], old["low_usd"], old["high_usd"]
        )
    return True


def earlier_outlook_of(previous: list[dict], found: list[dict], sent: Sent) -> bool:
    """ "Southern said capex would total about $13 billion next year. The company had
    previously planned 2026 capital spending of $12 billion.": a sentence that gives only an
    earlier outlook for a figure before it (in the sentence before, or a few sentences up
    with none between) is that figure's prior, not a fact of its own."""
    if len(found) != 1 or found[0]["kind"] != "guidance" or found[0]["prior_low_usd"]:
        return False
    old = found[0]
    if None in (old["low_usd"], old["high_usd"]):
        return False
    if not rx("earlier_outlook").search(sent.text) or rx("now").search(sent.text):
        return False
    if old["fiscal_year"] is None and sent.periods:
        return False  # a period the figure does not take: not plainly the same outlook
    same = [
        f
        for f in previous
        if f["kind"] == "guidance"
        and f["company"] == old["company"]
        # "It had previously expected to spend $60 million to $65 million.": no year of its
        # own, the earlier outlook of the one figure before
        and old["fiscal_year"] in (f["fiscal_year"], None)
        and f["prior_low_usd"] is None
        and f["prior_high_usd"] is None
        and None not in (f["low_usd"], f["high_usd"])
    ]
    if len(same) != 1:
        return False
    new = same[0]
    new["prior_low_usd"], new["prior_high_usd"] = old["low_usd"], old["high_usd"]
    new["revision"] = compare_ranges(
        new["low_usd"], new["high_usd"], old["low_usd"], old["high_usd"]
    )
    return True


def _year_ago_of_previous(sent: Sent, i: int) -> bool:
    """ "It spent $6.2 million, net of truck and trailer sales, in the third quarter, compared
    with $18.7 million a year earlier": the i-th amount is the year-ago figure of the one
    before it, so a look-alike that did not stop that one does not stop it either."""
    between = sent.text[sent.amounts[i - 1].end : sent.amounts[i].start]
    after = sent.text[sent.amounts[i].end : sent.amounts[i].end + 40]
    return (
        bool(_BASE_BEFORE.search(between))
        and bool(_YEAR_AGO_AFTER.match(after))
        and not _lookalikes(between[between.rfind(",") + 1 :])  # ", compared with revenue of"
    )


_BASE_BEFORE = re.compile(r"\b(?:compared (?:with|to)|versus|vs\.?|up from|down from)\s*$")
_YEAR_AGO_AFTER = re.compile(
    r"\s*(?:a year (?:earlier|ago|before)|in the (?:year-ago|prior-year|same) (?:quarter|period)"
    r"|last year)\b"
)


def _lookalike_near(sent: Sent, a: Amount) -> bool:
    """A look-alike metric before the amount, or after it in the same clause
    ("$40 billion in revenue"): the carried topic does not reach past it."""
    if _booked_as_acquisition(sent, a):
        return True
    end = _CLAUSE_END.search(sent.text, a.end)
    text = sent.text[: end.start() if end else len(sent.text)]
    return any(not _ratio_base(text, m.start()) for m in _lookalikes(text))


def _booked_as_acquisition(sent: Sent, a: Amount) -> bool:
    """ "paid $61 million for a network of terminals, which it reported as an acquisition",
    "..., purchases it reports as acquisitions": the clause after the amount says it bought a
    business, whatever the words before it."""
    end = _CLAUSE_END.search(sent.text, a.end)
    return bool(end and _BOOKED_AS_ACQUISITION.match(sent.text, end.end()))


_BOOKED_AS_ACQUISITION = re.compile(
    r"\s*(?:which|(?:an? |the )?(?:purchases?|deals?|transactions?)(?: that| which)?)"
    r" (?:it|the company|they|we) (?:will |would )?(?:reports?|reported|records?|recorded"
    r"|books?|booked|accounts? for|accounted for|counts?|counted|treats?|treated) "
    r"(?:it |them )?as (?:an? )?(?:acquisitions?|business combinations?)\b"
)


def carry_period(fact: dict, before: list[Period], text: str = "") -> dict:
    """A continuing sentence that names no period takes the one period of the sentence
    before ("We expect capex to rise next year. We now see roughly $30 billion."); of two,
    the one that is not the base of a comparison in that sentence's ``text`` ("I would not
    expect fiscal '28 to fall much from fiscal '27. Call it at least $0.4bn.")."""
    if _no_one_year(fact["sentence"]):
        return fact
    named = {(p.year, p.quarter) for p in before if p.year}
    if len(named) > 1 and text:
        named = {(p.year, p.quarter) for p in before if p.year and not _base_at(text, p.start)}
    if fact["fiscal_year"] is None and len(named) == 1:
        fact["fiscal_year"], fact["fiscal_quarter"] = named.pop()
        if fact["kind"] == "guidance" and _YEAR_GUIDE.match(fact["sentence"]):
            fact["fiscal_quarter"] = None  # "3Q capex $71m. Guide $280-300m unchanged."
    return fact


_SO_FAR = r"nine-month|six-month|first-half|year-to-date"
_YEAR_TO = re.compile(
    r"\b(?:(?:bring|take|put|lift|push)\w*\s+(?:the|its)\s+(?:full[- ])?(?:fiscal\s+)?"
    r"(?:year|(?P<so_far>" + _SO_FAR + r"))(?:'s)?(?:\s+total)?\s+to"
    # ("..., and the nine-month total is $31.6 million")
    r"|the\s+(?P<so_far_is>" + _SO_FAR + r")\s+total\s+(?:is|was|came\s+to|stood\s+at))"
    r"\s+(?:(?:about|roughly|around|approximately|nearly)\s+|~)?$",
    re.I,
)
_ONE_YEAR = r"(?:fiscal\s+|FY\s?)?(?:(?:19|20)\d{2}|'\d{2})"
_TWO_YEARS = re.compile(
    rf"\b(?:across|over|between|spanning|for both)\s+{_ONE_YEAR}\s+and\s+{_ONE_YEAR}(?!\w)", re.I
)


def _base_at(text: str, start: int) -> bool:
    """The period at ``start`` is what something is compared with ("from fiscal '27")."""
    return bool(_BASE_BEFORE.search(text, max(0, start - 30), start))


_BASE_BEFORE = re.compile(
    r"\b(?:from|than|versus|vs\.?|over|compared (?:with|to)|relative to)\s+"
    r"(?:the\s+|its\s+|our\s+)?$",
    re.I,
)


# A sentence that opens with the guide itself, as notes write the year's outlook
_YEAR_GUIDE = re.compile(r"\s*(?:(?:FY|full[- ]year|annual)\s+)?(?:guide|guidance|outlook)\b", re.I)


def _no_one_year(text: str) -> bool:
    """A plan over several years or a yearly rate ("$5 billion a year") is no one year's,
    so it takes no year from the sentence before either."""
    return bool(rx("multi_year").search(text) or rx("per_year").search(text))


def attach_prior(fact: dict, prior: Amount) -> dict:
    """The earlier outlook given in the next sentence, and the revision it implies."""
    if fact["kind"] != "guidance" or fact["prior_low_usd"] or fact["prior_high_usd"]:
        return fact
    if None in (fact["low_usd"], fact["high_usd"], prior.low, prior.high):
        return fact
    fact["prior_low_usd"], fact["prior_high_usd"] = prior.low, prior.high
    fact["revision"] = compare_ranges(fact["low_usd"], fact["high_usd"], prior.low, prior.high)
    return fact


def _capex_cues(text: str) -> list[_Cue]:
    # a line that closes a bracket opened on the line before ("Free cash flow (operating cash
    # flow less" over "  capital expenditures)   $ 2,898"): its capex words are the aside's
    close = text.find(")")
    aside = close if close >= 0 and "(" not in text[:close] else -1
    return [
        _Cue(m.start(), m.end(), m.end() > aside and not _negated(text, m))
        for m in rx("capex").finditer(text)
    ]


_ASIDE_AFTER = re.compile(r",\s+(?:which|that)\b[^,;.$]{0,80},")


def _cues(text: str, capex: list[_Cue] | None = None) -> list[_Cue]:
    """The capex words (``capex``, when read already) and the look-alike metric words."""
    if capex is None:
        capex = _capex_cues(text)
    other = [_Cue(m.start(), m.end(), False) for m in _lookalikes(text)]
    if other and (", which " in text or ", that " in text):
        # "Capital expenditures, which for us are mostly capitalized software, were $13.6
        # million": an aside right after the capex words says what they hold
        asides = [m.span() for c in capex if (m := _ASIDE_AFTER.match(text, c.end))]
        other = [o for o in other if not any(s <= o.start and o.end <= e for s, e in asides)]
    if other and ("%" in text or "per" in text):  # "4.2% of sales, or $2B": a ratio's base
        other = [o for o in other if not _ratio_base(text, o.start)]
    # a look-alike that holds a capex word ("capital expenditure commitments") names the
    # metric; any other overlap is the capex word's
    capex = [c for c in capex if not any(_holds(o, c) for o in other)]
    other = [o for o in other if not any(o.start < c.end and c.start < o.end for c in capex)]
    qualified = [_qualifier(text, c) for c in capex if c.capex]
    other = [o for o in other if not any(s <= o.start < e for s, e in qualified)]
    return sorted(capex + other, key=lambda c: c.start)


def _holds(outer: _Cue, inner: _Cue) -> bool:
    longer = outer.end - outer.start > inner.end - inner.start
    return longer and outer.start <= inner.start and inner.end <= outer.end


def _negated(text: str, m: re.Match) -> bool:
    """A negated capex word ("not capital spending", "no new capex"); "no capex guide"
    before an estimate denies a guide, not the topic ("ADBE: no capex guide; we model ~$0.2B
    for FY26")."""
    found = rx("negated_before").search(text[max(0, m.start() - 40) : m.start()])
    return bool(found) and not (
        found.group(0).lstrip().lower().startswith("no")
        and _NO_GUIDE.match(text, m.end())
        and rx("estimate").search(text, m.end())  # with no guide, a figure is someone's estimate
    )


_NO_GUIDE = re.compile(r"\s+(?:guid\w*|outlook|forecast|target|number|figure)\b", re.I)


def _qualifier(text: str, cue: _Cue) -> tuple[int, int]:
    """The span of a qualifier right after a capex word ("capital expenditures, net of
    proceeds from sales and incentives, were ..."): the metrics named in it are not what
    the amount measures. (-1, -1) when there is none."""
    m = rx("qualifier").match(text, cue.end)
    return (m.start(), m.end()) if m else (-1, -1)


@cache
def _lookalike_index() -> TriggerIndex:
    return TriggerIndex.build({"lookalike": lexicon.patterns("capex", "lookalike")})


def _lookalikes(text: str) -> list[re.Match]:
    """Look-alike metric words in ``text``; only the patterns its words can open are run
    (about thirty patterns, most of which a given sentence cannot match)."""
    lower = text.lower()
    keys = _lookalike_index().keys(set(WORD.findall(lower)), lower)
    patterns = lexicon.patterns("capex", "lookalike")
    return [m for _, k in sorted(keys) for m in patterns[k].finditer(text)]


# A figure written out to the dollar ("$1,486,000", "$702,000", as small filers write their
# prose): a whole amount, unlike "$5,640" (in a stated unit, or a price)
_WHOLE_DOLLARS = re.compile(r"(?:US)?\$\s?(?:\d{1,3}(?:,\d{3}){2,}|\d{3},\d{3})")


def _role(sent: Sent, i: int, cues: list[_Cue], carried: bool = False) -> str:
    """'main', 'prior', or 'skip' for the i-th amount (``carried``: the topic is capex)."""
    a = sent.amounts[i]
    if a.low is None and a.high is None:
        return "skip"
    if not a.scaled and not _WHOLE_DOLLARS.fullmatch(sent.text, a.start, a.end):
        return "skip"
    if not MIN_CAPEX_USD <= max(a.low or 0, a.high or 0) < MAX_CAPEX_USD:
        return "skip"
    before = sent.text[_seg_start(sent, i) : a.start]
    after = sent.text[a.end : a.end + 40]
    if not carried and not _is_capex(sent, i, cues):
        return "skip"
    if _into_company(sent, a):
        return "skip"  # "has committed $300 million to Lucid Group": a stake, not capex
    before = without_conversion(before)
    if sent.doc_type not in _COMPANY_VOICE and _VS_OURS.search(before[-30:]):
        return "main"  # an analyst's "3Q capex $1.18bn vs our $1.05bn": the author's estimate
    if rx("prior_before").search(before[-80:]) and not rx("range_from").search(before[-40:]):
        # not "are forecast to range from $1.40 billion to $1.50 billion"; and "compared with
        # $7.1 million in the third quarter of 2025" is that ended quarter's figure
        return "main" if _compared_ended(sent, i, before) else "prior"
    if _given_before(sent, a):
        return "prior"
    if i and _WAS_BEFORE.search(without_conversion(sent.text[max(0, a.start - 120) : a.start])):
        return "prior"  # a note's "FY27 capex guide ~$95M, was $80M": the guide's old level
    if i + 1 < len(sent.amounts) and rx("earlier_plan_before").search(before[-80:]):
        return "prior"  # "Oracle, which had forecast capex of $35B ..., now expects $50B"
    if (
        i + 1 < len(sent.amounts)
        and rx("said_before").search(before[-40:])
        and rx("said_when_after").match(after)
    ):
        return "prior"  # "We guided to $300 million in February, and we've widened that"
    if rx("change_before").search(before[-60:]) or rx("change_after").match(after):
        return "skip"
    part = (
        rx("part_before").search(before[-40:])
        or rx("part_after").match(after)
        or rx("parts_opening").match(sent.text)
    )
    if part and not _quarter_of_the_whole(sent, i):
        return "skip"
    if not carried and (_subject_resumes(sent, i, cues) or _capex_in_aside(sent, a, cues)):
        return "skip"
    if not carried and (part := _component(sent, a, cues)):
        return "growth" if part == "growth" else "skip"
    return "main"


_TO_DATE_AFTER = re.compile(
    r"\s*(?:for|in|during|over) (?:the )?(?:first )?(?:nine|six|three|9|6|3) months\b"
    r"(?!\s+(?:ended|ending|to|of))",
    re.I,
)
# "...; nine-month capex was $201m", "..., bringing the nine months to $598m"
_TO_DATE_BEFORE = re.compile(
    r"\b(?:nine|six|9|6)[- ]months?(?:\s+(?:capex|capital expenditures|spending))?"
    r"(?:\s+(?:was|were|is|came in at|totall?ed|at|to|of)|:)?\s*(?:(?:about|roughly|~)\s*)?$",
    re.I,
)
_COMPARED_WITH = re.compile(r"\b(?:compared (?:with|to)|versus|vs\.?)\s*$", re.I)


def _compared_ended(sent: Sent, i: int, before: str) -> bool:
    """A figure set beside another for comparison, with its own period that has ended (a
    year-ago quarter, last year): a figure of that period, not an earlier outlook."""
    if not _COMPARED_WITH.search(before) or sent.published is None:
        return False
    own = _own_period(sent, i) or _paired_period(sent, i) or _compared_run(sent, i)
    listed = None
    if own is None and "respectively" in sent.text:
        # "..., respectively, in the first nine months, compared with $96 million and $7
        # million a year earlier": the compared list's period is the first list's a year back
        own = listed = _list_period(sent, i)
    if own is not None and _occasion(sent.text, own):
        return False  # "up from $2.4bn at the FY25 results": when the old outlook was given
    # (or "$281 million and $874 million for the three and nine months ended September 30,
    # 2025", or "for the same periods of 2025")
    fixed = own is not None and (not own.relative or own is listed)
    return bool(fixed and own.year and _has_ended(own, sent, None))


# (also quoted, or in another currency and converted: 'guide now "around £2.2B" (~$2.9B), was')
def _occasion(text: str, period: Period) -> bool:
    """The period names an occasion, not the figure's own months ("at the FY25 results in
    March", "on its second-quarter call")."""
    return bool(
        _OCCASION_BEFORE.search(text, max(0, period.start - 12), period.start)
        and _OCCASION_AFTER.match(text, period.end)
    )


_OCCASION_BEFORE = re.compile(r"\b(?:at|with|on|in)\s+(?:the|its|our|their)\s+$", re.I)
_OCCASION_AFTER = re.compile(
    r"\s*(?:full[- ]year\s+|half[- ]year\s+|interim\s+|annual\s+)?"
    r"(?:results|earnings|call|update|report|capital markets day|investor day|meeting)\b",
    re.I,
)
_WAS_BEFORE = re.compile(
    r"\b(?:guide|guidance|outlook|plan|budget|target|forecast|capex|estimate)\s*"
    r"(?:of|at|to|is|now)?\s*[\"“]?(?:~\s*|about\s+|around\s+)?(?:[A-Z]{0,3}[$£€¥])\s?\d[\d.,]*\s*"
    r"(?:[MBK]|mn|bn|million|billion)?(?:\s*(?:-|–|to)\s*(?:[A-Z]{0,3}[$£€¥])?\s?\d[\d.,]*\s*"
    r"(?:[MBK]|mn|bn|million|billion)?)?[\"”]?(?:\s*\([^()]{1,30}\))?"
    r"(?:\s+at the (?:mid-?point|top|bottom|(?:high|low|upper|lower) end))?"
    r"\s*,\s*was\s+(?:~\s*|about\s+|roughly\s+)?$",
    re.I,
)


def _converts(sent: Sent, a: Amount) -> bool:
    """The amount is the dollar conversion of a foreign figure written just before it
    ("4.1 billion yuan ($570 million)", "¥118.9 billion, about $0.79 billion,")."""
    before = sent.text[max(0, a.start - 120) : a.start]
    return without_conversion(before) != before


def _into_company(sent: Sent, a: Amount) -> bool:
    """Money put into another company ("invest $1 billion in Intel", "committed $300
    million to Lucid Group") buys a stake; it is not the spender's capital spending."""
    for start, _end, ticker in sent.mentions:
        if a.end < start <= a.end + 16 and _INTO.fullmatch(sent.text, a.end, start):
            return ticker != sent.company_at(a.start)
    return False


_INTO = re.compile(r"\s+(?:in|into|to)\s+")


def _quarter_of_the_whole(sent: Sent, i: int) -> bool:
    """ "totaled $1,386 million in fiscal 2026, including $452 million in the fourth
    quarter": a part that is a quarter of the year before it is that quarter's own figure,
    not a component of the spending."""
    own = _own_period(sent, i)
    return own is not None and own.quarter is not None


def _component(sent: Sent, a: Amount, cues: list[_Cue]) -> str | None:
    """ "maintenance capex of roughly $1.9 billion", "$0.8 billion of growth capital
    spending": a part of the capital budget named by its purpose, not a level of the
    company's capital spending. "growth" for the growth part, which pipeline companies
    guide instead of a total (see ``growth_unless_total``); "part" for any other."""
    right = [c for c in cues if c.start >= a.end]
    if right and right[0].capex and _adjacent(sent.text[a.end : right[0].start]):
        cue = right[0]
    else:
        left = [c for c in cues if c.end <= a.start]
        if not left or not left[-1].capex:
            return None
        cue = left[-1]
    before = sent.text[max(0, cue.start - 30) : cue.start]
    if not rx("component_before").search(before):
        return None
    return "growth" if rx("growth_before").search(before) else "part"


GROWTH_PART = "_growth_part"  # marks a fact of the growth part until the document is read


def growth_unless_total(facts: list[dict]) -> list[dict]:
    """The growth part's figures stand for the company's capex only where the document
    gives no other figure for that company and period.

    Why: midstream and utility companies guide "growth capital" and "maintenance capital"
    separately and never a total; where a total is given too, the growth figure is one of
    its parts."""

    def period(f: dict) -> tuple:
        return f["company"], f["fiscal_year"], f["fiscal_quarter"]

    totals = {period(f) for f in facts if not f.get(GROWTH_PART)}
    out = []
    for f in facts:
        if f.pop(GROWTH_PART, False) and period(f) in totals:
            continue
        out.append(f)
    return out


def _subject_resumes(sent: Sent, i: int, cues: list[_Cue]) -> bool:
    """ "Free cash flow, defined as operating cash flow of $3.1 billion less capital
    expenditures of $1.2 billion, was $1.9 billion": after a capex word and its own amount,
    a comma and a verb return to the sentence's subject, which is a look-alike."""
    if not i:
        return False
    a, prev = sent.amounts[i], sent.amounts[i - 1]
    if not rx("resumes").search(sent.text[prev.end : a.start]):
        return False
    capex_cues = [c for c in cues if c.capex and c.end <= prev.start]
    first = min(cues, key=lambda c: c.start, default=None)
    return bool(capex_cues) and first is not None and not first.capex


def _capex_in_aside(sent: Sent, a: Amount, cues: list[_Cue]) -> bool:
    """ "Net cash used in investing activities, primarily capital expenditures, was $11.2
    billion": the capex word sits in an aside about a look-alike subject, and the verb
    after the aside returns to that subject."""
    left = [c for c in cues if c.end <= a.start]
    if not left or not left[-1].capex or left[0].capex:
        return False
    return bool(rx("aside_resumes").search(sent.text[left[-1].end : a.start]))


def _dated_earlier(sent: Sent, i: int, roles: list[str]) -> bool:
    """An earlier amount with a period of its own is what was spent then ("up from $72B in
    2025"), unless it is an outlook given then ("the $18 billion we gave last quarter")."""
    own = _own_period(sent, i)
    if own is None or _given_before(sent, sent.amounts[i]) or _occasion(sent.text, own):
        return False  # ("up from $2.4bn at the FY25 results in March": an outlook given then)
    if _outlook_for_year_under_way(sent, i, own, roles):
        return False
    own = _year_ago_quarter(sent, own)  # "compared with $209 million a year earlier": Q1's
    # "which had forecast $35B for its current fiscal year ..., now expects $50B": a later
    # figure for the same period makes this its earlier outlook, not what was spent then
    return not any(
        roles[j] != "skip"  # not a part of a figure ("included $1.0 billion of ...")
        and (p := _period(sent, j)) is not None
        and (p.year, p.quarter) == (own.year, own.quarter)
        for j in range(i + 1, len(sent.amounts))
    )


def _outlook_for_year_under_way(sent: Sent, i: int, own: Period, roles: list[str]) -> bool:
    """ "cut its capital spending forecast to about $26 million from $30 million for 2026",
    written in October 2026: a year still under way has had nothing spent 'then' yet; the
    amount after a figure for it is that figure's earlier outlook."""
    if own.quarter or own.year is None or not sent.published:
        return False
    figures = [j for j in range(i) if roles[j] in ("main", "growth")]
    if not figures:
        return False
    if (p := _period(sent, figures[-1])) is not None and (p.year, p.quarter) != (own.year, None):
        return False  # "$1.35 billion in 2027, up from $1.25 billion this year": two years
    return not _has_ended(own, sent, sent.company_at(sent.amounts[i].start))


def _given_before(sent: Sent, a: Amount) -> bool:
    """ "the $17.5 billion to $18.5 billion range we gave in January": the words after the
    amount say it is an outlook given earlier."""
    return bool(rx("prior_after").match(sent.text[a.end : a.end + 60]))


def _seg_start(sent: Sent, i: int) -> int:
    return sent.amounts[i - 1].end if i else 0


def _seg_end(sent: Sent, i: int) -> int:
    return sent.amounts[i + 1].start if i + 1 < len(sent.amounts) else len(sent.text)


def _is_capex(sent: Sent, i: int, cues: list[_Cue]) -> bool:
    """Whether the metric word nearest the i-th amount names capital spending."""
    a = sent.amounts[i]
    right = [c for c in cues if c.start >= a.end]
    if _compared_with_capex(sent, i, cues):
        return True
    left = [c for c in cues if c.end <= a.start]
    if left and not left[-1].capex and _OF_AMOUNT.fullmatch(sent.text, left[-1].end, a.start):
        return False  # "commitments of approximately $215 million related to capital projects"
    if right and _adjacent(gap := sent.text[a.end : right[0].start]) and not _JOINED.search(gap):
        return right[0].capex
    if rx("infra_after").match(sent.text[a.end :]):
        return True
    if left:
        return left[-1].capex and not _modified_by_lookalike(sent, left[-1], cues)
    if _continues_capex(sent, i, cues):
        return True
    return bool(right) and right[0].capex


def _modified_by_lookalike(sent: Sent, cue: _Cue, cues: list[_Cue]) -> bool:
    """A capex word that a look-alike modifies right before it ("Developer-funded capital
    expenditures", "customer-funded capex"): someone else's spending."""
    before = [c for c in cues if c.end <= cue.start]
    if not before or before[-1].capex:
        return False
    return not sent.text[before[-1].end : cue.start].strip(" -")


# Between a capex figure and the next: the same spender goes on to its outlook ("spent $13.6
# billion on property and equipment last year, and it has guided to something like $15.4
# billion this year").
_GOES_ON = re.compile(
    r"\b(?:and|but|while)\s+(?:it|the company|we|they)\s+(?:now\s+|still\s+)?(?:has\s+|had\s+)?"
    r"(?:expects?|plans?|guided|forecasts?|sees|targets?|budgeted)\b",
    re.I,
)


def _continues_capex(sent: Sent, i: int, cues: list[_Cue]) -> bool:
    """The i-th amount continues the capex figure before it in the same sentence, with no
    metric word between (``_GOES_ON``)."""
    if i == 0:
        return False
    start, end = sent.amounts[i - 1].end, sent.amounts[i].start
    if any(start <= c.start < end for c in cues) or not _GOES_ON.search(sent.text, start, end):
        return False
    return _is_capex(sent, i - 1, cues)


_OF_AMOUNT = re.compile(
    r"\s+(?:of|totall?ing|worth)\s+(?:(?:approximately|about|roughly|some|nearly|~)\s*)?", re.I
)

# "... revenue guidance to $9.66 billion and its capital expenditures outlook to ...": a
# conjunction between an amount and the metric word after it starts the next item.
_JOINED = re.compile(r"(?<!-)\b(?:and|or|but|plus)\b")  # not "$800 million-plus"


def _compared_with_capex(sent: Sent, i: int, cues: list[_Cue]) -> bool:
    """ "We invested $5.6 billion in property, plant and equipment during 2025, up from $4.9
    billion in 2024": an amount the sentence compares with a capex amount just before it
    measures the same thing, whatever metric word sits between them."""
    if i == 0:
        return False
    start, end = sent.amounts[i - 1].end, sent.amounts[i].start
    if not rx("comparison_gap").search(without_conversion(sent.text[start:end])):
        return False
    if any(not c.capex and start <= c.start < end for c in cues):
        return False  # "capex of $5B, compared with revenue of $20B": a metric of its own
    return _is_capex(sent, i - 1, cues)


def _adjacent(gap: str) -> bool:
    """At most a few modifier words ("annual", "FY2026", "in", "of") between amount and cue,
    and no word that opens another clause ("grew to $15.3 billion as capital expenditures
    ...": the amount is the depreciation before it)."""
    return (
        not re.search(r"[,;:()\[\]]|\.\s", gap)
        and len(gap.split()) <= 4
        and not rx("clause_word").search(gap)
    )


# After a period: it labels the amount that follows ("$232mn (1Q25: $196mn)").
_LABELS_NEXT = re.compile(r"\s*[:=]\s*(?:~|\$|US\$|USD)")


def _own_period(sent: Sent, i: int) -> Period | None:
    """A period written right after the amount ("$39 billion in 2024")."""
    a = sent.amounts[i]
    converts = _converts(sent, a)
    for p in sent.periods:
        gap = sent.text[a.end : p.start]
        if gap.startswith((")", ",")) and converts:
            gap = gap[1:]  # "4.1 billion yuan ($570 million) a year earlier": the conversion's
        if (
            a.end <= p.start < _seg_end(sent, i)
            and (_adjacent(gap) or _OPEN_PAREN.fullmatch(gap) or rx("same_period").fullmatch(gap))
            and not _LABELS_NEXT.match(sent.text, p.end)
            and not (_OPEN_PAREN.fullmatch(gap) and _labels_bracketed_amount(sent, i, p))
            and not (_JOINED.search(gap) and _OPENS_NEXT.match(sent.text, p.end))
            # "US$1.98 billion, compared with NT$38.2 billion a year ago": a figure in another
            # currency, read as no amount, owns the period after it
            and not _COMPARED_FIGURE.search(gap)
        ):
            return p
    for p in sent.periods:  # "similar to this year's $1.9 billion", "from 2025's $52.5 billion"
        owns = rx("possessive").fullmatch(sent.text[p.end : a.start])
        if owns and _seg_start(sent, i) <= p.start:
            return p
    return None


_OPEN_PAREN = re.compile(r"\s*\(\s*")  # "~$40B (2025)": the period in brackets is the figure's
# After a period: it opens the next figure ("$420 million and 2027 of $450 million")
_OPENS_NEXT = re.compile(
    r"\s*(?:of|at|is|was|were|:|=)\s*(?:(?:approximately|about|roughly|around|~)\s*)?"
    r"(?:US\s?)?[$€£¥]"
)


def _labels_bracketed_amount(sent: Sent, i: int, p: Period) -> bool:
    """ "US$24.6bn (1Q US$11.2bn, 2Q US$13.4bn)": a period opening a bracket that holds a
    figure of its own is that figure's."""
    close = sent.text.find(")", p.end)
    return i + 1 < len(sent.amounts) and p.end <= sent.amounts[i + 1].start < close


_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+)$")
# between two periods of one list: "fiscal 2027 and fiscal 2026" repeats its "fiscal"
_PERIOD_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+)(?:fiscal\s+(?:year\s+)?)?$")
_LIST_TAIL = re.compile(r"^[^.;]*(?:,\s*(?:and\s+)?|\band\s+)$")


def _list_run(sent: Sent, i: int) -> tuple[int, int]:
    """(first, last) of the list of figures the i-th amount is in ("$312 million and $1.02
    billion"), joined by commas and "and" only."""
    text, amounts = sent.text, sent.amounts
    first = last = i
    while first > 0 and _LIST_GAP.match(text[amounts[first - 1].end : amounts[first].start]):
        first -= 1
    while last + 1 < len(amounts) and _LIST_GAP.match(
        text[amounts[last].end : amounts[last + 1].start]
    ):
        last += 1
    return first, last


def _paired_period(sent: Sent, i: int) -> Period | None:
    """ "$48.1 billion and $77.7 billion in 2023 and 2024": a list of figures followed by
    a list of as many periods pairs them in order (also with "respectively")."""
    text, amounts = sent.text, sent.amounts
    first, last = _list_run(sent, i)
    if last == first:
        return None
    if last - first == 1 and (both := _quarter_and_to_date(sent, amounts[last].end)):
        return both[i - first]
    if last - first == 1 and (both := _quarter_and_to_date_before(sent, first, last)):
        return both[i - first]
    after = [p for p in sent.periods if p.start >= amounts[last].end]
    count = last - first + 1
    if len(after) < count or not (
        rx("periods_open").match(text[amounts[last].end : after[0].start])
        or _parallel_lists(sent, last, after[0].start, count)
    ):
        return _periods_before(sent, first, count, i - first)
    run = after[:count]
    if not all(
        _PERIOD_GAP.match(text[a.end : b.start]) for a, b in zip(run, run[1:], strict=False)
    ):
        return None
    return run[i - first]


# After a list of compared figures: the periods of the figures they are compared with, in
# an earlier year ("for the same periods of 2025", "respectively, in the comparable periods
# of fiscal 2025"; a year earlier when none is named)
_SAME_PERIODS = re.compile(
    r"\s*,?\s*(?:respectively,?\s*)?(?:for|in|during)\s+the\s+(?:(?:same|comparable|corresponding)"
    r"|prior[- ]year|year[- ]ago|(?:same|comparable|corresponding)\s+prior[- ]year)"
    r"\s+periods\b(?:\s+(?:of|in)\s+(?:fiscal\s+)?(?P<year>(?:19|20)\d\d)\b)?"
    # "compared with $71.2 million and $232.5 million, respectively, in fiscal 2025"
    r"|\s*,?\s*respectively,?\s+(?:for|in|during)\s+(?:fiscal\s+)?(?P<year2>(?:19|20)\d\d)\b",
    re.I,
)


def _compared_run(sent: Sent, i: int) -> Period | None:
    """ "$152.8 million in the third quarter of 2026 and $446.1 million for the nine months
    ended September 30, 2026, compared with $138.4 million and $392.7 million for the same
    periods of 2025": each compared figure is for its counterpart's period, in that year."""
    text, amounts = sent.text, sent.amounts
    first, last = _list_run(sent, i)
    count = last - first + 1
    if count < 2 or first < count or not (m := _SAME_PERIODS.match(text, amounts[last].end)):
        return None
    if not _COMPARED_WITH.search(text, max(0, amounts[first].start - 40), amounts[first].start):
        return None
    earlier = [_period(sent, j) for j in range(first - count, first)]
    if not all(p and p.year for p in earlier):
        return None
    year = m.group("year") or m.group("year2")
    shift = max(p.year for p in earlier) - int(year) if year else 1
    p = earlier[i - first]
    return Period(p.start, p.end, p.year - shift, p.quarter, False)


# "... for the three and nine months ended September 30, 2026, respectively"
_THREE_AND_MORE_ENDED = re.compile(
    r"\s*(?:for|in|during) the three and (?:six|nine) months ended\s+"
    r"(?P<mon>[A-Z][a-z]+)\.?\s+\d{1,2},?\s+(?P<year>(?:19|20)\d\d)"
)
# "... for the third quarter and first nine months of 2026, respectively"
_QUARTER_AND_MONTHS_OF = re.compile(
    r"\s*(?:for|in|during) the (?P<q>first|second|third|fourth) quarter and (?:the )?"
    r"(?:first )?(?:(?:six|nine) months|(?:twenty-six|thirty-nine|26|39) weeks)"
    r" of (?:fiscal )?(?P<year>(?:19|20)\d\d)\b"
)


def _quarter_and_to_date(sent: Sent, end: int) -> tuple[Period, Period] | None:
    """The quarter and the year so far that two figures are for, when one phrase names
    both: "$36.2 million and $104.9 million for the three and nine months ended September
    30, 2026, respectively", "... for the third quarter and first nine months of 2026"."""
    if m := _QUARTER_AND_MONTHS_OF.match(sent.text, end):
        year, quarter = int(m.group("year")), _Q[m.group("q")]
    elif (m := _THREE_AND_MORE_ENDED.match(sent.text, end)) and (
        month := _MONTHS.get(m.group("mon")[:3].lower())
    ):
        fye = sent.fye(sent.subject)
        year = fiscal_year_of(int(m.group("year")), month, fye)
        quarter = fiscal_quarter(month, fye)
    else:
        return None
    return (
        Period(m.start(), m.end(), year, quarter, False),
        Period(m.start(), m.end(), year, None, False),
    )


def _quarter_and_to_date_before(sent: Sent, first: int, last: int) -> tuple[Period, Period] | None:
    """ "Capital expenditures for the three and nine months ended September 30, 2026 were
    $41.8 million and $117.5 million, respectively": the phrase before the two figures."""
    head = sent.text[: sent.amounts[first].start]
    found = list(_THREE_AND_MORE_ENDED.finditer(head)) or list(
        _QUARTER_AND_MONTHS_OF.finditer(head)
    )
    if not found or not rx("respectively").search(sent.text, sent.amounts[last].end):
        return None
    if not _NO_FIGURE_BETWEEN.fullmatch(head, found[-1].end()):
        return None  # another figure or clause stands between the phrase and the figures
    return _quarter_and_to_date(sent, found[-1].start())


_NO_FIGURE_BETWEEN = re.compile(r"[^$.;]{0,40}")


def _parallel_lists(sent: Sent, last: int, until: int, count: int) -> bool:
    """ "payments for property of $312 million and $268 million and for software of $148
    million and $131 million during 2027 and 2026, respectively": between a list of figures
    and its periods stand only other metrics' lists of as many figures, so each list pairs
    with the periods in order."""
    if not rx("respectively").search(sent.text, until):
        return False
    rest = [a for a in sent.amounts[last + 1 :] if a.end <= until]
    if not rest:
        return False
    runs, size = [], 1
    for a, b in zip(rest, rest[1:], strict=False):
        if _LIST_GAP.match(sent.text[a.end : b.start]):
            size += 1
        else:
            runs.append(size)
            size = 1
    runs.append(size)
    return all(n == count for n in runs) and not _STOPS.search(sent.text, rest[-1].end, until)


_STOPS = re.compile(r"[.;]\s")


def _periods_before(sent: Sent, first: int, count: int, at: int) -> Period | None:
    """ "During 2023 and 2024, we spent $32.3 billion and $52.5 billion, respectively":
    with "respectively", a list of periods before the figures pairs with them in order."""
    if not rx("respectively").search(sent.text):
        return None
    head = sent.text[: sent.amounts[first].start]
    # the periods read before the figures, in the company's calendar, for spans shorter than
    # a year ("the six months ended September 27, 2026 and September 28, 2025"); else the
    # years written there (a year inside a date, "December 31, 2023 and 2024", is not read
    # as a period alone)
    before = [p for p in sent.periods if p.end <= len(head) and p.year]
    if len(before) < count or not _PART_OF_YEAR.search(head):  # a year's span names its year
        before = [
            Period(m.start(), m.end(), int(m.group()), None, False) for m in _YEAR.finditer(head)
        ]
    run = before[-count:]
    if len(run) < count or not all(
        _LIST_GAP.match(sent.text[a.end : b.start]) for a, b in zip(run, run[1:], strict=False)
    ):
        return None
    return run[at]


_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_PART_OF_YEAR = re.compile(
    r"\b(?:three|six|nine|3|6|9)[- ]months?\b"
    r"|\b(?:13|26|39|thirteen|twenty-six|thirty-nine)[- ]weeks\b|\bquarters?\b",
    re.I,
)


_SAID_THEN = re.compile(
    r"\b(?:forecast|expected|guided|planned|projected|budgeted|estimated|predicted|said|told"
    r"|announced|pencil(?:l)?ed in)\s+$",
    re.I,
)


_SAME_QUARTER = re.compile(
    r"\bthe (?:same|comparable|corresponding) (?:fiscal )?(?:quarter|period) (?:of |in )?$", re.I
)


def _year_ago_quarter(sent: Sent, own: Period) -> Period:
    """ "$19.4 billion in the third quarter, up from $9.2 billion a year earlier": the
    year-ago figure is for the same quarter one year before, not for the whole year."""
    if own.quarter is not None or not (
        rx("year_ago").match(sent.text, own.start)
        # "in the same quarter last year": the quarter named before, a year back
        or _SAME_QUARTER.search(sent.text, max(0, own.start - 25), own.start)
        # "$21.4 million in the third quarter, compared with $24.9 million last year"
        or _compared_last_year(sent, own)
    ):
        return own
    quarters = [p for p in sent.periods if p.quarter and p.year and p is not own]
    if not quarters and sent.published and rx("the_quarter").search(sent.text):
        # "capex in the quarter was $1.6 billion, versus $0.8 billion a year ago"
        company = sent.company_at(own.start)
        year, quarter = latest_quarter(sent.published, sent.fye(company or sent.subject))
        return Period(own.start, own.end, year - 1, quarter, True)
    section = sent.section.period() if not quarters else None
    if section and section.quarter and section.year and all(p is own for p in sent.periods):
        # "- capex $45.3B vs $24.0B a yr ago" under a third quarter's heading: that quarter
        return Period(own.start, own.end, section.year - 1, section.quarter, True)
    if not quarters:
        # "$15.5 billion in the year to March 31, up from $13.1 billion a year earlier": the
        # year before the one the sentence names, not before the date it was published (but
        # "the $5.7 billion it had forecast a year earlier" dates the forecast)
        years = {p.year for p in sent.periods if p is not own and p.year and not p.relative}
        if len(years) != 1 or _SAID_THEN.search(sent.text, max(0, own.start - 40), own.start):
            return own
        return Period(own.start, own.end, years.pop() - 1, None, True)
    earlier = [p for p in sent.periods if p is not own and p.end <= own.start]
    if earlier and earlier[-1].quarter and earlier[-1].year:
        # "$16.2 million in the third quarter, compared with $11.0 million a year earlier,
        # ..., which implies fourth-quarter spending of ...": the quarter named right before
        quarters = earlier[-1:]
    if len({(p.year, p.quarter) for p in quarters}) != 1:
        return own
    # the quarter as finally dated ("Third-quarter capex was" in November is the one that
    # ended), so the year-ago figure stays a year behind it
    q = _spent_quarter(sent, quarters[0], sent.company_at(quarters[0].start))
    return Period(own.start, own.end, q.year - 1, q.quarter, True)


_LAST_YEAR = re.compile(r"last (?:fiscal )?year\b", re.I)
_COMPARED_BEFORE_AMOUNT = re.compile(
    rf"{COMPARED_WORDS}\s+(?:(?:about|roughly|approximately|around|~)\s*)?$"
)


def _compared_last_year(sent: Sent, own: Period) -> bool:
    """ "last year" right after a compared figure: the same period a year back, as "a year
    earlier" is, not the whole of last year."""
    if not _LAST_YEAR.match(sent.text, own.start):
        return False
    before = [a for a in sent.amounts if a.end <= own.start]
    return bool(before) and (
        not sent.text[before[-1].end : own.start].strip()
        and bool(
            _COMPARED_BEFORE_AMOUNT.search(
                sent.text, max(0, before[-1].start - 40), before[-1].start
            )
        )
    )


def _period(sent: Sent, i: int) -> Period | None:
    """Paired or right-adjacent period, else the nearest one since the previous amount,
    else any."""
    if rx("per_year_after").match(sent.text, sent.amounts[i].end):
        return None  # "$28 billion to $33 billion a year": a yearly rate, no one year's level
    own = _own_period(sent, i)
    if (
        _over_years(sent, i)
        and not (own and _one_year_of_the_span(sent, own))
        and not _labelled_year(sent, i)
    ):
        return None  # "a five-year capital plan of $95 billion": a plan over several years
    if paired := _paired_period(sent, i) or _compared_run(sent, i):
        return paired
    if own:
        return _year_ago_quarter(sent, own)
    a = sent.amounts[i]
    if "respectively" in sent.text and (shared := _list_period(sent, i)):
        return shared  # "$196 million and $72 million, respectively, in the third quarter"
    to_date = _TO_DATE_AFTER.match(sent.text, a.end) or (
        # ("3Q capex was $71m; nine-month capex was $201m": the year of the quarter told)
        _TO_DATE_BEFORE.search(sent.text, max(0, a.start - 45), a.start)
        and any(p.year and p.end <= a.start for p in sent.periods)
    )
    if to_date and sent.periods and sent.periods[0].year:
        # "$9.8 million in the third quarter, ..., and $26.4 million for the nine months":
        # the year so far of the sentence's first period
        return Period(a.start, a.end, sent.periods[0].year, None, True)
    left = [p for p in sent.periods if _seg_start(sent, i) <= p.start and p.end <= a.start]
    if left and i and _previous_figures(sent, i, left[-1]):
        left.pop()
    if left and _LIKENED.search(sent.text, max(0, left[-1].start - 30), left[-1].start):
        # "think about fiscal '28 as closer to fiscal '27, call it $650 million", "roughly
        # flat with this year, call it $120 million": the year likened to is not the figure's
        left.pop()
    if left:
        if left[-1].quarter is None and rx("year_ago").match(sent.text, _gap_end(sent.text, a.end)):
            # "It spent $512 million in fiscal 2026, and about $310 million the year before."
            return Period(left[-1].start, left[-1].end, left[-1].year - 1, None, True)
        return left[-1]
    if labelled := _list_label_period(sent, i):
        return labelled
    if i and _VERSUS.fullmatch(sent.text, sent.amounts[i - 1].end, a.start):
        return _period(sent, i - 1)  # "3Q capex $1.18bn vs our $1.05bn": the same quarter
    right = [
        p
        for p in sent.periods
        if a.end <= p.start < _seg_end(sent, i)
        # "..., compared with 13.0 billion yuan a year earlier": the comparison's period
        and not rx("year_ago").match(sent.text, p.start)
        # "..., compared with SEK 1.3 billion in the same quarter last year": a figure in
        # another currency, read as no amount, owns the period after it
        and not _COMPARED_FIGURE.search(sent.text, a.end, p.start)
        # "..., a bit above 2025's $78 million": the year owns the figure after it
        and not _owns_later(sent, i, p)
        # "~US$250m held; the conversion finished in 2Q": another clause's period
        and ";" not in sent.text[a.end : p.start]
    ]
    if right:  # not a period opening the next figure's clause ("..., bringing first-half ...")
        return (
            None if leads_next_amount(sent.text, a.end, right[0], _seg_end(sent, i)) else right[0]
        )
    if rx("in_the_quarter").match(sent.text, a.end):
        return None  # "which totaled $25.6 million in the quarter": the quarter reported
    years = {(p.year, p.quarter) for p in sent.periods}
    if len(years) != 1:
        return None
    first = sent.periods[0]
    if _owned_by_later(sent, i, first) or _owns_later(sent, i, first):
        return None
    if first.end <= a.start and _LIKENED.search(sent.text, max(0, first.start - 30), first.start):
        return None  # (the year likened to, as above)
    if rx("year_ago").match(sent.text, first.start):
        return None  # (the comparison's period, as above)
    if _COMPARED_FIGURE.search(sent.text, a.end, max(a.end, first.start)):
        return None  # (the compared figure's period, as above)
    if first.start > a.end and ";" in sent.text[a.end : first.start]:
        return None  # (a later clause's period, as above)
    return first


_LIST_LABEL = re.compile(r"[^:;.!?$()]{0,40}:(?!\d)")


def _list_label_period(sent: Sent, i: int) -> Period | None:
    """ "Street 2027: EVER ~$9M, CDLX ~$17M": the one period of a list's label is that of
    each item after it that names none of its own."""
    label = _LIST_LABEL.match(sent.text)
    if not i or not label or sent.amounts[i].start < label.end():
        return None
    named = [p for p in sent.periods if p.end <= label.end()]
    return named[0] if len(named) == 1 else None


# Before a year that a figure's own year is likened to ("as closer to fiscal '27")
_LIKENED = re.compile(
    r"\b(?:than|versus|vs\.?|compared (?:with|to)|(?:closer|close|similar) to|in line with"
    r"|flat (?:with|to|on))\s+"
    r"(?:the\s+|its\s+|our\s+)?$",
    re.I,
)


def _owns_later(sent: Sent, i: int, p: Period) -> bool:
    return any(
        rx("possessive").fullmatch(sent.text[p.end : b.start]) for b in sent.amounts[i + 1 :]
    )


_COMPARED_FIGURE = re.compile(
    rf"{COMPARED_WORDS}\s+(?:the\s+)?"
    r"(?:(?:about|roughly|approximately|around|~)\s*)?"
    r"(?:[A-Z]{3}\s?|[€£¥₩₹]|[A-Z]{1,3}\$\s?|Ps\.\s?|Rs\.?\s?|\$)?\d",
)


_LABELS_AMOUNT = re.compile(
    r"\s*(?:at|of|:|=|is|was)\s*(?:(?:about|roughly|approximately|around|~|some)\s*)?(?:US\s?)?$"
)


def _labelled_year(sent: Sent, i: int) -> bool:
    """A single year that labels the amount right before it ("the five-year plan has 2027
    at roughly $7.7 billion"): that year's figure, whatever plan the sentence names."""
    a = sent.amounts[i]
    return any(
        p.year
        and p.quarter is None
        and p.end <= a.start
        and _LABELS_AMOUNT.fullmatch(sent.text, p.end, a.start)
        for p in sent.periods
    )


def _one_year_of_the_span(sent: Sent, own: Period) -> bool:
    """ "over the last three years, about $450 million last year alone": a figure with a
    year of its own right after it is that year's, whatever span the sentence names (not
    the end of the span: "$95 billion through 2030")."""
    return not rx("span_end").search(sent.text, max(0, own.start - 20), own.start)


def _gap_end(text: str, pos: int) -> int:
    """``pos`` past the spaces after it."""
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos


def _previous_figures(sent: Sent, i: int, p: Period) -> bool:
    """ "$402 million in the second quarter and $711 million in the first six months of
    2026": a period in a phrase after the figure before is that figure's, when this figure
    has a period of its own after it."""
    a = sent.amounts[i]
    if not _PERIOD_PHRASE.match(sent.text, sent.amounts[i - 1].end, p.start + 1):
        return False
    if _own_period(sent, i - 1) is not p:
        return False
    return any(a.end <= q.start < _seg_end(sent, i) for q in sent.periods)


_PERIOD_PHRASE = re.compile(r"\s*(?:in|for|during|through|over)\b", re.I)


def _list_period(sent: Sent, i: int) -> Period | None:
    """The period a "respectively" list of figures shares: named right after it ("$196
    million and $72 million, respectively, in the third quarter"), or, for the list compared
    with it, the year-ago phrase after that list ("compared with $178 million and $94
    million a year earlier", that quarter a year back)."""
    chain = [sent.amounts[i]]
    for b in sent.amounts[i + 1 :]:
        if not _FIGURES_JOINED.fullmatch(sent.text, chain[-1].end, b.start):
            break
        chain.append(b)
    if len(chain) < 2 or (
        i and _FIGURES_JOINED.fullmatch(sent.text, sent.amounts[i - 1].end, sent.amounts[i].start)
    ):
        return None  # (not a list, or not its first figure: the first one's period is read)
    for p in sent.periods:
        if p.start < chain[-1].end:
            continue
        tail = sent.text[chain[-1].end : p.start]
        if _RESPECTIVELY_IN.fullmatch(tail):
            return p
        if (
            not tail.strip()
            and rx("year_ago").match(sent.text, p.start)
            and _COMPARED_BEFORE.search(
                sent.text, max(0, sent.amounts[i].start - 30), sent.amounts[i].start
            )
        ):
            return _year_ago_quarter(sent, p)
        break
    return None


# between two figures of one list: ``_LIST_GAP``'s joints, also before a qualifier ("$830
# million and about $470 million")
_FIGURES_JOINED = re.compile(r"\s*,?\s*(?:and\s+)?(?:(?:about|roughly|approximately|around|~)\s*)?")
_RESPECTIVELY_IN = re.compile(r",?\s*respectively,?\s+(?:in|for|during)\s+(?:the\s+)?")
_COMPARED_BEFORE = re.compile(r"\b(?:compared (?:with|to)|versus|against|(?:up|down) from)\s+$")


def _owned_by_later(sent: Sent, i: int, p: Period) -> bool:
    """ "Capital expenditures in the quarter were $41 million, compared with $38 million in
    the fiscal first quarter of 2025": the period after a later amount is that amount's.
    Not a period the whole list shares ("to spend about $370 million and about $45 million
    in 2027, respectively")."""
    if _SHARED_BY_LIST.match(sent.text, p.end):
        return False
    return any(b.end <= p.start for b in sent.amounts[i + 1 :])


_SHARED_BY_LIST = re.compile(r",?\s+respectively\b")


def _prior_for(sent: Sent, i: int, roles: list[str]) -> Amount | None:
    """The earlier outlook stated for the i-th (main) amount: the next 'prior' amount."""
    figures = ("main", "growth")
    if roles[i] not in figures:
        return None
    for j in range(i + 1, len(roles)):
        if roles[j] in figures:
            break
        if roles[j] == "prior" and not _dated_earlier(sent, j, roles):
            return sent.amounts[j]
    for j in range(i - 1, -1, -1):  # not past another figure: its prior is its own
        if roles[j] in figures:
            return None
        if roles[j] == "prior" and not _dated_earlier(sent, j, roles):
            # after another figure, it is that figure's prior ("$11.8B, up from prior
            # guidance of $10.5B, and this year's $9.9B")
            return None if any(r in figures for r in roles[:j]) else sent.amounts[j]
    return None


def _fact(sent: Sent, i: int, prior: Amount | None, earlier: bool = False) -> dict:
    a = sent.amounts[i]
    company = sent.company_at(a.start)
    sent = _without_spans(_in_company_calendar(sent, company))
    period = _period(sent, i)
    if period is not None and _TWO_YEARS.search(
        sent.text, max(0, period.start - 12), period.end + 12
    ):
        period = None  # "$1.4 billion across 2023 and 2024": the two years together
    so_far = False
    to = _YEAR_TO.search(sent.text, sent.amounts[i - 1].end, a.start) if i else None
    if (
        period is not None
        and to is not None
        and (period.quarter or to.group("so_far") or to.group("so_far_is"))
    ):  # "$64 million in the fourth quarter, which would bring the year to about $236 million";
        # "..., compared with $2.1 million in the third quarter of 2025, bringing the nine-month
        # total to $12.9 million": the year of the sentence's first quarter, not the base's
        first = _period(sent, 0)
        year = first.year if first is not None and first.year else period.year
        period = Period(period.start, period.end, year, None, period.relative)
        so_far = bool(to.group("so_far") or to.group("so_far_is"))  # months spent so far
    if (earlier and _past_figure(sent, i, period, company)) or so_far:
        kind = "actual"
    else:
        kind = _kind(sent, i, period, company)
    if kind == "guidance" and _ended_beside_a_plan(sent, period, company):
        kind = "actual"
    if period is None and _over_years(sent, i):
        pass  # a plan over several years takes no year from its section either
    elif period is None and kind == "actual":
        period = sent.section.period() or _reported_quarter(sent, company)
        if period is not None and period.quarter and _to_date_clause(sent, i):
            # "for the nine months were $742 million" under a third-quarter release: the
            # year so far, not the quarter
            period = Period(period.start, period.end, period.year, None, period.relative)
    elif period is None and kind == "guidance":
        period = _outlook_section(sent, company) or _quarter_ahead(sent, company)
    elif kind == "actual" and period is not None:
        period = _reported_full_year(sent, period, company)
        period = _spent_quarter(sent, period, company)
    fact = {
        "company": company,
        "fiscal_year": period.year if period else None,
        "fiscal_quarter": period.quarter if period else None,
        "low_usd": a.low,
        "high_usd": a.high,
        "approximate": a.approximate,
        "kind": kind,
        "revision": None,
        "prior_low_usd": None,
        "prior_high_usd": None,
        **sent.provenance(),
    }
    if kind == "guidance":
        if prior is not None and _is_outlook_prior(sent, prior, company):
            fact["prior_low_usd"], fact["prior_high_usd"] = prior.low, prior.high
        fact["revision"] = revision(
            _own_clause(sent, a),
            a,
            prior if fact["prior_low_usd"] or fact["prior_high_usd"] else None,
        )
        if (
            fact["revision"] is None
            and prior is None
            and (moved := _MOVED_FROM_OUTLOOK.match(sent.text, a.end))
        ):
            # "about $3.9 billion, up from the C$3.6 billion it expected in July": an earlier
            # outlook in a figure not read (another currency) still says which way it moved
            fact["revision"] = "raised" if moved.group("way").lower() == "up" else "lowered"
    return fact


_MOVED_FROM_OUTLOOK = re.compile(
    r"(?:\s*\([^()]{0,60}\))?\s*,?\s*(?P<way>up|down)\s+from\b(?:[^.;$]|\.(?=\d)){0,60}?\b(?:expected|"
    r"forecast|guided|indicated|projected|planned|targeted|outlook|guidance|previously|prior|"
    r"earlier|in (?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December))\b",
    re.I,
)


_MONTHS_TO_DATE = re.compile(
    r"\b(?:six|nine|6|9)[- ]months?\b(?!\s+ended)|\b(?:twenty-six|thirty-nine|26|39)[- ]weeks?\b"
    r"(?!\s+ended)",
    re.I,
)


def _to_date_clause(sent: Sent, i: int) -> bool:
    """The i-th amount's own stretch of the sentence (from the amount before to the one
    after) speaks of the months so far ("for the nine months were $742 million"), not of
    the quarter ("$38 million in the quarter and $107 million for the nine months")."""
    if rx("in_the_quarter").match(sent.text, sent.amounts[i].end):
        return False
    start = sent.amounts[i - 1].end if i else 0
    end = sent.amounts[i + 1].start if i + 1 < len(sent.amounts) else len(sent.text)
    return bool(_MONTHS_TO_DATE.search(sent.text, start, end))


def _own_clause(sent: Sent, a: Amount) -> str:
    """The part of a sentence about the amount's company, where its revision verb is.

    Why: news lists several companies' plans in one sentence ("Amazon expects to spend
    about $150 billion, and Meta narrowed its range to $118 billion to $122 billion"): one
    company's verb says nothing about another's figure.
    """
    if len({m[2] for m in sent.mentions}) < 2:
        return sent.text
    company = sent.company_at(a.start)
    before = [m for m in sent.mentions if m[1] <= a.start]
    after = [m for m in sent.mentions if m[0] >= a.end and m[2] != company]
    return sent.text[before[-1][0] if before else 0 : after[0][0] if after else len(sent.text)]


def _is_outlook_prior(sent: Sent, prior: Amount, company: str | None = None) -> bool:
    """A 'from $X' is an earlier outlook only when the sentence is about an outlook, or
    when a plan is moved "to $Y from $X" ("FY26 capex raised to ~$50B from $35B"), or when
    it is a range: a forecast gives ranges, a spent amount does not ("put its 2026 capital
    spending at $180 billion to $185 billion, up from $175 billion to $185 billion"). A
    bullet naming no period under a label of a year still ahead ("updated its full-year 2026
    outlook:") is an outlook line, and its "down from $X" the outlook it replaces."""
    return (
        (prior.low is not None and prior.high is not None and prior.low < prior.high)
        or bool(rx("outlook_noun").search(sent.text))
        or bool(_verb_revision(sent.text))
        or bool(rx("plan_moved").search(sent.text))
        or bool(rx("now_expects").search(sent.text))
        or _given_before(sent, prior)
        or bool(rx("paren_was").search(sent.text, 0, prior.start))
        or (not sent.periods and _outlook_section(sent, company) is not None)
    )


def _over_years(sent: Sent, i: int) -> bool:
    """The i-th amount is for several years ("a five-year capital plan", "2026-2030")."""
    end = _seg_end(sent, i)
    if aside := rx("aside").search(sent.text, sent.amounts[i].end, end):
        end = aside.start()  # "..., as the company's multi-year program winds down": not its span
    if joint := _NEXT_CLAUSE.search(sent.text, sent.amounts[i].end, end):
        end = joint.start()  # "$130 million to $145 million, and over 2027 through 2029 we plan"
    return bool(rx("multi_year").search(sent.text, _seg_start(sent, i), end))


# where the clause after an amount ends and another, with a subject of its own, begins
_NEXT_CLAUSE = re.compile(r",\s+(?:and|while|but|whereas)\s+|;\s")


def _without_call_times(sent: Sent) -> Sent:
    """The sentence without the quarters that date a call ("lifted to $1.1bn from $0.95bn
    on the 2Q call"): when a figure was said, not the period it is for."""
    keep = [p for p in sent.periods if not rx("names_a_call").match(sent.text, p.end)]
    return sent if len(keep) == len(sent.periods) else replace(sent, periods=keep)


def _without_spans(sent: Sent) -> Sent:
    """The sentence without the years that bound a span of several years ("a year through
    2030", "for 2026 through 2030", "2026-2030"): a plan over years is no one year's."""
    keep = [
        p
        for p in sent.periods
        if not rx("span_end").search(sent.text[max(0, p.start - 30) : p.start])
        and not rx("span_start").match(sent.text[p.end : p.end + 24])
    ]
    return sent if len(keep) == len(sent.periods) else replace(sent, periods=keep)


def _group_named(text: str) -> bool:
    """A sentence that may give a group's figure: the cheap gate before ``_combined``."""
    return bool(
        rx("combined").search(text)
        or rx("group_total").search(text)
        or rx("industry_subject").search(text)
    )


def _combined(sent: Sent, i: int) -> bool:
    """ "Meta, Alphabet, Microsoft and Amazon together spent more than $400 billion": one
    figure for several companies belongs to none of them."""
    a = sent.amounts[i]
    own = {m[2] for m in sent.mentions if _seg_start(sent, i) <= m[0] and m[1] <= a.start}
    if len(own) == 1:  # "deals worth $8.5 billion in total, and Meta plans to spend $70B"
        return False
    if rx("group_subject").search(sent.text, 0, a.start):
        return True  # "Taken together, the four companies expect to put $16 billion ..."
    if rx("combined").search(sent.text, 0, a.start) and _NAME_LIST.search(sent.text, 0, a.start):
        return True  # "Together, Swatch and Lindt plan roughly $913 million": names unknown
    named = {m[2] for m in sent.mentions if m[1] <= a.start}
    if len(named) >= 2:
        return True
    # "the more than $600 billion that Microsoft, Alphabet and Amazon will spend between
    # them": the companies sharing it come after the figure, in its clause
    end = _seg_end(sent, i)
    after = {m[2] for m in sent.mentions if a.end <= m[0] < end}
    return len(after) >= 2 and bool(rx("combined").search(sent.text, a.end, end))


_NAME = r"(?:[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,2})"
_NAME_LIST = re.compile(rf"{_NAME}(?:\s*,\s*{_NAME})*\s*,?\s+(?:and|&)\s+{_NAME}")
_LIST_PIECE = re.compile(r"[^,&]+?(?=\s*(?:,|\band\b|&|$))|(?<=\band\s)[^,&]+$")


def _shared(sent: Sent, i: int) -> bool:
    """ "OpenAI, Oracle and SoftBank plan to invest up to $500 billion": a list of names as
    the subject of one figure makes it their combined figure, not one company's (also
    without "together"). Not when each has its own ("each", "respectively", a list of
    figures)."""
    a, text = sent.amounts[i], sent.text
    if not any(m[1] <= a.start for m in sent.mentions):
        return False  # cheap gates first: a known company and a conjunction before the figure
    head = text[: a.start]
    if " and " not in head and " & " not in head:
        return False
    if rx("each").search(text) or _in_amount_list(sent, i):
        return False
    lists = list(_NAME_LIST.finditer(text, 0, a.start))
    if not lists:
        return False
    names = lists[-1]
    inside = [m for m in sent.mentions if names.start() <= m[0] and m[1] <= names.end()]
    if not inside or any(names.end() <= m[0] < a.start for m in sent.mentions):
        return False
    if re.search(r"[;:]|\.\s", text[names.end() : a.start]):
        return False
    if _OBJECT_BEFORE.search(text, max(0, names.start() - 20), names.start()):
        return False  # "formed by the combination of Consol Energy and Arch Resources": no
        # subject; "..., according to Visible Alpha, and Texas Roadhouse about $100 million"
    if rx("people").search(names.group()) or rx("reported").search(text, names.end(), a.start):
        return False  # "CEO Satya Nadella and CFO Amy Hood said capex would ...": speakers
    # the names the gazetteer knows, and whether every name in the list is one of them
    pieces = [m for m in _LIST_PIECE.finditer(names.group())]
    known = sum(
        any(m[0] < names.start() + p.end() and names.start() + p.start() < m[1] for m in inside)
        for p in pieces
    )
    return len({m[2] for m in inside}) >= 2 or known < len(pieces)


_OBJECT_BEFORE = re.compile(
    r"\b(?:of|from|with|between|according to|compiled by|polled by|per)\s+(?:the\s+)?$"
)


def _in_amount_list(sent: Sent, i: int) -> bool:
    text, amounts = sent.text, sent.amounts
    before = i > 0 and _LIST_GAP.match(text[amounts[i - 1].end : amounts[i].start])
    after = i + 1 < len(amounts) and _LIST_GAP.match(text[amounts[i].end : amounts[i + 1].start])
    return bool(before or after)


def _in_company_calendar(sent: Sent, company: str | None) -> Sent:
    """The sentence with its periods read in ``company``'s fiscal calendar.

    Why: periods are first read in the document subject's calendar; a figure about
    another company ("Microsoft ... in its most recent quarter, which ended in September",
    in a story about Oracle) is dated by that company's own fiscal year.
    """
    if not company or company == sent.subject:
        return sent
    if not any(p.quarter or p.relative for p in sent.periods) and not names_an_end(sent.text):
        return sent  # calendar years read the same in every fiscal calendar
    own = sent.fye(company)
    if own == sent.fye(sent.subject):
        return sent
    return replace(sent, periods=find_periods(sent.text, sent.published, own, sent.doc_type))


def _spent_quarter(sent: Sent, period: Period, company: str | None) -> Period:
    """ "Q1 capex was $14.5 billion" in February: a quarter named without its year holds
    money already spent, so it is the latest such quarter that has ended."""
    if not period.relative or period.quarter is None or sent.published is None:
        return period
    if _has_ended(period, sent, company):
        return period
    return Period(period.start, period.end, period.year - 1, period.quarter, True)


def _outlook_section(sent: Sent, company: str | None) -> Period | None:
    """An outlook figure with no period, under a heading naming one that is still ahead
    ("Fiscal 2027 Outlook"); a results period that has ended is not an outlook's."""
    period = sent.section.period()
    if period is None or sent.published is None or _has_ended(period, sent, company):
        return None
    return period


def year_under_way(facts: list[dict], sent: Sent, named: bool = False) -> list[dict]:
    """A company's own outlook that still has no year after the sentences around it were
    read ("We now expect capital investment in the $22 billion to $22.5 billion range.", on
    a call) is for the fiscal year under way at publication: on a call or in a release the
    company guides the current year unless it names another. Not in news, where a
    reporter's "expects to spend $X" may be any year, nor for a plan over several years or
    a yearly rate. A figure called the company's guide or outlook ("$4.0B-$4.4B guide") is
    that in any document, as is one ``named`` so by the text around it."""
    own = named or sent.doc_type in _OWN_OUTLOOK_UNDATED or rx("named_outlook").search(sent.text)
    if not own or sent.published is None or _no_one_year(sent.text):
        return facts
    for fact in facts:
        if fact["kind"] == "guidance" and fact["fiscal_year"] is None:
            fye = sent.fye(fact["company"] or sent.subject)
            fact["fiscal_year"] = fiscal_year_of(sent.published.year, sent.published.month, fye)
    return facts


_OWN_OUTLOOK = frozenset({"transcript", "press_release", "8-K"})
# where an outlook with no year is the year under way: a quarterly report too (an annual
# report's "we anticipate" may be the year it covers or the next, so it stays undated)
_OWN_OUTLOOK_UNDATED = _OWN_OUTLOOK | {"10-Q"}
_COMPANY_VOICE = _OWN_OUTLOOK | {"10-K", "10-Q"}
_VERSUS = re.compile(
    r"\s*,?\s*(?:vs\.?|versus|against|compared (?:with|to))\s+"
    r"(?:our|the Street(?:'s)?|Street|consensus(?: of)?|cons\.)?\s*(?:at\s+)?(?:~\s*)?(?:US\s?)?",
    re.I,
)
_VS_OURS = re.compile(r"\b(?:vs\.?|versus|against)\s+our\s*(?:~\s*)?$", re.I)
# "our capital expenditure forecast": an analyst's figure in a note, the company's own outlook
# where the company speaks
_OUR_FORECAST = re.compile(r"our\s+(?:[\w-]+\s+){0,3}?(?:forecasts?|projections?)", re.I)


def _own_forecast(sent: Sent, m: re.Match) -> bool:
    """Why: in a call or a release, "we have revised our capex forecast" is management
    speaking of its own outlook; "our forecast" is an estimate only in an analyst's voice."""
    return sent.doc_type in _OWN_OUTLOOK and bool(_OUR_FORECAST.fullmatch(m.group(0)))


def year_reported(facts: list[dict], sent: Sent) -> list[dict]:
    """Money spent that an annual report states with no year ("These increases were offset
    by $39.2 billion of capital expenditures") is for the fiscal year the report covers,
    the last one that ended before it was filed."""
    if sent.doc_type != "10-K" or sent.published is None or _no_one_year(sent.text):
        return facts
    for fact in facts:
        if fact["kind"] == "actual" and fact["fiscal_year"] is None:
            fye = sent.fye(fact["company"] or sent.subject)
            fact["fiscal_year"] = fiscal_year_of(sent.published.year, sent.published.month, fye) - 1
    return facts


def _reported_full_year(sent: Sent, period: Period, company: str | None) -> Period:
    """ "Full-year capital expenditures were $4.1 billion" in February: money already spent
    over a full year is for the last year that ended, not the one under way."""
    if not period.relative or period.quarter is not None or sent.published is None:
        return period
    if not rx("full_year").match(sent.text, period.start) or _has_ended(period, sent, company):
        return period
    return Period(period.start, period.end, period.year - 1, None, True)


def _quarter_ahead(sent: Sent, company: str | None) -> Period | None:
    """ "Microsoft expects capex of $35 billion this quarter": an outlook for this quarter
    is for the quarter under way, the one after the last that ended."""
    if sent.published is None or not rx("this_quarter").search(sent.text):
        return None
    year, quarter = quarter_under_way(sent.published, sent.fye(company or sent.subject))
    return Period(-1, -1, year, quarter, True)


def _reported_quarter(sent: Sent, company: str | None) -> Period | None:
    """ "capital expenditures for the quarter were $37.5 billion" in news or a call: the
    quarter just reported, the last one that ended before publication."""
    if sent.published is None or not rx("the_quarter").search(sent.text):
        return None
    year, quarter = latest_quarter(sent.published, sent.fye(company or sent.subject))
    return Period(-1, -1, year, quarter, True)


def _past_figure(sent: Sent, i: int, period: Period | None, company: str | None = None) -> bool:
    """An earlier figure with a period of its own ("up from $287 million in the third
    quarter of fiscal 2025", "compared with $2,878 million in 2024") is what was spent
    then, unless the words before it name an earlier outlook, or it is for a period still
    under way that the company expects ("up from the $11.5 billion it expects to spend
    this year")."""
    if period is None or period.year is None:
        return False
    if sent.published and period.year > sent.published.year + 1:
        return False
    a = sent.amounts[i]
    if rx("company_after").match(sent.text[a.end : a.end + 60]):
        return False
    if period.relative and sent.published and not _has_ended(period, sent, company):
        return False
    lead = sent.text[_seg_start(sent, i) : sent.amounts[i].start][-80:]
    m = rx("prior_before").search(lead)
    return bool(m) and not rx("outlook_noun").search(m.group())


# A guide named right before its figure ("a full-year guide of $180 billion")
_GUIDE_OF = re.compile(
    r"\b(?:guide|guidance|outlook)\s+(?:of|at)\s+(?:(?:about|roughly|approximately|around)\s+|~\s*)?"
    r"(?:US)?\$?$",
    re.I,
)


def _kind(sent: Sent, i: int, period: Period | None, company: str | None = None) -> str:
    a = sent.amounts[i]
    if rx("company_after").match(sent.text[a.end : a.end + 60]):
        return "guidance"
    before = sent.text[: a.start]
    clause = before.rfind(";") + 1  # "3Q capex $1.18bn vs our $1.05bn; YTD capex $3.21bn"
    if clause and _ESTIMATE_LABEL.match(sent.text):
        clause = 0  # "Street: JELD 2027 ~$130M; AWI 2027 ~$105M": the label heads each item
    est = [
        m.end()
        for m in _matches("estimate", sent.text)
        if clause <= m.start() and m.end() <= a.start and not _own_forecast(sent, m)
    ]
    # "Analysts had expected the company to spend ...": the company there is what the
    # estimate is about, not who speaks
    voices = [
        m
        for m in _matches("company_voice", sent.text)
        if m.end() <= a.start and not sent.text.startswith(" to ", m.end())
    ]
    voice = [m.end() for m in voices]
    if _ended_label_bracket(sent, a, period, company):
        return "actual"  # "vs our $170m (3Q25: $166m)": the year-ago figure, not the estimate
    if est and _GUIDE_OF.search(before, est[-1]):
        return "guidance"  # "Consensus sees ... against a full-year guide of $180 billion"
    if est and (not voice or est[-1] >= voice[-1]):  # ("vs our": the voice is the estimate's)
        return "estimate"
    if voices and _author_about_other(sent, voices[-1], a):
        return "estimate"
    window_l = sent.text[_seg_start(sent, i) : a.start]
    window_r = sent.text[a.end : _seg_end(sent, i)]
    if "(" in window_r:  # "$180B to $190B (was $175B to $185B)": the bracket is the old range's
        window_r = rx("paren_prior").split(window_r, maxsplit=1)[0]
    # "$1.52 billion, below the midpoint of the quarterly target": a spent figure measured
    # against the plan; the plan's words say nothing about this figure's kind
    window_l, window_r = (rx("against_plan").sub(" ", w) for w in (window_l, window_r))
    # "..., roughly double what it spent in 2025": the comparison's verb is not this figure's
    window_r = rx("comparison_tail").split(window_r, maxsplit=1)[0]
    # a full stop the sentencizer kept inside ("... $26B-$28B. FY26 capex came in at") ends
    # the figure's clause: the cues after it are the next figure's
    if ". " in window_l:
        window_l = _STOP.split(window_l)[-1]
    if ". " in window_r:
        window_r = _STOP.split(window_r, maxsplit=1)[0]
    # a semicolon ends the figure's clause too ("Guided FY26 capex of $1.6bn; FQ3 capex
    # was $412m")
    window_l, window_r = window_l.rsplit(";", 1)[-1], window_r.split(";", 1)[0]
    if rx("estimate_tag").search(window_r) or rx("estimate_after").match(window_r):
        return "estimate"
    if rx("guidance_subject").search(window_l):
        return "guidance"
    if rx("spent_before").search(window_l):
        return "actual"
    g = _nearest(rx("guidance"), window_l, window_r)
    act = _nearest(rx("actual"), window_l, window_r)
    if g is None and act is None and i and _LIST_TAIL.search(window_l):
        # "were $14 million in the fourth quarter and $52 million for the full year": a
        # figure listed after another shares its verb
        g, act = _nearest(rx("guidance"), before, ""), _nearest(rx("actual"), before, "")
    if g is not None or act is not None:
        return "actual" if g is None or (act is not None and act < g) else "guidance"
    if period and sent.published and period.year and _has_ended(period, sent, company):
        return "actual"
    if period and period.start >= 0 and is_to_date(sent.text, period.start):
        return "actual"  # "YTD capex $3.2bn": the part of the year already spent
    if period and _MONTHS_TO_DATE.search(sent.text, max(0, period.start - 30), period.start):
        return "actual"  # "during the first six months of 2027": spent so far
    if period is None and _reported_without_verb(sent, company):
        return "actual"
    if period is None and sent.doc_type in _REPORTS:
        return "actual"  # a filing states its outlook with "expect"/"anticipate", always
    return "guidance"


_REPORTS = frozenset({"10-K", "10-Q"})
# A list's label that says whose numbers follow: the Street's or the writer's own
_ESTIMATE_LABEL = re.compile(
    r"(?:\d{1,2}/\s+|[-*•]\s+)?(?:Street|Consensus|Cons\.|[Mm]e|[Mm]ine)\b[^:;$]{0,30}:"
)


def _ended_label_bracket(sent: Sent, a: Amount, period: Period | None, company: str | None) -> bool:
    """A figure in a bracket that opens with its period's label ("(3Q25: $166m)", "(FY25 =
    $741m)"), for a period that has ended: notes give the earlier period's actual so."""
    if period is None or period.year is None or sent.published is None:
        return False
    return bool(_LABEL_BRACKET.search(sent.text, 0, a.start)) and _has_ended(period, sent, company)


# "(3Q25: ", "(FY2025 = US", "(2025A: ~": a bracket's period label right before a figure
_LABEL_BRACKET = re.compile(
    r"\(\s*(?:[1-4]Q\s?'?\d{2}|Q[1-4]\s?'?\d{2,4}|[12]H\s?'?\d{2}|H[12]\s?'?\d{2,4}|FY\s?'?\d{2,4}|"
    r"(?:19|20)\d{2}A?)\s*[:=]\s*(?:~|about\s+)?(?:US)?\$?\s*$",
    re.I,
)


def _reported_without_verb(sent: Sent, company: str | None) -> bool:
    """A figure stated without a verb ("- Capital spending of $2.6 billion in the
    quarter") is a reported one under a results heading whose period has ended ("Fourth
    Quarter Highlights"), or when it is "in the quarter": releases list results as bare
    noun phrases, while outlooks always say what is expected."""
    if rx("the_quarter").search(sent.text) and not rx("this_quarter").search(sent.text):
        return True
    if sent.doc_type == "transcript":
        return False  # speakers say what they did; "call it $2.3 billion" is no result
    section = sent.section.period()
    return bool(section and sent.published and _has_ended(section, sent, company))


_STOP = re.compile(r"(?<!\bvs)(?<!\bno)(?<!\b[A-Z])\.\s+(?=[A-Z])")


def _ended_beside_a_plan(sent: Sent, period: Period | None, company: str | None) -> bool:
    """ "We expect capital expenditures in 2026 to exceed our 2025 level of $52.5 billion":
    beside a plan for a period still ahead, a figure for a period that has ended is what
    was spent, not part of the outlook."""
    if period is None or period.year is None or sent.published is None:
        return False
    if not _has_ended(period, sent, company):
        return False
    return any(
        p.year and p is not period and not _has_ended(p, sent, company) for p in sent.periods
    )


def _has_ended(period: Period, sent: Sent, company: str | None) -> bool:
    """Whether the fiscal period ended before the text was published (Microsoft's
    "Q1 FY26" ended in September 2025)."""
    end = period_end(period.year, period.quarter, sent.fye(company or sent.subject))
    return end < (sent.published.year, sent.published.month)


def _author_about_other(sent: Sent, voice: re.Match, a: Amount) -> bool:
    """ "we expect Amazon to spend ...": a first person naming another company is an
    author's view (a note or an analysis), not that company's guidance."""
    if voice.group().lower() not in ("we", "our") or not sent.subject:
        return False
    named = [m for m in sent.mentions if voice.end() <= m[0] < a.start]
    return bool(named) and named[-1][2] != sent.subject


@lru_cache(maxsize=64)
def _matches(key: str, text: str) -> tuple[re.Match, ...]:
    """The matches of pattern ``key`` in a sentence, read once for all its amounts (each
    amount takes those that end before it)."""
    return tuple(rx(key).finditer(text))


def _nearest(pattern: re.Pattern, left: str, right: str) -> int | None:
    """Distance in characters from the amount to the closest match on either side."""
    dists = [len(left) - m.end() for m in pattern.finditer(left)]
    dists += [m.start() for m in pattern.finditer(right)]
    return min(dists) if dists else None


def _verb_revision(text: str) -> str | None:
    outlook = bool(rx("outlook_noun").search(text))
    for label, pattern in lexicon.mapping("capex", "revision").items():
        if pattern.search(text) and (label == "reaffirmed" or outlook):
            return label
    return None


def revision(text: str, new: Amount, prior: Amount | None) -> str | None:
    """FORMAT's rule when both ranges are known, else the revision verb in the sentence."""
    if prior is not None and None not in (new.low, new.high, prior.low, prior.high):
        return compare_ranges(new.low, new.high, prior.low, prior.high)
    if prior is not None and prior.high is None and prior.low and (new.high or 0) < prior.low:
        return "lowered"  # "to about $18 billion from more than $20 billion"
    if prior is not None and new.high is None and new.low and prior.high and new.low > prior.high:
        return "raised"  # "on track to top $170 billion, compared with the $155 billion ..."
    if prior is not None and prior.low is None and prior.high and (new.low or 0) > prior.high:
        return "raised"  # "to at least $9 billion from up to $8 billion"
    if prior is not None and new.low is None and new.high and prior.low and new.high < prior.low:
        return "lowered"  # "less than $6.5 billion, down from its forecast of about $7 billion"
    if verb := _verb_revision(text):
        return verb
    if prior is not None and prior.low is None and prior.high and new.high:
        # "cut its plan to $150 billion, from as much as $160 billion": the one bound known
        return "lowered" if new.high < prior.high else None
    return None


def held_prior(fact: dict) -> dict:
    """A reaffirmed outlook states its earlier range: it is the same one ("reaffirmed its
    outlook of $70-72 billion" says the outlook was $70-72 billion), so an analyst asking
    for the prior finds it without reading the sentence again."""
    unstated = fact["prior_low_usd"] is None and fact["prior_high_usd"] is None
    if fact["revision"] == "reaffirmed" and unstated:
        fact["prior_low_usd"], fact["prior_high_usd"] = fact["low_usd"], fact["high_usd"]
    return fact


def compare_ranges(low: float, high: float, plow: float, phigh: float) -> str:
    """equal -> reaffirmed; inside -> narrowed; containing -> widened; else midpoint move."""
    if _close(low, plow) and _close(high, phigh):
        return "reaffirmed"
    if low >= plow and high <= phigh:
        return "narrowed"
    if low <= plow and high >= phigh:
        return "widened"
    return "raised" if (low + high) > (plow + phigh) else "lowered"


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.005 * max(abs(a), abs(b), 1.0)


_WE_ESTIMATE = re.compile(r"^(?:We|Our)\b")


def _authors_estimate(sent: Sent, facts: list[dict]) -> bool:
    """ "YETI (Buy): ... guide goes to $55-60m. We raise our 2026E capex to $58m": in a note
    the "we" is its author, and the estimate is about the company the paragraph is on."""
    return (
        sent.doc_type not in _COMPANY_VOICE
        and not sent.mentions  # ("We raise our NEXN 2027E capex": the company is named)
        and bool(_WE_ESTIMATE.match(sent.text))
        and all(f["kind"] == "estimate" for f in facts)
    )


def complete_from_previous(
    facts: list[dict],
    sent: Sent,
    before: Sent | None,
    before_company: str | None = None,
    read: Callable[[Sent], list[dict]] | None = None,
) -> list[dict]:
    """Fills in what a capex sentence leaves to the sentence before it.

    Why: writers name the year, the company or the revision once and go on ("Turning to
    fiscal 2027, we plan another step up. We expect capital spending of $1.8 billion to
    $2.0 billion."; "IBM reiterated its plan. The company said capital expenditures would
    be around $5 billion this year."). Only what the sentence itself leaves open is
    filled: a missing year from the one period named before; a company from a sentence
    before that opens with it (or whose facts were that company's, ``before_company``),
    when this one names none and says "the company"/"it" or speaks of no one ("Capex in
    the first quarter was $43.6 billion.", not "we"); a revision from a revision verb
    before, about the same company.
    """
    if before is None or not facts:
        return facts
    if is_heading(before.text):  # its period is the section's, read by ``sections``
        return _under_company_heading(facts, sent, before, read or find_capex)
    opener = opening_company(before) or before_company
    if (
        opener
        and opener != sent.subject
        and (
            _refers_back(sent)
            or _impersonal(sent)
            or _described_back(sent)
            or _authors_estimate(sent, facts)
        )
    ):
        facts = as_company(facts, sent, opener, read)
    # a sentence that names its own revision for one figure ("up from prior guidance of")
    # gives the others none of the sentence before's
    revised = any(f["revision"] for f in facts)
    named_before = {m[2] for m in before.mentions}
    for fact in facts:
        if (
            fact["fiscal_year"] is None
            and not _no_one_year(sent.text)
            and (not named_before or fact["company"] in named_before)  # not another's year
        ):
            fye = sent.fye(fact["company"])
            periods = find_periods(before.text, before.published, fye)
            if fact["kind"] == "guidance" and fact["revision"]:
                # an outlook moved now is for a year still open, not the year the sentence
                # before spoke of spending in ("Cipher spent $310 million in all of 2025.
                # Hut 8 raised its capital spending outlook to about $950 million")
                periods = [
                    p
                    for p in periods
                    if not (p.year and sent.published and _has_ended(p, sent, fact["company"]))
                ]
            carry_period(fact, periods, before.text)
        if (
            fact["kind"] == "guidance"
            and fact["revision"] is None
            and not revised
            and opener == fact["company"]
            and _same_year_as(fact, before)
            # "no change to our fiscal 2026 outlook ... That implies fourth-quarter capex of":
            # a quarter's figure is not the year's revised plan
            and (fact["fiscal_quarter"] is None or any(p.quarter for p in before.periods))
        ):
            fact["revision"] = _verb_revision(before.text)
            revised = True  # the sentence before revised one plan: the first figure's
    return facts


def _under_company_heading(
    facts: list[dict], sent: Sent, heading: Sent, read: Callable[[Sent], list[dict]]
) -> list[dict]:
    """ "**Microsoft.**" above "FY27 capex framework bumped to $165-175B.": a heading that
    names one company names the company of a sentence under it that names none; the
    sentence is read again in that company's fiscal calendar."""
    named = {m[2] for m in heading.mentions}
    if rx("speaker_line").match(heading.text):  # the firm of who speaks next
        return facts
    if len(named) == 1 and (_refers_back(sent) or _impersonal(sent)):
        company = next(iter(named))
        if company != sent.subject:
            again = replace(_in_company_calendar(sent, company), subject=company)
            facts = read(again) or facts
        for fact in facts:
            fact["company"] = company
    return facts


def _same_year_as(fact: dict, before: Sent) -> bool:
    """Whether the sentence before names no year or the fact's: "continues to expect 2026
    capex of $11.5B. ... expects capex to fall below $9.0B in 2028": the verb held 2026's
    plan, not 2028's."""
    years = {p.year for p in before.periods if p.year}
    return not years or fact["fiscal_year"] in years


def as_company(
    facts: list[dict], sent: Sent, company: str, read: Callable[[Sent], list[dict]] | None = None
) -> list[dict]:
    """The sentence's facts read again as ``company``'s: its fiscal year dates "the quarter"
    and "this year" (``read``: how the facts were found, a capex word's sentence by
    default)."""
    again = replace(_in_company_calendar(sent, company), subject=company)
    facts = (read or find_capex)(again) or facts
    for fact in facts:
        fact["company"] = company
    return facts


def introduces_described(sent: Sent) -> bool:
    """ "The Durham, North Carolina-based research group, which Labcorp spun off in 2023,
    said ...": a description with more to it than "the company", and no company named
    before the figures, which in a wire story opens the paragraph on the next company."""
    m = rx("described_subject").match(sent.text)
    if not m or not _described_back(sent):
        return False
    if _ALSO.match(sent.text, m.end()):
        return False  # "The partnership also paid $42 million ...": the company just told of
    return not _BARE_DESCRIPTION.fullmatch(m.group().strip())


_ALSO = re.compile(r"\s*(?:,\s*)?(?:also|too|meanwhile)\b")
_BARE_DESCRIPTION = re.compile(r"The\s+(?:company|firm|group)", re.I)


def opening_company(sent: Sent) -> str | None:
    """The company a sentence opens with ("Meta boosted ...", "IBM reiterated ...", after a
    wire story's dateline: "HOUSTON, Oct 30 -- CenterPoint Energy raised ...")."""
    first = min(sent.mentions, default=None)
    if first is None:
        return None
    if (label := SPEAKER_LABEL_TAIL.match(sent.text, first[1], first[1] + 30)) and not (
        _PERIOD_LABEL_TAIL.fullmatch(label.group())  # "AMZN Q3:" heads its own bullets
    ):
        return None  # the firm of a speaker's label ("Amit Daryanani (Evercore ISI): ...")
    dateline = rx("dateline").match(sent.text, 0, first[0])
    words = sent.text[dateline.end() if dateline else 0 : first[0]].split()
    if len(words) > OPENING_WORDS:
        return None
    if any(w.lower().strip(",") in _PRONOUNS for w in words):
        return None  # "Now it rents Nvidia chips to Microsoft": the subject is "it"
    return first[2] if sent._is_actor(first) else None


# what follows a firm's name to the end of a speaker's label: "):", " ISI):", ":"
SPEAKER_LABEL_TAIL = re.compile(r"[\w .&'-]{0,20}\)?:")
_PERIOD_LABEL_TAIL = re.compile(
    r"\s+(?:F?Q[1-4]|[1-4]Q|FY|[12]H|H[12]|9M)['’]?\d{0,4}(?:\s+(?:19|20)?\d{2})?:", re.I
)


_PRONOUNS = frozenset({"it", "they", "we", "he", "she", "i", "you"})


OPENING_WORDS = 3  # "On Tuesday, Meta ..." still opens with the company


def _impersonal(sent: Sent) -> bool:
    """No company named and no first person: the sentence goes on about the one before. An
    analyst's own estimate ("vs our $1.25bn", "we model", "I'm at $1.25B") is the author's
    voice, not the company's, so it does not count as first person."""
    if sent.mentions:
        return False
    if not rx("first_person").search(sent.text):
        return True
    return not rx("first_person").search(rx("estimate").sub(" ", sent.text))


def _described_back(sent: Sent) -> bool:
    """ "The Omaha, Nebraska-based railroad plans ...": a sentence that opens by describing
    the company of the sentence before and names no company before its figures (one named
    after them is an object: "... to upgrade Norfolk Southern's yards")."""
    if not sent.amounts or not (head := rx("described_subject").match(sent.text)):
        return False
    # (a company inside the description's own aside is no subject: "The Bismarck-based
    # contractor, spun off from MDU Resources in 2024, now expects ...")
    aside = _DESCRIBED_ASIDE.match(sent.text, head.end())
    return not any(
        m[0] < sent.amounts[0].start and not (aside and aside.start() <= m[0] < aside.end())
        for m in sent.mentions
    )


# the rest of a description's words and an aside closed before the verb
_DESCRIBED_ASIDE = re.compile(r"[^,.;]{0,60}?,[^,.;$]{3,120},")


def _refers_back(sent: Sent) -> bool:
    """A third-person reference to a company ("the company", "its"), and no company named
    but as a partner ("Its AI cloud, developed with Nvidia, ...")."""
    if not rx("refers_back").search(sent.text):
        return False
    return all(_PARTNER.search(sent.text, max(0, m[0] - 20), m[0]) for m in sent.mentions)


_PARTNER = re.compile(r"\b(?:with|alongside|via|from)\s+$", re.I)
