"""`cleaner bench [INPUT...]`: throughput beside trafilatura and ftfy, and -j scaling, in one run."""
from __future__ import annotations

import argparse
import platform
import tempfile
from importlib.metadata import version
from pathlib import Path

from ..bench import build, build_corpus, cli_scaling, cores, in_process_timings, memory_run, targets, timing_table
from ..pipeline import Cleaner
from .common import OK, config_from_args, warn


def register(subparsers, shared: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "bench", parents=[shared], help="throughput beside trafilatura.extract and ftfy.fix_text",
        description="Time the HTML path beside trafilatura.extract, the text path beside ftfy.fix_text (one core, "
                    "same documents, same run) and `cleaner clean -j 1` beside `-j N`; print docs/s, MB/s and ratios.",
    )
    parser.add_argument("inputs", nargs="*", metavar="INPUT",
                        help="documents to use instead of the data folder's pages (anything `cleaner clean` reads)")
    parser.add_argument("--data", type=Path, default=Path("../shared/data"),
                        help="folder whose */pages.jsonl.gz hold the HTML pages (default ../shared/data)")
    parser.add_argument("--seeds", type=Path, default=Path("seeds"), help="seed texts added to the text corpus (default seeds/)")
    parser.add_argument("--size", type=float, default=20.0, metavar="MB",
                        help="replicate the HTML and the text corpus each to at least this size (default 20)")
    parser.add_argument("--rounds", type=int, default=1, help="timing rounds, interleaved (the command-line runs too); the fastest counts (default 1)")
    parser.add_argument("-j", "--jobs", type=int, default=2, metavar="N",
                        help="compare `cleaner clean -j N` with -j 1 (default 2; 0 skips the command-line runs)")
    parser.add_argument("--memory", type=float, default=0, metavar="MB",
                        help="also clean the corpus repeated into a JSONL file of MB megabytes (in a temporary "
                             "folder) and report the peak RSS; 1000 checks the 1 GB target (a few minutes)")
    parser.set_defaults(run=run_bench)


def run_bench(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    cleaner = Cleaner(config)
    print(f"cleaner bench: {cores()}; Python {platform.python_version()}, trafilatura {version('trafilatura')}, "
          f"ftfy {version('ftfy')}; cleaner: {build()}")
    corpus = build_corpus(args.inputs, args.data, args.seeds, args.size, warn)
    print("corpus:", *corpus.describe(), sep="\n  ")
    timings = in_process_timings(corpus, cleaner, max(1, args.rounds))
    identical = None
    extra = [arg for d in config.profile_dirs for arg in ("--profiles", d)]
    extra += [] if config.bundled_profiles else ["--no-bundled-profiles"]
    with tempfile.TemporaryDirectory(prefix="cleaner-bench-") as work_dir:
        if args.jobs > 1:
            scaling = cli_scaling(corpus, args.jobs, Path(work_dir), extra, max(1, args.rounds))
            timings += scaling.timings
            identical = scaling.identical
        if args.memory > 0:
            timings.append(memory_run(corpus, args.memory, max(1, args.jobs), Path(work_dir), extra))
    print()
    print(*timing_table(timings), sep="\n")
    print()
    print(*(target.line() for target in targets(timings, args.jobs)), sep="\n")
    if identical is not None:
        print(f"cli: -j {args.jobs} output identical to -j 1 (order and content): {'yes' if identical else 'NO'}")
    return OK
