"""Company mentions: names and aliases by phrase match, tickers only in ticker contexts.

Names are matched case-sensitively because company names are proper nouns ("Meta", not
"meta-analysis"); SEC names are used only when they keep two or more words after their
legal suffix is removed, so "Target Corp" or "Block Inc" never fire on ordinary words.
Upper-case tickers match bare only for curated companies; any listed ticker matches as
``$TICK`` or ``(NASDAQ: TICK)``. Companies a caller adds (the filers being watched) are
also known by the first word of their name when the rest is a generic descriptor
("Acmecorp Cloud" -> "Acmecorp"), as news writes them after the first mention.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from extractors import lexicon
from extractors.match_start import fast_start
from extractors.sentences import doc_text, sentence_offsets
from finclaims.models import Company

DATA = Path(__file__).parent / "data"
_LEGAL = re.compile(
    r"[\s,]+(?:(?:inc|incorporated|corp|corporation|co|company|ltd|limited|plc|n\.?v|s\.?a"
    r"|l\.?p|llc|ag|se|a/s)\.?(?:/[a-z]+)?|/[a-z]+|\\[a-z]{2}\\?)/?$",  # with a state: "Inc./tx",
    # "Inc/De/", "CORP \\PA\\"
    re.IGNORECASE,
)
# "$TICK" (not "US$" nor "$$"); the character before is checked in code, which lets the
# regex engine jump from "$" to "$" instead of testing a lookbehind at every position.
_DOLLAR = re.compile(r"\$([A-Z]{1,5}(?:\.[A-Z])?)\b")
# A ticker that labels a line, bullet or paragraph ("- SNAP: FY25 capex guide trimmed ...",
# "HUBB. Guide held at ...", "NVT -- First FY26 guide", "POWL (Sep FY). FY26 capex ..."), as
# notes and scorecards write them; only for known companies (see ``Gazetteer.labels``).
_LINE_LABEL = re.compile(
    r"^[ \t]*(?:[-*•·▪–][ \t]+)?([A-Z]{2,5}(?:\.[A-Z])?)"
    r"(?:[ \t]+\([^()\n]{1,24}\))?(?::|\.(?=[ \t]+[A-Z\d])|[ \t]+(?:--|–|—))[ \t]",
    re.M,
)
# A ticker as the subject opening a sentence, a clause after ";" or a bullet in a note ("TGT
# cut its fiscal 2026 capex plan", "COST tightened its range"): upper case and followed by
# what it did. Tried only where sentences and clauses start, which is far cheaper than a
# scan of the whole text.
_SUBJECT_AT = re.compile(
    r"[ \t]*(?:[-*•·▪–][ \t]+)?([A-Z]{2,5})(?='s\b|\s+(?:"
    r"cut|cuts|held|holds|kept|keeps|raised|raises|lowered|lowers|lifted|lifts|trimmed|trims"
    r"|tightened|tightens|narrowed|narrows|widened|widens|boosted|boosts|guided|guides"
    r"|reiterated|reaffirmed|maintained|now|sees|expects|expected|said|says|reported|reports"
    r"|posted|spent|plans|planned|increased|reduced|bumped|hiked|slashed)\b"
    r"|,\s+(?:whose|which)\b)"  # "MTN, whose fiscal year ends on July 31, spent ..."
)
# A sentence that opens with a name (one to three capitalised words) and says what the
# company did, or describes it in an aside ("Kirby, the largest U.S. tank barge operator,")
_NAMED_SUBJECT = re.compile(
    r"[ \t]*(?:[-*•·▪–][ \t]+)?(?P<name>[A-Z][\w&.'’-]*(?:[ \t]+[A-Z][\w&.'’-]*){0,2}?)"
    # an aside that describes the company, closed before what it did
    r"(?:,[ \t]+(?:the|a|an|which|whose)\b(?:[^,;.\n]|(?<=[A-Z])\.){3,160},)?"
    r"(?=[ \t]+(?:now[ \t]+|also[ \t]+|last[ \t]+(?:week|month)[ \t]+)?(?:"
    r"cut|cuts|held|holds|kept|keeps|raised|raises|lowered|lowers|lifted|lifts|trimmed|trims"
    r"|narrowed|narrows|widened|widens|boosted|boosts|guided|guides|reiterated|reaffirmed"
    r"|maintained|sees|expects|said|says|reported|reports|posted|spent|spends|plans"
    r"|increased|reduced|slashed|budgeted|invested|will|has|had|doesn't|does)\b)"
)


def _person_before(text: str, name: str) -> bool:
    """Whether ``text`` writes ``name`` after a first name anywhere ("Brad Jacobs"): then
    it is a person's surname there, and likely wherever it opens a sentence."""
    for m in re.finditer(r"\b([A-Z][a-z]+) " + re.escape(name) + r"\b", text):
        if m.group(1).lower() not in english_stop_words():
            return True
    return False


# The first word of a sentence, and the first two when both are capitalised
_FIRST_WORDS = re.compile(r"[ \t]*(?:[-*•·▪–][ \t]+)?(([A-Z][\w&.'’-]*)(?:[ \t]+[A-Z][\w&.'’-]*)?)")
# Where a clause with a subject of its own begins inside a sentence
_CLAUSE_JOINTS = ("; ", ", and ", ", while ", ", but ", " while ", " whereas ")
# A name owning capital spending: "Booking's capital spending", "Galaxy's 2027 capex" (read
# back to the name from the possessive, which is rarer than a capital letter)
_SPENDING_OWNED = re.compile(
    r"['’]s[ \t]+(?:(?:fiscal[ \t]+)?(?:19|20)\d\d[ \t]+|full-year[ \t]+)?"
    r"(?:capital|capex|spending|investment|outlook|guidance|budget|forecast)\b"
)
_NAME_ENDS = re.compile(r"(?<![\w&.'’-])[A-Z][\w&.-]*(?:[ \t]+[A-Z][\w&.-]*){0,2}$")
# A ticker in brackets after a name ("nVent (NVT, Dec)", "Generac (GNRC)"): the name the
# gazetteer may not know is that company. The word before must hold a capital, which
# keeps acronyms spelt out in lower case ("graphics processing units (GPUs)") out.
# " (HTO)", " (HTO, Dec)" and, in a broker's style, after the home listing " (EMP.A CN / EMLAF)"
_BRACKETED = re.compile(
    r" \((?:[A-Z0-9][A-Z0-9.]{0,9} [A-Z]{2}\s*/\s*"
    # a wire's exchange prefix: "(NASDAQ: ANGO)", "(OTCQX: MHGU)", "(NYSE American: AIRT)"
    r"|(?:NASDAQ|Nasdaq|NYSE(?: American| Arca)?|OTCQX|OTCQB|OTC|OTC Pink|Cboe)"
    r"\s*:\s*)?([A-Z]{2,5}(?:\.[A-Z])?)(?=[,;)])"
)
# A ticker a text gives in words ("whose shares trade over the counter in the United States as
# SKBSY", "whose American depositary shares trade as BAFYY", "listed in New York under MT")
_TRADES_AS = fast_start(
    re.compile(
        r"\b(?:shares|stock|ADRs|ADSs|depositary (?:shares|receipts))\s+(?:are\s+|is\s+)?"
        r"(?:trade[sd]?|quoted|listed)\b[^.;$]{0,50}?\b(?:as|under(?: the (?:symbol|ticker))?)\s+"
        r"([A-Z]{3,5})\b"
    )
)
_NAME_WORD = re.compile(r"[A-Z][\w&.'’-]*")
_WORD_BEFORE = re.compile(r"[\w&.'-]*[A-Z][\w&.'-]*$")
# A name that is the ticker, with its legal suffix ("RTX Corp.", "CSX Corp.", "AES Corp."):
# news writes such companies by the letters.
_LEGAL_WORD = re.compile(
    r" (?:Corp|Inc|Co|Ltd|plc|Plc|PLC|Holdings|Group|Corporation|Limited|SA|NV|AG|SE|SpA)\b"
)
_LETTERS_BEFORE = re.compile(r"(?<![\w&.-])[A-Z]{2,5}$")
_WORD_BEFORE_LEGAL = re.compile(r"(?<![\w&.-])[A-Z](?:[a-z]{2,}|[A-Z]{2,})$")
_EXCHANGE_NAMES = ("NASDAQ", "Nasdaq", "NYSE", "Cboe", "CBOE")
_EXCHANGE = re.compile(
    r"\b(?:NASDAQ|Nasdaq|NYSE(?: American| Arca)?|Cboe|CBOE|NasdaqGS|NasdaqGM)\s*:\s*"
    r"([A-Z]{1,5}(?:\.[A-Z])?)\b"
)


