"""`cleaner stats INPUT... [--baseline STATS.json] [-o STATS.json]`: per-outlet statistics of a
batch and, against a baseline, the signs of a template change (exit status 1 when flagged)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..model import Failure
from ..read import InputReader
from ..runner import outcomes
from ..stats import OutletStats, Stats, StatsFormatError, collect, compare, from_json, to_json
from ..write import AtomicFile
from .clean import DocumentHints, add_document_hints
from .common import FAILED, OK, USAGE_ERROR, config_from_args, warn

TOP_RULES = 4


def register(subparsers, shared: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "stats", parents=[shared], help="per-outlet rule statistics; flag template changes against a baseline",
        description="Clean the inputs and count, per outlet, how often each rule fired, the share of characters "
                    "removed and the empty or short bodies. With --baseline, flag rules that stopped firing or "
                    "fire far more than before and outlets whose removed share jumped; exit status 1 when "
                    "anything is flagged.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="as for `cleaner clean`")
    parser.add_argument("--baseline", type=Path, metavar="STATS.json", help="statistics of an earlier run to compare with")
    parser.add_argument("-o", "--output", type=Path, metavar="STATS.json", help="write these statistics (a future baseline)")
    parser.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="worker processes (default 1)")
    add_document_hints(parser)
    parser.set_defaults(run=run_stats)


def _records(items, failures: list[Failure]):
    for outcome in items:
        if isinstance(outcome, Failure):
            warn(outcome.message())
            failures.append(outcome)
        else:
            yield outcome


def _load_baseline(path: Path) -> Stats:
    try:
        return from_json(json.loads(path.read_text(encoding="utf-8")))
    except OSError as exc:
        raise StatsFormatError(f"cannot read: {exc.strerror}") from None
    except ValueError as exc:  # JSON syntax, or StatsFormatError
        raise StatsFormatError(str(exc)) from None


def run_stats(args: argparse.Namespace) -> int:
    try:
        baseline = _load_baseline(args.baseline) if args.baseline else None
    except StatsFormatError as exc:
        warn(f"{args.baseline}: {exc}")
        return USAGE_ERROR
    failures: list[Failure] = []
    documents = map(DocumentHints.from_args(args), InputReader().read(args.inputs))
    stats = collect(_records(outcomes(documents, config_from_args(args), args.jobs), failures))
    for outlet, outlet_stats in sorted(stats.items()):
        print(_summary(outlet, outlet_stats))
    flags = compare(stats, baseline) if baseline is not None else []
    for flag in flags:
        print(flag.line())
    if args.output:
        out = AtomicFile(args.output)
        json.dump({**to_json(stats), "flags": [f.to_record() for f in flags]}, out.stream, ensure_ascii=False, indent=1)
        out.commit()
    if baseline is not None:
        print(f"stats: {len(flags)} flag(s) against {args.baseline}", file=sys.stderr)
    return FAILED if flags or failures else OK


def _summary(outlet: str, stats: OutletStats) -> str:
    top = sorted(stats.rules.items(), key=lambda item: (-item[1].documents, item[0]))[:TOP_RULES]
    rules = ", ".join(f"{rule} {r.documents}" for rule, r in top)
    return (f"{outlet:24s} {stats.documents:5d} docs  removed {stats.removed_share:6.1%}  "
            f"empty {stats.empty}  short {stats.short}  fired: {rules or '-'}")
