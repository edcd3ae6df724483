"""Patterns from profiles, compiled for a linear-time engine.

Profile patterns run on untrusted text, so they are compiled with RE2 (google-re2): matching
time grows linearly with the input whatever the pattern, and constructs that need backtracking
(backreferences, lookaround) are refused when the profile is loaded instead of hanging a batch
later. Line patterns are also gathered in `re2.Set`s (an outlet's own, and the generic one every
outlet shares), so a block is matched against all the patterns of a set in a single pass.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

import re2

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # errors are reported by the caller, with file, line and field
MAX_PATTERN_LENGTH = 2000


class PatternError(ValueError):
    """A pattern that cannot be compiled by the linear-time engine."""


def compile_pattern(source: str):
    """Compile one profile pattern, or raise PatternError saying why it is refused."""
    if not isinstance(source, str) or not source:
        raise PatternError("a pattern must be a non-empty string")
    if len(source) > MAX_PATTERN_LENGTH:
        raise PatternError(f"pattern longer than {MAX_PATTERN_LENGTH} characters")
    try:
        return re2.compile(source, options=_OPTIONS)
    except re2.error as exc:
        detail = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise PatternError(f"not a valid linear-time (RE2) pattern: {detail}") from None


@dataclass(frozen=True)
class PatternSet:
    """Many patterns matched together: `matching(text)` tells which of them occur in text."""

    sources: tuple[str, ...]
    _set: object

    @classmethod
    def build(cls, sources: Sequence[str]) -> "PatternSet":
        matcher = re2.Set.SearchSet(_OPTIONS)
        for source in sources:
            matcher.Add(source)
        if sources:
            matcher.Compile()
        return cls(tuple(sources), matcher)

    def matching(self, text: str) -> list[int]:
        """Indexes (into `sources`) of the patterns found in text, in ascending order."""
        found = self._set.Match(text) if self.sources else None
        return sorted(found) if found else []

    def found_in(self, texts: Iterable[str]) -> Iterator[tuple[int, list[int]]]:
        """(position, `matching(text)`) of each of the texts some pattern is found in: the loop
        over a document's blocks, with the per-call work of `matching` done once."""
        if not self.sources:
            return
        match = self._set.Match
        for position, text in enumerate(texts):
            found = match(text.encode())  # bytes go to the engine as they are
            if found:
                yield position, sorted(found)
