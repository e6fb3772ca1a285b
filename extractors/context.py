"""One sentence with everything the fact finders need, in sentence-relative offsets.

The pipeline components fill this once per sentence so that the capex, ad-claim and
stance finders stay pure functions of text plus context, testable without spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from extractors import lexicon
from extractors.money import Amount, find_amounts
from extractors.periods import Period, find_periods, fye_month_of
from extractors.sections import Section

Mention = tuple[int, int, str]


# a figure and "at" the company it is spent at ("$66m at PACS")
_AT_COMPANY = re.compile(r"\S+(?:\s(?:million|billion|mn|bn))?\s+at\s+")


@dataclass
class Sent:
    text: str
    start: int = 0
    subject: str | None = None
    published: date | None = None
    mentions: list[Mention] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    section: Section = field(default_factory=Section)
    doc_type: str | None = None  # ``Document.doc_type``: who speaks, the company or a reporter
    # fiscal year-ends the document states for companies the table lacks (fiscal_calendar.py)
    fiscal_year_ends: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        text: str,
        start: int = 0,
        subject: str | None = None,
        published: date | None = None,
        mentions: list[Mention] | None = None,
        section: Section | None = None,
        doc_type: str | None = None,
    ) -> Sent:
        """Reads amounts and periods; ``mentions`` are sentence-relative."""
        return cls(
            text,
            start,
            subject,
            published,
            list(mentions or []),
            find_amounts(text),
            find_periods(text, published, doc_type=doc_type),
            section or Section(),
            doc_type,
        )

    def fye(self, ticker: str | None) -> int:
        """The month ``ticker``'s fiscal year ends in, as this document knows it."""
        return fye_month_of(ticker, self.fiscal_year_ends)

    def provenance(self) -> dict:
        return {
            "sentence": self.text,
            "char_start": self.start,
            "char_end": self.start + len(self.text),
        }

    def company_at(self, pos: int) -> str | None:
        """The company a figure or cue at ``pos`` belongs to.

        Why: the nearest named company before it is usually the spender ("Meta's $130B"),
        unless it is a comparison or a source ("unlike Amazon", "analysts at X"); with no
        usable name, "we"/"the company"/"it" mean the document's subject.
        """
        if (listed := self._respective(pos)) is not None:
            return listed
        for m in reversed([m for m in self.mentions if m[1] <= pos]):
            if _RELATIVE_CLAUSE.match(self.text[m[1] : pos]):
                return m[2]  # "Unlike Meta, which guided to $70 billion, ...": Meta's figure
        for m in self.mentions:  # "We model 2026 capex of $45m at Sonida and $66m at PACS"
            if pos < m[0] <= pos + 30 and _AT_COMPANY.fullmatch(self.text, pos, m[0]):
                return m[2]
        usable = [m for m in self.mentions if self._is_actor(m)]
        left = [m for m in usable if m[1] <= pos and not self._in_closed_aside(m, pos)]
        while len(left) > 1 and _PARTNER_BEFORE.search(
            self.text[max(0, left[-1][0] - 20) : left[-1][0]]
        ):
            left.pop()  # "Intel ... its joint venture with Brookfield ... $12 billion": Intel's
        if left:
            return left[-1][2]
        if self.subject and self.doc_type in _OWN_VOICE and _WE.search(self.text, 0, pos):
            return self.subject  # a filer's "we expect ... due to the former Spirit sites"
        right = {
            m[2]
            for m in usable
            if m[0] >= pos
            and not self._object_after(m)
            and not _LATER_CLAUSE.search(self.text, pos, m[0])
        }
        if len(right) == 1:
            return right.pop()
        return self.subject

    def _respective(self, pos: int) -> str | None:
        """ "Carrier, Trane and Watsco spent $162 million, $131 million and $6.4 million,
        respectively": a list of companies and as many figures after it pair in order."""
        if "respectively" not in self.text:
            return None
        figures = self.amounts
        if len(figures) < 2 or not figures[0].start <= pos < figures[-1].end:
            return None
        listed: list[Mention] = []
        for m in self.mentions:
            if m[1] > figures[0].start:
                break
            if listed and not _LIST_JOINT.fullmatch(self.text, listed[-1][1], m[0]):
                listed = []  # not one list: start again from this name
            listed.append(m)
        tickers = [m[2] for m in listed]
        n = len(tickers)
        if len(set(tickers)) != n or n < 2:
            return None
        if len(figures) == 2 * n and _COMPARED_LIST.search(
            self.text, figures[n - 1].end, figures[n].start
        ):
            # "... spent $196 million and $72 million, respectively, in the third quarter,
            # compared with $178 million and $94 million a year earlier": both lists pair
            tickers = tickers * 2
            last = figures[n - 1]
        elif len(figures) == n:
            last = figures[-1]
        else:
            return None
        if not _RESPECTIVELY.match(self.text, last.end):
            return None
        # (None for a position between the figures: a period's, say, read the usual way)
        return next(
            (t for a, t in zip(figures, tickers, strict=True) if a.start <= pos < a.end), None
        )

    def _in_closed_aside(self, m: Mention, pos: int) -> bool:
        """ "Core Scientific, whose shareholders voted down a takeover by CoreWeave last
        year, said capital spending would be ...": a company named inside a relative clause
        that closes before the figure is not its spender."""
        if "," not in self.text[m[1] : pos]:
            return False
        opened = self.text.rfind(",", 0, m[0])
        return (
            opened >= 0
            and bool(_ASIDE_OPENS.match(self.text, opened))
            and not any(c in self.text[opened + 1 : m[0]] for c in ",;()")
            # (not the company's own listing: "Balfour Beatty, whose American depositary
            # shares trade as BAFYY, kept ...")
            and not OWN_LISTING.search(self.text, opened, m[0])
        )

    def _object_after(self, m: Mention) -> bool:
        """A company named after the figure as the object of a phrase ("for our Splunk
        cloud", "a joint venture with Brookfield") is not who spent it, when the document
        has a subject of its own to fall back on."""
        return bool(self.subject) and bool(
            _OBJECT_BEFORE.search(self.text[max(0, m[0] - 20) : m[0]])
        )

    def _is_actor(self, m: Mention) -> bool:
        before = self.text[max(0, m[0] - 50) : m[0]]
        after = self.text[m[1] : m[1] + 30]
        if _rx("not_spender_after").search(after):
            return False
        if after.startswith(":") and before.endswith(", "):
            return False  # a speaker's firm ("Brian Nowak, Morgan Stanley:"), not a line label
        comparison = _rx("not_spender_before").search(before)
        if comparison and _RIVAL.search(comparison.group()):
            # "Rival Alphabet plans to spend $75 billion" (also past an aside: "Rival Cadence,
            # whose fiscal year follows the calendar, raised ..."): the rival is the actor
            rest = _LEGAL_TAIL.sub("", self.text[m[1] : m[1] + 160], count=1)
            return bool(_ACTS.match(_ASIDE_AFTER_NAME.sub("", rest, count=1)))
        return not comparison


