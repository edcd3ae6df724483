"""The compiled build (setup.py, mypyc) against the Python sources it is built from.

An editable install puts the compiled modules next to their sources, and Python prefers them:
one older than its source means an edit that does not run. The compiled modules and the Python
ones must clean alike; the second test cleans the seeds both ways.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

from cleaner import filter as filter_module
from cleaner.bench import build

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "cleaner"
COMPILED = filter_module.__file__.endswith(tuple(EXTENSION_SUFFIXES))
FIELDS = ("id", "title", "authors", "date", "text", "removed")


def _compiled_files() -> list[Path]:
    return sorted({path for suffix in EXTENSION_SUFFIXES for path in PACKAGE.rglob(f"*{suffix}")})


def test_compiled_modules_are_not_older_than_their_sources():
    stale = []
    for compiled in _compiled_files():
        source = compiled.with_name(compiled.name.split(".", 1)[0] + ".py")
        if source.exists() and source.stat().st_mtime > compiled.stat().st_mtime:
            stale.append(str(source.relative_to(ROOT)))
    assert not stale, (f"edited since they were compiled: {stale}; install again (pip install -e .) or "
                       "install with CLEANER_PURE_PYTHON=1 while developing")


def test_build_reports_what_runs():
    assert ("modules compiled with mypyc" in build()) == COMPILED


def _cleaned_seeds(python_path: Path | None, cwd: Path) -> list[dict]:
    environment = {**os.environ, "PYTHONPATH": str(python_path)} if python_path else dict(os.environ)
    finished = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(ROOT / "seeds")], cwd=cwd, env=environment,
                              capture_output=True, text=True, timeout=300, check=True)
    return [{field: record[field] for field in FIELDS} for record in map(json.loads, finished.stdout.splitlines())]


@pytest.mark.skipif(not COMPILED, reason="a pure-Python install: nothing compiled to compare")
def test_the_compiled_modules_clean_like_the_python_sources(tmp_path):
    pure = tmp_path / "pure"
    shutil.copytree(PACKAGE, pure / "cleaner", ignore=shutil.ignore_patterns(*(f"*{s}" for s in EXTENSION_SUFFIXES), "__pycache__"))
    shutil.copytree(ROOT / "profiles", pure / "cleaner" / "bundled_profiles")
    where = subprocess.run([sys.executable, "-c", "import cleaner.filter; print(cleaner.filter.__file__)"], cwd=tmp_path,
                           env={**os.environ, "PYTHONPATH": str(pure)}, capture_output=True, text=True, check=True)
    assert Path(where.stdout.strip()) == pure / "cleaner" / "filter.py"
    python_modules = _cleaned_seeds(pure, cwd=tmp_path)
    compiled_modules = _cleaned_seeds(None, cwd=ROOT)
    assert len(python_modules) == len(compiled_modules) > 0
    assert python_modules == compiled_modules
