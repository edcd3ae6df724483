"""The progress bar: docs/s and ETA on a terminal, nothing on a pipe; totals counted from inputs."""
from __future__ import annotations

import gzip
import io
import json

from cleaner.progress import Progress, count_documents


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_inputs_are_counted_like_the_reader_reads_them(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"id": 1, "text": "x"}\n{"id": 2, "text": "y"}\n')
    with gzip.open(tmp_path / "b.jsonl.gz", "wt") as records:
        records.write('{"id": 3, "text": "z"}\n' * 3)
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "one.html").write_text("<p>x</p>")
    (folder / "two.txt").write_text("x")
    (folder / "notes.md").write_text("skipped")
    inputs = [str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl.gz"), str(folder), str(tmp_path / "missing.txt")]
    assert count_documents(inputs) == 2 + 3 + 2 + 1
    assert count_documents(["-"]) is None


def test_a_terminal_sees_rate_and_eta(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"id": 1, "text": "x"}\n' * 4)
    terminal = Terminal()
    with Progress([str(tmp_path / "a.jsonl")], stream=terminal, delay=0) as progress:
        progress.counting.join()
        for _ in range(4):
            progress.advance()
        with progress.paused():
            print("a.jsonl:3: read: not a JSON record", file=terminal)
    shown = terminal.getvalue()
    assert "docs/s" in shown and "4/4" in shown and "<00:00" in shown
    assert "a.jsonl:3: read: not a JSON record\n" in shown


def test_a_pipe_sees_only_the_messages():
    pipe = io.StringIO()
    progress = Progress(["-"], stream=pipe, delay=0)
    progress.advance()
    with progress.paused():
        print("stdin: read: empty input", file=pipe)
    progress.close()
    assert pipe.getvalue() == "stdin: read: empty input\n"


def test_the_command_shows_no_bar_on_a_pipe(tmp_path):
    from test_cli import STORY, cleaner

    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": str(n), "text": STORY}) + "\n" for n in range(3)))
    run = cleaner("clean", str(source), "-o", str(tmp_path / "out.jsonl"))
    assert run.returncode == 0, run.stderr
    assert "docs/s" not in run.stderr and "\r" not in run.stderr and "3 cleaned" in run.stderr
