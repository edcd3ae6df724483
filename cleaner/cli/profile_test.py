"""`cleaner profile test OUTLET`: run the outlet's golden cases (seeds/<outlet>/ against golden/)."""
from __future__ import annotations

import argparse

from ..registry import ProfileRegistry
from .common import USAGE_ERROR, case_folders, config_from_args, warn
from .golden import cases_named, check_cases


def register(actions, shared: argparse.ArgumentParser) -> None:
    parser = actions.add_parser("test", parents=[shared], help="run an outlet's golden cases (seeds/OUTLET/)")
    parser.add_argument("outlet", metavar="OUTLET", help="the outlet's profile (name or id)")
    case_folders(parser)
    parser.set_defaults(run=run_test)


def run_test(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    profile = ProfileRegistry.load(config.profile_dirs, bundled=config.bundled_profiles).named(args.outlet)
    if profile is None:
        warn(f"no profile named {args.outlet!r} (see `cleaner profile check`)")
        return USAGE_ERROR
    cases = cases_named(args, [profile.outlet])
    return USAGE_ERROR if cases is None else check_cases(cases, config)
