"""The spaCy components: companies, sentences-with-context, capex, ad claims, stances.

Document context (published date, subject ticker, doc_type) enters through the
``doc._.context`` extension, set on the Doc before the pipeline runs (see
``extractors.make_doc``); every other extension holds plain msgpack-friendly values
(dicts, lists, strings), so docs survive ``nlp.pipe(n_process=2)`` and ``DocBin``. The
many small rows (sentence offsets, sections, mentions, amounts, periods) are tuples, which
msgpack writes as lists and the readers unpack either way: the garbage collector stops
tracking a tuple of plain values, and with lists it ran about a third more often.

Speed comes from doing the expensive work only where it can find something:
``finclaims_amounts`` reads every sentence's words once and asks the trigger index
(``triggers.py``) which cue patterns those words can open. Only sentences that can hold a
capex figure or an ad claim get their amounts and periods read; only sentences with a
stance cue are scored, and only with the cues they can match.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from datetime import date
from functools import cache

import numpy as np
from spacy.attrs import IDX, LOWER, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from extractors import lexicon
from extractors.adclaims import find_ad_claims, metric_patterns
from extractors.capex import (
    OPENING_WORDS,
    SPEAKER_LABEL_TAIL,
    as_company,
    attach_prior,
    capex_trigger_patterns,
    carry_period,
    complete_from_previous,
    earlier_outlook_of,
    find_capex,
    find_carried,
    growth_unless_total,
    held_prior,
    introduces_described,
    is_capex_heading,
    may_carry,
    mentions_capex,
    opening_company,
    supersede,
    year_reported,
    year_under_way,
)
from extractors.capex import (
    rx as capex_rx,
)
from extractors.context import Sent
from extractors.fiscal_calendar import names_year_end_month, stated_year_ends
from extractors.gazetteer import Gazetteer, MentionFinder
from extractors.match_start import fast_start
from extractors.money import Amount, find_amounts, has_money
from extractors.periods import Period, find_periods, fye_month_of, listed_year_ends
from extractors.sections import Section, framing_patterns, is_heading, sections
from extractors.sentences import doc_text, lexeme_flag, sentence_offsets
from extractors.stance import cue_patterns, topic_pattern
from extractors.tables import merge_with_text, table_capex
from extractors.triggers import CACHE_WORDS, WORD, TriggerIndex
from finclaims.models import Company

for _name, _default in (
    ("context", None),
    ("companies", None),
    ("subject", None),
    ("fiscal_year_ends", None),
    ("sent_offsets", None),
    ("cues", None),
    ("amounts", None),
    ("periods", None),
    ("sections", None),
    ("capex", None),
    ("ad_claims", None),
    ("stances", None),
    ("stance", "neutral"),
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


class CompanyMentions:
    """Fills ``doc._.companies`` ((start, end, ticker)) and ``doc._.subject``."""

    def __init__(self, nlp: Language):
        self.nlp = nlp
        self.gazetteer = Gazetteer.default()
        self.finder = MentionFinder(nlp.vocab, self.gazetteer)

    def add_companies(self, companies: list[Company]) -> None:
        """Why: the warehouse or an EDGAR filer may know companies the snapshot lacks."""
        for company in companies:
            self.gazetteer.add(company, short=True)
        self.finder = MentionFinder(self.nlp.vocab, self.gazetteer)

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.finder(doc)
        ext = doc._  # each ``doc._`` builds a new accessor; one per call is enough
        hint = (ext.context or {}).get("ticker")
        full = doc_text(doc)
        ext.companies = [_as_subject(tuple(m), full, hint) for m in mentions]
        ext.subject = hint or _dominant([m[2] for m in ext.companies])
        title = (ext.context or {}).get("title") or ""
        ext.fiscal_year_ends = (
            stated_year_ends(
                full, ext.companies, hint, listed_year_ends(), title, _published(doc, ext)
            )
            if any(word in full for word in _CALENDAR_WORDS)
            or "iscal" in title
            or "FY" in title
            or ("FY" in full and names_year_end_month(full))
            else {}
        )
        return doc


# Words every statement of a fiscal calendar holds one of ("fiscal 2027, which ends ...",
# "its 2027 financial year", "the year to June 2027", "Braze's year ends Jan 31"; "FY3/27" is
# tested apart): a cheap test before the patterns
_CALENDAR_WORDS = (
    "iscal", "inancial year", "year to ", "year ending", "year ends", "year closes", "FY ends",
)  # fmt: skip


def _as_subject(mention: tuple, text: str, hint: str | None) -> tuple:
    """A name spelt like the document's own ticker ("Acme" in ACME's release) is the
    document's company, whichever company the gazetteer's name was."""
    start, end, ticker = mention
    if hint and ticker != hint and text[start:end].upper() == hint:
        return start, end, hint
    return mention


def _dominant(tickers: list[str]) -> str | None:
    """Most-mentioned company; on a tie the one named first."""
    if not tickers:
        return None
    counts = Counter(tickers)
    top = max(counts.values())
    return next(t for t in tickers if counts[t] == top)


def _doc_type(doc: Doc, ext=None) -> str | None:
    return ((ext or doc._).context or {}).get("doc_type")


def _published(doc: Doc, ext=None) -> date | None:
    """The published date of the document context (``ext``: ``doc._`` when at hand)."""
    value = ((ext or doc._).context or {}).get("published")
    return date.fromisoformat(value) if isinstance(value, str) else value


def fye_month(ticker: str | None, ext=None) -> int:
    """Why: filings date quarters by their end; only the fiscal year-end makes that a quarter.
    ``ext`` (a ``doc._``) adds the year-ends the document itself states."""
    return fye_month_of(ticker, ext.fiscal_year_ends if ext is not None else None)


@cache
def trigger_index() -> TriggerIndex:
    """One index over every cue family, so each sentence's words are read once."""
    return TriggerIndex.build(trigger_patterns())


def trigger_patterns() -> dict[str, tuple]:
    """The cue patterns of every family, as the index keys them: (family, position)."""
    return {
        "capex": capex_trigger_patterns(),
        "capex_heading": (capex_rx("topic_heading"),),
        "ad_claims": metric_patterns(),
        "bull": cue_patterns("bull"),
        "bear": cue_patterns("bear"),
        "framing": framing_patterns(),
        "topic": (topic_pattern(),),
    }