# A holding company's last word, which news leaves out ("Zeta Global", "Integral Ad Science").
_HOLDING_TAIL = re.compile(r",?\s+(?:Holdings?|(?i:USA|U\.S\.A\.))$")  # "Comfort Systems USA"


def _unique_prefixes(names: dict[str, str], single: dict[str, str]) -> dict[str, str]:
    """The one-word names that are words too ("Biogen", "Dow") and the first one or two
    words of longer names ("Agnico" of "Agnico Eagle Mines"), each where it opens one
    company's names only and is no other name of any company ("Vertex" opens Vertex Inc's
    and Vertex Pharmaceuticals' names, "Citi" is Citigroup's alias: neither is kept)."""
    stop = english_stop_words()
    owners: dict[str, set[str]] = {}
    for name, ticker in [*names.items(), *single.items()]:
        words = name.split()
        for n in (1, 2):
            if len(words) >= n:
                owners.setdefault(" ".join(words[:n]), set()).add(ticker)
    return {
        prefix: next(iter(tickers))
        for prefix, tickers in owners.items()
        if len(tickers) == 1
        and (prefix not in names or prefix in single)
        and len(prefix) >= 3
        and prefix.split()[0].lower() not in stop
        and prefix[0].isupper()
        and not prefix.split()[0].isupper()  # "SMC" of "SMC Entertainment": an acronym
    }


# A word a company styles in capitals ("PENN Entertainment", "OUTFRONT Media"), which prose
# writes as a name ("Penn Entertainment"): the whole name then matches in either case
_STYLED_WORD = re.compile(r"\b(?=[A-Z]*[AEIOU])[A-Z]{4,}\b")


def short_name(name: str) -> str:
    """An SEC name without legal suffixes, in title case when SEC wrote it upper case."""
    name = _without_suffixes(name)
    return _title(name) if name.isupper() else name


# Short words prose writes in lower case inside a name ("Bank of America").
_NAME_PARTICLES = frozenset({"of", "and", "the", "for", "de", "du", "del", "la"})
_INITIALS = re.compile(r"[B-DF-HJ-NP-TV-XZ]{2,3}")


def _title(name: str) -> str:
    """An upper-case SEC name as prose writes it: "SK TELECOM" is "SK Telecom", "CMS ENERGY"
    "CMS Energy", "BANK OF AMERICA" "Bank of America".

    Why not ``str.title``: it gives "Sk Telecom" and "Cms Energy", which no text writes, so
    such companies were never found by name. Initials (two or three letters, no vowel) stay
    in capitals; particles after the first word go to lower case."""
    words = []
    for i, word in enumerate(name.split()):
        core = word.strip(",.")
        if i and core.lower() in _NAME_PARTICLES:
            words.append(word.lower())
        elif _INITIALS.fullmatch(core):
            words.append(word)
        else:
            words.append(word.title())
    return " ".join(words)


_SPACED_INITIALS = re.compile(r"((?:[A-Z] ){2,})(?=[A-Z][a-z])")


def _dotted_initials(name: str) -> str | None:
    """The SEC spells initials apart ("U S PHYSICAL THERAPY", "J M SMUCKER"); prose dots
    them ("U.S. Physical Therapy", "J.M. Smucker")."""
    m = _SPACED_INITIALS.match(name)
    return f"{m.group(1).replace(' ', '.')} {name[m.end() :]}" if m else None


def _uninverted(name: str) -> list[str]:
    """The SEC files some names surname first ("HORTON D R INC", "HUNT J B TRANSPORT
    SERVICES", "PRICE T ROWE GROUP"); prose writes "D.R. Horton", "J.B. Hunt Transport
    Services" and "J.B. Hunt", "T. Rowe Price". Two initials or more after the surname, or one
    before a given name that is not a legal or descriptor word."""
    m = _INVERTED.match(name)
    if not m:
        return []
    surname, initials, given, rest = m.groups()
    if (given is None and len(initials.split()) < 2) or initials in _LEGAL_LETTERS:
        return []  # (not "TELEFONICA S A", "NATUZZI S P A": a legal form spelt apart)
    dotted = "".join(f"{i}." for i in initials.split())
    head = f"{dotted} {given} {surname}" if given else f"{dotted} {surname}"
    return [f"{head} {rest}" if rest else head, head] if rest else [head]


_LEGAL_LETTERS = frozenset({"S A", "S P A", "N V", "A G", "S E", "P L C", "A B", "A S", "S A B"})
# surname, initials, one given name after a single initial ("Price T Rowe"), the rest
_INVERTED = re.compile(
    r"([A-Z][a-z]{2,}) ((?:[A-Z] )*[A-Z])(?: (?!(?:Group|Co|Corp|Inc|Company|Holdings)\b)"
    r"([A-Z][a-z]+)(?= Group\b|$))?(?: (.+))?$"
)


def _without_suffixes(name: str) -> str:
    prev = None
    while prev != name:
        prev, name = name, _LEGAL.sub("", name).strip(" ,.&")  # "Wells Fargo & Company/Mn"
    return name


def _alone_forms(sec_name: str, name: str) -> list[str]:
    """A one-word name as prose writes it: as given, and in capitals when the SEC wrote it
    so and it is long enough not to be an abbreviation of something else."""
    word = _without_suffixes(sec_name)
    return [name, word] if word.isupper() and len(word) >= 5 and word != name else [name]


@cache
def _snapshot() -> tuple[dict, ...]:
    return tuple(json.loads((DATA / "companies.json").read_text(encoding="utf-8")))


@cache
def _curated() -> dict:
    return yaml.safe_load((DATA / "aliases.yaml").read_text(encoding="utf-8"))


@cache
def name_words() -> tuple[frozenset[str], frozenset[str]]:
    data = yaml.safe_load((DATA / "name_words.yaml").read_text(encoding="utf-8"))
    return frozenset(data["descriptors"]), frozenset(data["generic_first"])


@cache
def _folded_descriptors() -> frozenset[str]:
    """The descriptors in lower case (the SEC's "AI" is "Ai" after ``short_name``)."""
    return frozenset(d.lower() for d in name_words()[0])


