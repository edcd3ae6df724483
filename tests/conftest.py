"""Shared fixtures: cleaners built once per session, a helper to write profile folders, a loopback site."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from loopback import Site

from cleaner import Cleaner

PROJECT = Path(__file__).resolve().parent.parent
SHARED_DATA = PROJECT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def generic_cleaner() -> Cleaner:
    """Only the generic profile: what every outlet without a profile gets."""
    return Cleaner(bundled_profiles=False)


@pytest.fixture(scope="session")
def bundled_cleaner() -> Cleaner:
    return Cleaner()


@pytest.fixture
def profile_dir(tmp_path: Path):
    """write(name, yaml_text) -> the folder, holding that profile file."""
    folder = tmp_path / "profiles"
    folder.mkdir()

    def write(name: str, text: str) -> Path:
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
        return folder

    return write


@pytest.fixture
def site():
    """A web site on 127.0.0.1 (tests/loopback.py) for the fetcher, stopped when the test ends."""
    with Site() as running:
        yield running
