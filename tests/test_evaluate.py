"""The evaluation metric and `cleaner eval` on small labelled datasets written here."""
from __future__ import annotations

import gzip
import json

import pytest

from cleaner.evaluate import Summary, body_scores, same_authors, same_day, same_title, score_document
from test_cli import cleaner

STORY = ("The council approved the new budget on Tuesday after a long debate about the harbour works. "
         "Opposition members said the spending plan left too little for the schools in the north.")


def test_body_scores_count_shingles():
    assert body_scores(STORY, STORY) == (1.0, 1.0)
    precision, recall = body_scores(STORY, STORY + " Advertisement Share this story on Facebook")
    assert recall == 1.0 and 0.7 < precision < 1.0
    assert body_scores(STORY, "") == (0.0, 0.0)
    assert body_scores("", "") == (1.0, 1.0)


def test_metadata_comparisons():
    assert same_title("Budget  passes", " Budget passes")
    assert not same_title("Budget passes", "Budget passes | Harbour Times")
    assert same_authors(["Ann Lee", "Bo Chan"], ["Bo Chan", "Ann Lee"])
    assert not same_authors(["Ann Lee"], [])
    assert same_day("2024-04-27 15:56:35+01:00", "2024-04-27T23:10:00+05:00")
    assert not same_day("2024-04-27", "2024-04-28T00:30:00+02:00")
    assert same_day(None, None)


def test_only_fields_the_truth_carries_are_scored():
    score = score_document({"id": "a", "body": STORY, "title": "Budget"}, None)
    assert score.metadata == {"title": False} and score.f1 == 0.0
    assert Summary.of([score]).metadata == {"title": 0.0}


def write_dataset(folder, pages: list[dict], truth: list[dict]):
    folder.mkdir()
    with gzip.open(folder / "pages.jsonl.gz", "wt", encoding="utf-8") as stream:
        stream.writelines(json.dumps(p) + "\n" for p in pages)
    (folder / "truth.jsonl").write_text("".join(json.dumps(t) + "\n" for t in truth), encoding="utf-8")
    return folder


def test_eval_command_scores_text_and_html_pages(tmp_path):
    html = ("<html><head><title>Budget passes | Harbour Times</title>"
            '<meta name="author" content="Ann Lee"></head>'
            f"<body><nav>Home News</nav><article><h1>Budget passes</h1><p>{STORY}</p></article></body></html>")
    dataset = write_dataset(tmp_path / "set", [
        {"id": "t", "outlet": "harbour", "text": f"Advertisement\n\n{STORY}\n"},
        {"id": "h", "outlet": "harbour", "url": "https://harbourtimes.example/b", "html": html},
    ], [
        {"id": "t", "body": STORY},
        {"id": "h", "body": STORY, "title": "Budget passes", "authors": ["Ann Lee"], "date": None},
    ])
    run = cleaner("eval", str(dataset), "--compare", "trafilatura", "--per-outlet", "--worst", "1")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "set: 2 documents, 0 without output (0 failed)"
    assert lines[1].split() == ["cleaner", "P", "1.000", "R", "1.000", "F1", "1.000", "title", "1.000",
                                "authors", "1.000", "date", "1.000"]
    assert lines[2].split()[0] == "trafilatura"
    assert any(line.split()[0] == "harbour" for line in lines)
    assert "worst" in lines[-1]


@pytest.mark.parametrize("broken, message", [
    ("no-truth", "no truth.jsonl"),
    ("bad-json", "truth.jsonl:1: not a JSON record"),
])
def test_eval_command_names_the_broken_dataset_file(tmp_path, broken, message):
    dataset = write_dataset(tmp_path / "set", [{"id": "t", "text": STORY}], [{"id": "t", "body": STORY}])
    if broken == "no-truth":
        (dataset / "truth.jsonl").unlink()
    else:
        (dataset / "truth.jsonl").write_text("{oops\n")
    run = cleaner("eval", str(dataset))
    assert run.returncode == 2 and message in run.stderr
