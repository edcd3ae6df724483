"""`cleaner golden check|update`: compare outputs with the reviewed goldens, or rewrite them."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..golden import check_case, find_cases, select, update_case
from ..pipeline import Cleaner
from .common import FAILED, OK, USAGE_ERROR, config_from_args, warn


def register(subparsers, shared: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("golden", help="golden-file checks of seeds/ against golden/")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, helptext, run in (
        ("check", "clean every case and diff it against its golden files", run_check),
        ("update", "rewrite golden files (all, or the NAMEs given) from the current output", run_update),
    ):
        action = actions.add_parser(name, parents=[shared], help=helptext)
        action.add_argument("names", nargs="*", metavar="NAME", help="case names (seeds/ paths without suffix) or folders")
        action.add_argument("--seeds", default="seeds", type=Path, help="folder of raw inputs (default seeds/)")
        action.add_argument("--golden", default="golden", type=Path, help="folder of golden files (default golden/)")
        action.set_defaults(run=run)


def _cases(args: argparse.Namespace):
    if not args.seeds.is_dir():
        warn(f"{args.seeds}: no such folder (run from the project root or pass --seeds)")
        return None
    try:
        return select(find_cases(args.seeds, args.golden), args.names)
    except KeyError as exc:
        warn(f"no golden case named {exc.args[0]}")
        return None


def run_check(args: argparse.Namespace) -> int:
    cases = _cases(args)
    if cases is None:
        return USAGE_ERROR
    cleaner = Cleaner(config_from_args(args))
    failures = 0
    for case in cases:
        problem = check_case(cleaner, case)
        if problem:
            failures += 1
            sys.stdout.write(f"MISMATCH {case.name}\n{problem}\n")
    print(f"golden check: {len(cases) - failures} of {len(cases)} cases match")
    return FAILED if failures else OK


def run_update(args: argparse.Namespace) -> int:
    cases = _cases(args)
    if cases is None:
        return USAGE_ERROR
    cleaner = Cleaner(config_from_args(args))
    changed = [case.name for case in cases if update_case(cleaner, case)]
    for name in changed:
        print(f"updated golden/{name}.txt, .json")
    print(f"golden update: {len(changed)} of {len(cases)} cases changed; review them with git diff")
    return OK
