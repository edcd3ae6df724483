"""The command line as users run it: a subprocess per test."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT

STORY = ("The council approved the new budget on Tuesday after a long debate about the harbour works.\n\n"
         "Opposition members said the spending plan left too little for the schools in the north.\n\n"
         "Advertisement\n")


def cleaner(*args: str, stdin: str | None = None, env: dict | None = None, cwd: Path = PROJECT):
    return subprocess.run([sys.executable, "-m", "cleaner", *args], input=stdin, capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, **(env or {})}, timeout=120)


def test_clean_folder_to_folder(tmp_path):
    out = tmp_path / "out"
    run = cleaner("clean", "seeds", "-o", str(out))
    assert run.returncode == 0, run.stderr
    seeds = [p.relative_to(PROJECT / "seeds") for p in (PROJECT / "seeds").rglob("*") if p.suffix in (".txt", ".html")]
    written = sorted(p.relative_to(out) for p in out.rglob("*.txt"))
    assert written == sorted(p.with_suffix(".txt") for p in seeds)  # sub-folders kept
    assert str(out) in run.stderr and f"{len(seeds)} cleaned" in run.stderr


def test_clean_jsonl_record_fields(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "url": "https://example.com/a", "text": STORY}) + "\n")
    run = cleaner("clean", str(source), "-o", str(tmp_path / "out.jsonl"))
    assert run.returncode == 0, run.stderr
    record = json.loads((tmp_path / "out.jsonl").read_text())
    assert set(record) >= {"id", "url", "outlet", "profile", "title", "authors", "date", "text", "removed", "stats"}
    assert record["removed"] == [{"rule": "generic.ad-marker", "text": "Advertisement"}]
    assert "Advertisement" not in record["text"]


def test_stdin_to_stdout():
    run = cleaner("clean", "-", stdin=STORY)
    assert run.returncode == 0
    assert json.loads(run.stdout)["id"] == "stdin"


@pytest.mark.parametrize("jobs", ["1", "2"])  # with jobs, the lines are parsed in the workers
def test_bad_records_are_reported_and_the_rest_written(tmp_path, jobs):
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join([json.dumps({"id": "a", "text": STORY}), "oops", json.dumps({"id": "c"}),
                                 json.dumps({"id": "d", "text": STORY})]) + "\n")
    errors = tmp_path / "errors.jsonl"
    run = cleaner("clean", str(source), "-o", str(tmp_path / "out.jsonl"), "--errors", str(errors), "-j", jobs)
    assert run.returncode == 1
    assert [json.loads(line)["id"] for line in (tmp_path / "out.jsonl").read_text().splitlines()] == ["a", "d"]
    assert "in.jsonl:2" in run.stderr and "not a JSON record" in run.stderr
    assert "neither 'html' nor 'text'" in run.stderr
    assert [json.loads(line)["stage"] for line in errors.read_text().splitlines()] == ["read", "read"]


def test_hints_apply_to_records_cleaned_in_workers(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": STORY}) + "\n" + json.dumps({"id": "b", "outlet": "Own", "text": STORY}) + "\n")
    out = tmp_path / "out.jsonl"
    run = cleaner("clean", str(source), "-o", str(out), "-j", "2", "--outlet", "Hinted")
    assert run.returncode == 0, run.stderr
    assert [json.loads(line)["outlet"] for line in out.read_text().splitlines()] == ["Hinted", "Own"]


def test_parallel_output_equals_serial(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": str(i), "text": STORY}) + "\n" for i in range(40)))
    serial, parallel = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    assert cleaner("clean", str(source), "-o", str(serial)).returncode == 0
    assert cleaner("clean", str(source), "-o", str(parallel), "-j", "2").returncode == 0
    strip = lambda p: [{k: v for k, v in json.loads(line).items() if k != "stats"} for line in p.read_text().splitlines()]  # noqa: E731
    assert strip(serial) == strip(parallel)


def test_explain_marks_each_block():
    run = cleaner("explain", "seeds/004_a6ec3f604d6dd3a9.txt")
    assert run.returncode == 0
    assert "profile: vcpost (by signature)" in run.stdout
    assert "drop vcpost.image-block" in run.stdout and "keep" in run.stdout
    assert "\033[" not in run.stdout  # no colour on a pipe


def test_profile_check_reports_file_line_field(tmp_path):
    (tmp_path / "bad.yaml").write_text("outlet: bad\ncut_after: ['(']\n")
    run = cleaner("profile", "check", "--profiles", str(tmp_path))
    assert run.returncode == 2
    assert f"{tmp_path / 'bad.yaml'}:2: cut_after[0]" in run.stderr


def test_patterns_too_big_together_are_a_profile_error_in_check_and_clean(tmp_path):
    """Each pattern compiles on its own; the outlet's set of them does not fit the engine's budget."""
    patterns = "".join(f"  - '^\\p{{Lu}}[\\pL ]{{1,300}}{letter}$'\n" for letter in "abcdef")
    (tmp_path / "big.yaml").write_text(f"outlet: big\ndrop_lines:\n{patterns}")
    for run in (cleaner("profile", "check", "--profiles", str(tmp_path)),
                cleaner("clean", "seeds", "-o", str(tmp_path / "out.jsonl"), "--profiles", str(tmp_path))):
        assert run.returncode == 2, run.stderr
        assert f"{tmp_path / 'big.yaml'}: its 6 patterns together are too big" in run.stderr
        assert "Traceback" not in run.stderr


def test_broken_profile_stops_a_clean_run(tmp_path):
    (tmp_path / "bad.yaml").write_text("outlet: bad\nfoo: 1\n")
    run = cleaner("clean", "seeds", "-o", str(tmp_path / "out.jsonl"), env={"CLEANER_PROFILES": str(tmp_path)})
    assert run.returncode == 2 and "bad.yaml:2: foo" in run.stderr


def test_user_profiles_from_env_and_flag_override_bundled(tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "vcpost.yaml").write_text("outlet: vcpost\nname: My VCPOST\nsignatures: ['VCPOST']\n")
    source = PROJECT / "seeds" / "004_a6ec3f604d6dd3a9.txt"
    for args, env in ((["--profiles", str(mine)], {}), ([], {"CLEANER_PROFILES": str(mine)})):
        record = json.loads(cleaner("clean", str(source), *args, env=env).stdout)
        assert record["outlet"] == "My VCPOST"
    record = json.loads(cleaner("clean", str(source), "--no-bundled-profiles").stdout)
    assert record["profile"] == "generic"


def test_golden_check_passes_on_the_project():
    run = cleaner("golden", "check")
    assert run.returncode == 0, run.stdout
    assert "cases match" in run.stdout
