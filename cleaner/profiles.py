"""Outlet profiles: what they hold, where they come from, and how they combine.

A profile is one YAML file (see `profile_schema` for the format). Profiles are loaded from the
bundled folder first and then from each user folder in order, a later folder replacing an outlet
of the same id. A profile may `extends` others (a shared CMS template): the parents' rules come
first. The `generic` profile holds the data half of the generic heuristics and applies to every
document after the outlet's own rules; an outlet switches one of its rules off by id (`disable`).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable

GENERIC = "generic"


@dataclass(frozen=True)
class TextRule:
    """A declarative rule over blocks. `kind` says how its patterns act (see filter stage)."""

    id: str
    kind: str  # drop_lines | cut_after | cut_before | drop_between | title | byline | date
    patterns: tuple[str, ...]
    end_patterns: tuple[str, ...] = ()  # drop_between only
    also_previous: int = 0  # drop_lines: also drop this many kept blocks before a match
    also_next: int = 0  # drop_lines: also drop this many kept blocks after a match
    keep_marker: bool = False  # cut_after / cut_before / drop_between: spare the marker block
    tail: bool = False  # cut_after: a marker only counts once most of the story is behind it
    head: bool = False  # cut_before, title, byline, date: only the last match before most of the story counts
    max_words: int = 0  # drop_lines: only blocks this short (0: any length)
    inline: bool = False  # drop_lines: residue found inside stories too (captions): no sign of page template
    box: bool = False  # drop_lines: its lines wall in a box (a subscription offer): the few short lines between go too


@dataclass(frozen=True)
class SelectorRule:
    """HTML nodes matching any CSS selector are removed before extraction."""

    id: str
    selectors: tuple[str, ...]


@dataclass(frozen=True)
class Profile:
    outlet: str
    path: str
    name: str = ""
    description: str = ""
    extends: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    signatures: tuple[str, ...] = ()
    disable: frozenset[str] = frozenset()
    container: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    remove: tuple[SelectorRule, ...] = ()
    title_selector: str = ""
    authors_selector: str = ""
    date_selector: str = ""
    rules: tuple[TextRule, ...] = ()
    lines: dict = field(default_factory=dict, compare=False, repr=False)  # field path -> line

    @property
    def display_name(self) -> str:
        return self.name or self.outlet

    def rule_ids(self) -> list[str]:
        return [r.id for r in self.rules] + [r.id for r in self.remove]


class ProfileError(Exception):
    """One or more profiles are broken. Each message names file, line and field."""

    def __init__(self, messages: Iterable[str]):
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


def bundled_profiles_dir() -> Path:
    """The profiles shipped with cleaner: inside an installed wheel, or the repository's `profiles/`."""
    installed = Path(__file__).resolve().parent / "bundled_profiles"
    return installed if installed.is_dir() else Path(__file__).resolve().parent.parent / "profiles"


def normalise_outlet_name(name: str) -> str:
    """'The Guardian', 'theguardian' and 'the-guardian' all name the same outlet."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


def merge_with_parents(profile: Profile, parents: list[Profile]) -> Profile:
    """The profile with its parents' rules and selectors placed before its own."""
    rules: list[TextRule] = []
    remove: list[SelectorRule] = []
    container: list[str] = []
    keep: list[str] = []
    disable: set[str] = set()
    for parent in parents:
        rules += parent.rules
        remove += parent.remove
        container += parent.container
        keep += parent.keep
        disable |= parent.disable
    def inherited(attr: str) -> str:
        return getattr(profile, attr) or next((getattr(p, attr) for p in parents if getattr(p, attr)), "")

    return replace(
        profile,
        rules=tuple(rules) + profile.rules,
        remove=tuple(remove) + profile.remove,
        container=profile.container or tuple(container),
        keep=tuple(keep) + profile.keep,
        disable=frozenset(disable | profile.disable),
        title_selector=inherited("title_selector"),
        authors_selector=inherited("authors_selector"),
        date_selector=inherited("date_selector"),
    )