class AmountsAndPeriods:
    """Finds which sentences can hold which facts, and reads amounts and periods there.

    Fills ``doc._.sent_offsets``; ``doc._.cues`` ({"capex": [i], "ad_claims": [i],
    "stance": [[i, [[side, k], ...]]], "framing": [i], "on_topic": bool}); ``doc._.amounts`` and
    ``doc._.periods`` (per sentence, sentence-relative tuples, None where not read); and
    ``doc._.sections`` ((year, quarter, boilerplate) per sentence; sentence-level legal
    language is only checked where a stance could be taken).
    """

    def __init__(self, vocab):
        self.index = trigger_index()
        self.flag = cue_flag(vocab)
        # alternatives as bits of an int: a sentence's candidates are the OR of its words'
        self._runs: dict[int, int] = {}
        self._glued: dict[str, int] = {}
        # the stance cues' alternatives: read only in a document on the topic, the others
        # first (common words such as "with" and "can" open stance cues in most sentences)
        self._stance = as_mask(
            n for n, (key, _) in enumerate(self.index.alts) if key[0] in ("bull", "bear")
        )

    def __call__(self, doc: Doc) -> Doc:
        offsets = sentence_offsets(doc)
        full = doc_text(doc)
        cues = self.cues(doc, offsets)
        ext = doc._  # each ``doc._`` builds a new accessor; one per call is enough
        published = _published(doc, ext)
        fye, doc_type = fye_month(ext.subject, ext), _doc_type(doc, ext)
        amounts: list = [None] * len(offsets)
        periods: list = [None] * len(offsets)
        cues["carried"] = carried_sentences(full, offsets, cues.pop("capex_topic"), cues["capex"])
        ads = set(cues["ad_claims"])
        read = set(cues["capex"]) | ads | {k for k, _ in cues["carried"]}
        units = prose_units(doc, full, doc_type) if read else []
        local = bool(read) and local_currency(doc, full)
        for k in sorted(read):
            start, end = offsets[k]
            text = full[start:end]
            found = find_amounts(text)
            if local:  # only the figures marked as US dollars are
                found = [a for a in found if _US_MARK.match(text, a.start)]
            if units:
                found = [_in_stated_unit(a, text, _unit_at(units, start)) for a in found]
            amounts[k] = [_amount_row(a) for a in found]
            if amounts[k] or k in ads or k + 1 in read:  # a capex figure needs money to date
                periods[k] = [_period_row(p) for p in find_periods(text, published, fye, doc_type)]
        title = (ext.context or {}).get("title")
        found = sections(
            [full[s:e] for s, e in offsets],
            title,
            published,
            fye,
            framing=set(cues["framing"]),
            legal_check=set(),  # the stance finder tests its own sentences
        )
        ext.sent_offsets = offsets  # (start, end) tuples: the collector stops tracking them
        doc.user_data.pop(_MENTIONS_KEY, None)
        ext.cues = cues
        ext.amounts, ext.periods = amounts, periods
        ext.sections = [(x.year, x.quarter, x.boilerplate) for x in found]
        return doc

    def cues(self, doc: Doc, offsets: list[tuple[int, int]]) -> dict:
        """Sentence indexes per fact family, from the words each sentence holds.

        The words come from the token arrays, looked up once per distinct token; only the
        sentences that hold a word opening some cue pattern are looked at further.
        """
        out: dict = {
            "capex": [],
            "ad_claims": [],
            "stance": [],
            "framing": [],
            "capex_topic": [],
        }
        text = doc_text(doc)
        lower = text.lower()
        if len(lower) != len(text):  # a few characters lower-case to two; keep offsets
            lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        index = self.index
        which = self.alternatives_by_sentence(doc, lower, offsets)
        on_topic = False
        if everywhere := as_mask(index.everywhere(lower)):
            which = {k: which.get(k, 0) | everywhere for k in range(len(offsets))}
        stance_alts = self._stance
        others = ~stance_alts
        for k in sorted(which):
            if not (wanted := which[k] & others):
                continue  # only stance cues' words: read below, on a topic's document
            start, end = offsets[k]
            keys = index.matching(bits(wanted), lower[start:end])
            if not keys:
                continue
            groups = {g for g, _ in keys}
            if "capex" in groups and has_money(text, start, end):
                out["capex"].append(k)
            elif groups & {"capex", "capex_heading"}:
                out["capex_topic"].append(k)
            if "ad_claims" in groups:
                out["ad_claims"].append(k)
            if "framing" in groups:
                out["framing"].append(k)
            if not on_topic and "topic" in groups:  # the prefilter only says "maybe"
                on_topic = bool(topic_pattern().search(text, start, end))
        # a document that never names the topic takes no stance on it (a short note is too
        # short to show its topic)
        out["on_topic"] = on_topic or len(offsets) < int(
            lexicon.load("stance")["topic_min_sentences"]
        )
        out["topic_named"] = on_topic
        if out["on_topic"]:
            for k in sorted(which):
                if wanted := which[k] & stance_alts:
                    start, end = offsets[k]
                    if keys := index.matching(bits(wanted), lower[start:end]):
                        out["stance"].append([k, sorted([g, i] for g, i in keys)])
        return out

    def alternatives_by_sentence(
        self, doc: Doc, lower: str, offsets: list[tuple[int, int]]
    ) -> dict[int, int]:
        """Sentence index -> the cue alternatives its words open (see ``TriggerIndex``), as
        the bits of an int (``as_mask``).

        Words are regex word runs (``\\w+``), as the patterns see them; a run that spans
        two tokens ("can't" is "ca" + "n't") is read from the text. Which tokens open an
        alternative is a lexeme flag (see ``cue_flag``), read with the other token arrays;
        what they open is looked up once per lower-case form.
        """
        if not len(doc) or not offsets:
            return {}
        arr = doc.to_array([self.flag, LOWER, IDX, SPACY])
        idx = arr[:, 2].astype(np.int64)
        hits = np.flatnonzero(arr[:, 0])
        glued = _glued_tokens(lower, idx, arr[:, 3])
        if not len(hits) and not len(glued):
            return {}
        starts = [s for s, _ in offsets]
        starts_arr = np.asarray(starts, dtype=np.int64)
        ends_arr = np.asarray([e for _, e in offsets], dtype=np.int64)
        pos = idx[hits]
        where = np.searchsorted(starts_arr, pos, side="right") - 1
        inside = (where >= 0) & (pos < ends_arr[np.maximum(where, 0)])
        out: dict[int, int] = {}
        strings = doc.vocab.strings
        runs = self._runs
        get = out.get
        for h, k in zip(arr[hits[inside], 1].tolist(), where[inside].tolist(), strict=True):
            opened = runs.get(h)
            if opened is None:
                opened = self._opened_by(h, strings)
            out[k] = get(k, 0) | opened
        for p in idx[glued].tolist():
            run = _run_around(lower, p)
            if (opened := self._glued_run(run)) and (k := _sentence_at(starts, offsets, p)) >= 0:
                out[k] = get(k, 0) | opened
        return out

    def _opened_by(self, h: int, strings) -> int:
        """The alternatives a token's word runs open, read once per lower-case form."""
        opened = self._runs.get(h)
        if opened is None:
            if len(self._runs) >= CACHE_WORDS:  # bounded over an endless stream
                self._runs.clear()
            runs = _opening_runs(self.index, strings[h])
            opened = self._runs[h] = as_mask(n for r in runs for n in self.index.word_alts(r))
        return opened

    def _glued_run(self, run: str) -> int:
        """``_opened_by`` for a word run read from the text ("can't" is "ca" + "n't")."""
        opened = self._glued.get(run)
        if opened is None:
            if len(self._glued) >= CACHE_WORDS:
                self._glued.clear()
            opened = self._glued[run] = as_mask(self.index.word_alts(run))
        return opened


def as_mask(alternatives) -> int:
    """Alternative numbers as the bits of one int: a sentence's candidates are then the OR
    of its words' masks, which costs far less than a union of sets per word."""
    mask = 0
    for n in alternatives:
        mask |= 1 << n
    return mask


