"""The filter stage: decide, block by block, what is article and what is residue.

Rules run in three phases over one shared `Context`:

1. metadata rules (`title`, `byline`, `date`) of the outlet profile and the generic profile: they
   take title, authors and date out of the text and remove their blocks;
2. the declarative removal rules (`drop_lines`, `cut_after`, `cut_before`, `drop_between`),
   outlet first, then generic, and the boxes walled in by `box` rules' lines;
3. the generic heuristics written as code (see `heuristics`), which need context such as a
   run of headline-like lines after a "Related" marker or a repeated headline.

A rule never deletes a block; it marks it with its id, which is how every removal is explained.
Blocks already removed are invisible to later rules, except where a rule says otherwise.
A rule book's patterns are matched against each block in one RE2 pass per pattern set: the
outlet's own set, then the generic set that every book shares.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Callable, Iterable, Iterator, TypeVar

from . import heuristics
from .heuristics.signals import is_prose, per_document, remember_lines, word_count
from .metadata import parse_authors, parse_date
from .model import Block, Format, Metadata
from .patterns import PatternError, PatternSet, compile_pattern
from .profiles import Profile, ProfileError, TextRule

CODE_RULE_IDS = tuple(h.id for h in heuristics.HEURISTICS)
METADATA_KINDS = ("title", "byline", "date")
REMOVAL_KINDS = ("drop_lines", "cut_after", "cut_before", "drop_between")
MAX_HEURISTIC_PASSES = 4  # each pass removes something or ends the loop: a bound, rarely reached
TAIL_SHARE = 0.5  # a tail marker counts once this share of the story's prose is behind it
HEAD_SHARE = 0.5  # a head marker counts while at most this share of the story's prose is before it
BOX_LINES = 4  # a box between lines of `box` rules holds at most this many kept lines ...
BOX_WORDS = 30  # ... each at most this long: selling points, not story paragraphs
T = TypeVar("T")


@dataclass
class Context:
    """The document as the filter sees it, shared by every rule."""

    blocks: list[Block]
    format: Format
    metadata: Metadata
    profile: Profile
    url: str = ""  # where the document comes from, when the input says
    metadata_blocks: set[int] = field(default_factory=set)  # bylines and dates taken as metadata
    headline_index: int | None = None  # the headline's block in bare text, where the story starts
    rules: dict[str, TextRule] = field(default_factory=dict)  # the declarative rules in force, by id
    removals: int = 0  # blocks removed so far: a pass of the heuristics that adds none changed nothing
    _per_block: dict[Callable, list] = field(default_factory=dict)
    _kept: tuple[int, tuple[int, ...]] = (-1, ())  # (removals, kept indexes) when last found

    def remove(self, index: int, rule_id: str) -> bool:
        block = self.blocks[index]
        if block.removed_by is None:
            block.removed_by = rule_id
            self.removals += 1
            return True
        return False

    def state(self) -> tuple:
        """What heuristics change: which blocks are removed (they are only ever removed, so their
        number tells), the metadata and the headline's place."""
        metadata = self.metadata
        return self.removals, metadata.title, tuple(metadata.authors), metadata.date, self.headline_index

    def per_block(self, compute: Callable[[str], T]) -> list[T]:
        """compute(text) of every block, by block index. Texts do not change while the filter runs,
        so the list is made once per document, however many rules and passes look through it."""
        values = self._per_block.get(compute)
        if values is None:
            values = self._per_block[compute] = [compute(block.text) for block in self.blocks]
        return values

    def removing_rule(self, index: int) -> TextRule | None:
        """The declarative rule that removed the block, if one did (not a heuristic)."""
        return self.rules.get(self.blocks[index].removed_by or "")

    def kept_indexes(self) -> tuple[int, ...]:
        """Indexes of the blocks no rule removed; every heuristic asks, so they are found again only
        after a removal."""
        if self._kept[0] != self.removals:
            self._kept = (self.removals, tuple(i for i, b in enumerate(self.blocks) if b.removed_by is None))
        return self._kept[1]


