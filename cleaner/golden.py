"""Golden files: the reviewed expected output of every raw input the project keeps.

Each file under `seeds/` (text or HTML, also in sub-folders, e.g. one folder of fixtures per
outlet) is a case named by its path without suffix. Its expected output is two files under
`golden/`: NAME.txt, the clean body, and NAME.json, the profile chosen and the metadata. A check
cleans every case and prints a unified diff for each mismatch; only `update` rewrites goldens.
"""
from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path

from .model import Document, Failure, Result
from .pipeline import Cleaner
from .read import DOCUMENT_SUFFIXES, InputReader


@dataclass(frozen=True)
class Case:
    name: str
    source: Path
    golden_dir: Path

    @property
    def text_path(self) -> Path:
        return self.golden_dir / f"{self.name}.txt"

    @property
    def meta_path(self) -> Path:
        return self.golden_dir / f"{self.name}.json"


def find_cases(seeds_dir: Path, golden_dir: Path) -> list[Case]:
    cases = []
    for path in sorted(p for p in seeds_dir.rglob("*") if p.is_file()):
        suffix = Path(path.stem).suffix if path.suffix == ".gz" else path.suffix
        if suffix.lower() in DOCUMENT_SUFFIXES:
            name = path.relative_to(seeds_dir).as_posix()
            name = name[: -len(".gz")] if name.endswith(".gz") else name
            cases.append(Case(name[: -len(suffix)], path, golden_dir))
    return cases


def render_meta(result: Result) -> str:
    meta = {"profile": result.profile, "title": result.title, "authors": result.authors, "date": result.date}
    return json.dumps(meta, ensure_ascii=False, indent=2) + "\n"


def render_text(result: Result) -> str:
    return result.text + "\n" if result.text else ""


def clean_case(cleaner: Cleaner, case: Case) -> Result:
    item = next(InputReader().read([str(case.source)]))
    if isinstance(item, Failure):
        raise ValueError(item.message())
    assert isinstance(item, Document)
    return cleaner.clean_document(item)


def _diff(expected_path: Path, actual: str) -> str:
    expected = expected_path.read_text(encoding="utf-8") if expected_path.exists() else ""
    if expected == actual:
        return ""
    return "".join(difflib.unified_diff(
        expected.splitlines(keepends=True), actual.splitlines(keepends=True),
        fromfile=f"{expected_path} (golden)", tofile=f"{expected_path} (now)",
    ))


def check_case(cleaner: Cleaner, case: Case) -> str:
    """'' when the case matches its golden files, else a readable explanation with diffs."""
    if not case.text_path.exists() or not case.meta_path.exists():
        return f"{case.name}: no golden files yet; review `cleaner explain {case.source}` and run `cleaner golden update {case.name}`\n"
    result = clean_case(cleaner, case)
    return _diff(case.text_path, render_text(result)) + _diff(case.meta_path, render_meta(result))


def update_case(cleaner: Cleaner, case: Case) -> bool:
    """Rewrite a case's golden files; True if they changed."""
    result = clean_case(cleaner, case)
    changed = False
    for path, content in ((case.text_path, render_text(result)), (case.meta_path, render_meta(result))):
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            changed = True
    return changed


def select(cases: list[Case], names: list[str]) -> list[Case]:
    """Cases named exactly, or all cases in a named folder (an outlet's fixtures)."""
    if not names:
        return cases
    chosen = [c for c in cases if c.name in names or any(c.name.startswith(n.rstrip("/") + "/") for n in names)]
    unknown = [n for n in names if not any(c.name == n or c.name.startswith(n.rstrip("/") + "/") for c in cases)]
    if unknown:
        raise KeyError(", ".join(unknown))
    return chosen
