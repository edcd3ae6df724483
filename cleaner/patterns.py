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
# A set's compiled program gets a quarter of this memory budget and its matching cache the rest.
# RE2's default (8 MB) left the generic set, 60 patterns, too little room to add any more with
# counted repetitions of letter classes ("[\pL ]{1,40}"), which expand to many instructions.
SET_MAX_MEM = 16 << 20
_SET_OPTIONS = re2.Options()
_SET_OPTIONS.log_errors = False
_SET_OPTIONS.max_mem = SET_MAX_MEM
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
    _set: re2.Set

    @classmethod
    def build(cls, sources: Sequence[str]) -> "PatternSet":
        """The set of the sources (each one already accepted by `compile_pattern`). Raises
        PatternError when together they are too big for the engine's memory budget."""
        matcher = re2.Set.SearchSet(_SET_OPTIONS)
        for source in sources:
            matcher.Add(source)
        if sources:
            try:
                matcher.Compile()
            except re2.error:
                raise PatternError(
                    f"its {len(sources)} patterns together are too big for the linear-time engine "
                    f"({SET_MAX_MEM >> 20} MB): shorten counted repetitions of large classes "
                    "('[\\pL ]{1,40}' is forty copies of every letter)") from None
        return cls(tuple(sources), matcher)

    def matching(self, text: str) -> list[int]:
        """Indexes (into `sources`) of the patterns found in text, in ascending order."""
        found = self._set.Match(text) if self.sources else None
        return sorted(found) if found else []

    def found_in(self, texts: Iterable[bytes]) -> Iterator[tuple[int, list[int]]]:
        """(position, `matching(text)`) of each of the texts some pattern is found in: the loop
        over a document's blocks, with the per-call work of `matching` done once. The texts come
        encoded in UTF-8, as the engine reads them, so a document's blocks are encoded once for
        all its sets."""
        if not self.sources:
            return
        match = self._set.Match
        for position, text in enumerate(texts):
            found = match(text)
            if found:
                yield position, sorted(found)