@dataclass
class Matches:
    """Which blocks each rule's patterns matched: start (or only) patterns, and end patterns."""

    starts: dict[int, list[int]]  # rule index -> block indexes, ascending
    ends: dict[int, list[int]]


@dataclass(frozen=True)
class PatternSection:
    """One compiled pattern set and, for each of its patterns, the rule it belongs to in the
    book (None for a rule the book's profile disables) and whether it is that rule's end pattern."""

    patterns: PatternSet
    owner: tuple[tuple[int, bool] | None, ...]

    @classmethod
    def of_rules(cls, rules: Iterable[TextRule]) -> "PatternSection":
        sources, owner = [], []
        for index, rule in enumerate(rules):
            for source in rule.patterns:
                sources.append(source)
                owner.append((index, False))
            for source in rule.end_patterns:
                sources.append(source)
                owner.append((index, True))
        return cls(PatternSet.build(sources), tuple(owner))

    def for_book(self, offset: int, disabled: frozenset[str], rules: tuple[TextRule, ...]) -> "PatternSection":
        """The same compiled set, its rules placed `offset` further on and the disabled ones left out."""
        return replace(self, owner=tuple(
            None if owned is None or rules[owned[0]].id in disabled else (owned[0] + offset, owned[1])
            for owned in self.owner))


@dataclass(frozen=True)
class RuleBook:
    """The declarative rules in force for one profile, compiled once and reused per document.

    An outlet's book holds its own rules, then the generic rules. The generic rules' patterns are
    compiled once, in the generic book, and shared by every outlet's book, not compiled again into
    each outlet's set: compiling them costs tens of milliseconds, which each worker process would
    otherwise pay again for every outlet it meets."""

    rules: tuple[TextRule, ...]
    compiled: tuple[tuple, ...]  # per rule, its start patterns compiled (for named groups)
    sections: tuple[PatternSection, ...]
    heuristics: tuple[heuristics.Heuristic, ...]
    by_id: dict[str, TextRule]

    @classmethod
    def for_profile(cls, profile: Profile, generic: "RuleBook | None" = None) -> "RuleBook":
        """The book of `profile`, its own rules first, then those of `generic` (the generic
        profile's book; none for the generic profile itself)."""
        disabled = profile.disable
        own = tuple(r for r in profile.rules if r.id not in disabled)
        try:
            sections = [PatternSection.of_rules(own)]
        except PatternError as exc:
            raise ProfileError([f"{profile.path}: {exc}"]) from None
        rules, compiled = own, tuple(tuple(compile_pattern(s) for s in r.patterns) for r in own)
        if generic is not None:
            sections += [s.for_book(len(own), disabled, generic.rules) for s in generic.sections]
            rules, compiled = rules + generic.rules, compiled + generic.compiled
        code = tuple(h for h in heuristics.HEURISTICS if h.id not in disabled)
        enabled = {r.id: r for r in rules if r.id not in disabled}
        return cls(rules, compiled, tuple(sections), code, enabled)

    def match(self, blocks: list[Block]) -> Matches:
        matches = Matches({}, {})
        texts = [block.text.encode() for block in blocks]  # once for every section
        for section in self.sections:
            for block_index, pattern_indexes in section.patterns.found_in(texts):
                for pattern_index in pattern_indexes:
                    owned = section.owner[pattern_index]
                    if owned is None:
                        continue
                    rule_index, is_end = owned
                    found = (matches.ends if is_end else matches.starts).setdefault(rule_index, [])
                    if not found or found[-1] != block_index:
                        found.append(block_index)
        return matches

    def apply(self, context: Context) -> None:
        with per_document():
            self.apply_rules(context)
            self.run_heuristics(context)

    def apply_rules(self, context: Context) -> None:
        """The metadata and declarative removal rules (phases 1 and 2), within `per_document`."""
        context.rules = self.by_id
        remember_lines(block.text for block in context.blocks)
        matches = self.match(context.blocks)
        matched = sorted(matches.starts)  # most rules match nothing: only these are looked at
        for phase in (METADATA_KINDS, REMOVAL_KINDS):
            for index in matched:
                if self.rules[index].kind in phase:
                    _KIND_ACTIONS[self.rules[index].kind](self, context, index, matches)
        _remove_boxed(self, context, matches)

    def run_heuristics(self, context: Context) -> None:
        """Heuristics judge blocks by their place among the kept ones (the top of the text, the run
        before the first prose): a removal can bring another block into such a place. They run
        until nothing changes, so the body is what a second cleaning would leave as well.

        A heuristic is a function of the context: one that changed nothing, asked again about a
        context nothing changed since, would change nothing, so it is not asked (in the last pass,
        only the heuristics up to the last one that removed something run again)."""
        settled: dict[int, tuple] = {}  # heuristic -> the context it last ran on and left as it was
        state = context.state()  # only heuristics change it, so it is taken once after each
        for _ in range(MAX_HEURISTIC_PASSES):
            removals_before = context.removals
            for position, heuristic in enumerate(self.heuristics):
                if settled.get(position) == state:
                    continue
                heuristic.apply(context)
                before, state = state, context.state()
                if state == before:
                    settled[position] = state
            if context.removals == removals_before:
                break


