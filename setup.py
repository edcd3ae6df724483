"""The build: the pipeline's per-line modules compiled to C with mypyc, or left as Python.

The text path spends its time in Python glue run for every line (signals, the heuristics, the
filter's loops). mypyc compiles these modules from the same type-annotated source, so there is
one implementation: the compiled modules give the same results, faster. Everything is declared
in pyproject.toml; this file only adds the compiled modules.

* `CLEANER_PURE_PYTHON=1` installs the Python modules alone (no C compiler needed).
* Where compiling fails (no C compiler, no Python headers), the install goes on with the Python
  modules and says so: slower, the same output.
* An editable install (`pip install -e .`) puts the compiled modules next to their sources,
  where Python prefers them: after editing one of the modules below, install again (or install
  with `CLEANER_PURE_PYTHON=1` while developing); `tests/test_build.py` fails on a stale one.
"""
import os
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

# The modules run for every line of every document, or for every document: repair, resolve,
# segment, the filter with its patterns and heuristics, the metadata parsers, and the data model
# they share (whose pickled frozen classes stay Python classes: see model.py).
COMPILED_MODULES = [
    "cleaner/filter.py",
    "cleaner/metadata.py",
    "cleaner/model.py",
    "cleaner/patterns.py",
    "cleaner/repair.py",
    "cleaner/resolve.py",
    "cleaner/segment.py",
    *sorted(str(path) for path in Path("cleaner/heuristics").glob("*.py")),
]
# mypy's view of the rest of the package and of the untyped libraries it imports.
MYPY_OPTIONS = ["--ignore-missing-imports", "--follow-imports=silent"]


class BuildCompiledOrPure(build_ext):
    """build_ext that, when a compiled module fails to build, removes the ones already built and
    leaves the Python sources to be used: a partial set would not import."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:  # compiler and linker failures come as several types
            for extension in self.extensions:
                Path(self.get_ext_fullpath(extension.name)).unlink(missing_ok=True)
            self.extensions = []
            self.warn(f"cleaner: compiling with mypyc failed ({error}); installing the pure-Python "
                      "modules, which give the same results more slowly")


def compiled_extensions() -> list:
    if os.environ.get("CLEANER_PURE_PYTHON", "") not in ("", "0"):
        return []
    from mypyc.build import mypycify

    return mypycify([*MYPY_OPTIONS, *COMPILED_MODULES], opt_level="3", group_name="cleaner")


setup(ext_modules=compiled_extensions(), cmdclass={"build_ext": BuildCompiledOrPure})
