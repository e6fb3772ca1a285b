"""Every user mistake ends in one clear line on stderr and a non-zero exit, never a traceback."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli


def assert_one_line_error(result, *needles: str) -> None:
    assert result.returncode != 0, result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.mark.parametrize("command", ["extract", "ingest", "article"])
def test_missing_input_file(tmp_path, command):
    missing = tmp_path / "nope.txt"
    result = (
        run_cli(command, str(missing), "--db", str(tmp_path / "x.duckdb"))
        if (command == "ingest")
        else run_cli(command, str(missing))
    )
    assert_one_line_error(result, "no such file", "nope.txt")


def test_sql_without_database(tmp_path):
    result = run_cli("sql", "select 1", "--db", str(tmp_path / "absent.duckdb"))
    assert_one_line_error(result, "absent.duckdb")


def test_alerts_without_database(tmp_path):
    result = run_cli("alerts", "--db", str(tmp_path / "absent.duckdb"))
    assert_one_line_error(result, "absent.duckdb")


def test_bad_since_date(tmp_path):
    result = run_cli("alerts", "--since", "yesterday", "--db", str(tmp_path / "a.duckdb"))
    assert_one_line_error(result, "--since", "yesterday")


def test_missing_sources_file(tmp_path):
    result = run_cli("run", "--config", str(tmp_path / "sources.yaml"), "--db", str(tmp_path / "d"))
    assert_one_line_error(result, "sources.yaml")


def test_unknown_sql_format(tmp_path):
    result = run_cli("sql", "select 1", "--format", "xml", "--db", str(tmp_path / "a.duckdb"))
    assert_one_line_error(result, "xml")


def test_bad_out_suffix(tmp_path):
    result = run_cli("sql", "select 1", "--out", str(tmp_path / "r.xlsx"))
    assert_one_line_error(result, "r.xlsx")


def test_extract_unknown_format(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Capex was $1 billion.")
    result = run_cli("extract", str(doc), "--format", "xml")
    assert_one_line_error(result, "xml")


def test_sources_file_that_is_not_yaml(tmp_path):
    bad = tmp_path / "sources.yaml"
    bad.write_text("news: [unclosed\n  - name: x\n")
    result = run_cli("run", "--config", str(bad), "--db", str(tmp_path / "d.duckdb"))
    assert_one_line_error(result, "sources.yaml")
