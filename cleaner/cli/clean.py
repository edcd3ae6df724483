"""`cleaner clean INPUT... [-o OUT]`: clean files, folders, stdin and JSONL records."""
from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from ..model import Document, Failure
from ..progress import Progress
from ..read import InputReader
from ..runner import run
from ..write import JsonlSink, committed, open_sink
from .common import FAILED, OK, config_from_args, warn


def register(subparsers, shared: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "clean", parents=[shared], help="clean documents",
        description="Clean raw pages or texts. INPUT: .txt/.html/.htm files (or .gz), .jsonl(.gz) records "
                    "{id, url?, outlet?, html|text}, .warc(.gz) web archives, folders (walked recursively) or - for stdin.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT")
    parser.add_argument("-o", "--output", metavar="OUT",
                        help="OUT.jsonl (or .jsonl.gz): one JSON record per document; a folder: one .txt per "
                             "document; default: JSONL on stdout")
    parser.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="worker processes (default 1)")
    parser.add_argument("--errors", metavar="FILE", help="also write failures as JSONL records {id, source, stage, reason}")
    add_document_hints(parser)
    parser.set_defaults(run=run_clean)


def add_document_hints(parser: argparse.ArgumentParser) -> None:
    """--outlet, --url and --format: what the inputs do not say about themselves."""
    parser.add_argument("--outlet", default="", help="the outlet of inputs that do not name one (JSONL records may)")
    parser.add_argument("--url", default="", help="the URL of a single input document")
    parser.add_argument("--format", choices=("html", "text"), help="treat file inputs as HTML or text (default: by suffix or content)")


def with_hints(items, args):
    """Apply --outlet/--url/--format to documents that do not carry their own."""
    for item in items:
        if isinstance(item, Document):
            item = replace(item, outlet=item.outlet or args.outlet, url=item.url or args.url,
                           format=args.format or item.format)
        yield item


def run_clean(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    reader = InputReader()
    sink = open_sink(args.output)
    errors = JsonlSink(args.errors) if args.errors else None

    progress = Progress(args.inputs)

    def write(record: dict) -> None:
        sink.write(record)
        progress.advance()

    def report(failure: Failure) -> None:
        with progress.paused():
            warn(failure.message())
        if errors:
            errors.write(failure.to_record())
        progress.advance()

    with committed(sink, errors), progress:
        summary = run(with_hints(reader.read(args.inputs), args), config, write, report, jobs=args.jobs)
    if reader.skipped:
        warn(f"skipped {len(reader.skipped)} file(s) of unknown type, e.g. {reader.skipped[0]}")
    if reader.archives.skipped:
        warn(f"skipped {reader.archives.describe_skipped()}")
    print(f"cleaner: {summary.line()} -> {sink.describe()}", file=sys.stderr)
    return FAILED if summary.failed else OK
