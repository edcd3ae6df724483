"""Options and helpers shared by the sub-commands."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..config import CleanerConfig
from ..registry import profile_dirs_from_env

OK, FAILED, USAGE_ERROR = 0, 1, 2
INTERRUPTED = 130  # the shell's code for a run stopped by SIGINT


def common_options() -> argparse.ArgumentParser:
    shared = argparse.ArgumentParser(add_help=False)
    group = shared.add_argument_group("profiles")
    group.add_argument("--profiles", action="append", default=[], metavar="DIR",
                       help="a folder of outlet profiles on top of the bundled ones (repeatable; "
                            "also from CLEANER_PROFILES); a later folder overrides an outlet of the same name")
    group.add_argument("--no-bundled-profiles", action="store_true",
                       help="use only your own profiles (the generic heuristics stay on)")
    return shared


def case_folders(parser: argparse.ArgumentParser) -> None:
    """--seeds and --golden: where the golden cases and their expected outputs live."""
    parser.add_argument("--seeds", default="seeds", type=Path, help="folder of raw inputs (default seeds/)")
    parser.add_argument("--golden", default="golden", type=Path, help="folder of golden files (default golden/)")


def config_from_args(args: argparse.Namespace) -> CleanerConfig:
    dirs = [str(d) for d in profile_dirs_from_env()] + list(args.profiles)
    return CleanerConfig(profile_dirs=tuple(dirs), bundled_profiles=not args.no_bundled_profiles)


def use_colour(stream=sys.stdout) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def warn(message: str) -> None:
    print(f"cleaner: {message}", file=sys.stderr)
