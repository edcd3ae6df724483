"""One frozen configuration shared by the Python API, the CLI and the batch workers.

Every option is defined here once; the CLI maps its flags onto these fields and workers receive
the same object, so a setting cannot mean one thing in one entry point and another elsewhere.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CleanerConfig:
    profile_dirs: tuple[str, ...] = ()  # user profile folders, later ones overriding earlier
    bundled_profiles: bool = True  # the outlet profiles shipped with cleaner (generic is always on)
