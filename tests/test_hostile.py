"""Hostile inputs through the whole command: each becomes one record or one error, none is lost."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import PROJECT
from hostile import file_cases, record_lines


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """One `cleaner clean -j 2` over every case (files named one by one, and a JSONL file)."""
    folder = tmp_path_factory.mktemp("hostile")
    cases = file_cases()
    for case in cases:
        (folder / case.name).write_bytes(case.data)
    lines = record_lines()
    (folder / "records.jsonl").write_bytes("\n".join(line for line, _, _ in lines).encode("utf-8", "surrogatepass") + b"\n")
    inputs = [str(folder / case.name) for case in cases] + [str(folder / "records.jsonl")]
    out, errors = folder / "out.jsonl", folder / "errors.jsonl"
    run = subprocess.run([sys.executable, "-m", "cleaner", "clean", *inputs, "-o", str(out), "--errors", str(errors),
                          "-j", "2", "--timeout", "60"], capture_output=True, text=True, cwd=PROJECT, timeout=600)
    records = [json.loads(line) for line in out.read_text().splitlines()]
    failures = [json.loads(line) for line in errors.read_text().splitlines()]
    return run, cases, lines, records, failures


def test_nothing_is_lost(hostile_run):
    run, cases, lines, records, failures = hostile_run
    assert len(records) + len(failures) == len(cases) + len(lines)
    assert run.returncode == 1  # some failed, and --keep-going was not asked for
    assert f"{len(records)} cleaned" in run.stderr and f"{len(failures)} failed" in run.stderr


def test_each_file_case_has_its_outcome(hostile_run):
    _, cases, _, records, failures = hostile_run
    cleaned = {r["id"]: r for r in records}
    failed = {f["id"]: f for f in failures}
    for case in cases:
        if case.outcome == "cleaned":
            assert case.id in cleaned, failed.get(case.id)
            assert case.holds in cleaned[case.id]["text"], case.name
        else:
            assert failed[case.id]["stage"] == case.outcome, (case.name, failed[case.id])
            assert failed[case.id]["source"].endswith(case.name)


def test_each_record_line_has_its_outcome(hostile_run):
    _, _, lines, records, failures = hostile_run
    cleaned = {r["id"] for r in records}
    failed_lines = {f["source"].rsplit(":", 1)[1]: f for f in failures if "records.jsonl:" in f["source"]}
    for number, (_, doc_id, outcome) in enumerate(lines, start=1):
        if outcome == "cleaned":
            assert doc_id in cleaned
        else:
            assert failed_lines[str(number)]["stage"] == outcome and failed_lines[str(number)]["id"] == doc_id


def test_limits_say_which(hostile_run):
    _, _, _, _, failures = hostile_run
    reasons = {f["id"]: f["reason"] for f in failures}
    assert "over the size cap of 20,000,000 bytes" in reasons["huge"]
    assert "Excessive depth" in reasons["nested"]
    assert "PDF" in reasons["report.pdf"]
