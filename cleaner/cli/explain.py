"""`cleaner explain FILE`: every block of a document, kept or removed and by which rule."""
from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from ..explain import explain
from ..limits import LimitExceeded
from ..model import Failure
from ..pipeline import Cleaner
from ..read import InputReader
from .common import FAILED, OK, config_from_args, use_colour, warn


def register(subparsers, shared: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("explain", parents=[shared], help="show why each block was kept or removed")
    parser.add_argument("file", metavar="FILE", help="a text or HTML file (or - for stdin); for JSONL, every record")
    parser.add_argument("--outlet", default="", help="use this outlet's profile")
    parser.add_argument("--url", default="", help="the page's URL (picks the profile by domain)")
    parser.add_argument("--format", choices=("html", "text"), help="treat the input as HTML or text")
    parser.add_argument("--colour", "--color", choices=("auto", "always", "never"), default="auto")
    parser.set_defaults(run=run_explain)


def run_explain(args: argparse.Namespace) -> int:
    cleaner = Cleaner(config_from_args(args))
    colour = args.colour == "always" or (args.colour == "auto" and use_colour())
    status = OK
    for item in InputReader().read([args.file]):
        if isinstance(item, Failure):
            warn(item.message())
            status = FAILED
            continue
        item = replace(item, outlet=args.outlet or item.outlet, url=args.url or item.url, format=args.format or item.format)
        try:
            result = cleaner.clean_document(item)
        except LimitExceeded as exc:  # a page over a limit is reported like any bad input
            warn(Failure(source=item.source, stage=exc.stage, reason=str(exc), id=item.id).message())
            status = FAILED
            continue
        print(explain(result, source=item.source, colour=colour))
        print()
    sys.stdout.flush()
    return status
