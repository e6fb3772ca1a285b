"""Put a new Corvanta earnings 8-K onto a copy of the demo site, as EDGAR would publish it.

The filing gets its folder (index page, ``index.json``, 8-K cover and EX-99.1 release),
a row at the top of the company's submissions JSON and an entry at the top of the
latest-filings feed. Tests and ``bench/alert_latency.py`` use it to make "a filing
appears" happen at a known moment.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

CIK = "0002091734"
NAME = "CORVANTA CLOUD, INC."
FEED = Path("edgar") / "cgi-bin" / "browse-edgar"
ITEMS = ["2.02", "9.01"]
ITEM_NAMES = {
    "2.02": "Results of Operations and Financial Condition",
    "9.01": "Financial Statements and Exhibits",
}


@dataclass(frozen=True)
class Guidance:
    fiscal_year: int
    low_bn: float
    high_bn: float


def publish_earnings_8k(site: Path, accession: str, filed: date, guidance: Guidance) -> str:
    """Write the filing, then the submissions row, then the feed entry; returns its folder URL
    path. The feed goes last: when a poller sees the entry, everything it links exists."""
    folder = Path("edgar/Archives/edgar/data") / str(int(CIK)) / accession.replace("-", "")
    primary = f"crva-{filed:%Y%m%d}.htm"
    files = {
        primary: _cover(filed),
        "ex99-1.htm": _release(filed, guidance),
    }
    (site / folder).mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (site / folder / name).write_text(text, encoding="utf-8")
    sizes = {name: len(text.encode()) for name, text in files.items()}
    (site / folder / f"{accession}-index.html").write_text(
        _index(folder, accession, filed, primary, sizes), encoding="utf-8"
    )
    (site / folder / "index.json").write_text(
        _listing(folder, accession, filed, sizes), encoding="utf-8"
    )
    _add_submission(site, accession, filed, primary, sum(sizes.values()))
    _add_feed_entry(site, accession, filed, folder)
    return "/" + folder.as_posix() + "/"


def _release(filed: date, g: Guidance) -> str:
    day = f"{filed:%B} {filed.day}, {filed.year}"
    return f"""<html><head><title>Document</title></head><body>
<div style="text-align:right"><b>Exhibit 99.1</b></div>
<div style="text-align:center"><b>Corvanta Updates {g.fiscal_year} Capital Expenditure
Outlook</b></div>
<div>REDWOOD CITY, Calif. &#8211; {day} &#8211; Corvanta Cloud, Inc. (Nasdaq: CRVA) today
reported financial results for the fourth quarter and full year ended December 31, 2026.</div>
<div>&#8220;Demand for AI capacity keeps running ahead of what we can build,&#8221; said Dana
Whitlock, Corvanta co-founder and CEO.</div>
<div><b>CFO Outlook Commentary</b></div>
<div>We now expect {g.fiscal_year} capital expenditures, including principal payments on finance
leases, to be in the range of ${g.low_bn:g}-{g.high_bn:g} billion, as we add two more AI Cloud
regions.</div>
<div><b>Forward-Looking Statements</b></div>
<div>This press release contains forward-looking statements about our capital expenditures
that are subject to risks and uncertainties.</div>
</body></html>
"""


def _cover(filed: date) -> str:
    return f"""<html><head><title>crva-{filed:%Y%m%d}</title></head><body>
