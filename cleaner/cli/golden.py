"""`cleaner golden check|update|add`: compare outputs with the reviewed goldens, rewrite them, or
record a new case."""
from __future__ import annotations

import argparse
import sys

from ..config import CleanerConfig
from ..golden import Case, check_case, find_cases, select, update_case
from ..pipeline import Cleaner
from . import golden_add
from .common import FAILED, OK, USAGE_ERROR, case_folders, config_from_args, warn


def register(subparsers, shared: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("golden", help="golden-file checks of seeds/ against golden/")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, helptext, run in (
        ("check", "clean every case and diff it against its golden files", run_check),
        ("update", "rewrite golden files (all, or the NAMEs given) from the current output", run_update),
    ):
        action = actions.add_parser(name, parents=[shared], help=helptext)
        action.add_argument("names", nargs="*", metavar="NAME", help="case names (seeds/ paths without suffix) or folders")
        case_folders(action)
        action.set_defaults(run=run)
    golden_add.register(actions, shared)


def cases_named(args: argparse.Namespace, names: list[str]) -> list[Case] | None:
    """The cases named (all when none is), or None after saying why there are none."""
    if not args.seeds.is_dir():
        warn(f"{args.seeds}: no such folder (run from the project root or pass --seeds)")
        return None
    try:
        return select(find_cases(args.seeds, args.golden), names)
    except KeyError as exc:
        warn(f"no golden case named {exc.args[0]} (record one with `cleaner golden add`)")
        return None


def check_cases(cases: list[Case], config: CleanerConfig) -> int:
    """Clean every case, print a diff for each mismatch and a summary line; the exit status."""
    cleaner = Cleaner(config)
    failures = 0
    for case in cases:
        problem = check_case(cleaner, case)
        if problem:
            failures += 1
            sys.stdout.write(f"MISMATCH {case.name}\n{problem}\n")
    print(f"golden check: {len(cases) - failures} of {len(cases)} cases match")
    return FAILED if failures else OK


def run_check(args: argparse.Namespace) -> int:
    cases = cases_named(args, args.names)
    return USAGE_ERROR if cases is None else check_cases(cases, config_from_args(args))


def run_update(args: argparse.Namespace) -> int:
    cases = cases_named(args, args.names)
    if cases is None:
        return USAGE_ERROR
    cleaner = Cleaner(config_from_args(args))
    changed = [case.name for case in cases if update_case(cleaner, case)]
    for name in changed:
        print(f"updated golden/{name}.txt, .json")
    print(f"golden update: {len(changed)} of {len(cases)} cases changed; review them with git diff")
    return OK
