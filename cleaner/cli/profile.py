"""`cleaner profile check|new|test`: validate every profile in force (bundled and --profiles
folders); `new` and `test` live in their own modules."""
from __future__ import annotations

import argparse

from ..registry import ProfileRegistry
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
    config = config_from_args(args)
    registry = ProfileRegistry.load(config.profile_dirs, bundled=config.bundled_profiles)  # raises ProfileError
    for outlet, profile in sorted(registry.profiles.items()):
        rules = len(profile.rules) + len(profile.remove)
        print(f"ok  {outlet:28s} {rules:3d} rules  {profile.path}")
    print(f"profile check: {len(registry.profiles)} profiles OK")
    return OK