def short_alias(name: str) -> str | None:
    """The distinctive first word news uses for a company, or None when there is none.

    Why: "Corvex Cloud, Inc." is "Corvex" in most sentences; "Texas Instruments" is never
    "Texas", so common first words and names with a non-generic tail keep no short form.
    """
    words = short_name(name).split()
    _descriptors, generic = name_words()
    folded = _folded_descriptors()
    if len(words) < 2 or not all(w.strip(",.").lower() in folded for w in words[1:]):
        return None
    first = words[0]
    if (
        len(first) < 4
        or not first.isalpha()
        or not first[0].isupper()
        or first.isupper()
        or first in generic
        or first.lower() in english_stop_words()
    ):
        return None
    return first


@cache
def english_stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@cache
def _stop_tickers() -> frozenset[str]:
    return frozenset(lexicon.words("ticker_stopwords.txt"))


@cache
def _not_subjects() -> frozenset[str]:
    return frozenset(lexicon.load("name_words")["not_subject"])


@cache
def _line_label_words() -> frozenset[str]:
    return frozenset(lexicon.words("line_label_words.txt"))


# Besides a line's label (``_LINE_LABEL``): a table row's ("| OUT | 97 |") and a line
# opening with a possessive ("- OUT's MTA spend ...")
_SIBLING_LABEL = re.compile(
    r"^[ \t]*(?:[-*•·▪–][ \t]+|\|[ \t]*)?([A-Z]{2,5})(?='s\b|[ \t]*\|)", re.M
)


@dataclass
class Gazetteer:
    """Name -> ticker and the ticker sets, built from the snapshot, the aliases and callers."""

    names: dict[str, str] = field(default_factory=dict)
    tickers: set[str] = field(default_factory=set)
    bare: set[str] = field(default_factory=set)
    # tickers leading a line ("SNAP: capex ..."): every listed one but the stop words
    labels: set[str] = field(default_factory=set)
    # one-word names that are words too ("Mosaic", "Target"): matched only with a legal
    # word after them ("Mosaic Co.", "Target Corp.")
    single: dict[str, str] = field(default_factory=dict)
    # names that the SEC wrote in capitals (of several words, or one that is no English
    # word): their case inside words is unknown ("CENTERPOINT ENERGY" is written
    # "CenterPoint Energy", "DOORDASH" "DoorDash"), so they match in any case with each word
    # capitalised (lower case -> ticker)
    loose: dict[str, str] = field(default_factory=dict)
    # the first word or two of one company's longer name and of no other's ("Agnico" of
    # "Agnico Eagle Mines", "Pan American" of "Pan American Silver"): a company only where
    # the sentence treats it as one (``MentionFinder._named_subjects``)
    prefixes: dict[str, str] = field(default_factory=dict)
    # tickers that are also the first word of the company's name ("UGI CORP", "IDEX CORP"):
    # "UGI Corp" in a story is that name, not letters that happen to be a ticker
    self_named: set[str] = field(default_factory=set)

    @classmethod
    def default(cls, companies: list[Company] | None = None) -> Gazetteer:
        gaz = cls()
        stop = _stop_tickers()
        for row in _snapshot():
            gaz.tickers.add(row["ticker"])
            if len(row["ticker"]) > 1 and row["ticker"] not in stop:
                gaz.labels.add(row["ticker"])  # "- TGT: 2026 capex ~$5B" in a note
            gaz._add_forms(row["name"], row["ticker"], bool(row.get("alone")))
            if row["name"].split()[0].strip(",.").upper() == row["ticker"]:
                gaz.self_named.add(row["ticker"])
            if row.get("short"):  # "Generac" of "Generac Holdings"
                gaz.names.setdefault(row["short"], row["ticker"])
        for row in _snapshot():  # after every full name, which wins where they collide
            if former := row.get("former"):  # "SeaWorld Entertainment" is United Parks now
                gaz._add_forms(former, row["ticker"], bool(row.get("former_alone")))
            if pair := row.get("pair"):  # "Gran Tierra" of "Gran Tierra Energy"
                gaz.names.setdefault(pair, row["ticker"])
                if (owned := _possessive(pair)) and _without_suffixes(row["name"]).isupper():
                    gaz.names.setdefault(owned, row["ticker"])  # "Papa John's" of "PAPA JOHNS"
                if _without_suffixes(row["name"]).isupper():
                    gaz.loose.setdefault(pair.lower(), row["ticker"])
        for ticker, entry in _curated().items():
            gaz.add(Company(ticker=ticker, name=entry["name"], aliases=entry.get("aliases", [])))
            if entry.get("bare_ticker") and ticker not in _stop_tickers():
                gaz.bare.add(ticker)
        for company in companies or []:
            gaz.add(company, short=True)
        gaz.prefixes = _unique_prefixes(gaz.names, gaz.single)
        return gaz

    def _add_forms(self, sec_name: str, ticker: str, alone: bool) -> None:
        """The forms prose writes an SEC name in: its full name and the variants news
        uses ("&" as "and", dotted initials, without "Holdings"), a one-word name that
        ``stands_alone`` as it is, any other one-word name only with a legal word after it."""
        name = short_name(sec_name)
        if len(name.split()) >= 2:
            self.names.setdefault(name, ticker)
            if " & " in name:  # "Telephone & Data Systems" is "Telephone and Data Systems"
                self.names.setdefault(name.replace(" & ", " and "), ticker)
            if dotted := _dotted_initials(name):  # "U S Physical Therapy": "U.S. ..."
                self.names.setdefault(dotted, ticker)
            if _without_suffixes(sec_name).isupper():
                for form in _uninverted(name):  # "HORTON D R INC" is "D.R. Horton"
                    self.names.setdefault(form, ticker)
            if (bare := _HOLDING_TAIL.sub("", name)) != name and len(bare.split()) >= 2:
                self.names.setdefault(bare, ticker)  # "Zeta Global" of "... Holdings"
            if _without_suffixes(sec_name).isupper() or _STYLED_WORD.search(name):
                self.loose.setdefault(name.lower(), ticker)
            if name.endswith(" Companies"):  # "Carlisle Cos." in news
                self.names.setdefault(f"{name[: -len('Companies')]}Cos.", ticker)
            if (owned := _possessive(name)) and _without_suffixes(sec_name).isupper():
                self.names.setdefault(owned, ticker)  # "Casey's General Stores"
            if len(name.split()) == 2 and _without_suffixes(sec_name).isupper():
                # "BROWN FORMAN CORP": the SEC's capitals drop the hyphen of "Brown-Forman"
                self.names.setdefault(name.replace(" ", "-"), ticker)
        elif alone:  # "DoorDash", "Oneok" and, as the company writes it, "ONEOK"
            for form in _alone_forms(sec_name, name):
                self.names.setdefault(form, ticker)
            if _without_suffixes(sec_name).isupper():
                self.loose.setdefault(name.lower(), ticker)
        else:
            self.single.setdefault(name, ticker)

    def add(self, company: Company, short: bool = False) -> None:
        """Curated and caller-given names win over snapshot names.

        With ``short``, the name's first word is added too (see ``short_alias``), unless
        another company already goes by it.
        """
        self.tickers.add(company.ticker)
        if len(company.ticker) > 1 and company.ticker not in _stop_tickers():
            self.labels.add(company.ticker)
        for name in [short_name(company.name), *company.aliases]:
            if name and name.upper() not in _stop_tickers():
                self.names[name] = company.ticker
        alias = short_alias(company.name) if short else None
        if alias and self.names.get(alias, company.ticker) == company.ticker:
            self.names[alias] = company.ticker


