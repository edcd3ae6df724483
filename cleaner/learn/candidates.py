"""A rule proposed by learning, before it is checked against the samples, and pattern helpers.

Learned patterns are RE2 (the profile loader compiles them so): literal text is escaped here,
numbers become `\\d+` so that "12 comments" and "3 comments" are one line of the template.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_SPECIAL = set(r"\.^$|?*+()[]{}")
_SLUG_WORD = re.compile(r"[a-z0-9]+")
_NUMBER = re.compile(r"\d+")


@dataclass
class Candidate:
    """One rule of the draft. `kind` is a profile field: drop_lines, cut_after, ..., remove or container."""

    kind: str
    name: str  # the rule's id within the outlet, before de-duplication
    patterns: tuple[str, ...]
    end_patterns: tuple[str, ...] = ()  # drop_between only
    options: dict = field(default_factory=dict)  # tail, max_words, ...
    fired: int = 0  # samples in which the checked rule removed something (a container: matched)
    removed: list[str] = field(default_factory=list)  # what it removed (a container: left out), first pieces
    added: list[str] = field(default_factory=list)  # a container: what it holds that the generic path missed


def escape(text: str) -> str:
    """`text` as an RE2 pattern matching it literally."""
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in text)


def literal_line(text: str) -> str:
    """A pattern for exactly this line, any number standing for any number."""
    parts = _NUMBER.split(text)
    return "^" + r"\d+".join(escape(part) for part in parts) + "$"


def slug(text: str, words: int = 4) -> str:
    """A rule id from text: its first few words, lowercased ('More from The Nation' -> 'more-from-the-nation')."""
    return "-".join(_SLUG_WORD.findall(text.lower())[:words])


def unique_names(candidates: list[Candidate]) -> None:
    """Give every candidate an id that is unique in the profile and has the id shape."""
    used: set[str] = set()
    for candidate in candidates:
        base = candidate.name or candidate.kind.replace("_", "-")
        name, n = base, 1
        while name in used:
            n += 1
            name = f"{base}-{n}"
        candidate.name = name
        used.add(name)