def bits(mask: int) -> list[int]:
    """The alternative numbers of ``mask``, lowest first."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def _opening_runs(index: TriggerIndex, lower: str) -> tuple[str, ...]:
    runs = (lower,) if lower.isalnum() else WORD.findall(lower)
    return tuple(w for w in runs if index.word_alts(w))


def _opens_cue(text: str) -> bool:
    """Lexeme flag getter: the word holds a run that opens some cue pattern."""
    return bool(_opening_runs(trigger_index(), text.lower()))


def cue_flag(vocab) -> int:
    """The lexeme flag marking words that open a cue pattern (see ``lexeme_flag``)."""
    return lexeme_flag(vocab, _opens_cue)


HEADING_REACH = 6  # sentences under a capex heading that can carry its topic
EARLIER_REACH = 3  # sentences after a figure within which its earlier outlook may follow


def carried_sentences(
    full: str, offsets: list[tuple[int, int]], topic: list[int], capex: list[int]
) -> list[list]:
    """[index, how] of sentences with money but no capex word that carry the capex topic:
    under a heading naming capex ("heading"), or right after a sentence about capex
    ("previous"). ``topic`` lists the sentences whose words may name capex without money;
    ``capex`` those read for capex already (they carry the topic on to the next one too;
    one of them whose capex words find nothing may still carry it, see ``in_text``).
    """
    taken = set(capex)
    out: dict[int, str] = {}

    def candidate(j: int) -> bool:
        start, end = offsets[j]
        return j not in out and (j in taken or has_money(full, start, end))

    def carries(j: int, how: str) -> bool:
        return may_carry(full[offsets[j][0] : offsets[j][1]], how)

    for k in sorted(set(topic) | taken):
        text = full[offsets[k][0] : offsets[k][1]]
        if k not in taken and is_heading(text):
            if not is_capex_heading(text):
                continue
            for j in range(k + 1, min(k + 1 + HEADING_REACH, len(offsets))):
                if is_heading(full[offsets[j][0] : offsets[j][1]]):
                    break
                if candidate(j) and carries(j, "heading"):
                    out[j] = "heading"
        elif (
            k + 1 < len(offsets)
            and candidate(k + 1)
            and carries(k + 1, "previous")
            and mentions_capex(text)
        ):
            out[k + 1] = "previous"
        # a question about capex, or capex named in the two sentences before one ("Let's
        # start with capex. You spent $450 million last year. Where does it land this
        # year?"); the capex words are read last: most sentences have no question near
        asked = next(
            (j for j in range(k, k + 3) if j < len(offsets) and _asks(full, offsets[j])), -1
        )
        if asked >= 0 and mentions_capex(text):
            _answer(out, asked, offsets, full, candidate, carries, taken)
    _siblings(out, full, offsets, candidate, carries)
    _cued_numbers(out, full, offsets, set(topic) | taken, candidate, carries)
    _topic_statements(out, full, offsets, set(topic) | taken, carries)
    _chain(out, len(offsets), candidate, carries)
    return [[j, how] for j, how in sorted(out.items())]


# The Street's or consensus's number, set against what was just said ("The Street has you
# at about $12 million for 2027"), and a speaker's informal one
# "implies a", "puts the", "leaves about $68 million to $88 million in the": before the
# quarter a year's range leaves
# ("means a fourth quarter of", "leaves roughly $3.4 million for the fourth quarter")
_LEAVES = r"(?:impl(?:y|ies|ied)|puts|leaves|leaving|means) (?:(?:[^.?!\n]|\.(?=\d)){0,50}?\b)?"
# the quarter a year's range leaves, after the cue or before "implied" ("so Q4 implied ~$10M")
_QUARTER_NAMED = r"(?:(?:first|second|third|fourth)[ -]quarter|F?[1-4]Q|F?Q[1-4])\b"
_QUARTER_LEFT = (
    r"(?:" + _LEAVES + r"(?P<quarter>" + _QUARTER_NAMED + r")"
    r"|\b(?P<first>" + _QUARTER_NAMED + r") (?:is |was )?implied\b)"
)
_NUMBER_CUE = fast_start(
    re.compile(
        r"\b(?:(?P<street>the Street|Street (?:has|had|is|was|sits|models)|[Cc]onsensus"
        # a note's or a thread's label for the Street's numbers ("Street 2027: PK ~$250M",
        # "Street: ~$1.2B for FY27", "Street FY27 ~$22M")
        r"|(?P<labelled>Street(?: (?:FY|CY)?['’]?\d{2,4}E?)?(?: capex)?(?=:)"
        r"|Street (?:FY|CY)?['’]?\d{2,4}E?(?= ~?\$))"
        # ("Analysts on average expect the company to spend about $40 million in 2027")
        r"|[Aa]nalysts (?:on average |polled by \w+ )?(?:had )?expect(?:ed)? [^.;$]{0,40}?to spend)"
        # or a speaker's informal number ("Call it $85 million for 2027", "I'd pencil in ...")
        r"|[Cc]all it|pencil in|[Tt]hink of|[Bb]allpark|I(?:'d|’d| would) (?:expect|say)"
        r"|I(?:'m|’m| am) at|(?-i:[Mm]e|[Mm]ine)(?=:)"  # a post's own figure ("me: $28M")
        # an analyst's own model number on a call ("We had you at $80 million for fiscal '27")
        r"|(?:[Ww]e|I) (?:have|had|'ve got|’ve got|got) you (?:at|down for)"
        r"|[Ss]omething (?:like|closer to|in the range of)"
        # or the quarter a year's range leaves ("so the range implies a fourth quarter of")
        r"|(?P<implied>" + _QUARTER_LEFT + r")"
        r")\b"
    )
)
NUMBER_CUE_REACH = 800  # characters back to a sentence with a capex word
# ... and for the quarter a range leaves, asked about once the call's Q&A is under way
IMPLIED_REACH = 2500
# A piece of each cue above: a substring test of the text is cheaper than any regex scan
_NUMBER_CUE_WORDS = (
    "Street", "onsensus", "nalysts", "all it", "pencil in", "hink of", "allpark", "d expect",
    "m at", "e:", "you at", "you down",
    "would expect", "d say", "would say", "omething like", "omething closer",
    "omething in the range", " quarter", "Q",
)  # fmt: skip


def _occurrences(text: str, word: str) -> list[int]:
    """Every place ``word`` starts in ``text``."""
    found, pos = [], text.find(word)
    while pos >= 0:
        found.append(pos)
        pos = text.find(word, pos + 1)
    return found


def _cued_numbers(
    out: dict[int, str], full: str, offsets: list, capex: set, candidate, carries
) -> None:
    """A sentence giving the Street's or consensus's number, or a speaker's informal one
    ("Call it $85 million for 2027", "I'd pencil in ..."), within a few sentences of a capex
    word: on a call the analyst's "The Street was at about $700 million for 2026" and the
    CFO's answer follow the turn that named capex, past a remark or a speaker's name. The
    informal number answers the question before it and takes that question's period.
    Only sentences near a capex word are read (a scan of every text costs more)."""
    if not capex:
        return
    starts = [start for start, _ in offsets]
    cued = {  # the sentences holding a piece of a cue (each found by ``str.find``)
        j
        for word in _NUMBER_CUE_WORDS
        for pos in _occurrences(full, word)
        if (j := _sentence_at(starts, offsets, pos)) >= 0
    }
    if not cued:
        return
    ends = sorted(offsets[k][1] for k in capex)
    for j in sorted(cued):
        start, end = offsets[j]
        before = bisect_right(ends, start)  # a capex sentence ends within reach before it
        if not before or ends[before - 1] < start - IMPLIED_REACH or j in out:
            continue
        if not (m := _NUMBER_CUE.search(full, start, end)) or not candidate(j):
            continue
        far = m.group("implied") or m.group("labelled")  # a labelled figure needs no context
        if ends[before - 1] < start - NUMBER_CUE_REACH and not far:
            continue
        street = m.group("street") or m.group("labelled") or m.group("implied")
        if (street or not _asks(full, offsets[j])) and carries(j, "previous"):
            # a speaker's own number answers the question before it, whose period it takes
            out[j] = "implied" if m.group("implied") else "previous" if street else "answer"


# a list item labelled by a ticker ("- PK: ~US$250m held; ..."), from the start of its line
_ITEM_MARK = r"[ \t]*[-*•·▪–][ \t]+"  # a list item's bullet, from the start of its line
_LABELLED_ITEM = re.compile(_ITEM_MARK + r"[A-Z]{1,5}(?:\.[A-Z])?:[ \t]")


def _opens_labelled_item(full: str, start: int) -> bool:
    """The sentence starting at ``start`` opens a list item labelled by a ticker."""
    line = full.rfind("\n", 0, start) + 1
    return bool(_LABELLED_ITEM.match(full, line)) and not full[line:start].strip(" \t-*•·▪–")


def _siblings(out: dict[int, str], full: str, offsets: list, candidate, carries) -> None:
    """List items labelled by tickers after one about capex ("- HST: 2026 capex guide
    narrowed to ... - PK: ~US$250m held. - RHP: guide raised to ..."): a note's list
    of companies' guides names capex once, in its first item; the others follow its topic
    whatever sentence the first item ends with."""
    topic = False
    for j, (start, end) in enumerate(offsets):
        if not _opens_labelled_item(full, start):
            continue
        text = full[start:end]
        if mentions_capex(text):
            topic = True
        elif (
            topic
            and out.get(j) != "heading"
            and (j in out or candidate(j))
            and carries(j, "previous")
        ):
            out[j] = "sibling"  # (the item before is no context: another company's)


ANSWER_REACH = 4  # sentences after a question (a speaker label among them) to its figure


def _answer(out: dict, k: int, offsets: list, full: str, candidate, carries, taken) -> None:
    """The first figure of the answer to a question about capex ("What does 2027 capex
    look like?" ... "Meaningfully lower. Call it $600 million to $700 million."): the
    answer names no capex word, the question did."""
    for j in range(k + 1, min(k + 1 + ANSWER_REACH, len(offsets))):
        if j in out or j in taken or _asks(full, offsets[j]):
            return
        if candidate(j) and carries(j, "previous"):
            out[j] = "answer"
            return


def _asks(full: str, span: tuple[int, int]) -> bool:
    """The sentence at ``span`` is a question."""
    return full[span[0] : span[1]].rstrip().endswith("?")


TOPIC_MIN_SENTENCES = 2  # sentences naming capex that make it a document's topic
# a company's spending or its plan moved, held or stated ("It spent $3.7 million in its fiscal
# second quarter", "narrowed its forecast for fiscal 2027 to $14 million to $16 million")
_TOPIC_STATEMENT = re.compile(
    r"\b(?:spent|invested"
    r"|(?:kept|held|raised|lifted|lowered|cut|trimmed|narrowed|widened|maintained|reaffirmed"
    r"|reiterated|boosted|increased|reduced) (?:its|their) (?:[\w-]+ ){0,3}?"
    r"(?:forecast|plan|range|budget|outlook|guidance)"
    r"|(?:expects?|plans?|intends?) to (?:spend|invest))\b"
)


def _states_topic(sent: Sent, capex_sentences: int) -> bool:
    """A sentence read for a capex word that found none, which states a company's spending
    or plan the way ``_topic_statements`` reads them, in a document about capex."""
    return (
        capex_sentences >= TOPIC_MIN_SENTENCES
        and bool(_TOPIC_STATEMENT.search(sent.text))
        and may_carry(sent.text, "topic")
    )


def _topic_statements(out: dict[int, str], full: str, offsets: list, capex: set, carries) -> None:
    """A company's spending or plan stated anywhere in a document about capex ("The
    Torrance, California-based remanufacturer ... narrowed its forecast for fiscal 2027 to
    $14 million to $16 million", "It spent $3.7 million in its fiscal second quarter"): a
    wire story names capex in its lead and then runs through each company's figures
    without the word, past remarks that break the sentence-to-sentence carry."""
    if len(capex) < TOPIC_MIN_SENTENCES:
        return
    starts = [start for start, _ in offsets]
    money = {_sentence_at(starts, offsets, pos) for pos in _occurrences(full, "$")}
    for j in sorted(money - capex - out.keys() - {-1}):  # only sentences with a dollar sign
        start, end = offsets[j]
        if _TOPIC_STATEMENT.search(full, start, end) and carries(j, "topic"):
            out[j] = "topic"


CHAIN_REACH = 3  # sentences in a row that can pass a carried topic on


def _chain(out: dict[int, str], count: int, candidate, carries) -> None:
    """Mark the sentences after a carried one that may carry the topic further ("chain").

    Why: news runs through several companies' plans after one capex sentence ("Alphabet
    raised its capex forecast to $185 billion. Microsoft said spending would exceed $40
    billion. Amazon expects to spend about $150 billion."). A chained sentence counts only
    when the one before it gave a fact (see ``CapexFinder.in_text``).
    """
    for start in sorted(out):
        j, depth = start, 0
        while depth < CHAIN_REACH and j + 1 < count and j + 1 not in out:
            if not (candidate(j + 1) and carries(j + 1, "previous")):
                break
            out[j + 1] = "chain"
            j, depth = j + 1, depth + 1


def _sentence_at(starts: list[int], offsets: list[tuple[int, int]], pos: int) -> int:
    """Index of the sentence holding character ``pos``, -1 when between sentences."""
    k = bisect_right(starts, pos) - 1
    return k if k >= 0 and pos < offsets[k][1] else -1


_ASCII_WORD = np.array([chr(c).isalnum() or chr(c) == "_" for c in range(128)], dtype=bool)


def _is_word(codes: np.ndarray) -> np.ndarray:
    """Word characters by code point; anything beyond ASCII counts as one (a superset)."""
    return np.where(codes < 128, _ASCII_WORD[np.minimum(codes, 127)], True)


def _glued_tokens(lower: str, idx: np.ndarray, spacy_flags: np.ndarray) -> np.ndarray:
    """Tokens that continue the word run of the token before them (no space between,
    word characters on both sides)."""
    cand = np.flatnonzero(spacy_flags[:-1] == 0) + 1
    if not len(cand):
        return cand
    pos = idx[cand]
    cand, pos = cand[pos > 0], pos[pos > 0]
    codes = np.frombuffer(lower.encode("utf-32-le"), dtype=np.uint32)
    both = _is_word(codes[pos - 1]) & _is_word(codes[pos])
    return cand[both]


def _run_around(lower: str, pos: int) -> str:
    """The whole word run that ``pos`` sits in."""
    start = pos
    while start > 0 and (lower[start - 1].isalnum() or lower[start - 1] == "_"):
        start -= 1
    m = WORD.match(lower, start)
    return m.group() if m else ""


_UNIT_DOC_TYPES = frozenset({"10-K", "10-Q", "8-K", "press_release"})
_UNITS = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{3,}(?:\.\d+)?|\d+\.\d(?!\d)")


_UNITS_KEY = "finclaims.prose_units"


def prose_units(doc: Doc, full: str, doc_type: str | None) -> list[tuple[int, float]]:
    """(position, factor) of each line stating the unit of the text below it ("(amounts in
    millions, except per share data)"), as filings write once above their prose; read once
    per Doc (the amounts read in prose and the tables both need them), none outside
    filings and releases."""
    if doc_type not in _UNIT_DOC_TYPES:
        return []
    units = doc.user_data.get(_UNITS_KEY)
    if units is None:
        rx = capex_rx("prose_unit")
        units = [(m.start(), _UNITS[m.group("unit").lower()]) for m in rx.finditer(full)]
        doc.user_data[_UNITS_KEY] = units
    return units


_LOCAL_KEY = "finclaims.local_currency"
# a figure marked as US dollars ("US$404 million", "USD 3 billion", "U.S. $2 billion")
_US_MARK = re.compile(r"US\s?\$|USD\b|U\.S\.\s?\$")


def local_currency(doc: Doc, full: str) -> bool:
    """Whether the text states that its bare "$" is another dollar ("All amounts are in
    Canadian dollars unless otherwise noted"): then a "$" figure is no US-dollar figure and
    only those marked US$ or USD are read. Read once per Doc (prose and tables need it)."""
    local = doc.user_data.get(_LOCAL_KEY)
    if local is None:
        # the currency's name first (a scan for "amounts ... in" over the text costs more)
        named = any(word in full for word in _LOCAL_WORDS)
        local = named and bool(capex_rx("local_currency").search(full))
        doc.user_data[_LOCAL_KEY] = local
    return local


_LOCAL_WORDS = ("Canadian dollars", "Australian dollars", "Zealand dollars", "Singapore dollars")
_LOCAL_WORDS += ("Hong Kong dollars", "C$", "A$", "S$", "NZ$", "HK$")


def _unit_at(units: list[tuple[int, float]], pos: int) -> float | None:
    before = [factor for start, factor in units if start <= pos]
    return before[-1] if before else None


def _in_stated_unit(a: Amount, text: str, unit: float | None) -> Amount:
    """ "we spent $5,640 on capital expenditures" under "(amounts in millions)": a grouped
    figure with no scale of its own is in the stated unit, and so is one with three digits
    or one decimal ("$486.2", "$88.7"); small ones with cents may be per share ("$0.52")."""
    if unit is None or a.scaled or not _GROUPED.search(text, a.start, a.end):
        return a
    low = None if a.low is None else a.low * unit
    high = None if a.high is None else a.high * unit
    return Amount(a.start, a.end, low, high, a.approximate, True)


def _amount_row(a: Amount) -> tuple:
    return (a.start, a.end, a.low, a.high, a.approximate, a.scaled)


def _period_row(p: Period) -> tuple:
    return (p.start, p.end, p.year, p.quarter, p.relative)


def sentences(doc: Doc, which: list[int]) -> list[Sent]:
    """The doc's sentences at indexes ``which``, with their context, sentence-relative."""
    ext = doc._  # each ``doc._`` builds a new accessor; one is enough
    published = _published(doc, ext)
    full = doc_text(doc)
    offsets = ext.sent_offsets or []
    marks = ext.sections or []
    amounts = ext.amounts or [None] * len(offsets)
    periods = ext.periods or [None] * len(offsets)
    subject, doc_type = ext.subject, _doc_type(doc, ext)
    stated = ext.fiscal_year_ends or {}
    by_sentence = doc.user_data.get(_MENTIONS_KEY)
    if by_sentence is None:  # grouped once per Doc (``finclaims_amounts`` resets it)
        by_sentence = _mentions_by_sentence(ext.companies or [], offsets)
        doc.user_data[_MENTIONS_KEY] = by_sentence
    out = []
    for k in which:
        start, end = offsets[k]
        out.append(
            Sent(
                full[start:end],
                start,
                subject,
                published,
                by_sentence.get(k, []),
                [Amount(*a) for a in amounts[k] or []],
                [Period(*p) for p in periods[k] or []],
                Section(*marks[k]) if k < len(marks) else Section(),
                doc_type,
                stated,
            )
        )
    return out


_MENTIONS_KEY = "finclaims.mentions_by_sentence"


def _mentions_by_sentence(companies: list, offsets: list) -> dict[int, list]:
    """Company mentions grouped by the sentence they sit in, sentence-relative."""
    starts = [s for s, _ in offsets]
    out: dict[int, list] = {}
    for s, e, ticker in companies:
        k = bisect_right(starts, s) - 1
        if k >= 0 and e <= offsets[k][1]:
            base = offsets[k][0]
            out.setdefault(k, []).append((s - base, e - base, ticker))
    return out


class CapexFinder:
    """Fills ``doc._.capex``: one dict per distinct figure, first sentence kept; figures
    in tables (see ``tables.py``) are read too."""

    def __call__(self, doc: Doc) -> Doc:
        capex: list[dict] = []
        seen: dict[tuple, dict] = {}
        in_text = self.in_text(doc)
        ext = doc._  # each ``doc._`` builds a new accessor; one per call is enough
        full = doc_text(doc)
        units = prose_units(doc, full, _doc_type(doc, ext))
        in_tables = table_capex(
            full,
            _published(doc, ext),
            ext.subject,
            ext.companies or [],
            fye_month(ext.subject, ext),
            units[0][1] if units else None,
            local_currency(doc, full),
        )
        for facts in merge_with_text(in_text, in_tables):  # (text facts, table facts)
            for fact in facts:
                key = tuple(
                    fact[k]
                    for k in ("company", "fiscal_year", "fiscal_quarter", "low_usd", "high_usd")
                )
                if key not in seen:
                    seen[key] = fact
                    capex.append(fact)
                else:
                    _restated(seen[key], fact)
        ext.capex = [held_prior(fact) for fact in capex]
        return doc

    @staticmethod
    def in_text(doc: Doc) -> list[dict]:
        """Facts of the sentences with a capex word and of those carrying the topic, in
        order; a carried sentence giving only an earlier figure completes the fact before."""
        cues = doc._.cues or {}
        carried = {k: how for k, how in cues.get("carried", [])}
        capex = set(cues.get("capex", []))
        which = sorted(capex | carried.keys())
        wanted = sorted(set(which) | {k - 1 for k in which if k > 0})
        sents = dict(zip(wanted, sentences(doc, wanted), strict=True))
        facts: list[dict] = []
        last: tuple[int, list[dict]] = (-2, [])
        recent: tuple[int, list[dict]] = (-9, [])  # the last sentence that gave facts
        unknown_described: list[int] = []  # descriptions of lead companies the gazetteer lacks
        described: str | None = None  # the lead company the story is on (described or named)
        leads = cache(_story_leads)
        subject = doc._.subject
        for k in which:
            sent = sents[k]
            found = find_capex(sent) if k in capex else []
            following = None
            how = carried.get(k)
            if k in capex and not found and how is None and _states_topic(sent, len(capex)):
                how = "topic"  # "Group 1 spent $58.2 million ...": its cue word was no capex
            if (k in capex or how == "topic") and k > 0 and introduces_described(sent):
                following = _next_of_lead(doc, k, facts, unknown_described)
                if following == UNKNOWN_COMPANY and (given := _ticker_given(sent)):
                    following = given  # "..., whose shares trade ... as SKBSY, now expects"
                elif following == UNKNOWN_COMPANY:  # its description, figures or not
                    unknown_described.append(k)
            if found and k > 0:
                before = (
                    _company_of(last, k) or _paragraph_company(doc, k) or _recent_opener(doc, k)
                )
                found = complete_from_previous(found, sent, sents[k - 1], before)
                found = _as_following(found, sent, following)
            if how == "chain":  # only on from a sentence that gave a fact, or from one on
                # the topic right after such a sentence ("... $1.25 billion to $1.35 billion.
                # That takes $50 million off each end. We spent $1.27 billion in 2024.")
                near = last[0] == k - 1 and (last[1] or recent[0] == k - 2)
                how = "previous" if near else None
            if not found and how == "sibling":
                found, prior = find_carried(sent, "previous")
                found = _sibling_periods(found, _topic_item_periods(doc, k, capex), sent)
            elif not found and how:
                carry = "previous" if how in ("answer", "implied") else how
                found, prior = find_carried(sent, carry)
                if how == "implied" or (found and _IMPLIED_QUARTER.search(sent.text)):
                    found = _implied_quarter(found, sent, lambda k=k: _previous_periods(doc, k))
                if found and how in ("previous", "answer", "implied"):
                    before = (
                        _question_periods(doc, _question_of(doc, k))
                        if how == "answer"
                        else _previous_periods(doc, k)
                    )
                    found = [carry_period(f, before) for f in found]
                    found = complete_from_previous(
                        found,
                        sent,
                        sents[k - 1],
                        _company_of(last, k) or _section_company(doc, k),
                        lambda again, carry=carry, periods=before: [
                            carry_period(f, periods) for f in find_carried(again, carry)[0]
                        ],
                    )
                elif found and how == "heading" and last[0] == k - 1 and last[1]:
                    # "- AutoZone (AZO). The retailer spent $310 million on capex ... It still
                    # expects about $1.5 billion": "It" is the company of the sentence before
                    found = complete_from_previous(
                        found,
                        sent,
                        sents[k - 1],
                        _company_of(last, k),
                        lambda again: find_carried(again, "heading")[0],
                    )
                elif found and how == "topic" and k > 0:
                    # a wire story's next company described, or "It spent ..." after it
                    before = _company_of(last, k) or _paragraph_company(doc, k)
                    found = complete_from_previous(
                        found,
                        sent,
                        sents[k - 1],
                        before,
                        lambda again: find_carried(again, "topic")[0],
                    )
                    found = _as_following(found, sent, following)
                if prior is not None and last[0] == k - 1 and last[1]:
                    attach_prior(last[1][-1], prior)
            if found and last[0] == k - 1 and supersede(last[1], found, sent):
                facts.remove(last[1][0])  # the outlook given before is the new one's prior
            elif (
                found
                and 1 < k - recent[0] <= EARLIER_REACH
                and earlier_outlook_of(recent[1], found, sent)
            ):
                found = []  # it gave only the earlier outlook of a figure above
            if found and sent.text.rstrip().endswith("?"):
                found = _not_restated(found, facts)
            if _after_unknown(doc, k, unknown_described, sent) and found:
                found = [{**f, "company": None} for f in found]  # "It spent ..." after it
            elif described and found and following is None and not sent.mentions:
                found = _of_described(found, subject, described, sent)
            if sent.mentions or following == UNKNOWN_COMPANY:
                if {m[2] for m in sent.mentions} != {described}:
                    described = None  # another company named moves the story on
                if found and (opener := opening_company(sent)) in leads(doc):
                    described = opener  # "CSX Corp raised its ...": the story is on to it
            if following and following != UNKNOWN_COMPANY and found:
                described = found[0]["company"]
            facts += year_reported(year_under_way(found, sent), sent)
            last = (k, found)
            recent = (k, found) if found else recent
        return growth_unless_total(facts)


def _as_following(found: list[dict], sent: Sent, following: str | None) -> list[dict]:
    """The facts of a description as the lead's next company's (``_next_of_lead``); of
    nobody we can name when the gazetteer lacks that company."""
    if following == UNKNOWN_COMPANY:
        return [{**f, "company": None} for f in found]
    return as_company(found, sent, following) if following else found


def _story_leads(doc: Doc) -> frozenset[str]:
    """The known companies a wire story's lead names, when it names two or more: a story
    that goes through them in turn."""
    full = doc_text(doc)
    start, end = _lead(full)
    found = {t for t, _a in _lead_companies(full, start, end, doc._.companies or []) if t}
    return frozenset(found) if len(found) >= 2 else frozenset()


def _of_described(found: list[dict], subject: str | None, described: str, sent: Sent) -> list[dict]:
    """In a wire story that has begun describing its lead companies in turn, a figure that
    names no company and fell to the story's dominant company is the company described
    last ("Analysts on average expect the partnership to spend ..." after the partnership's
    own paragraph). Not where the sentence writes the dominant company's ticker, which the
    gazetteer may not know."""
    if subject and re.search(rf"\b{re.escape(subject)}\b", sent.text):
        return found
    return [{**f, "company": described} if f["company"] == subject else f for f in found]


def _implied_quarter(
    found: list[dict], sent: Sent, previous: Callable[[], list[Period]]
) -> list[dict]:
    """The quarter a year's range leaves ("Year to date you're at $76 million, so about
    $110 million puts the fourth quarter at about $34 million"): the figures after the cue
    are the quarter's, and the quarter is the range's, so guidance. Before it, the year to
    date stays; the year's range restated there is no quarter's. A bare "so Q4 implied
    ~$10-14M" completes the one year the sentence before names (its ``previous`` periods)."""
    m = _IMPLIED_QUARTER.search(sent.text)
    if m is None:
        return found
    word = (m.group("quarter") or m.group("first")).lower()
    digits = re.sub(r"\D", "", word)
    quarter = int(digits) if digits else _QUARTER_WORDS.index(word[: word.index("quarter") - 1]) + 1
    after = {(a.low, a.high) for a in sent.amounts if a.start >= m.start()}
    before = [f for f in found if (f["low_usd"], f["high_usd"]) not in after]
    # the year so far told before the cue is the year the quarter completes ("$41.5 million
    # in the first nine months, which implies fourth-quarter spending of ..."), whatever
    # year a bare "fourth quarter" read alone would be
    so_far = {f["fiscal_year"] for f in before if f["fiscal_year"] and not f["fiscal_quarter"]}
    out = []
    for fact in found:
        if (fact["low_usd"], fact["high_usd"]) in after:
            year = so_far.pop() if len(so_far) == 1 else fact["fiscal_year"]
            if year is None and len(years := {p.year for p in previous() if p.year}) == 1:
                year = years.pop()
            if year:
                out.append(
                    {**fact, "kind": "guidance", "fiscal_year": year, "fiscal_quarter": quarter}
                )
        elif fact["fiscal_quarter"] != quarter:  # (a range restated before the cue took
            out.append(fact)  # the cue's quarter: no quarter's; another quarter stays)
    return out


_IMPLIED_QUARTER = re.compile(r"\b" + _QUARTER_LEFT)
_QUARTER_WORDS = ("first", "second", "third", "fourth")


def _next_of_lead(
    doc: Doc, k: int, facts: list[dict], unknown_described: list[int] = ()
) -> str | None:
    """The first company a story's lead names that no fact has taken up before sentence
    ``k``, which opens a paragraph ("ICON Plc cut its forecast and Fortrea Holdings Inc held
    its own. / The Dublin-based company now expects ... / The Durham, North Carolina-based
    research group said ..."): wire stories name the companies once up top and then
    describe each in its turn. Not while the company named last since the lead has given no
    figure: the description is that company's ("Tencent said ... / The Shenzhen-based
    company spent ...").

    A lead company the gazetteer does not know ("Ralliant Corp") is ``UNKNOWN_COMPANY``: its
    description is nobody's we can name, not the company a clause of it mentions ("which
    Fortive spun off"); each earlier such description (``unknown_described``) used one."""
    full, offsets = doc_text(doc), doc._.sent_offsets or []
    start = offsets[k][0]
    if full[full.rfind("\n", 0, start) + 1 : start].strip():
        return None  # not the first sentence of its line
    lead_start, lead_end = _lead(full)
    if start <= lead_end:
        return None
    companies = doc._.companies or []
    # (a figure in the headline or the lead takes up no company: the story goes on to
    # describe each in its turn)
    taken = {f["company"] for f in facts if f["char_start"] >= lead_end}
    named = [
        t for s, _e, t in companies if lead_end <= s < start and _opens_sentence(full, offsets, s)
    ]
    if named and named[-1] not in taken:
        return named[-1]  # the company named last has given no figure yet: the description is its
    lead = _lead_companies(full, lead_start, lead_end, companies)
    tickers = [t for t, _a in lead]
    if (hint := (doc._.context or {}).get("ticker")) and hint not in tickers:
        # the story's own company, by a name the gazetteer lacks
        if None in tickers:
            n = tickers.index(None)
            lead[n] = (hint, lead[n][1])
        else:
            lead.insert(0, (hint, None))
    skip = len(unknown_described)
    open_ = []  # (ticker or None, what the lead says it did), not yet described
    for ticker, action in lead:
        if ticker is None and skip:
            skip -= 1
        elif ticker is None or ticker not in taken:
            open_.append((ticker, action))
    if not open_:
        return None
    ticker, action = open_[0]
    if action and (did := _action(full, offsets[k][0], offsets[k][1])) and action != did:
        # the lead's next company did something else: the first one that did this
        ticker = next((t for t, a in open_ if a == did), ticker)
    return UNKNOWN_COMPANY if ticker is None else ticker


def _ticker_given(sent: Sent) -> str | None:
    """The ticker a description of a company the gazetteer lacks gives in its own words
    ("The Stockholm-based builder, whose shares trade ... as SKBSY"): its only mention,
    written as the bare ticker."""
    given = {t for s, e, t in sent.mentions if sent.text[s:e] == t}
    return given.pop() if len(given) == 1 and len(sent.mentions) == 1 else None


def _opens_sentence(full: str, offsets: list, pos: int) -> bool:
    """A company named at ``pos`` opens its sentence ("Tencent said ..."), as its subject
    does, rather than inside it ("... its pending sale to Blackstone")."""
    k = _sentence_at([start for start, _ in offsets], offsets, pos)
    return k >= 0 and len(full[offsets[k][0] : pos].split()) <= OPENING_WORDS


def _after_unknown(doc: Doc, k: int, unknown_described: list[int], sent: Sent) -> bool:
    """Sentence ``k`` names no company and follows, in its paragraph, the description of a
    lead company the gazetteer lacks: its figures are that company's too."""
    if not unknown_described or k == unknown_described[-1] or sent.mentions:
        return False
    full, offsets = doc_text(doc), doc._.sent_offsets or []
    return "\n\n" not in full[offsets[unknown_described[-1]][1] : offsets[k][0]]


UNKNOWN_COMPANY = "?"  # a lead company the gazetteer lacks (``_next_of_lead``)


# A company's name with its legal word ("Steve Madden Ltd", "Standard Motor Products Inc")
_NAME_WITH_LEGAL = re.compile(
    r"\b[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,4}\s+"
    r"(?:Inc|Corp|Co|Ltd|Holdings|Group|Plc|plc|LLC|LP|SA|NV|AG|SE)\b"
)


def _lead_companies(
    full: str, start: int, end: int, companies: list
) -> list[tuple[str | None, str | None]]:
    """The companies a lead names in order, each with what the lead says it did to its
    plan (``_action``): the gazetteer's, and None for a name with a legal word that it does
    not know."""
    known = [(s, e, t) for s, e, t in companies if start <= s < end]
    unknown = [
        (m.start(), m.end(), None)
        for m in _NAME_WITH_LEGAL.finditer(full, start, end)
        if not any(s < m.end() and m.start() < e for s, e, _t in known)
    ]
    named = sorted([*known, *unknown], key=lambda x: x[0])
    return [(t, _action(full, e, _sentence_end(full, e, end))) for _s, e, t in named]


def _sentence_end(full: str, start: int, end: int) -> int:
    stop = full.find(". ", start, end)
    return stop if stop >= 0 else end


def _action(full: str, start: int, end: int) -> str | None:
    """What a lead says a company did to its plan after its name, or what a description
    says ("raised", "lowered", "kept", "narrowed"): the earliest such word in
    ``full[start:end]``, after a description's relative clause."""
    if aside := _RELATIVE_ASIDE.match(full, start, end):
        start = aside.end()
    found = [
        (m.start(), label)
        for label, pattern in lexicon.mapping("capex", "lead_action").items()
        if (m := pattern.search(full, start, end))
    ]
    return min(found)[1] if found else None


# ", which owns the Sabine Pass terminal," after a description's subject: not its action
_RELATIVE_ASIDE = re.compile(r"[^,.;]{0,80}?,\s*(?:which|whose|who)\b[^.;]{0,160}?,")


def _lead(full: str) -> tuple[int, int]:
    """A story's lead: its first paragraph that ends a sentence (not a headline line)."""
    pos = 0
    while (end := full.find("\n\n", pos)) >= 0:
        if full[pos:end].rstrip().endswith((".", '."', ".'")):
            return pos, end
        pos = end + 2
    return pos, len(full)


def _restated(kept: dict, again: dict) -> None:
    """A guide repeated later in the document with its revision ("FY27 guide of ~$2.1bn
    reiterated" under a tracker's row of it) gives the kept first statement that revision:
    the figure is stored once, at its first sentence, but the news of the restatement is
    the analyst's point."""
    if (
        kept["revision"] is None
        and again["revision"] is not None
        and kept["kind"] == again["kind"] == "guidance"
    ):
        kept["revision"] = again["revision"]
        kept["prior_low_usd"], kept["prior_high_usd"] = (
            again["prior_low_usd"],
            again["prior_high_usd"],
        )


def _company_of(last: tuple[int, list[dict]], k: int) -> str | None:
    """The one company of the facts of sentence ``k - 1``, if it gave any."""
    index, found = last
    companies = {f["company"] for f in found} if index == k - 1 else set()
    return companies.pop() if len(companies) == 1 else None


def _paragraph_company(doc: Doc, k: int) -> str | None:
    """The company a paragraph opens with and alone names before sentence ``k`` ("Baidu is
    in the most difficult position. Its ad revenue fell 9%. The company spent $430 million
    ..."): who "the company" is when the sentence just before names no one. Not a company
    named later in the paragraph: on a call that is the analyst's firm."""
    full, (start, _) = doc_text(doc), (doc._.sent_offsets or [])[k]
    opened = full.rfind("\n\n", 0, start) + 1
    line = full.rfind("\n", 0, start) + 1
    companies = doc._.companies or []
    # a list item that names one is a paragraph of its own ("- APPF: AppFolio raised ...")
    item = (
        line > opened
        and bool(_LIST_ITEM.match(full, line))
        and any(line <= s and e <= start for s, e, _ in companies)
    )
    if item:
        opened = line
    named = [(s, e, t) for s, e, t in companies if opened <= s and e <= start]
    if not named:
        return _heading_company(doc, full, opened)
    if len({t for _, _, t in named}) > 1:
        return None
    first, end, ticker = min(named)
    if not item and SPEAKER_LABEL_TAIL.match(full, end, end + 30):
        return None  # a speaker's label ("Ann Lee (Evercore ISI):"), not an item's ("- APPF:")
    return ticker if len(full[opened:first].split()) <= OPENING_WORDS else None


_LIST_ITEM = re.compile(_ITEM_MARK + r"\S")

RECENT_REACH = 4  # sentences back to the last one that names a company


def _section_company(doc: Doc, k: int) -> str | None:
    """The company of the paragraph or heading sentence ``k`` sits under ("## HIMX" over
    "- Street FY27 ~$22M. me: $28M"), outside a call: there the line above a turn names
    the analyst's firm ("Keith Weiss -- Morgan Stanley")."""
    if (doc._.context or {}).get("doc_type") == "transcript":
        return None
    return _paragraph_company(doc, k)


def _recent_opener(doc: Doc, k: int) -> str | None:
    """In a story about several companies, the company that the last sentence naming any
    opens with ("The Trade Desk, the largest independent buying platform, reported ...
    It said ... [a quote] ... The company also raised its capital spending forecast"):
    who "the company" is there, rather than the company the story names most. A document
    known to be about one company (a header's ticker) keeps that company."""
    if (doc._.context or {}).get("ticker"):
        return None
    sentences(doc, [])  # groups the mentions by sentence, once per Doc
    by_sentence = doc.user_data.get(_MENTIONS_KEY) or {}
    for j in range(k - 1, max(-1, k - 1 - RECENT_REACH), -1):
        if by_sentence.get(j):
            (sent,) = sentences(doc, [j])
            return opening_company(sent)
    return None


def _heading_company(doc: Doc, full: str, opened: int) -> str | None:
    """The one company a heading line right above the paragraph names ("Airbnb (ABNB)"
    over a newsletter's paragraph on it)."""
    if opened < 2:
        return None
    top = full.rfind("\n\n", 0, opened - 2) + 2 if "\n\n" in full[: opened - 2] else 0
    line = full[top : opened - 1].strip()
    if "\n" in line or not is_heading(line) or capex_rx("speaker_line").match(line):
        return None  # a speaker's line names who talks next, not the company talked about
    named = {t for s, e, t in doc._.companies or [] if top <= s and e <= opened}
    return named.pop() if len(named) == 1 else None


def _question_of(doc: Doc, k: int) -> int:
    """The index after the question that sentence ``k`` answers (``_previous_periods``
    reads the sentence before the index it is given)."""
    full, offsets = doc_text(doc), doc._.sent_offsets or []
    for j in range(k - 1, max(-1, k - 1 - ANSWER_REACH), -1):
        if _asks(full, offsets[j]):
            return j + 1
    return k


def _question_periods(doc: Doc, q: int) -> list[Period]:
    """The periods of the question before index ``q``: its "?" sentence, else the sentence
    before that in the same turn ("the Street has 2027 capex at around $150 million. Is that
    in the ballpark?"). A speaker's line right before the answer is passed over: the turn
    before it is what was asked ("For fiscal '27, we had you at $60 million." / "Diane Aldana
    -- Chief Financial Officer" / "I'd pencil in something like $50 million")."""
    full, offsets = doc_text(doc), doc._.sent_offsets or []
    if q >= 2 and capex_rx("speaker_line").match(full[offsets[q - 1][0] : offsets[q - 1][1]]):
        q -= 1
    found = _previous_periods(doc, q)
    if found or q < 2:
        return found
    if "\n" in full[offsets[q - 2][1] : offsets[q - 1][0]]:
        return found  # the sentence before is another turn or paragraph
    return _previous_periods(doc, q - 1)


def _not_restated(found: list[dict], earlier: list[dict]) -> list[dict]:
    """A question's figures that the text gave before ("How should we think about the gap
    between the $43.8 billion and the $27.9 billion?") are those figures, asked about."""
    given = {(f["low_usd"], f["high_usd"]) for f in earlier}
    return [f for f in found if (f["low_usd"], f["high_usd"]) not in given]


def _sibling_periods(facts: list[dict], topic: list[Period], sent: Sent) -> list[dict]:
    """The periods of a list item's facts that name none (see ``_siblings``): the year of the
    item about capex it follows, else, for a guide, the year under way; a guide takes no
    quarter from it ("- HST: 3Q capex $140m; 2026 guide held ... - PK: ~$250m held")."""
    years = [Period(p.start, p.end, p.year, None, p.relative) for p in topic]
    clause = sent.text.find(";") % (len(sent.text) + 1)  # the item's first clause
    quarter_named = any(p.quarter for p in sent.periods if p.end <= clause)
    out = []
    for fact in facts:
        if fact["kind"] == "guidance" and fact["fiscal_quarter"] and not quarter_named:
            # a quarter the item does not name (the document's reporting quarter)
            fact["fiscal_year"] = fact["fiscal_quarter"] = None
        dated = fact["fiscal_year"] is not None
        fact = carry_period(fact, years if fact["kind"] == "guidance" else topic)
        if not dated and fact["kind"] == "guidance" and fact["fiscal_year"] is None:
            fact = year_under_way([fact], sent, named=True)[0]
        out.append(fact)
    return out


def _topic_item_periods(doc: Doc, k: int, capex: set[int]) -> list[Period]:
    """The periods of the list item about capex that list item ``k`` follows (see
    ``_siblings``)."""
    offsets, full = doc._.sent_offsets or [], doc_text(doc)
    for j in range(k - 1, -1, -1):
        start, end = offsets[j]
        if j in capex and _opens_labelled_item(full, start):
            ext = doc._
            return find_periods(
                full[start:end], _published(doc), fye_month(ext.subject, ext), _doc_type(doc)
            )
    return []


def _previous_periods(doc: Doc, k: int) -> list[Period]:
    """The periods named in sentence ``k - 1`` (read here: a sentence with a capex word but
    no money has no periods of its own in ``doc._.periods``)."""
    start, end = (doc._.sent_offsets or [])[k - 1]
    text = doc_text(doc)[start:end]
    ext = doc._
    return find_periods(text, _published(doc), fye_month(ext.subject, ext), _doc_type(doc))


class AdClaimFinder:
    """Fills ``doc._.ad_claims``."""

    def __call__(self, doc: Doc) -> Doc:
        ext = doc._  # each ``doc._`` builds a new accessor; one per call is enough
        which = (ext.cues or {}).get("ad_claims", [])
        ext.ad_claims = [c for sent in sentences(doc, which) for c in find_ad_claims(sent)]
        return doc


@Language.factory("finclaims_companies")
def make_companies(nlp: Language, name: str) -> CompanyMentions:
    return CompanyMentions(nlp)


@Language.factory("finclaims_amounts")
def make_amounts(nlp: Language, name: str) -> AmountsAndPeriods:
    return AmountsAndPeriods(nlp.vocab)


@Language.factory("finclaims_capex")
def make_capex(nlp: Language, name: str) -> CapexFinder:
    return CapexFinder()


@Language.factory("finclaims_ad_claims")
def make_ad_claims(nlp: Language, name: str) -> AdClaimFinder:
    return AdClaimFinder()
