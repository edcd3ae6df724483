"""Lines that recur across an outlet's samples: the template as it shows in the text.

* a line found in enough samples, never part of a story, always at the same place against the
  story (before, inside or after it) and never a sample's headline is a template line
  (`drop_lines`): two stories of one event may share a headline or a standfirst, but not its
  place in the template. A sentence-like line must be in every sample (an author's bio is in
  that author's pages only), and a byline or date line is a shape (see `shapes`), not a line,
  nor is a line opened by a template label;
* a run of three or more such lines, the same in every sample, is one block (`drop_between`);
* a template line after which no sample has any story is a marker (`cut_after`, as a tail
  marker so that it only counts once most of the story is behind it); one before which no
  sample has any story is a `cut_before` marker;
* a short label opening lines whose rest varies ("READ NEXT: <headline>") is a prefix rule.

Only what the generic path leaves in at least one sample becomes a rule: the draft adds to the
generic rules, it does not repeat them.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..heuristics.signals import is_prose, normalise
from .candidates import Candidate, escape, literal_line, slug
from .samples import Sample, label, needed, template_labels
from .shapes import line_shape

MAX_LINE_CHARS = 300  # longer recurring text is not a template line but a shared passage
MIN_RUN = 3
MAX_LINE_RULES = 12  # a draft a person reviews in minutes
PREFIX_MAX_WORDS = 30  # a prefix rule only removes lines this short


@dataclass
class TemplateLines:
    """Template line keys, where they occur, and one original text for each."""

    where: dict[str, list[int]]  # key -> indexes of the samples holding it
    text: dict[str, str]

    @classmethod
    def find(cls, samples: list[Sample]) -> "TemplateLines":
        where: dict[str, set[int]] = defaultdict(set)
        places: dict[str, set[str]] = defaultdict(set)
        text: dict[str, str] = {}
        for n, sample in enumerate(samples):
            for i, (key, block) in enumerate(zip(sample.keys, sample.blocks)):
                where[key].add(n)
                places[key].add(sample.position(i))
                text.setdefault(key, block.text)
        story = {s.keys[i] for s in samples for i in s.story}
        labelled = template_labels(samples)
        shaped = {s.keys[i] for s in samples for i, b in enumerate(s.blocks) if line_shape(s, b.text)}
        titles = {normalise(s.result.title) for s in samples if s.result.title}
        keep = {
            key: sorted(found) for key, found in where.items()
            if len(found) >= needed(samples) and key not in story and key not in shaped
            and len(key) <= MAX_LINE_CHARS and not key.isspace() and len(places[key]) == 1
            and normalise(text[key]) not in titles and (len(found) == len(samples) or not is_prose(text[key]))
            and label(text[key]) not in labelled
        }
        return cls(keep, {key: text[key] for key in keep})

    def in_all(self, samples: list[Sample]) -> list[str]:
        return [key for key, found in self.where.items() if len(found) == len(samples)]


def _kept(sample: Sample, indexes) -> int:
    return sum(sample.blocks[i].kept for i in indexes)


def cut_after(samples: list[Sample], lines: TemplateLines) -> tuple[Candidate | None, set[str]]:
    """The marker after which every sample holds no story, removing most; and the keys it covers."""
    best, best_gain, positions = None, 0, []
    for key in lines.in_all(samples):
        found = []
        for sample in samples:
            start = min(sample.story, default=-1)
            after_story = [i for i in sample.indexes_of(key) if i > start]
            if not after_story or any(i > after_story[0] for i in sample.story):
                break
            found.append(after_story[0])
        else:
            gain = sum(_kept(s, range(p, len(s.blocks))) for s, p in zip(samples, found))
            if gain > best_gain:
                best, best_gain, positions = key, gain, found
    if best is None:
        return None, set()
    covered = _keys_between(samples, [(p, len(s.blocks)) for s, p in zip(samples, positions)])
    rule = Candidate("cut_after", slug(lines.text[best]), (literal_line(lines.text[best]),), options={"tail": True})
    return rule, covered


def cut_before(samples: list[Sample], lines: TemplateLines) -> tuple[Candidate | None, set[str]]:
    """The marker before which every sample holds no story, removing most; and the keys it covers."""
    best, best_gain, positions = None, 0, []
    for key in lines.in_all(samples):
        found = [s.indexes_of(key)[0] for s in samples]
        if any(i <= p for s, p in zip(samples, found) for i in s.story):
            continue
        gain = sum(_kept(s, range(p + 1)) for s, p in zip(samples, found))
        if gain > best_gain:
            best, best_gain, positions = key, gain, found
    if best is None:
        return None, set()
    covered = _keys_between(samples, [(0, p + 1) for p in positions])
    return Candidate("cut_before", slug(lines.text[best]), (literal_line(lines.text[best]),)), covered


def _keys_between(samples: list[Sample], spans: list[tuple[int, int]]) -> set[str]:
    """Keys that, in every sample holding them, occur only inside that sample's span."""
    inside: dict[str, bool] = {}
    for sample, (start, end) in zip(samples, spans):
        for i, key in enumerate(sample.keys):
            inside[key] = inside.get(key, True) and start <= i < end
    return {key for key, yes in inside.items() if yes}


def template_blocks(samples: list[Sample], lines: TemplateLines, covered: set[str]) -> list[Candidate]:
    """Runs of template lines that are the same in enough samples become drop_between rules;
    the other template lines that the generic path leaves in become drop_lines rules."""
    open_keys = {k for k in lines.where if k not in covered}
    runs: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for n, sample in enumerate(samples):
        for run in _runs(sample.keys, open_keys):
            runs[run].add(n)
    rules, in_runs = [], set()
    for run, found in runs.items():
        if len(found) >= needed(samples) and run[0] != run[-1] and _leaks(samples, set(run)):
            first, last = lines.text[run[0]], lines.text[run[-1]]
            rules.append(Candidate("drop_between", slug(first), (literal_line(first),), (literal_line(last),)))
            in_runs |= set(run)
    singles = [k for k in open_keys - in_runs if _leaks(samples, {k})]
    singles.sort(key=lambda k: -sum(_kept(s, s.indexes_of(k)) for s in samples))
    for key in singles[:MAX_LINE_RULES]:
        rules.append(Candidate("drop_lines", slug(lines.text[key]) or "line", (literal_line(lines.text[key]),)))
    return rules


def _runs(keys: list[str], template: set[str]) -> list[tuple[str, ...]]:
    runs, current = [], []
    for key in keys + [None]:
        if key in template:
            current.append(key)
            continue
        if len(current) >= MIN_RUN:
            runs.append(tuple(current))
        current = []
    return runs


def _leaks(samples: list[Sample], keys: set[str]) -> bool:
    """Whether the generic path keeps any block with one of these keys in some sample."""
    return any(b.kept and k in keys for s in samples for k, b in zip(s.keys, s.blocks))


def prefixes(samples: list[Sample]) -> list[Candidate]:
    """Template labels ("READ NEXT: ...") that the generic path leaves in and that open no story line."""
    labels = template_labels(samples)
    opened = [(label(b.text), i in s.story, b.kept) for s in samples for i, b in enumerate(s.blocks)]
    in_story = {found for found, story, _ in opened if story}
    leaked = {found for found, _, kept in opened if kept}
    return [
        Candidate("drop_lines", slug(found), ("^" + escape(found),), options={"max_words": PREFIX_MAX_WORDS})
        for found in sorted(labels & leaked - in_story)
    ]
