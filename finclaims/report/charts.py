"""The two pictures of a company: its capex guidance over time and its weekly mood.

Guidance is drawn as floating bars (low to high, at the date each range was stated) so a
raise reads as a bar stepping up; actuals are stars on the same dollar axis, and raises
and cuts carry an arrow with the move of the midpoint. Only full-year figures share the
axis: a quarter's figure beside a year's would look like a cut.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from html import escape

import plotly.graph_objects as go

from finclaims.report.data import ActualPoint, CompanyPicture, GuidancePoint, StanceWeek
from finclaims.summary import describe_range
from warehouse.guidance import classify_change

PALETTE = ["#2563eb", "#d97706", "#7c3aed", "#0d9488", "#db2777", "#4b5563", "#65a30d"]
RAISED, LOWERED, BULL, BEAR, INK = "#15803d", "#b91c1c", "#16a34a", "#dc2626", "#1f2937"
FONT = "Inter, Segoe UI, Helvetica Neue, Arial, sans-serif"
_BN = 1e9
LONG_HISTORY = timedelta(days=3 * 365)  # longer than this opens on the RECENT window
RECENT = timedelta(days=2 * 365)
NOTES = 10  # raise/cut arrows drawn, most recent first; older moves stay in the hover text


def guidance_figure(picture: CompanyPicture) -> go.Figure:
    """Floating guidance bars per fiscal year, actual stars, raise/cut annotations."""
    guidance = [g for g in picture.guidance if g.fiscal_quarter is None]
    actuals = [a for a in picture.actuals if a.fiscal_quarter is None]
    years = sorted({g.fiscal_year for g in guidance} | {a.fiscal_year for a in actuals})
    colour = {year: PALETTE[i % len(PALETTE)] for i, year in enumerate(years)}
    days = [g.day for g in guidance] + [a.day for a in actuals]
    group_width = _group_width(days)
    bar_width = group_width / max(len({g.fiscal_year for g in guidance}), 1)
    slot = {year: i for i, year in enumerate(sorted({g.fiscal_year for g in guidance}))}
    shift = {y: (i - (len(slot) - 1) / 2) * bar_width for y, i in slot.items()}
    floor = _min_visible_height(guidance, actuals)

    fig = go.Figure()
    by_year: dict[int, list[GuidancePoint]] = defaultdict(list)
    for g in guidance:
        by_year[g.fiscal_year].append(g)
    for year, points in sorted(by_year.items()):
        fig.add_trace(_guidance_bars(year, points, colour[year], shift[year], bar_width, floor))
        if len(points) > 1:
            fig.add_trace(_trajectory(year, points, colour[year], shift[year]))
    actual_years: dict[int, list[ActualPoint]] = defaultdict(list)
    for a in actuals:
        actual_years[a.fiscal_year].append(a)
    for year, points in sorted(actual_years.items()):
        fig.add_trace(_actual_stars(year, points, colour[year]))
    notes = [
        (g.day, note)
        for year, points in by_year.items()
        for g in points
        if (note := _revision_note(g, _centre(g.day, shift[year])))
    ]
    # Set once: plotly re-validates every annotation on each add_annotation (quadratic).
    recent = [note for _, note in sorted(notes, key=lambda n: n[0])][-NOTES:]
    for i, note in enumerate(recent):  # alternate heights so neighbouring labels do not collide
        note["ay"] *= 1 + (i % 2) * 0.8
    fig.update_layout(annotations=recent)

    _style(fig, height=420)
    if days:
        pad = group_width * 3
        _window(fig, _centre(min(days), -pad), _centre(max(days), pad))
        fig.update_yaxes(range=_padded_range(guidance, actuals))
    fig.update_layout(
        barmode="overlay",
        bargap=0,
        yaxis={"title": "capex, USD", "tickprefix": "$", "ticksuffix": "B", "rangemode": "normal"},
        legend={"orientation": "h", "y": -0.18, "x": 0},
    )
    return fig


def stance_figure(weeks: list[StanceWeek]) -> go.Figure:
    """Bull bars up, bear bars down and the net line, per week, all publishers together."""
    totals: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    breakdown: dict[date, list[str]] = defaultdict(list)
    for w in weeks:
        totals[w.week][0] += w.bull
        totals[w.week][1] += w.bear
        publisher = escape(w.publisher or "unknown publisher")
        breakdown[w.week].append(f"{publisher}: +{w.bull} / −{w.bear}")
    order = sorted(totals)
    bull = [totals[d][0] for d in order]
    bear = [totals[d][1] for d in order]
    week_bar = {"x": order, "width": timedelta(days=5).total_seconds() * 1000, "offset": 0}
    fig = go.Figure()
    fig.add_bar(
        **week_bar,
        y=bull,
        name="bull sentences",
        marker_color=BULL,
        customdata=["<br>".join(breakdown[d][:8]) for d in order],
        hovertemplate="week of %{x|%b %d, %Y}<br><b>%{y} bull</b><br>%{customdata}<extra></extra>",
    )
    fig.add_bar(
        **week_bar,
        y=[-b for b in bear],
        name="bear sentences",
        marker_color=BEAR,
        customdata=bear,
        hovertemplate="week of %{x|%b %d, %Y}<br><b>%{customdata} bear</b><extra></extra>",
    )
    fig.add_scatter(
        x=[_centre(d, timedelta(days=2.5)) for d in order],
        y=[b - r for b, r in zip(bull, bear, strict=True)],
        name="net (bull − bear)",
        mode="lines+markers",
        line={"color": INK, "width": 2},
        marker={"size": 6},
        hovertemplate="week of %{x|%b %d, %Y}<br>net %{y:+d}<extra></extra>",
    )
    _style(fig, height=300)
    if order:
        first = _centre(order[0], -timedelta(days=10))
        last = max(_centre(order[-1], timedelta(days=15)), first + timedelta(days=84))
        _window(fig, first, last)  # at least twelve weeks, so one week is not one wide slab
    fig.update_layout(
        barmode="relative",
        yaxis={
            "title": "sentences",
            "zeroline": True,
            "zerolinecolor": "#9ca3af",
            "dtick": 1 if max(bull + bear, default=0) <= 6 else None,
        },
        legend={"orientation": "h", "y": -0.25, "x": 0},
    )
    return fig


def _guidance_bars(
    year: int, points: list[GuidancePoint], colour: str, shift: timedelta, width, floor: float
) -> go.Bar:
    lows = [_low(g) / _BN for g in points]
    heights = [max(((g.high_usd or _low(g)) - _low(g)) / _BN, floor) for g in points]
    width_ms = width.total_seconds() * 1000
    return go.Bar(
        x=[g.day for g in points],  # the true date; ``offset`` only moves the drawing aside
        base=lows,
        y=heights,
        width=width_ms,
        offset=shift.total_seconds() * 1000 - width_ms / 2,
        name=f"FY{year} guidance",
        legendgroup=str(year),
        marker={
            "color": colour,
            "opacity": 0.78,
            "line": {"color": colour, "width": 1},
            "pattern": {"shape": ["/" if g.high_usd is None else "" for g in points]},
        },
        customdata=[_hover(g) for g in points],
        hovertemplate="%{customdata}<extra></extra>",
    )


def _trajectory(year: int, points: list[GuidancePoint], colour: str, shift: timedelta):
    """A dotted line through the midpoints, so the path of one year's outlook reads at once."""
    return go.Scatter(
        x=[_centre(g.day, shift) for g in points],
        y=[_mid(g.low_usd, g.high_usd) / _BN for g in points],
        mode="lines",
        line={"color": colour, "width": 1.5, "dash": "dot", "shape": "hv"},
        opacity=0.6,
        name=f"FY{year} midpoint",
        legendgroup=str(year),
        showlegend=False,
        hoverinfo="skip",
    )


