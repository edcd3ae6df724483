"""`cleaner golden add OUTLET FILE`: show a sample's explain view, then record it as a golden case
of the outlet (seeds/<outlet>/ and golden/<outlet>/) once a person has said yes."""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from ..explain import explain
from ..golden import Case, find_cases, update_case
from ..model import Document, Failure
from ..pipeline import Cleaner
from ..read import InputReader
from .common import FAILED, OK, USAGE_ERROR, case_folders, config_from_args, use_colour, warn


def register(actions, shared: argparse.ArgumentParser) -> None:
    parser = actions.add_parser("add", parents=[shared], help="record a sample as a new golden case of an outlet",
                                description="Show how FILE is cleaned (the explain view), ask, then copy it to "
                                            "seeds/OUTLET/ and write its golden files.")
    parser.add_argument("outlet", metavar="OUTLET", help="the outlet's profile (name or id)")
    parser.add_argument("file", metavar="FILE", help="one sample page or text (.gz allowed)")
    parser.add_argument("--name", help="the case name inside the outlet's folder (default: FILE's name)")
    parser.add_argument("--yes", action="store_true", help="record without asking (after reviewing the explain view)")
    case_folders(parser)
    parser.set_defaults(run=run_add)


def _one_document(path: str) -> Document | None:
    items = list(InputReader().read([path]))
    if len(items) != 1 or isinstance(items[0], Failure):
        reason = items[0].message() if items and isinstance(items[0], Failure) else f"{path}: give one page or text, not {len(items)} records"
        warn(reason)
        return None
    return items[0]


def _confirmed(args: argparse.Namespace) -> bool:
    if args.yes:
        return True
    if not sys.stdin.isatty():
        warn("not recorded: review the view above, then run again with --yes (no terminal to ask on)")
        return False
    return input("Record this output as the golden case? [y/N] ").strip().lower() in ("y", "yes")


def run_add(args: argparse.Namespace) -> int:
    cleaner = Cleaner(config_from_args(args))
    profile = cleaner.registry.named(args.outlet)
    if profile is None:
        warn(f"no profile named {args.outlet!r} (see `cleaner profile check`)")
        return USAGE_ERROR
    document = _one_document(args.file)
    if document is None:
        return USAGE_ERROR
    result = cleaner.clean_document(document)
    print(explain(result, source=args.file, colour=use_colour()))
    if result.profile != profile.outlet:
        warn(f"{args.file} is cleaned with profile {result.profile!r}, not {profile.outlet!r}: give the profile the "
             "page's domain or a signature of its text first, so that the golden check picks it too")
        return FAILED
    source = Path(args.file)
    name = args.name or source.name.split(".")[0]
    seed = args.seeds / profile.outlet / (name + "".join(source.suffixes))
    existing = find_cases(args.seeds, args.golden) if args.seeds.is_dir() else []
    if any(c.name == f"{profile.outlet}/{name}" for c in existing):
        warn(f"a case {profile.outlet}/{name} exists already; pick another --name")
        return USAGE_ERROR
    if not _confirmed(args):
        return FAILED
    seed.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, seed)
    case = Case(f"{profile.outlet}/{name}", seed, args.golden)
    update_case(cleaner, case)
    print(f"recorded {seed} -> {case.text_path}, {case.meta_path}; `cleaner profile test {profile.outlet}` checks it")
    return OK