# the legal word after a name, which a mention leaves out ("Federal Signal Corp")
_LEGAL = r"\s+(?:Corp|Inc|Co|Ltd|plc|Plc|PLC|Group|Holdings|NV|SA|AG)"
# between two names of one list ("Trane Technologies Plc and Watsco Inc", "Carrier, Trane")
_LIST_JOINT = re.compile(rf"(?:{_LEGAL}\.?)?(?:\s*,\s*(?:and\s+)?|\s+and\s+)")
# after the last figure: "..., respectively", also past its period ("... in 2026, respectively")
_RESPECTIVELY = re.compile(r"[^.;$]{0,80}?,?\s*respectively\b")
# words that set one figure or list against another ("compared with $178 million and ...")
COMPARED_WORDS = r"\b(?:compared (?:with|to)|versus|vs\.?|against|(?:up|down) from)"
_COMPARED_LIST = re.compile(COMPARED_WORDS + r"\b")
_RIVAL = re.compile(r"\b(?:rivals?|peers?|competitors?)\b", re.I)
_ASIDE_AFTER_NAME = re.compile(
    r"^,\s*(?:(?:which|who|whose)\b[^,;()]*|by contrast|in contrast|meanwhile|for its part"
    r"|on the other hand|too|also)\s*,",
    re.I,
)
_LEGAL_TAIL = re.compile(rf"^{_LEGAL}\b\.?")
_ACTS = re.compile(
    r"^\s*(?:also\s+|now\s+|still\s+)?(?:plans?|expects?|said|says|will|spent|spends|is spending"
    r"|intends?|guided|forecasts?|projects?|budgeted|raised|lowered|cut|boosted|lifted"
    r"|reaffirmed|increased|reduced|kept|held|narrowed|trimmed|slashed|reiterated|maintained"
    r"|stuck with|stood by|left)\b",
    re.I,
)
_OBJECT_BEFORE = re.compile(
    r"\b(?:our|its|their|with|from|for|of|at|to|by|into|on|via|like|including)\s+$", re.I
)
# Documents in the company's own voice: its "we" before a figure is the company itself.
_OWN_VOICE = frozenset({"10-K", "10-Q", "8-K", "press_release"})
_WE = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Uu]s)\b")
_PARTNER_BEFORE = re.compile(r"\b(?:with|from|via|including|like)\s+$", re.I)
# a clause of its own after the figure ("..., as Boeing delays deliveries"): who it names
# did not spend the figure
_LATER_CLAUSE = re.compile(
    r"[,;]\s*(?:as|because|while|after|since|when|though|although|but|and|with|amid)\b", re.I
)
# An aside giving a company's own listing ("whose American depositary shares trade as BAFYY")
OWN_LISTING = re.compile(r"\b(?:shares|stock|ADRs|ADSs)\b[^,]*\b(?:trade[sd]?|quoted|listed)\b")
# ", which ...", ", developed with Nvidia, ...": a relative or participial aside
_ASIDE_OPENS = re.compile(
    r",\s*(?:which|who|whose|(?:[a-z]+ed|built|made|run|led|owned)\s+(?:with|by|alongside)\b"
    r"|(?:the|a|an)\s+[a-z])",  # an appositive: "TSMC, the biggest buyer of Nova's tools, raised"
    re.I,
)
_RELATIVE_CLAUSE = re.compile(r"^(?:'s)?,\s*(?:which|who|whose)\b[^,;()]*$", re.I)


def _rx(key: str) -> re.Pattern:
    return lexicon.pattern("capex", key)