def _kept(context: Context, indexes: Iterable[int]) -> Iterator[int]:
    """The indexes of kept blocks, found as they are asked for (often only the first few are)."""
    return (i for i in indexes if context.blocks[i].kept)


def _drop_lines(book: RuleBook, context: Context, index: int, matches: Matches) -> None:
    """A matched block goes, with `also_previous`/`also_next` kept neighbours. A date or byline
    line already taken as metadata still takes its neighbours (the byline above a date line)."""
    rule = book.rules[index]
    neighbours = rule.also_previous or rule.also_next
    for i in (i for i in matches.starts[index] if context.blocks[i].kept or (neighbours and i in context.metadata_blocks)):
        if rule.max_words and word_count(context.blocks[i].text) > rule.max_words:
            continue
        context.remove(i, rule.id)
        before = _kept(context, range(i - 1, -1, -1))
        after = _kept(context, range(i + 1, len(context.blocks)))
        for j in [*islice(before, rule.also_previous), *islice(after, rule.also_next)]:
            context.remove(j, rule.id)


def _remove_boxed(book: RuleBook, context: Context, matches: Matches) -> None:
    """The few short lines between lines that `box` rules removed go with them, as the upper
    rule's: a subscription offer's selling points ("Unlimited digital access.", "The ePaper.")
    between its prompts. A box opens with two such lines in a row (its heading and a prompt, as
    offers print them): a story's short paragraph between two lone prompts (an appeal in the
    story, the same appeal after it) stays. Lines other rules removed inside are passed over."""
    matched = {i for index, found in matches.starts.items() if book.rules[index].box for i in found}
    walls = sorted(i for i in matched if _is_box_line(context, i))
    for upper, lower in zip(walls, walls[1:]):
        inside = [i for i in range(upper + 1, lower) if context.blocks[i].kept]
        if (inside and len(inside) <= BOX_LINES and _is_box_line(context, upper - 1)
                and all(word_count(context.blocks[i].text) <= BOX_WORDS for i in inside)):
            wall_rule = context.blocks[upper].removed_by
            assert wall_rule is not None  # a wall is a line a box rule removed
            for i in inside:
                context.remove(i, wall_rule)


def _is_box_line(context: Context, index: int) -> bool:
    """Whether a `box` rule removed the block (none before the first)."""
    rule = context.removing_rule(index) if index >= 0 else None
    return rule is not None and rule.box


def _prose_chars(blocks: list[Block]) -> list[int]:
    """Running total of prose characters before each block (kept blocks only)."""
    totals, running = [], 0
    for block in blocks:
        totals.append(running)
        if block.kept and is_prose(block.text):
            running += len(block.text)
    totals.append(running)
    return totals