def _actual_stars(year: int, points: list[ActualPoint], colour: str) -> go.Scatter:
    return go.Scatter(
        x=[a.day for a in points],
        y=[(a.high_usd if a.high_usd is not None else a.low_usd) / _BN for a in points],
        mode="markers",
        name=f"FY{year} actual",
        legendgroup=str(year),
        marker={"symbol": "star", "size": 16, "color": colour, "line": {"color": INK, "width": 1}},
        customdata=[
            f"<b>FY{year} actual {describe_range(a.low_usd, a.high_usd)}</b><br>"
            f"reported {a.day:%b %d, %Y} in {_source(a.form or a.publisher, a.title)}"
            for a in points
        ],
        hovertemplate="%{customdata}<extra></extra>",
    )


def _revision_note(g: GuidancePoint, x: datetime) -> dict | None:
    """An arrow on raises and cuts, saying by how much the midpoint moved."""
    if g.previous_low_usd is None and g.previous_high_usd is None:
        return None
    event = classify_change(g.low_usd, g.high_usd, g.previous_low_usd, g.previous_high_usd)
    if event not in ("raised", "lowered"):
        return None
    move = _mid(g.low_usd, g.high_usd) - _mid(g.previous_low_usd, g.previous_high_usd)
    up = event == "raised"
    top = (g.high_usd if g.high_usd is not None else _low(g)) / _BN
    return {
        "x": x,
        "y": top if up else _low(g) / _BN,
        "text": f"{'▲' if up else '▼'} FY{g.fiscal_year} {event} {_signed_bn(move)}",
        "showarrow": True,
        "arrowhead": 2,
        "arrowcolor": RAISED if up else LOWERED,
        "ax": 0,
        "ay": -34 if up else 34,
        "font": {"color": RAISED if up else LOWERED, "size": 12},
        "bgcolor": "rgba(255,255,255,0.85)",
    }


