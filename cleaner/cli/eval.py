"""`cleaner eval DATASET`: body P/R/F1 and metadata accuracy on your own labelled pages.

The pages are cleaned exactly as `cleaner clean` would clean them (same reader, same batch
runner, same profiles), then scored against `truth.jsonl`; see `cleaner.evaluate` for the form
and the metric. `--compare trafilatura` scores trafilatura's default extraction on the same
pages in the same run, so the two lines can be read side by side.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from ..evaluate import (
    DatasetError,
    Prediction,
    Summary,
    by_outlet,
    load_truth,
    page_records,
    pages_file,
    score_all,
    trafilatura_prediction,
)
from ..model import Failure
from ..read import InputReader
from ..runner import outcomes
from .common import FAILED, OK, USAGE_ERROR, config_from_args, warn

PEERS = {"trafilatura": trafilatura_prediction}


def register(subparsers, shared: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "eval", parents=[shared], help="measure accuracy on labelled pages",
        description="Clean DATASET/pages.jsonl.gz and score it against DATASET/truth.jsonl: body precision, "
                    "recall and F1 (4-gram shingles, macro-averaged) and title/authors/date accuracy.",
    )
    parser.add_argument("dataset", metavar="DATASET", help="a folder with pages.jsonl.gz (or pages.jsonl) and truth.jsonl")
    parser.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="worker processes (default 1)")
    parser.add_argument("--compare", choices=sorted(PEERS), action="append", default=[],
                        help="also score this extractor on the same HTML pages")
    parser.add_argument("--per-outlet", action="store_true", help="one line per outlet")
    parser.add_argument("--worst", type=int, default=0, metavar="N", help="list the N documents of lowest body F1")
    parser.set_defaults(run=run_eval)


def _cleaned(dataset: Path, args: argparse.Namespace) -> tuple[dict[str, Prediction], dict[str, str], int]:
    """Predictions and outlets by id, and how many documents failed (reported on stderr)."""
    predictions, outlets, failed = {}, {}, 0
    documents = InputReader().read([str(pages_file(dataset))])
    for outcome in outcomes(documents, config_from_args(args), jobs=args.jobs):
        if isinstance(outcome, Failure):
            failed += 1
            warn(outcome.message())
            continue
        predictions[outcome["id"]] = Prediction.from_record(outcome)
        outlets[outcome["id"]] = outcome["outlet"]
    return predictions, outlets, failed


def run_eval(args: argparse.Namespace) -> int:
    dataset = Path(args.dataset)
    try:
        truth = load_truth(dataset)
        predictions, outlets, failed = _cleaned(dataset, args)
        peers = {name: {str(r["id"]): PEERS[name](r) for r in page_records(dataset)} for name in args.compare}
    except (DatasetError, OSError) as exc:
        warn(str(exc))
        return USAGE_ERROR
    unlabelled = sorted(set(predictions) - set(truth))
    if unlabelled:
        warn(f"{len(unlabelled)} page(s) have no truth and are not scored, e.g. {unlabelled[0]}")
    scores = score_all(truth, predictions, outlets)
    missing = sum(doc_id not in predictions for doc_id in truth)
    print(f"{dataset.name}: {len(truth)} documents, {missing} without output ({failed} failed)")
    print(Summary.of(scores).line("cleaner"))
    for name, found in peers.items():
        print(Summary.of(score_all(truth, found, outlets)).line(name))
    if args.per_outlet:
        for outlet, summary in by_outlet(scores).items():
            print(summary.line(f"  {outlet}") + f"  ({summary.documents})")
    for score in sorted(scores, key=lambda s: s.f1)[: args.worst]:
        wrong = ", ".join(name for name, right in score.metadata.items() if not right)
        print(f"    worst {score.id}: P {score.precision:.3f} R {score.recall:.3f}" + (f"  wrong: {wrong}" if wrong else ""))
    return FAILED if missing else OK
