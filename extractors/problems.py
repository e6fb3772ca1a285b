"""What went wrong with one document or one fact, so a batch can go on without it.

An analyst must be able to tell "no capex in this article" from "this article was never
read": a document the pipeline cannot process is skipped and reported here with the stage
and the reason, and a fact that fails the contract (say a fiscal year outside 1990-2100)
is dropped on its own while the rest of its document is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Stage = Literal["read", "pipeline", "fact"]


@dataclass(frozen=True)
class ExtractionProblem:
    document_id: str
    document: str  # the path or URL the document was given as
    stage: Stage
    reason: str

    def __str__(self) -> str:
        return f"{self.document}: {self.stage}: {self.reason}"


def describe(exc: BaseException) -> str:
    """One line naming the exception type and its message, cut to a readable length."""
    text = " ".join(str(exc).split())
    text = text if len(text) <= 300 else text[:297] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
