"""Statistics of a batch per outlet, and the signs of a template change against a baseline.

An outlet that changes its template shows it in the numbers before anyone reads an output: a
selector or marker that fired on every page stops firing (the class was renamed, the footer
reworded, so residue leaks into the body), a rule fires far more than it did (a new block now
matches it, or a marker moved above the story), or the share of text removed jumps. `collect`
counts, per outlet (the profile that cleaned the document), how often each rule fired, the
share of characters removed and the documents whose body came out empty or suspiciously
short; `compare` holds those numbers against a baseline run and names what moved.

Thresholds (chosen so that one odd page in a batch of a few does not raise a flag):

* a rule that fired in at least WATCH_RATE of the outlet's documents before and now fires in
  at most STOP_RATIO of that rate has *stopped firing*;
* a rule whose firing rate rose by SURGE_RATE (absolute), or whose removed characters per
  document grew SURGE_FACTOR-fold and by at least SURGE_MIN_CHARS, *fires far more*; a rule the
  baseline never saw counts from zero;
* an outlet whose removed share moved by SHARE_JUMP (absolute) has a *removed share jump*;
* an outlet whose share of empty or short bodies rose by SHORT_JUMP has *lost its bodies*.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from .heuristics.signals import word_count

FORMAT_VERSION = 1
SHORT_BODY_WORDS = 50  # a news body shorter than this is probably a failed extraction
WATCH_RATE = 0.3
STOP_RATIO = 0.25
SURGE_RATE = 0.5
SURGE_FACTOR = 3.0
SURGE_MIN_CHARS = 200
SHARE_JUMP = 0.15
SHORT_JUMP = 0.2


@dataclass
class RuleStats:
    documents: int = 0  # documents in which the rule removed something
    removals: int = 0
    chars: int = 0


@dataclass
class OutletStats:
    documents: int = 0
    chars_kept: int = 0
    chars_removed: int = 0
    empty: int = 0
    short: int = 0
    rules: dict[str, RuleStats] = field(default_factory=dict)

    @property
    def removed_share(self) -> float:
        total = self.chars_kept + self.chars_removed
        return self.chars_removed / total if total else 0.0

    def rate(self, rule: str) -> float:
        found = self.rules.get(rule)
        return found.documents / self.documents if found and self.documents else 0.0

    def chars_per_document(self, rule: str) -> float:
        found = self.rules.get(rule)
        return found.chars / self.documents if found and self.documents else 0.0

    def add(self, record: dict) -> None:
        """Count one output record of `cleaner clean` (`text`, `removed`)."""
        text = record.get("text") or ""
        self.documents += 1
        self.chars_kept += len(text)
        self.empty += not text.strip()
        self.short += bool(text.strip()) and word_count(text) < SHORT_BODY_WORDS
        fired = set()
        for removal in record.get("removed", []):
            rule = self.rules.setdefault(removal["rule"], RuleStats())
            rule.removals += 1
            rule.chars += len(removal["text"])
            self.chars_removed += len(removal["text"])
            fired.add(removal["rule"])
        for rule_id in fired:
            self.rules[rule_id].documents += 1


Stats = dict[str, OutletStats]


def collect(records: Iterable[dict]) -> Stats:
    stats: Stats = {}
    for record in records:
        stats.setdefault(record.get("profile") or "generic", OutletStats()).add(record)
    return stats


def to_json(stats: Stats) -> dict:
    return {
        "version": FORMAT_VERSION,
        "outlets": {
            outlet: {
                "documents": s.documents, "chars_kept": s.chars_kept, "chars_removed": s.chars_removed,
                "removed_share": round(s.removed_share, 4), "empty": s.empty, "short": s.short,
                "rules": {rule: vars(r) for rule, r in sorted(s.rules.items())},
            }
            for outlet, s in sorted(stats.items())
        },
    }


class StatsFormatError(ValueError):
    """A baseline file that is not a statistics file written by `cleaner stats`."""


def from_json(data: dict) -> Stats:
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION or not isinstance(data.get("outlets"), dict):
        raise StatsFormatError(f"not a cleaner stats file (version {FORMAT_VERSION})")
    try:
        return {
            outlet: OutletStats(
                documents=int(o["documents"]), chars_kept=int(o["chars_kept"]), chars_removed=int(o["chars_removed"]),
                empty=int(o["empty"]), short=int(o["short"]),
                rules={rule: RuleStats(int(r["documents"]), int(r["removals"]), int(r["chars"])) for rule, r in o["rules"].items()},
            )
            for outlet, o in data["outlets"].items()
        }
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise StatsFormatError(f"malformed outlet entry ({type(exc).__name__}: {exc})") from None


@dataclass(frozen=True)
class Flag:
    """One sign of a template change: the outlet, the rule when one is to blame, and what moved."""

    outlet: str
    rule: str
    message: str

    def line(self) -> str:
        return f"FLAG {self.outlet}: {self.message}"

    def to_record(self) -> dict:
        return {"outlet": self.outlet, "rule": self.rule, "message": self.message}


def compare(current: Stats, baseline: Stats) -> list[Flag]:
    """Flags for every outlet found in both runs (an outlet new to this batch has no history)."""
    flags: list[Flag] = []
    for outlet in sorted(current.keys() & baseline.keys()):
        now, before = current[outlet], baseline[outlet]
        for rule in sorted(before.rules.keys() | now.rules.keys()):
            flags += _rule_flags(outlet, rule, now, before)
        if abs(now.removed_share - before.removed_share) >= SHARE_JUMP:
            flags.append(Flag(outlet, "", f"removed share jumped from {before.removed_share:.0%} to {now.removed_share:.0%}"))
        short_before = (before.empty + before.short) / before.documents if before.documents else 0.0
        short_now = (now.empty + now.short) / now.documents if now.documents else 0.0
        if short_now - short_before >= SHORT_JUMP:
            flags.append(Flag(outlet, "", f"empty or short bodies rose from {short_before:.0%} to {short_now:.0%} of documents"))
    return flags


def _rule_flags(outlet: str, rule: str, now: OutletStats, before: OutletStats) -> list[Flag]:
    rate_before, rate_now = before.rate(rule), now.rate(rule)
    if rate_before >= WATCH_RATE and rate_now <= STOP_RATIO * rate_before:
        return [Flag(outlet, rule, f"rule {rule} stopped firing: in {rate_before:.0%} of documents before, {rate_now:.0%} now")]
    chars_before, chars_now = before.chars_per_document(rule), now.chars_per_document(rule)
    if rate_now - rate_before >= SURGE_RATE:
        return [Flag(outlet, rule, f"rule {rule} fires far more: in {rate_before:.0%} of documents before, {rate_now:.0%} now")]
    if chars_now >= SURGE_FACTOR * chars_before and chars_now - chars_before >= SURGE_MIN_CHARS:
        return [Flag(outlet, rule, f"rule {rule} removes far more: {chars_before:.0f} characters a document before, {chars_now:.0f} now")]
    return []