def _cut_after(book: RuleBook, context: Context, index: int, matches: Matches) -> None:
    """Markers count even when an earlier rule removed them: the cut is about what follows."""
    rule = book.rules[index]
    found = matches.starts[index]
    if rule.tail and found:
        prose = _prose_chars(context.blocks)
        found = [i for i in found if prose[i] > 0 and prose[i] >= TAIL_SHARE * prose[-1]]
    if found:
        first = found[0] + (1 if rule.keep_marker else 0)
        for i in range(first, len(context.blocks)):
            context.remove(i, rule.id)


def _head_markers(context: Context, found: list[int]) -> list[int]:
    """The last of the matches before most of the story's prose, if any (`head` rules)."""
    if not found:
        return []
    prose = _prose_chars(context.blocks)
    return [i for i in found if prose[i] <= HEAD_SHARE * prose[-1]][-1:]


def _cut_before(book: RuleBook, context: Context, index: int, matches: Matches) -> None:
    """The first marker ends the residue. A `head` marker counts only while most of the story is
    still ahead of it (a footer repeating a header link cuts nothing), and the last such marker
    counts: the one nearest the story, after a page header's lists that repeat the marker."""
    rule = book.rules[index]
    found = matches.starts[index]
    if rule.head:
        found = _head_markers(context, found)
    if found:
        for i in range(found[0] + (0 if rule.keep_marker else 1)):
            context.remove(i, rule.id)


def _drop_between(book: RuleBook, context: Context, index: int, matches: Matches) -> None:
    rule = book.rules[index]
    ends = matches.ends.get(index, [])
    after = -1
    for start in list(_kept(context, matches.starts[index])):  # the starts kept before any span goes
        if start <= after:
            continue
        end = next((j for j in ends if j > start), None)
        if end is None:
            return  # an unclosed span is left alone: better residue than lost story
        span = range(start + 1, end) if rule.keep_marker else range(start, end + 1)
        for j in span:
            context.remove(j, rule.id)
        after = end


def _capture(group: str, parse: Callable[[str], object], store: Callable[[Metadata, object], None]):
    """A metadata rule kind: the named group of the first pattern that matches is parsed and stored."""

    def action(book: RuleBook, context: Context, index: int, matches: Matches) -> None:
        """A line may hold both byline and date ("by Jane Doe Feb. 28, 2024 10:00 pm"), so a
        block another metadata rule took is still read. A `head` rule reads only the last match
        before most of the story: the story's own byline, after the teasers' bylines above it;
        the other matches go as the teasers' template."""
        rule = book.rules[index]
        found = [i for i in matches.starts[index] if context.blocks[i].kept or i in context.metadata_blocks]
        read = _head_markers(context, found) if rule.head else found
        for i in found:
            text = context.blocks[i].text.encode()  # searched as bytes: a str costs RE2's wrapper offset bookkeeping
            match = next(filter(None, (p.search(text) for p in book.compiled[index])), None)
            value = parse((match.groupdict().get(group) or match.group(0)).decode()) if match else None
            if not value:
                continue
            context.remove(i, rule.id)
            if i in read:
                store(context.metadata, value)
                context.metadata_blocks.add(i)

    return action


def _store_authors(metadata: Metadata, authors) -> None:
    if not metadata.authors:
        metadata.authors = list(authors)


def _parse_title(text: str) -> str | None:
    return " ".join(text.split()) or None


def _store_title(metadata: Metadata, title) -> None:
    metadata.title = metadata.title or title


def _store_date(metadata: Metadata, date) -> None:
    metadata.date = metadata.date or date


_KIND_ACTIONS = {
    "drop_lines": _drop_lines,
    "cut_after": _cut_after,
    "cut_before": _cut_before,
    "drop_between": _drop_between,
    "title": _capture("title", _parse_title, _store_title),
    "byline": _capture("authors", parse_authors, _store_authors),
    "date": _capture("date", parse_date, _store_date),
}
