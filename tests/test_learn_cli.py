"""`profile new`, `profile test`, `golden add` and `stats --baseline` as a user runs them, on the
synthetic outlet: learn a profile, record goldens, then catch the template's drift."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from outlet_template import DRIFTED, STORIES, html_page
from test_cli import cleaner

PROFILE = "harbour-gazette"


def pages(folder: Path, template=None, stories=STORIES) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, story in enumerate(stories):
        path = folder / f"page{n}.html"
        path.write_text(html_page(story, template) if template else html_page(story), encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.fixture
def learned(tmp_path) -> Path:
    """A profile folder holding the draft learned from three pages of the original template."""
    folder = tmp_path / "profiles"
    run = cleaner("profile", "new", "Harbour Gazette", "--from", *pages(tmp_path / "samples", stories=STORIES[:3]),
                  "--profiles", str(folder), "--no-bundled-profiles")
    assert run.returncode == 0, run.stderr
    assert f"wrote {folder / PROFILE}.yaml" in run.stdout
    return folder


def test_profile_new_writes_a_draft_that_passes_the_check(learned):
    text = (learned / f"{PROFILE}.yaml").read_text()
    assert "domains: ['harbourgazette.example']" in text and "# fired in 3 of 3 samples" in text
    check = cleaner("profile", "check", "--no-bundled-profiles", "--profiles", str(learned))
    assert check.returncode == 0 and f"ok  {PROFILE}" in check.stdout


def test_profile_new_does_not_overwrite(learned, tmp_path):
    again = cleaner("profile", "new", "Harbour Gazette", "--from", *pages(tmp_path / "more", stories=STORIES[:2]),
                    "--profiles", str(learned), "--no-bundled-profiles")
    assert again.returncode == 2 and "exists already" in again.stderr


def test_golden_add_then_profile_test(learned, tmp_path):
    options = ["--no-bundled-profiles", "--profiles", str(learned), "--seeds", str(tmp_path / "seeds"),
               "--golden", str(tmp_path / "golden")]
    sample = pages(tmp_path / "new", stories=STORIES[3:])[0]
    refused = cleaner("golden", "add", PROFILE, sample, *options)  # no terminal to ask on, no --yes
    assert refused.returncode == 1 and "drop harbour-gazette.gz-profile" in refused.stdout
    assert not (tmp_path / "seeds").exists()
    added = cleaner("golden", "add", PROFILE, sample, "--yes", *options)
    assert added.returncode == 0, added.stderr
    assert (tmp_path / "seeds" / PROFILE / "page0.html").exists()
    golden = tmp_path / "golden" / PROFILE / "page0.txt"
    assert golden.read_text().startswith(STORIES[3].standfirst)
    assert cleaner("profile", "test", "Harbour Gazette", *options).returncode == 0
    golden.write_text("something else\n")
    mismatch = cleaner("profile", "test", PROFILE, *options)
    assert mismatch.returncode == 1 and f"MISMATCH {PROFILE}/page0" in mismatch.stdout


def test_golden_add_refuses_a_page_of_another_profile(learned, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("A story from somewhere else entirely, with no link to the harbour at all.\n")
    run = cleaner("golden", "add", PROFILE, str(other), "--yes", "--no-bundled-profiles", "--profiles", str(learned),
                  "--seeds", str(tmp_path / "seeds"), "--golden", str(tmp_path / "golden"))
    assert run.returncode == 1 and "not 'harbour-gazette'" in run.stderr


def test_stats_flags_a_template_change_and_names_the_rule(learned, tmp_path):
    options = ["--no-bundled-profiles", "--profiles", str(learned)]
    baseline = tmp_path / "baseline.json"
    before = cleaner("stats", *pages(tmp_path / "before"), *options, "-o", str(baseline))
    assert before.returncode == 0, before.stderr
    assert json.loads(baseline.read_text())["outlets"][PROFILE]["documents"] == len(STORIES)
    same = cleaner("stats", *pages(tmp_path / "again"), *options, "--baseline", str(baseline))
    assert same.returncode == 0 and "FLAG" not in same.stdout
    drifted = cleaner("stats", *pages(tmp_path / "after", DRIFTED), *options, "--baseline", str(baseline))
    assert drifted.returncode == 1
    assert f"FLAG {PROFILE}: rule {PROFILE}.gz-profile stopped firing" in drifted.stdout


def test_stats_refuses_a_broken_baseline(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    run = cleaner("stats", "seeds", "--baseline", str(broken))
    assert run.returncode == 2 and "broken.json" in run.stderr
