"""The `cleaner` command: one sub-command per module of this package.

Every sub-command shares the profile options (`--profiles DIR`, repeatable and also read from
CLEANER_PROFILES; `--no-bundled-profiles`), mapped onto one CleanerConfig. Exit status: 0 when
everything went well, 1 when some document or check failed, 2 for unusable arguments or profiles.
"""
from __future__ import annotations

import argparse
import sys

from ..profiles import ProfileError
from . import bench, clean, eval, explain, fetch, golden, profile, stats
from .common import USAGE_ERROR, common_options

COMMANDS = (clean, eval, explain, fetch, golden, profile, stats, bench)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cleaner", description="Strip boilerplate from scraped news articles.")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    shared = common_options()
    for command in COMMANDS:
        command.register(subparsers, shared)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except ProfileError as exc:
        print("cleaner: broken profiles:", *exc.messages, sep="\n  ", file=sys.stderr)
        return USAGE_ERROR
    except BrokenPipeError:  # `cleaner clean ... | head` closed the pipe: not an error
        return 0
