"""The set of profiles in force: loaded from folders, checked as a whole, indexed for lookup.

Checks that need every profile at once live here: an outlet defined twice in one folder, a domain
claimed by two outlets, `extends` naming a missing profile or forming a cycle, `disable` naming a
rule that does not exist. A broken profile stops the run with a ProfileError; it is never skipped.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from .patterns import PatternError, PatternSet
from .profile_schema import load_profile
from .profiles import (
    GENERIC,
    Profile,
    ProfileError,
    bundled_profiles_dir,
    merge_with_parents,
    normalise_outlet_name,
)

PROFILES_ENV = "CLEANER_PROFILES"


def profile_dirs_from_env() -> list[Path]:
    """Folders named in CLEANER_PROFILES (separated like PATH)."""
    value = os.environ.get(PROFILES_ENV, "")
    return [Path(p) for p in value.split(os.pathsep) if p]


@dataclass(frozen=True)
class ProfileRegistry:
    profiles: dict[str, Profile]  # outlet id -> profile with parents merged in
    by_name: dict[str, str]  # normalised outlet id or name -> outlet id
    by_domain: dict[str, str]  # domain -> outlet id
    signature_owner: tuple[str, ...]  # outlet id of each signature pattern, in set order
    signatures: PatternSet

    @classmethod
    def load(cls, dirs: Sequence[Path | str] = (), bundled: bool = True) -> "ProfileRegistry":
        """Profiles from the bundled folder, then each dir in order.

        With bundled=False only the bundled generic profile is kept from the bundled folder:
        the generic heuristics stay on whatever profiles a user brings.
        """
        bundled_dir = bundled_profiles_dir()
        folders = [(bundled_dir, None if bundled else f"{GENERIC}.yaml")] + [(Path(d), None) for d in dirs]
        raw, errors = _read_folders(folders)
        merged = _resolve_extends(raw, errors)
        _check_references(merged, errors)
        if GENERIC not in merged:
            merged[GENERIC] = Profile(outlet=GENERIC, path="(built in)")
        by_domain = _index_domains(merged, errors)
        if errors:
            raise ProfileError(errors)
        owners = [p.outlet for p in merged.values() for _ in p.signatures]
        sources = [s for p in merged.values() for s in p.signatures]
        by_name = {}
        for p in merged.values():
            by_name[normalise_outlet_name(p.outlet)] = p.outlet
            if p.name:
                by_name[normalise_outlet_name(p.name)] = p.outlet
        try:
            signatures = PatternSet.build(sources)
        except PatternError as exc:
            raise ProfileError([f"signatures of all profiles: {exc}"]) from None
        return cls(merged, by_name, by_domain, tuple(owners), signatures)

    @property
    def generic(self) -> Profile:
        return self.profiles[GENERIC]

    def named(self, name: str) -> Profile | None:
        outlet = self.by_name.get(normalise_outlet_name(name))
        return self.profiles.get(outlet) if outlet else None

    def for_host(self, host: str) -> Profile | None:
        """The profile claiming host or one of its parent domains (news.example.com -> example.com)."""
        host = host.lower().rstrip(".")
        parts = host.split(".")
        for i in range(len(parts) - 1):
            outlet = self.by_domain.get(".".join(parts[i:]))
            if outlet:
                return self.profiles[outlet]
        return None

    def by_signature(self, text: str) -> Profile | None:
        hits = self.signatures.matching(text)
        return self.profiles[self.signature_owner[hits[0]]] if hits else None


def _profile_files(folder: Path, only: str | None) -> list[Path]:
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    return [p for p in files if only is None or p.name == only]


def _read_folders(folders: Iterable[tuple[Path, str | None]]) -> tuple[dict[str, Profile], list[str]]:
    """Load every profile (or just the named file); a later folder replaces an earlier outlet."""
    profiles: dict[str, Profile] = {}
    errors: list[str] = []
    for folder, only in folders:
        if not folder.is_dir():
            errors.append(f"{folder}:1: (folder): profile folder not found")
            continue
        seen_here: dict[str, str] = {}
        for path in _profile_files(folder, only):
            try:
                profile = load_profile(path)
            except ProfileError as exc:
                errors += exc.messages
                continue
            if profile.outlet in seen_here:
                errors.append(f"{path}:{profile.lines.get('outlet', 1)}: outlet: '{profile.outlet}' is also defined in {seen_here[profile.outlet]}")
                continue
            seen_here[profile.outlet] = str(path)
            profiles[profile.outlet] = profile
    return profiles, errors


def _resolve_extends(raw: dict[str, Profile], errors: list[str]) -> dict[str, Profile]:
    merged: dict[str, Profile] = {}

    def resolve(outlet: str, chain: tuple[str, ...]) -> Profile | None:
        if outlet in merged:
            return merged[outlet]
        profile = raw[outlet]
        parents = []
        for parent in profile.extends:
            if parent in chain:
                errors.append(f"{profile.path}:{profile.lines.get('extends', 1)}: extends: cycle {' -> '.join(chain + (parent,))}")
                return None
            if parent not in raw:
                errors.append(f"{profile.path}:{profile.lines.get('extends', 1)}: extends: no profile '{parent}'")
                return None
            resolved = resolve(parent, chain + (parent,))
            if resolved is None:
                return None
            parents.append(resolved)
        merged[outlet] = merge_with_parents(profile, parents)
        return merged[outlet]

    for outlet in raw:
        resolve(outlet, (outlet,))
    return merged


def _check_references(profiles: dict[str, Profile], errors: list[str]) -> None:
    """`disable` must name rules that exist: a typo would silently leave a rule on."""
    from .filter import CODE_RULE_IDS  # the filter stage owns the code heuristics' ids

    generic = profiles.get(GENERIC)
    known = set(CODE_RULE_IDS) | set(generic.rule_ids() if generic else [])
    for profile in profiles.values():
        available = known | set(profile.rule_ids())
        for rule_id in sorted(profile.disable - available):
            errors.append(f"{profile.path}:{profile.lines.get('disable', 1)}: disable: no rule '{rule_id}'")


def _index_domains(profiles: dict[str, Profile], errors: list[str]) -> dict[str, str]:
    by_domain: dict[str, str] = {}
    for profile in profiles.values():
        for domain in profile.domains:
            owner = by_domain.setdefault(domain, profile.outlet)
            if owner != profile.outlet:
                errors.append(
                    f"{profile.path}:{profile.lines.get('domains', 1)}: domains: '{domain}' is also claimed by '{owner}' ({profiles[owner].path})"
                )
    return by_domain
