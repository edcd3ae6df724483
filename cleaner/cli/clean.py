"""`cleaner clean INPUT... [-o OUT]`: clean files, folders, stdin and JSONL records."""
from __future__ import annotations

import argparse
import re
import signal
from contextlib import contextmanager
from dataclasses import dataclass, replace

from ..config import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT
from ..model import Document, Failure, Format, RawRecord
from ..pipeline import Cleaner
from ..progress import Progress
from ..read import InputReader, Item, parse_record
from ..runner import Summary, run
from ..write import JsonlSink, open_sink
from .common import FAILED, OK, USAGE_ERROR, config_from_args, warn

INTERRUPTED = 130  # the shell's code for a run stopped by SIGINT
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)b?\s*$", re.I)


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
    runs = parser.add_argument_group("failures and limits")
    runs.add_argument("--keep-going", action="store_true",
                      help="exit 0 even when some documents failed (they are still reported); the run always "
                           "cleans every document it can either way")
    runs.add_argument("--resume", action="store_true",
                      help="continue an interrupted (or extend a finished) run into the same -o OUT: documents "
                           "already written there are skipped")
    runs.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                      help=f"wall-clock limit per document; a document over it becomes a failure "
                           f"(default {DEFAULT_TIMEOUT:g}; 0: none)")
    runs.add_argument("--max-bytes", type=_size, default=DEFAULT_MAX_BYTES, metavar="SIZE",
                      help=f"size cap per input document, e.g. 500K, 20M (default {DEFAULT_MAX_BYTES:,}; 0: none)")
    parser.set_defaults(run=run_clean)


def _seconds(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if value < 0 or value != value:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}")
    return value or None


def _size(text: str) -> int | None:
    match = _SIZE.match(text)
    if not match:
        raise argparse.ArgumentTypeError(f"not a size (bytes, or with K, M or G): {text!r}")
    number, unit = float(match.group(1)), match.group(2).lower()
    return int(number * {"": 1, "k": 1_000, "m": 1_000_000, "g": 1_000_000_000}[unit]) or None


def add_document_hints(parser: argparse.ArgumentParser) -> None:
    """--outlet, --url and --format: what the inputs do not say about themselves."""
    parser.add_argument("--outlet", default="", help="the outlet of inputs that do not name one (JSONL records may)")
    parser.add_argument("--url", default="", help="the URL of a single input document")
    parser.add_argument("--format", choices=("html", "text"), help="treat file inputs as HTML or text (default: by suffix or content)")


@dataclass(frozen=True)
class DocumentHints:
    """--outlet/--url/--format, for the documents that do not carry their own.

    Called on an item it parses a RawRecord and applies the hints: the batch runner does that in
    the worker that cleans the item, so this must stay a plain picklable object.
    """

    outlet: str = ""
    url: str = ""
    format: Format | None = None

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> "DocumentHints":
        return cls(args.outlet, args.url, args.format)

    def __call__(self, item: Item | RawRecord) -> Item:
        item = parse_record(item)
        if isinstance(item, Document) and (self.outlet or self.url or self.format):
            item = replace(item, outlet=item.outlet or self.outlet, url=item.url or self.url,
                           format=self.format or item.format)
        return item


@contextmanager
def _sigterm_as_interrupt():
    """SIGTERM (a scheduler stopping the job) ends the run like Ctrl-C: output kept for --resume."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_clean(args: argparse.Namespace) -> int:
    if args.resume and args.output in (None, "-"):
        warn("--resume needs an output to resume: -o OUT.jsonl or -o FOLDER")
        return USAGE_ERROR
    cleaner = Cleaner(replace(config_from_args(args), timeout=args.timeout, max_bytes=args.max_bytes))
    reader = InputReader(max_bytes=args.max_bytes, raw_records=True)
    sink = open_sink(args.output, resume=args.resume)
    errors = JsonlSink(args.errors) if args.errors else None
    summary = Summary()

    progress = Progress(args.inputs)

    def write(rendered: object) -> None:
        sink.write_rendered(rendered)
        progress.advance()

    def report(failure: Failure) -> None:
        with progress.paused():
            warn(failure.message())
        if errors:
            errors.write(failure.to_record())
        progress.advance()

    try:
        with _sigterm_as_interrupt(), progress:  # the bar is gone before anything below prints
            run(reader.read(args.inputs), cleaner, sink.render, write, report, jobs=args.jobs,
                prepare=DocumentHints.from_args(args), already_written=sink.written if args.resume else None,
                summary=summary)
    except BrokenPipeError:  # `cleaner clean ... | head`: the reader has all it wants
        raise
    except BaseException as exc:  # interrupted (or a bug): keep everything written so far
        kept = sink.interrupt()
        if errors:
            errors.interrupt()
        warn(f"stopped after {summary.line()}" + (f"; output so far kept in {kept}, run again with --resume "
                                                   "to continue" if kept else ""))
        if isinstance(exc, KeyboardInterrupt):
            return INTERRUPTED
        raise
    sink.close()
    if errors:
        errors.close()
    if reader.skipped:
        warn(f"skipped {len(reader.skipped)} file(s) of unknown type, e.g. {reader.skipped[0]}")
    if reader.archives.skipped:
        warn(f"skipped {reader.archives.describe_skipped()}")
    warn(f"{summary.line()} -> {sink.describe()}")
    return FAILED if summary.failed and not args.keep_going else OK
