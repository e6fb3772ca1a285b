"""What one run did, as the flow returns it and the CLI prints it."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field
from rich.console import Console
from rich.table import Table

from finclaims.models import Alert


class RunSummary(BaseModel):
    """Counts and alerts of one run, enough for a person to see what happened at a glance."""

    run_id: str | None = None
    status: str = "completed"
    db: Path
    documents_new: int = 0
    documents_updated: int = 0
    documents_unchanged: int = 0
    documents_failed: int = 0
    facts: dict[str, int] = Field(default_factory=dict)
    alerts: list[Alert] = Field(default_factory=list)
    errors: list[str] = Field(default_factory=list)
    dry_run: bool = False


def _money(value: float | None) -> str:
    if value is None:
        return "?"
    return f"${value / 1e9:,.1f}B" if value >= 1e8 else f"${value:,.0f}"


def describe_range(low: float | None, high: float | None) -> str:
    """'$70.0B–$72.0B', '$75.0B', or '$125.0B+' as analysts write them."""
    if high is None:
        return f"{_money(low)}+"
    if low is None or abs(high - low) < 1e-6 * max(high, 1.0):
        return _money(high)
    return f"{_money(low)}–{_money(high)}"


def describe_alert(alert: Alert) -> str:
    """One line per guidance event, the same in the summary, the CLI and notifications."""
    period = f"FY{alert.fiscal_year}" + (
        f" Q{alert.fiscal_quarter}" if alert.fiscal_quarter else ""
    )
    text = f"{alert.company} {period} capex guidance {alert.event}: "
    text += describe_range(alert.low_usd, alert.high_usd)
    if alert.prior_low_usd is not None or alert.prior_high_usd is not None:
        text += f" (prior {describe_range(alert.prior_low_usd, alert.prior_high_usd)})"
    return text


def print_run_summary(summary: RunSummary, console: Console | None = None) -> None:
    console = console or Console()
    label = "dry run" if summary.dry_run else f"run {summary.run_id or ''}".strip()
    console.print(f"[bold]finclaims {label}: {summary.status}[/bold]")
    docs = Table(show_header=True, header_style="bold")
    for column in ("documents new", "updated", "unchanged", "failed"):
        docs.add_column(column, justify="right")
    docs.add_row(
        str(summary.documents_new),
        str(summary.documents_updated),
        str(summary.documents_unchanged),
        str(summary.documents_failed),
    )
    console.print(docs)
    facts = ", ".join(f"{name}: {count}" for name, count in summary.facts.items()) or "none"
    console.print(f"facts: {facts}")
    console.print(f"alerts: {len(summary.alerts)}")
    for alert in summary.alerts:
        console.print(f"  • {describe_alert(alert)}", soft_wrap=True)
        console.print(f"    [dim]{alert.url}[/dim]", soft_wrap=True)
    for error in summary.errors:
        console.print(f"[yellow]problem:[/yellow] {error}")
    if not summary.dry_run:
        console.print(f"database: {summary.db.resolve()}", soft_wrap=True)