# One word with a capital inside it ("JetBlue", "DoorDash"): written so, it is a name
_CAMEL = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]+)+")
_LOWER_CAMEL = re.compile(r"[a-z][A-Z][A-Za-z]+")


class MentionFinder:
    """Finds ``(start_char, end_char, ticker)`` company mentions in a Doc."""

    def __init__(self, vocab: Vocab, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        # matched on lower case, then kept when written as a name is (``_as_written``): one
        # pass finds "CenterPoint Energy" for the SEC's "CENTERPOINT ENERGY" too
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        self._ids: dict[int, str] = {}
        self._bare: set[int] = set()
        self._exact = {(name, ticker) for name, ticker in gazetteer.names.items()}
        self._exact |= {(ticker, ticker) for ticker in gazetteer.bare}
        self._folded = {(name.lower(), ticker) for name, ticker in gazetteer.names.items()}
        # one-word names written with a capital inside ("TripAdvisor"), folded to lower case
        self._camel = {
            (name.lower(), ticker)
            for name, ticker in gazetteer.names.items()
            if _CAMEL.fullmatch(name)
        }
        for name, ticker in gazetteer.names.items():
            key = vocab.strings.add(f"CO_{ticker}")
            self._ids[key] = ticker
            self.matcher.add(f"CO_{ticker}", [Doc(vocab, words=[w.lower() for w in _words(name)])])
        for ticker in gazetteer.bare:  # bare tickers are whole tokens ("MSFT", not "MSFT-led")
            key = vocab.strings.add(f"BARE_{ticker}")
            self._ids[key] = ticker
            self._bare.add(key)
            self.matcher.add(f"BARE_{ticker}", [Doc(vocab, words=[ticker.lower()])])

    def __call__(self, doc: Doc) -> list[tuple[int, int, str]]:
        text = doc_text(doc)
        found = []
        for k, s, e in self.matcher(doc):
            last = doc[e - 1]  # offsets from two tokens, not a Span (a few matches a doc)
            start, end = doc[s].idx, last.idx + len(last)
            span = text[start:end]
            if not self._as_written(" ".join(span.split()) if e - s > 1 else span, self._ids[k]):
                continue
            if k in self._bare and (text[end : end + 1] in ("-", "$") or _glued(text, start)):
                continue
            found.append((start, end, self._ids[k]))
        line_labels = (
            [(m.start(1), m.end(1), m.group(1)) for m in _line_labels(text)]
            if ":" in text or "\n" in text
            else []
        )
        found += self._ticker_mentions(text, line_labels)
        sentences = sentence_offsets(doc)
        found += self._subjects(text, sentences)
        found += self._named_subjects(text, sentences, found)
        found += self._sibling_labels(text, line_labels)
        found += self._foreign_labels(text, line_labels)
        if " (" in text or " trade" in text:
            bracketed = self._bracketed(text, found)
            found += bracketed + _names_before_brackets(text, bracketed, found)
            introduced = self._introduced(text)
            # a name the text itself gives a new ticker ("Turtle Beach (TBCH, Dec)") is that
            # ticker's, not the one the snapshot knew it by
            renamed = {(s, e): t for s, e, t in introduced}
            found = [m for m in found if renamed.get(m[:2], m[2]) == m[2]] + introduced
        if " (" in text:
            found += _bracketed_tickers_again(text, found)
        again = _first_words_again(text, found, self.gazetteer.self_named)
        spots = {m[:2] for m in again}  # ("ACV" of "ACV Auctions Inc", not the ticker ACV)
        found = [m for m in found if m[:2] not in spots] + again
        found = [m for m in found if not _data_source(text, m[0], m[1])]
        if "(" in text[:400]:  # "Nov 5 (Gulfport Commodities Wire) - ...": the wire's credit
            credits = [m.span(1) for m in _DATELINE_CREDIT.finditer(text, 0, 2000)]
            found = [m for m in found if not any(s <= m[0] < e for s, e in credits)]
        return self._tickers_of_named(text, _longest_first(found))

    def _tickers_of_named(
        self, text: str, found: list[tuple[int, int, str]]
    ) -> list[tuple[int, int, str]]:
        """An alias written as another company's ticker ("HP", HP Inc's name) is that
        company's ticker when the text names the company as well ("Helmerich & Payne's ...
        | HP (Sep) | 318 |"): a note labels its rows by ticker."""
        named = {ticker for s, e, ticker in found if text[s:e] != ticker}  # by a name
        return [
            (s, e, span)
            if (span := text[s:e]) != ticker and span in named and span in self.gazetteer.tickers
            else (s, e, ticker)
            for s, e, ticker in found
        ]

    def _as_written(self, span: str, ticker: str) -> bool:
        """A lower-case match that is written as one of ``ticker``'s names is, or as a name
        the SEC wrote in capitals with every word capitalised ("CenterPoint Energy", not
        "first solar")."""
        if (span, ticker) in self._exact:
            return True
        if _CAMEL.fullmatch(span) and (span.lower(), ticker) in self._folded:
            return True  # "JetBlue", "PayPal": a name the SEC's capitals fold to "Jetblue"
        if span.istitle() and " " not in span and (span.lower(), ticker) in self._camel:
            return True  # "Tripadvisor": a brand that has since dropped its inner capital
        words = span.split()
        if _LOWER_CAMEL.fullmatch(words[0]) and all(w[0].isupper() for w in words[1:]):
            # "eGain Corp", "iRobot": a brand's lower-case first letter, which the SEC writes
            # in capitals ("EGAIN Corp")
            return self.gazetteer.loose.get(span.lower()) == ticker
        return self.gazetteer.loose.get(span.lower()) == ticker and all(
            w[0].isupper() or w in _NAME_PARTICLES for w in span.split()
        )

    def _bracketed(self, text: str, found: list) -> list[tuple[int, int, str]]:
        """Tickers in brackets after a name the gazetteer did not know; after a known name
        ("Eaton (ETN)") the company is named already."""
        named = {(end, ticker) for _, end, ticker in found}
        return [
            (m.start(1), m.end(1), m.group(1))
            for m in _BRACKETED.finditer(text)
            if (m.group(1) in self.gazetteer.labels or _labels_a_row(text, m))
            and (m.start(), m.group(1)) not in named
            and _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
        ]

    def _introduced(self, text: str) -> list[tuple[int, int, str]]:
        """Every mention of a ticker the snapshot does not know that the text introduces
        after a company's name ("H2O America (HTO)", "Nexxen (NEXN)"): a company listed or
        renamed after the snapshot was taken, which notes then label lines by ("- HTO: ...").

        An abbreviation in brackets is no ticker: its letters open the words before it
        ("Connected TV (CTV)", "Free Cash Flow (FCF)"), or the word before is no name."""
        never = _line_label_words() | _stop_tickers()
        local, named = set(), []
        aliases: dict[str, str] = {}  # the name a new ticker is introduced by
        for m in _BRACKETED.finditer(text):
            ticker = m.group(1)
            if ticker in self.gazetteer.tickers and ticker not in self.gazetteer.labels:
                # "SharkNinja (SN)": a ticker that is a word too, after its own company's name
                if name := self._name_before(text, m.start(), ticker):
                    local.add(ticker)
                    named.append((*name, ticker))
                continue
            if len(ticker) < 3 or ticker in self.gazetteer.tickers or ticker in never:
                continue
            # ("Meritage Hospitality Group Inc. (OTCQX: MHGU)": the legal word's full stop)
            before = text[max(0, m.start() - 40) : m.start()].removesuffix(".")
            word = _WORD_BEFORE.search(before)
            # not after a period's label ("| 3Q26 (KRW) |": the column's currency) or the
            # consensus a data provider compiles ("the Street (LSEG)", "Consensus (LSEG)")
            if (
                before[-1:].isalnum()
                and word
                and not any(c.isdigit() for c in word.group())
                and word.group().lower() not in ("street", "consensus", "cons.")
                and not _abbreviation(text, m)
            ):
                local.add(ticker)
                if alias := _alias_before(text, m.start()):
                    # "Weir Group", then "Weir"; "Lucky Strike Entertainment", then "Lucky Strike"
                    for name in (alias, short_alias(alias), descriptor_stem(alias)):
                        if name and name not in aliases:
                            aliases[name] = ticker
        for m in _TRADES_AS.finditer(text):  # "whose shares trade over the counter as SKBSY"
            if (ticker := m.group(1)) not in self.gazetteer.tickers and ticker not in never:
                local.add(ticker)
        if not local:
            return []
        pattern = re.compile(r"(?<![\w$&.-])(" + "|".join(sorted(local)) + r")(?![\w&-])")
        found = named + [(m.start(1), m.end(1), m.group(1)) for m in pattern.finditer(text)]
        for alias, ticker in aliases.items():  # "Empire (EMP.A CN / EMLAF) ... Empire held"
            found += [(s, e, ticker) for s, e in _word_at(text, alias)]
        return found

    def _name_before(self, text: str, pos: int, ticker: str) -> tuple[int, int] | None:
        """The span of the one to three words before ``pos`` that name ``ticker``'s company
        (a name, its distinctive opening, or a name written with inner capitals)."""
        words = list(_NAME_WORD.finditer(text, max(0, pos - 60), pos))
        for n in (3, 2, 1):
            if len(words) < n or words[-1].end() != pos:
                continue
            start = words[-n].start()
            name = " ".join(text[start:pos].split())
            named = (self.gazetteer.names.get(name), self.gazetteer.prefixes.get(name))
            if ticker in named or (name.lower(), ticker) in self._folded:
                return start, pos
        return None

    def _subjects(self, text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
        """Tickers opening a sentence or a clause after ";" with what they did."""
        starts = [start for start, _ in sentences]
        pos = text.find(";")
        while pos >= 0:
            starts.append(pos + 1)
            pos = text.find(";", pos + 1)
        out = []
        for start in starts:
            m = _SUBJECT_AT.match(text, start)
            if m and m.group(1) in self.gazetteer.labels:
                out.append((m.start(1), m.end(1), m.group(1)))
        return out

    def _named_subjects(
        self, text: str, sentences: list[tuple[int, int]], found: list
    ) -> list[tuple[int, int, str]]:
        """One-word names that are words too ("Biogen", "Block", "Dow") and the distinctive
        opening of a longer name ("Agnico" of "Agnico Eagle Mines") where a sentence makes
        them its subject ("Biogen kept its ...", "Kirby, the largest U.S. tank barge
        operator, said ...") or gives them spending ("Booking's capital spending ...").

        Why: news names most companies this way after (or without) a first full mention,
        and these names are matched nowhere else, where they could be a word or a person."""
        taken = [(s, e) for s, e, _ in found]
        out = []
        starts = [start for start, _ in sentences]
        for joint in _CLAUSE_JOINTS:  # "..., and Shell says it will spend ..."
            pos = text.find(joint)
            while pos >= 0:
                after = pos + len(joint)
                if text[after : after + 1].isupper():
                    starts.append(after)
                pos = text.find(joint, after)
        prefixes = self.gazetteer.prefixes
        spans = [  # (start, end, whole): a subject's words must all be the name
            (*m.span("name"), True)
            for start in starts
            # the first word opens a name at all (a dict look-up), before the full pattern
            if (first := _FIRST_WORDS.match(text, start))
            and (first.group(1) in prefixes or first.group(2) in prefixes)
            and (m := _NAMED_SUBJECT.match(text, start))
        ]
        if "'s " in text or "’s " in text:
            for m in _SPENDING_OWNED.finditer(text):  # read back from each "'s capex"
                if name := _NAME_ENDS.search(text, max(0, m.start() - 60), m.start()):
                    spans.append((*name.span(), False))
        for start, end, whole in spans:
            if any(s < end and start < e for s, e in taken):
                continue
            hit = self._name_or_prefix(text, text[start:end])
            if hit and whole and not _same_name(text[start + len(hit[0]) : end]):
                continue  # "Tata Steel kept ...": another company, whose name opens alike
            if hit:
                out.append((start, start + len(hit[0]), hit[1]))
        return out

    def _name_or_prefix(self, text: str, words: str) -> tuple[str, str] | None:
        """(the words that name a company, its ticker) at the start of ``words``."""
        parts = words.split()
        never = _not_subjects()
        for n in range(len(parts), 0, -1):
            name = " ".join(parts[:n])
            ticker = self.gazetteer.prefixes.get(name)
            if ticker and name not in never and not _person_before(text, name):
                return name, ticker
        return None

    def _sibling_labels(self, text: str, line_labels: list) -> list[tuple[int, int, str]]:
        """Tickers that are also words ("OUT", "NOW", "ON") labelling a line or a table row
        in a list whose other lines two or more known tickers label ("- LAMR: ...",
        "- OUT: ...", "| CCO | 171 |"): there they are companies like their siblings.
        ``line_labels``: the ``_LINE_LABEL`` matches, read once for ``_ticker_mentions``."""
        labels = self.gazetteer.labels
        if "|" not in text and len({t for *_, t in line_labels if t in labels}) < 2:
            return []  # no table and too few labelled lines: no list of siblings
        found = line_labels + [
            (m.start(1), m.end(1), m.group(1)) for m in _SIBLING_LABEL.finditer(text)
        ]
        if len({t for _, _, t in found if t in labels}) < 2:
            return []
        never = _line_label_words()
        listed = {(s, e) for s, e, _t in line_labels if len({t for *_, t in line_labels}) > 2}
        return [
            (s, e, t)
            for s, e, t in found
            if t not in labels
            and t not in never
            # a company listed since the snapshot, labelling its own line among others
            # ("- AMTM: First FY27 capex guide of ~$75m." beside "- KBR: ...")
            and (t in self.gazetteer.tickers or (len(t) >= 3 and (s, e) in listed))
        ]

    def _foreign_labels(self, text: str, line_labels: list) -> list[tuple[int, int, str]]:
        """Over-the-counter symbols of foreign companies (four letters and F or Y: "PBSFY",
        "NNMTF") that label two lines or table rows or more of a note: the snapshot keeps
        no OTC line, but a note on foreign companies labels its items by them."""
        if not line_labels and "|" not in text:
            return []
        found = line_labels + [
            (m.start(1), m.end(1), m.group(1)) for m in _SIBLING_LABEL.finditer(text)
        ]
        never = _line_label_words()
        counts = Counter(t for *_, t in found if _OTC_SYMBOL.fullmatch(t))
        return [
            (s, e, t)
            for s, e, t in found
            if counts[t] >= 2 and t not in self.gazetteer.labels and t not in never
        ]

    def _ticker_mentions(self, text: str, line_labels: list) -> list[tuple[int, int, str]]:
        out = []
        if "$" in text:
            out += self._cashtags(text)
        out += [m for m in line_labels if m[2] in self.gazetteer.labels]
        for m in _LEGAL_WORD.finditer(text):
            if (letters := _LETTERS_BEFORE.search(text, max(0, m.start() - 6), m.start())) and (
                letters.group() in self.gazetteer.labels
            ):
                out.append((letters.start(), letters.end(), letters.group()))
            elif (word := _WORD_BEFORE_LEGAL.search(text, max(0, m.start() - 24), m.start())) and (
                ticker := self.gazetteer.single.get(word.group())
                # "ICON Plc": the SEC's capitals, which the snapshot keeps as "Icon"
                or (word.group().isupper() and self.gazetteer.single.get(word.group().title()))
            ):
                out.append((word.start(), word.end(), ticker))
        if "$" in text:  # "Street: DHI ~$190M, TOL ~$140M": a note's ticker before its figure
            out += [
                (m.start(1), m.end(1), m.group(1))
                for m in _tickers_before_dollars(text)
                if m.group(1) in self.gazetteer.labels
            ]
        if "E " in text or "cap" in text:  # see _YEAR_AFTER_TICKER
            for year in _years_after_tickers(text):
                m = _TICKER_BEFORE.search(text, max(0, year.start() - 7), year.start())
                if m and m.group(1) in self.gazetteer.labels:
                    out.append((m.start(1), m.end(1), m.group(1)))
        if "   " in text:
            out += self._ticker_heads(text)
        if "#" in text or "**" in text:
            out += [
                (m.start(1), m.end(1), m.group(1))
                for m in _HEADING_TICKER.finditer(text)
                if m.group(1) in self.gazetteer.labels
            ]
        if any(name in text for name in _EXCHANGE_NAMES):
            out += [
                (m.start(), m.end(), m.group(1))
                for m in _EXCHANGE.finditer(text)
                if m.group(1) in self.gazetteer.tickers
            ]
        return out

    def _cashtags(self, text: str) -> list[tuple[int, int, str]]:
        """ "$FOXA", and a cashtag the snapshot does not know ("$PSKY", listed since) where
        the text writes it twice or writes known ones too: a newsletter or thread names
        every company it covers that way."""
        tags = [
            m
            for m in _DOLLAR.finditer(text)
            if not _glued(text, m.start(), "$") and not _unit_in_brackets(text, m)
        ]
        known = [m for m in tags if m.group(1) in self.gazetteer.tickers]
        counts = Counter(m.group(1) for m in tags)
        new = [
            m
            for m in tags
            if m.group(1) not in self.gazetteer.tickers
            and _NEW_CASHTAG.fullmatch(m.group(1))
            and m.group(1) not in _stop_tickers()
            and m.group(1) not in _NOT_CASHTAGS
            and (known or counts[m.group(1)] >= 2)
        ]
        tagged = sorted(known + new, key=lambda m: m.start())
        return [(m.start(), m.end(), m.group(1)) for m in tagged]

    def _ticker_heads(self, text: str) -> list[tuple[int, int, str]]:
        """The tickers of a table's head line that holds nothing else ("SLAB   RMBS   OLED
        MTSI(1)"): a line of listed tickers set apart by wide gaps names those companies."""
        out = []
        for line in _HEAD_LINE.finditer(text):
            cells = list(_HEAD_CELL.finditer(line.group()))
            if len(cells) >= 2 and all(c.group(1) in self.gazetteer.labels for c in cells):
                at = line.start()
                out += [(at + c.start(1), at + c.end(1), c.group(1)) for c in cells]
        return out


# "our STRL 2027E capex", "TSM 2026 capex guide", "INTC FY26 gross capex": a note's ticker
# before a year and its estimate mark or a capex word (found from the year, which few words
# start like, and the ticker read back from there)
_YEAR_AFTER_TICKER = fast_start(
    re.compile(
        r"(?<=[A-Z] )(?:(?:FY|CY|F)?['’]?(?:\d{2}|20\d{2})(?:E\b|\s+(?:(?:gross|net)\s+)?"
        r"(?:capex|capital|guide|guidance|budget|outlook)\b)"
        # "PATK capex†", "LCII capex was $17m", "PATK 3Q capex $21m", "ACVA 9M capex $31M": a
        # ticker naming its capex
        r"|(?:[1-4]Q\d{0,2}\s+|Q[1-4](?:['’]?\d{2})?\s+|[69]M\s+|FY\d{2}\s+)?capex\b)"
    )
)
_TICKER_BEFORE = re.compile(r"\b([A-Z]{2,5}) $")
# A markdown heading that is a ticker ("## MXL", "### POOL", "**HIMX**", "## BBGI (Beasley)"):
# a newsletter's section on that company, named by its symbol alone
_HEADING_TICKER = re.compile(
    r"(?m)^(?:#{1,4}[ \t]+|\*\*)\$?([A-Z]{2,5}(?:\.[A-Z])?)(?:\*\*)?(?=[ \t]*(?:$|\(|[-–—:|]))"
)
# in a list: after a line's start, a colon or a comma ("on FL $31.6B" is finance leases),
# perhaps with a period between the ticker and its figure ("Street: JELD 2027 ~$130M")
_TICKER_BEFORE_DOLLARS = re.compile(
    r"(?:^|[:;,]\s*|[-•*]\s+)([A-Z]{2,5}):?\s+(?:(?:FY|CY)?['’]?\d{2,4}E?:?\s+)?(?:~|≈|c\.\s*)?\$\d",
    re.M,
)


def _line_labels(text: str) -> Iterator[re.Match]:
    """``_LINE_LABEL``'s matches, tried at the start of each line only (the pattern is
    anchored there; scanning for it tried every character)."""
    start = 0
    while start >= 0:
        if m := _LINE_LABEL.match(text, start):
            yield m
        start = text.find("\n", start)
        start = start + 1 if start >= 0 else -1


_UPPER_THEN_SPACE = re.compile(r"[A-Z] ")


def _years_after_tickers(text: str) -> Iterator[re.Match]:
    """``_YEAR_AFTER_TICKER``'s matches, tried only after a capital and a space, where its
    lookbehind lets it start (few places in prose; the pattern alone tried every one)."""
    done = 0
    for place in _UPPER_THEN_SPACE.finditer(text):
        if place.end() >= done and (m := _YEAR_AFTER_TICKER.match(text, place.end())):
            done = m.end()
            yield m


_DOLLAR_DIGIT = re.compile(r"\$\d")
_TICKER_REACH = 400  # characters before a "$" within which its ticker stands


def _tickers_before_dollars(text: str) -> Iterator[re.Match]:
    """``_TICKER_BEFORE_DOLLARS``'s matches, looked for only before each "$" and a digit,
    where each of them ends.

    Why: tried at every character, the pattern cost about as much as the rest of the ticker
    search; a match holds one "$" and a digit, at its end, so nothing before the last
    figure's end is read twice."""
    done = 0
    for dollar in _DOLLAR_DIGIT.finditer(text):
        start = max(done, dollar.start() - _TICKER_REACH)
        yield from _TICKER_BEFORE_DOLLARS.finditer(text, start, dollar.end())
        done = dollar.end()


# A line of three or more short upper-case words with wide gaps between them, and the words
_HEAD_LINE = re.compile(
    r"(?m)^[ \t|]*[A-Z]{2,5}(?:\(\d\))?(?:(?: {2,}|\t|\s*\|\s*)[A-Z]{2,5}(?:\(\d\))?)+[ \t|]*$"
)
_HEAD_CELL = re.compile(r"([A-Z]{2,5})(?:\(\d\))?")

# A cashtag the snapshot does not know is a company's only with two letters or more, and
# not a currency or scale written the same way ("$USD", "$CAD", "$MM")
_NEW_CASHTAG = re.compile(r"[A-Z]{2,5}")
_NOT_CASHTAGS = frozenset(
    {"USD", "US", "CAD", "AUD", "NZD", "HKD", "SGD", "EUR", "GBP", "JPY", "CHF", "CNY", "MXN"}
    | {"BRL", "INR", "KRW", "TWD", "MM", "BN", "MN", "BB", "TT", "TAM", "GAAP", "EBITDA"}
)

# Scale letters that tables write as a unit: "Capex ($B)", "($MM)". They are tickers too
# (Barrick, Macy's, Kellanova), but a cashtag in brackets of its own is the unit.
_SCALE_TAGS = frozenset({"B", "M", "K", "MM", "BN", "MN"})


def _data_source(text: str, start: int, end: int) -> bool:
    """A data provider cited as the source of a figure ("a FactSet consensus of $1.55bn",
    "according to FactSet", "S&P Global Market Intelligence data"): the figure is the
    Street's about another company, not the provider's own."""
    return bool(
        _SOURCE_AFTER.match(text, end, end + 40)
        or _SOURCE_BEFORE.search(text, max(0, start - 30), start)
        # a source in brackets after the figure it gives ("~$1.2B for FY27 (FactSet)")
        or (
            text[end : end + 1] == ")"
            and _FIGURE_BEFORE_BRACKET.search(text, max(0, start - 40), start)
        )
    )


_SOURCE_AFTER = re.compile(
    r"(?:\s+(?:Market Intelligence|StreetAccount|Estimates|I/B/E/S))?\s+"
    r"(?:consensus|data|estimates?|survey|poll|mean|median)\b"
)
# a wire story's dateline and the agency credited in brackets ("Nov 5 (Gulfport Commodities
# Wire) -", "HONG KONG, Aug 13 (Pearl River Financial Wire) --")
_DATELINE_CREDIT = re.compile(
    r"(?m)^[A-Z][A-Za-z .,'-]{0,40}\b\d{1,2},?\s*\(([^()\n]{2,60})\)\s*(?:-|--|–|—)\s"
)
_SOURCE_BEFORE = re.compile(r"\b(?:according to|compiled by|polled by|data from)\s+$")
_FIGURE_BEFORE_BRACKET = re.compile(r"\$\d[^()$]{0,30}\($")


def _possessive(name: str) -> str | None:
    """The name with the apostrophe the SEC's capitals drop put back in its first word that
    ends in "s" ("Caseys General Stores" is "Casey's General Stores"; "Papa Johns" is "Papa
    John's"), or None when no word is of that form."""
    words = name.split()
    for k, word in enumerate(words):
        if len(word) >= 4 and word[0].isupper() and _DROPPED_APOSTROPHE.fullmatch(word):
            return " ".join([*words[:k], f"{word[:-1]}'s", *words[k + 1 :]])
    return None


# a brand's possessive the SEC writes without its apostrophe: a first name or surname and "s"
_DROPPED_APOSTROPHE = re.compile(r"[A-Z][a-z]*[^suiaeo\W]s")


def _bracketed_tickers_again(text: str, found: list) -> list[tuple[int, int, str]]:
    """A ticker the text gives in brackets after the company's name ("Franklin Wireless
    (FKWL, Jun)"), written bare elsewhere ("- FKWL gave its first FY27 capex figure"): notes
    name a company once and go on by its ticker. Only a ticker given after its own name, so
    "artificial intelligence (AI)" does not make every "AI" a company."""
    given = {
        ticker
        for _s, e, ticker in found
        if text.startswith(" (" + ticker, e)
        and not text[e + 2 + len(ticker) : e + 3 + len(ticker)].isalnum()
    }
    taken = {(s, e) for s, e, _t in found}
    ends = {e for _s, e, _t in found}  # (not the bracket right after a found name again)
    return [
        (s, e, ticker)
        for ticker in given
        for s, e in _word_at(text, ticker)
        if (s, e) not in taken and not (text[s - 2 : s] == " (" and s - 2 in ends)
    ]


def _first_words_again(
    text: str, found: list, self_named: AbstractSet[str] = frozenset()
) -> list[tuple[int, int, str]]:
    """The first word of a company's full name, used again later in the same text
    ("Citizens Financial Group Inc ... Citizens said"), as that company: news names a
    company in full once and by its first word after. Only a word no other company named
    in the text opens with, and not where it opens another name ("Regions Hospital"); the
    caller drops what these places were read as before."""
    firsts: dict[str, set[str]] = {}
    starts: dict[str, int] = {}
    seconds: dict[str, str | None] = {}  # the full name's second word ("Old Dominion")
    for s, e, ticker in found:
        words = text[s:e].split()
        if len(words) < 2 and not _LEGAL_WORD.match(text, e):
            continue  # (but "Dover Corp" is a full name whose legal word the match leaves out)
        if len(words) < 2 and words[0] == ticker and ticker not in self_named:
            continue  # "MTR Corp" read as the letters MTR is a ticker, not a name; "UGI Corp"
            # is UGI's own name, and "IEH Corp" (ticker IEHC) a name in capitals
        word = words[0]
        second = words[1] if len(words) > 1 and words[1][:1].isupper() else None
        if word.lower() in english_stop_words():
            if len(words) < 3 or not (second and second.isalpha()):
                continue  # a common word alone is no name
            word, second = f"{word} {second}", None  # "Full House" of "Full House Resorts"
        elif len(word) < 3 or not word[0].isupper():
            continue
        firsts.setdefault(word, set()).add(ticker)
        starts[word] = min(starts.get(word, s), s)
        seconds[word] = second
    out = []
    for word, tickers in firsts.items():
        if len(tickers) != 1 or word in _not_subjects() or text.count(word) < 2:
            continue  # (a word written once is the full name's own)
        (ticker,) = tickers
        # not where a longer name stands; the word alone read as another company's ticker
        # ("ACV" after "ACV Auctions Inc" is not the fund whose ticker is ACV) gives way
        taken = [(s, e) for s, e, _t in found if text[s:e] != word]
        for at, end in _word_at(text, word):
            if at <= starts[word] or any(s <= at < e for s, e in taken):
                continue
            nxt = _NEXT_WORD.match(text, end)
            if nxt and nxt.group(1).rstrip(".,'’s") == seconds[word]:
                end = nxt.end(1)  # "Old Dominion" after "Old Dominion Freight Line Inc"
            elif nxt and not _same_name(nxt.group(1)):
                continue  # "Regions Hospital": another name that opens alike
            if (before := _NAME_WORD_BEFORE.search(text, max(0, at - 30), at)) and (
                before.group(1).lower() not in english_stop_words()
            ):
                continue  # "Algoma Steel" is not "Steel Partners": a word inside another name
            out.append((at, end, ticker))
    return out


_NEXT_WORD = re.compile(r" ([A-Z][\w&.'’-]*)")
_NAME_WORD_BEFORE = re.compile(r"\b([A-Z][a-z][\w&'’-]*) $")


def _word_at(text: str, name: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each place ``name`` stands as whole words in ``text`` ("Empire" in
    "Empire's", not in "Empires" or "Empire-Tech").

    Why not a regex: each name would be a pattern of its own, compiled anew once Python's
    pattern cache has turned over (a stream names thousands of companies)."""
    if not name:
        return
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        if not (at and _joins(text[at - 1], "&.-")) and not (
            end < len(text) and _joins(text[end], "&-")
        ):
            yield at, end
            at = text.find(name, end)
        else:
            at = text.find(name, at + 1)


def _joins(char: str, marks: str) -> bool:
    """The character continues a word (``\\w``) or is one of ``marks``."""
    return char.isalnum() or char == "_" or char in marks


def _same_name(rest: str) -> bool:
    """The words after a name's opening in a subject ("Ferguson Enterprises Inc" after
    "Ferguson") still name that company: descriptors and legal words only."""
    descriptors, _ = name_words()
    return all(
        w in descriptors or _LEGAL_WORD.fullmatch(" " + w.rstrip("."))
        for w in rest.replace(",", " ").split()
    )


_OTC_SYMBOL = re.compile(r"[A-Z]{4}[FY]")


def _unit_in_brackets(text: str, m: re.Match) -> bool:
    """ "($B)": a unit, not the company with that ticker."""
    start, end = m.start(), m.end()
    return (
        m.group(1) in _SCALE_TAGS
        and start > 0
        and text[start - 1] == "("
        and text[end : end + 1] == ")"
    )


def _glued(text: str, start: int, also: str = "$") -> bool:
    """Whether ``text[start]`` follows a word character or ``also`` ("US$5", "$$")."""
    if not start:
        return False
    before = text[start - 1]
    return before.isalnum() or before == "_" or before in also


def _words(name: str) -> list[str]:
    from spacy.lang.en import English

    return [t.text for t in _tokenizer(English)(name)]


@cache
def _tokenizer(lang):
    return lang().tokenizer


# The capitalised words of a name right before its bracketed ticker ("Apple Hospitality")
_NAME_RUN = re.compile(r"(?:[A-Z][\w&.'-]*\s+){1,5}[A-Z][\w&.'-]*$")
_ARTICLE = re.compile(r"(?:The|A|An)\s+")


_ALIAS_RUN = re.compile(
    r"(?:[A-Z][\w&.'’-]*\s+){0,2}[A-Z][\w&.'’-]*"
    r"(?:,?\s+(?:Inc|Corp|Co|Company|Ltd|Limited|Plc|plc|NV|SA|LP|LLC|AG|SE)\.?)?$"
)


def descriptor_stem(name: str) -> str | None:
    """A name of three words or more without the descriptor words (and joiners) that end
    it ("Lucky Strike" of "Lucky Strike Entertainment", "Air Products" of "Air Products &
    Chemicals"), when two words or more are left; None when nothing is cut."""
    words = name.split()
    descriptors, _generic = name_words()
    kept = len(words)
    while kept > 2 and (words[kept - 1].strip(",.") in descriptors or words[kept - 1] in _JOINERS):
        kept -= 1
    return " ".join(words[:kept]) if kept < len(words) else None


_JOINERS = frozenset({"&", "and", "of", "the"})


def _alias_before(text: str, pos: int) -> str | None:
    """The one to three capitalised words right before a bracketed ticker at ``pos``
    ("Gruma", "Barry Callebaut"), as the text's own name for a company the gazetteer lacks;
    None for an article or stop word alone."""
    run = _ALIAS_RUN.search(text, max(0, pos - 60), pos)
    if run is None:
        return None
    name = re.split(r"[.:;!?]\s+", run.group())[-1]  # "Outperform. Quillvale Foods"
    name = _ARTICLE.sub("", name, count=1) if _ARTICLE.match(name) else name
    name = _without_suffixes(name)  # "Lucky Strike Entertainment Corp": three words and "Corp"
    if len(name) < 3 or name.lower() in english_stop_words():
        return None
    return name


def _names_before_brackets(
    text: str, bracketed: list[tuple[int, int, str]], found: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """The name a bracketed ticker follows, as a mention of that ticker, where a shorter
    name of another company opens it ("Apple Hospitality (APLE)" is no mention of Apple).

    Why: the gazetteer knows "Apple" and not every longer name that starts with it; the
    ticker the writer put after the name says which company the whole name is."""
    out = []
    for start, _end, ticker in bracketed:
        run = _NAME_RUN.search(text, max(0, start - 80), start - 2)  # before " ("
        if run is None:
            continue
        first = run.start() + (a.end() - a.start() if (a := _ARTICLE.match(run.group())) else 0)
        inside = [m for m in found if first <= m[0] and m[1] <= run.end()]
        if inside and all(t != ticker and e < run.end() for _s, e, t in inside):
            out.append((first, run.end(), ticker))
    return out


_ALNUM = re.compile(r"[A-Za-z0-9]+")
# up to six words right before a bracket, for ``_abbreviates``
_WORDS_BEFORE = re.compile(r"(?:[\w&.'-]+,?\s+){0,5}[\w&.'-]+$")


def _abbreviation(text: str, m: re.Match) -> bool:
    """The bracketed letters of ``m`` abbreviate the words before them ("Connected TV
    (CTV)"): a term, not the company that has those letters for its ticker."""
    words = _WORDS_BEFORE.search(text, max(0, m.start() - 80), m.start())
    return bool(words) and _abbreviates(m.group(1), words.group().split())


def _abbreviates(letters: str, words: list[str]) -> bool:
    """``letters`` are the openings of the last two or more words before them, in order
    ("CTV" of "Connected TV", "EBITDA" of "... Depreciation and Amortization"; "and", "of"
    and the like may be left out)."""
    words = [w.lower() for w in _ALNUM.findall(" ".join(words))]  # "U.S." is "U", "S"
    target = letters.lower()

    def fits(rest: str, ws: list[str]) -> bool:
        if not ws:
            return not rest
        word, later = ws[0], ws[1:]
        if word in _NAME_PARTICLES and fits(rest, later):
            return True
        return any(
            rest.startswith(word[:k]) and fits(rest[k:], later)
            for k in range(1, min(len(word), len(rest)) + 1)
        )

    # from two words at least: a ticker often opens a one-word name ("Snowflake (SNOW)")
    return any(fits(target, words[i:]) for i in range(len(words) - 1))


def _longest_first(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Overlaps resolved to the longest span, so "Google Cloud" is one mention, not two."""
    kept: list[tuple[int, int, str]] = []  # sorted by start, never overlapping
    for span in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        i = bisect_left(kept, span)
        if (i == 0 or kept[i - 1][1] <= span[0]) and (i == len(kept) or span[1] <= kept[i][0]):
            kept.insert(i, span)
    return kept


def _labels_a_row(text: str, m: re.Match) -> bool:
    """A bracketed ticker the snapshot does not know that labels a table row ("| Block
    (XYZ) | 190 | 200-250 |"): a tracker names each row's company by its current ticker,
    which a snapshot taken before a renaming or a listing lacks."""
    if m.group(1) in _stop_tickers():
        return False
    line = text.rfind("\n", 0, m.start()) + 1
    return bool(_ROW_LABEL.fullmatch(text, line, m.start())) and "|" in text[line : m.start()]


_ROW_LABEL = re.compile(r"[ \t]*\|[ \t]*[A-Z][\w.&'’-]*(?:[ \t]+[\w.&'’-]+){0,4}")
