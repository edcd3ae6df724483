"""One frozen configuration shared by the Python API, the CLI and the batch workers.

Every option is defined here once; the CLI maps its flags onto these fields and workers receive
the same object, so a setting cannot mean one thing in one entry point and another elsewhere.
"""
from __future__ import annotations

from dataclasses import dataclass

DEFAULT_TIMEOUT = 30.0  # seconds; a news page takes milliseconds, so this only stops runaways
DEFAULT_MAX_BYTES = 20_000_000  # the size past which trafilatura gives up on a page too


@dataclass(frozen=True)
class CleanerConfig:
    profile_dirs: tuple[str, ...] = ()  # user profile folders, later ones overriding earlier
    bundled_profiles: bool = True  # the outlet profiles shipped with cleaner (generic is always on)
    # Per-document limits; None switches one off. How firmly each holds depends on the entry
    # point (see `limits`): the batch runner kills a worker that overruns, `Cleaner.clean` stops
    # between stages and, in the main thread, by SIGALRM.
    timeout: float | None = DEFAULT_TIMEOUT  # wall-clock seconds for one document
    max_bytes: int | None = DEFAULT_MAX_BYTES  # size of one input (raw bytes, or UTF-8 of a str)

    def __post_init__(self) -> None:
        if self.timeout is not None and not self.timeout > 0:
            raise ValueError(f"timeout must be a positive number of seconds, got {self.timeout!r}")
        if self.max_bytes is not None and not self.max_bytes > 0:
            raise ValueError(f"max_bytes must be a positive number of bytes, got {self.max_bytes!r}")
