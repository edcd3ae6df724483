"""Interrupted runs: partial output that never looks complete, --resume, --keep-going."""
from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import PROJECT
from test_cli import STORY, cleaner


def _records(count: int) -> str:
    return "".join(json.dumps({"id": f"d{i}", "text": f"Item {i}. " + STORY}) + "\n" for i in range(count))


def _ids(path) -> list[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as stream:
        return [json.loads(line)["id"] for line in stream]


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz"])
def test_resume_after_a_kill_writes_every_record_once(tmp_path, suffix):
    source = tmp_path / "in.jsonl"
    source.write_text(_records(30))
    out = tmp_path / f"out{suffix}"
    # What a killed run leaves: some whole records and a last one cut off, under .partial only.
    written = _records(12).encode()[:-40]
    partial = tmp_path / f"out{suffix}.partial"
    partial.write_bytes(gzip.compress(written)[:-30] if suffix.endswith(".gz") else written)
    run = cleaner("clean", str(source), "-o", str(out), "--resume")
    assert run.returncode == 0, run.stderr
    ids = _ids(out)
    assert sorted(ids) == sorted(f"d{i}" for i in range(30)) and len(ids) == 30
    assert "skipped (already written)" in run.stderr and not partial.exists()


def test_resume_extends_a_finished_run_and_a_folder(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(_records(5))
    out = tmp_path / "out.jsonl"
    assert cleaner("clean", str(source), "-o", str(out)).returncode == 0
    source.write_text(_records(8))
    run = cleaner("clean", str(source), "-o", str(out), "--resume")
    assert _ids(out) == [f"d{i}" for i in range(8)] and "3 cleaned" in run.stderr and "5 skipped" in run.stderr
    folder = tmp_path / "texts"
    (folder).mkdir()
    (folder / "d1.txt").write_text("already here\n")
    run = cleaner("clean", str(source), "-o", str(folder), "--resume")
    assert (folder / "d1.txt").read_text() == "already here\n" and "1 skipped" in run.stderr
    assert len(list(folder.glob("*.txt"))) == 8


def test_resume_needs_an_output_file():
    run = cleaner("clean", "-", "--resume", stdin=STORY)
    assert run.returncode == 2 and "--resume needs an output" in run.stderr


def test_keep_going_exits_zero_with_failures(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(_records(2) + "broken\n")
    assert cleaner("clean", str(source), "-o", str(tmp_path / "a.jsonl")).returncode == 1
    run = cleaner("clean", str(source), "-o", str(tmp_path / "b.jsonl"), "--keep-going")
    assert run.returncode == 0 and "1 failed (read 1)" in run.stderr


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX signals")
def test_sigterm_keeps_the_partial_output_for_resume(tmp_path):
    source = tmp_path / "in.jsonl"
    page = "<html><body><article>" + "".join(f"<p>Paragraph {i}. {STORY}</p>" for i in range(300)) + "</article></body></html>"
    source.write_text("".join(json.dumps({"id": f"p{i}", "html": page}) + "\n" for i in range(400)))
    out = tmp_path / "out.jsonl"
    process = subprocess.Popen([sys.executable, "-m", "cleaner", "clean", str(source), "-o", str(out), "-j", "2"],
                               cwd=PROJECT, stderr=subprocess.PIPE, text=True)
    partial = tmp_path / "out.jsonl.partial"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (partial.exists() and partial.stat().st_size):
        time.sleep(0.1)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130 and not out.exists(), stderr
    assert "run again with --resume" in stderr
    kept = _ids(partial)
    assert kept == [f"p{i}" for i in range(len(kept))]  # whole records, in input order
