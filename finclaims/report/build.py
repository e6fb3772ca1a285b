"""Write the analysts' HTML picture: one self-contained file that opens offline.

plotly.js is inlined once and each chart travels as JSON drawn by the page itself, so the
file needs no network, and the page can mark on ``<body>`` how many charts it drew and
which script errors it met (what a browser test, or a person, can check).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import jinja2
import plotly
from plotly.offline import get_plotlyjs

from finclaims.errors import FinclaimsError
from finclaims.report import charts
from finclaims.report.data import (
    CompanyPicture,
    GuidancePoint,
    company_picture,
    known_companies,
    select_companies,
)
from finclaims.summary import describe_range
from warehouse import analyst_connect

EAGER_CHARTS = 24  # beyond this, charts draw as they scroll into view


@dataclass(frozen=True)
class ReportResult:
    path: Path
    companies: list[str]
    charts: int
    bytes: int


@dataclass(frozen=True)
class Chart:
    element_id: str
    figure_json: str


def build_report(db: Path, out: Path, company: str | None = None) -> ReportResult:
    """Render the report for one company (or all) from the published snapshot to ``out``."""
    pictures = read_pictures(db, company)
    html, chart_count = render_html(pictures, db_name=Path(db).name)
    _write_atomically(Path(out), html)
    return ReportResult(
        path=Path(out),
        companies=[p.ticker for p in pictures],
        charts=chart_count,
        bytes=len(html.encode("utf-8")),
    )


def read_pictures(db: Path, company: str | None = None) -> list[CompanyPicture]:
    """Everything to draw, read in one read-only connection (one consistent snapshot)."""
    con = analyst_connect(Path(db))
    try:
        chosen = select_companies(known_companies(con), company)
        return [company_picture(con, ticker, name) for ticker, name in chosen]
    finally:
        con.close()


def render_html(pictures: list[CompanyPicture], db_name: str) -> tuple[str, int]:
    """The page and the number of charts on it."""
    sections = [_section(p) for p in pictures]
    chart_count = sum(len(s["charts"]) for s in sections)
    html = _template().render(
        sections=sections,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        db_name=db_name,
        plotly_js=get_plotlyjs(),
        plotly_version=plotly.__version__,
        chart_count=chart_count,
        eager=chart_count <= EAGER_CHARTS,
    )
    return html, chart_count


def _section(p: CompanyPicture) -> dict:
    """The template's view of one company: figures as JSON plus ready-to-print tables."""
    full_year = [g for g in p.guidance if g.fiscal_quarter is None]
    guidance_chart = (
        _chart(f"guidance-{p.ticker}", charts.guidance_figure(p))
        if (full_year or any(a.fiscal_quarter is None for a in p.actuals))
        else None
    )
    stance_chart = (
        _chart(f"stance-{p.ticker}", charts.stance_figure(p.stance_weeks))
        if p.stance_weeks
        else None
    )
    return {
        "ticker": p.ticker,
        "name": p.name,
        "anchor": _anchor(p.ticker),
        "guidance_chart": guidance_chart,
        "stance_chart": stance_chart,
        "charts": [c for c in (guidance_chart, stance_chart) if c],
        "latest": _latest_guidance(p.guidance),
        "mood": _mood(p),
        "alerts": [
            {
                "day": a.published or a.created_at.date(),
                "event": a.event,
                "period": _period(a.fiscal_year, a.fiscal_quarter),
                "range": describe_range(a.low_usd, a.high_usd),
                "prior": describe_range(a.prior_low_usd, a.prior_high_usd)
                if a.prior_low_usd is not None or a.prior_high_usd is not None
                else None,
                "url": _safe_url(a.url),
                "source": a.title or a.url,
                "publisher": a.publisher,
                "sentence": a.sentence,
                "unconfirmed": a.unconfirmed,
            }
            for a in p.alerts
        ],
        "quarterly_count": sum(1 for g in p.guidance if g.fiscal_quarter is not None),
        "empty": p.is_empty,
    }


def _latest_guidance(points: list[GuidancePoint]) -> list[dict]:
    """Last stated range per period, newest fiscal period first."""
    latest: dict[tuple[int, int], GuidancePoint] = {}
    for g in points:  # already in time order
        latest[(g.fiscal_year, g.fiscal_quarter or 0)] = g
    rows = []
    # Newest year first and, within a year, the full year before its quarters.
    for (year, quarter), g in sorted(
        latest.items(), key=lambda k: (-k[0][0], k[0][1] != 0, -k[0][1])
    ):
        rows.append(
            {
                "period": _period(year, quarter or None),
                "range": describe_range(g.low_usd, g.high_usd),
                "day": g.day,
                "url": _safe_url(g.url),
                "source": g.publisher or g.title or g.url,
                "approximate": g.approximate,
            }
        )
    return rows


def _mood(p: CompanyPicture) -> dict | None:
    """Net stance of the last four weeks with data, against the four before them."""
    weeks = sorted({w.week for w in p.stance_weeks})
    if not weeks:
        return None
    net = {week: 0 for week in weeks}
    for w in p.stance_weeks:
        net[w.week] += w.bull - w.bear
    recent, before = weeks[-4:], weeks[-8:-4]
    now = sum(net[w] for w in recent)
    then = sum(net[w] for w in before) if before else None
    return {"net": now, "then": then, "since": recent[0], "turning": _turning(now, then)}


def _turning(now: int, then: int | None) -> str:
    if then is None or now == then:
        return "steady"
    return "more bullish" if now > then else "more bearish"


def _chart(element_id: str, figure) -> Chart:
    # "<" only occurs inside JSON strings, where \u003c is the same character, so the
    # figure can never close its <script> element early.
    return Chart(element_id=element_id, figure_json=figure.to_json().replace("<", "\\u003c"))


def _period(year: int, quarter: int | None) -> str:
    return f"FY{year}" + (f" Q{quarter}" if quarter else "")


def _anchor(ticker: str) -> str:
    return "co-" + "".join(ch if ch.isalnum() else "-" for ch in ticker)


def _safe_url(url: str | None) -> str | None:
    """Only web links become clickable; a stored ``javascript:`` URL stays text."""
    if url and url.split(":", 1)[0].lower() in ("http", "https"):
        return url
    return None


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("report.html.j2")


def _write_atomically(out: Path, html: str) -> None:
    """A reader (or a browser refreshing) never sees half a report."""
    if out.is_dir():
        raise FinclaimsError(f"--out {out} is a directory; give a file name like report.html")
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(html)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
