"""The analysts' picture: capex guidance over time, weekly mood and latest alerts, as HTML.

``build_report(db, out, company=None)`` reads the published snapshot read-only and writes
one self-contained page that works offline.
"""

from finclaims.report.build import ReportResult, build_report

__all__ = ["ReportResult", "build_report"]