def _window(fig: go.Figure, first: datetime, last: datetime) -> None:
    """Open on the last two years of a long history, with buttons to widen the view."""
    if last - first <= LONG_HISTORY:
        fig.update_xaxes(range=[first, last])
        return
    fig.update_xaxes(
        range=[last - RECENT, last],
        rangeselector={
            "buttons": [
                {"count": 1, "label": "1y", "step": "year", "stepmode": "backward"},
                {"count": 2, "label": "2y", "step": "year", "stepmode": "backward"},
                {"count": 5, "label": "5y", "step": "year", "stepmode": "backward"},
                {"label": "all", "step": "all"},
            ],
            "x": 0,
            "y": 1.08,
        },
    )


def _signed_bn(value: float) -> str:
    return f"{'+' if value >= 0 else '−'}${abs(value) / _BN:,.1f}B"


def _style(fig: go.Figure, height: int) -> None:
    fig.update_layout(
        template="plotly_white",
        height=height,
        margin={"l": 64, "r": 24, "t": 16, "b": 40},
        font={"family": FONT, "size": 13, "color": INK},
        hoverlabel={"font": {"family": FONT}},
        xaxis={"type": "date", "showgrid": False},
    )


def _group_width(days: list[date]) -> timedelta:
    """Wide enough to see, narrow enough that statements a month apart do not overlap."""
    if not days:
        return timedelta(days=7)
    span = max((max(days) - min(days)).days, 60)
    return timedelta(days=min(max(span / 30, 3), 24))


def _min_visible_height(guidance: list[GuidancePoint], actuals: list[ActualPoint]) -> float:
    """A point guidance ($75B) still shows as a thin bar: 1.5% of the axis, in $B."""
    values = [v for g in guidance for v in (g.low_usd, g.high_usd) if v is not None]
    values += [v for a in actuals for v in (a.low_usd, a.high_usd) if v is not None]
    if not values:
        return 0.1
    return max((max(values) - min(values)) / _BN * 0.015, max(values) / _BN * 0.006)


def _padded_range(guidance: list[GuidancePoint], actuals: list[ActualPoint]) -> list[float]:
    """Room above and below the figures for the raise/cut arrows, in $B."""
    values = [v for g in guidance for v in (g.low_usd, g.high_usd) if v is not None]
    values += [v for a in actuals for v in (a.low_usd, a.high_usd) if v is not None]
    low, high = min(values) / _BN, max(values) / _BN
    room = max(high - low, high * 0.1) * 0.15
    return [max(low - room, 0), high + room]


def _centre(day: date, shift: timedelta) -> datetime:
    return datetime.combine(day, time(0)) + shift


def _low(g: GuidancePoint) -> float:
    return g.low_usd if g.low_usd is not None else g.high_usd


def _mid(low: float | None, high: float | None) -> float:
    if low is None:
        return high
    return low if high is None else (low + high) / 2


def _hover(g: GuidancePoint) -> str:
    was = ""
    if g.previous_low_usd is not None or g.previous_high_usd is not None:
        was = f" (was {describe_range(g.previous_low_usd, g.previous_high_usd)})"
    return (
        f"<b>FY{g.fiscal_year} guidance {describe_range(g.low_usd, g.high_usd)}</b>{was}<br>"
        f"stated {g.day:%b %d, %Y} in {_source(g.publisher, g.title)}"
    )


def _source(who: str | None, title: str | None) -> str:
    """Publisher and title as hover text; escaped, since plotly renders hover as HTML."""
    label = escape(who or "unknown source")
    return f"{label}: {escape(title[:70])}" if title else label