<div style="text-align:center"><b>UNITED STATES SECURITIES AND EXCHANGE COMMISSION</b></div>
<div style="text-align:center"><b>FORM 8-K</b></div>
<div>Date of Report: {filed:%B} {filed.day}, {filed.year}. Corvanta Cloud, Inc.</div>
<div><b>Item 2.02 Results of Operations and Financial Condition.</b></div>
<div>On {filed:%B} {filed.day}, {filed.year}, Corvanta Cloud, Inc. issued a press release
announcing its financial results. A copy is furnished as Exhibit 99.1.</div>
<div><b>Item 9.01 Financial Statements and Exhibits.</b></div>
<div>99.1 Press release of Corvanta Cloud, Inc. dated {filed:%B} {filed.day}, {filed.year}.</div>
</body></html>
"""


def _index(folder: Path, accession: str, filed: date, primary: str, sizes: dict) -> str:
    base = "/" + folder.as_posix()
    items = "".join(f"Item {i}: {ITEM_NAMES[i]}<br />" for i in ITEMS)
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html><head><title>EDGAR Filing Documents for {accession}</title></head><body>
<div class="formDiv"><div id="formName"><strong>Form 8-K</strong> - Current report:</div>
<div class="infoHead">Filing Date</div><div class="info">{filed}</div>
<div class="infoHead">Items</div><div class="info">{items}</div></div>
<div class="formDiv"><p>Document Format Files</p>
<table class="tableFile" summary="Document Format Files">
<tr><th scope="col">Seq</th><th scope="col">Description</th><th scope="col">Document</th>
<th scope="col">Type</th><th scope="col">Size</th></tr>
<tr><td scope="row">1</td><td scope="row">8-K</td>
<td scope="row"><a href="/ix?doc={base}/{primary}">{primary}</a></td>
<td scope="row">8-K</td><td scope="row">{sizes[primary]}</td></tr>
<tr class="evenRow"><td scope="row">2</td><td scope="row">EX-99.1</td>
<td scope="row"><a href="{base}/ex99-1.htm">ex99-1.htm</a></td>
<td scope="row">EX-99.1</td><td scope="row">{sizes["ex99-1.htm"]}</td></tr>
</table></div></body></html>
"""


def _listing(folder: Path, accession: str, filed: date, sizes: dict) -> str:
    stamp = f"{filed} 16:05:00"
    items = [{"last-modified": stamp, "name": f"{accession}-index.html", "type": "text.gif"}]
    items += [
        {"last-modified": stamp, "name": name, "type": "text.gif", "size": str(size)}
        for name, size in sizes.items()
    ]
    return json.dumps({"directory": {"item": items, "name": "/" + folder.as_posix()}}, indent=2)


def _add_submission(site: Path, accession: str, filed: date, primary: str, size: int) -> None:
    path = site / "edgar" / "submissions" / f"CIK{CIK}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    recent = data["filings"]["recent"]
    row = {
        "accessionNumber": accession,
        "filingDate": filed.isoformat(),
        "reportDate": filed.isoformat(),
        "acceptanceDateTime": f"{filed}T21:05:00.000Z",
        "form": "8-K",
        "items": ",".join(ITEMS),
        "primaryDocument": primary,
        "primaryDocDescription": "8-K",
        "size": size,
    }
    for column, values in recent.items():
        values.insert(0, row.get(column, "" if isinstance(values[0], str) else 0))
    _replace(path, json.dumps(data))


def _add_feed_entry(site: Path, accession: str, filed: date, folder: Path) -> None:
    path = site / FEED
    items = "".join(f"<br>Item {i}: {ITEM_NAMES[i]}\n" for i in ITEMS)
    href = f"/{folder.as_posix()}/{accession}-index.html"
    summary = f" <b>Filed:</b> {filed} <b>AccNo:</b> {accession} <b>Size:</b> 12 KB\n{items}"
    entry = (
        f"<entry>\n<title>8-K - {escape(NAME)} ({CIK}) (Filer)</title>\n"
        f'<link rel="alternate" type="text/html" href="{href}"/>\n'
        f'<summary type="html">\n{escape(summary)}</summary>\n'
        f"<updated>{filed}T16:05:00-05:00</updated>\n"
        '<category scheme="https://www.sec.gov/" label="form type" term="8-K"/>\n'
        f"<id>urn:tag:sec.gov,2008:accession-number={accession}</id>\n</entry>\n"
    )
    text = path.read_text(encoding="iso-8859-1")
    at = text.index("<entry>")
    _replace(path, text[:at] + entry + text[at:], encoding="iso-8859-1")


def _replace(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write beside, then rename: a poller never reads half a file."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding=encoding)
    tmp.replace(path)
