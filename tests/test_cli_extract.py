"""`finclaims extract`: one line per input document, in order, even when one fails."""

from __future__ import annotations

import json

from tests.conftest import run_cli


def test_every_document_keeps_its_line_and_a_failure_is_reported(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(
        "title: Q1\npublished: 2026-04-30\ncompany: MSFT\n---\n"
        "We expect fiscal 2027 capital expenditures of $140 billion to $150 billion.\n"
    )
    huge = tmp_path / "huge.txt"
    huge.write_text("Capex was $1 billion in 2025. " * 200_000)  # past the pipeline's limit
    result = run_cli("extract", str(huge), str(good))
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["document"] for line in lines] == [str(huge), str(good)]
    assert lines[0]["capex"] == [] and lines[0]["error"]
    assert lines[1]["capex"][0]["low_usd"] == 140e9 and "error" not in lines[1]
    assert result.returncode == 1
    assert "huge.txt" in result.stderr and "Traceback" not in result.stderr
