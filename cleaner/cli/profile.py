"""`cleaner profile check|new|test`: validate every profile in force (bundled and --profiles
folders) and compile its rules as a run would; `new` and `test` live in their own modules."""
from __future__ import annotations

import argparse

from ..pipeline import Cleaner
from . import profile_new, profile_test
from .common import OK, config_from_args


def register(subparsers, shared: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("profile", help="work with outlet profiles")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    check = actions.add_parser("check", parents=[shared], help="validate profiles: YAML, fields, patterns, duplicates")
    check.set_defaults(run=run_check)
    profile_new.register(actions, shared)
    profile_test.register(actions, shared)


def run_check(args: argparse.Namespace) -> int:
    cleaner = Cleaner(config_from_args(args))  # raises ProfileError
    cleaner.compile_all()  # as a run would: a profile's patterns must also fit in one set
    for outlet, profile in sorted(cleaner.registry.profiles.items()):
        rules = len(profile.rules) + len(profile.remove)
        print(f"ok  {outlet:28s} {rules:3d} rules  {profile.path}")
    print(f"profile check: {len(cleaner.registry.profiles)} profiles OK")
    return OK
