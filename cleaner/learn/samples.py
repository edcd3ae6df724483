"""Sample pages of one outlet as the generic path sees them, and which of their blocks are story.

Learning starts from what cleaning without a profile gives: the blocks the filter judges, which
of them the generic rules already remove, and the page's metadata. Text that recurs across
samples is the outlet's template; text unique to one sample is its story, or residue that
varies (related headlines, author bios). The story is what a learned rule must never touch:

* bare text: from the first to the last unique sentence-like paragraph, every unique or
  sentence-like block (a sentence recurring inside two stories is a shared quote, not template);
* HTML: the story's own paragraphs are found by structure: the elements whose direct children
  hold most of the page's prose are the body; from its first to its last paragraph every unique
  or sentence-like block is story. Unique prose after the body (a bio, teasers of other
  stories) is not story.

Above the story, a sentence-like block or a long unique line may be the standfirst: story too.
A line opened by a template label ("PODCAST: <a headline>", see `template_labels`) is not
unique for this purpose, though its words are: its label places it in the template.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..heuristics.signals import is_prose, normalise, word_count
from ..model import Block, Document, Result
from ..pipeline import Cleaner
from .page import Page

BODY_SHARE = 0.15  # a parent holding this share of the prose (and two paragraphs) is body
STANDFIRST_WORDS = 8  # a unique line this long above the story may be its standfirst
PART_WORDS = 4  # a block this long found inside a known story text is part of it
_DIGITS = re.compile(r"\d+")
_LABEL = re.compile(r"^([^\W\d_][^:|]{0,40}?)\s*([:|])\s+\S")
MAX_LABEL_WORDS = 4
MAX_LABEL_USES = 2  # a label on more lines of one page is the story's own (an interview's "Q:")


def line_key(text: str) -> str:
    """What makes two lines 'the same line' across samples: spacing and numbers ignored."""
    return _DIGITS.sub("0", " ".join(text.split()))


@dataclass
class Sample:
    """One sample page: the generic path's result and what learning needs to know about it."""

    name: str
    document: Document
    result: Result
    page: Page | None  # HTML samples only
    keys: list[str] = field(default_factory=list)
    story: frozenset[int] = frozenset()

    @property
    def blocks(self) -> list[Block]:
        return self.result.blocks

    def story_texts(self) -> set[str]:
        return {normalise(self.blocks[i].text) for i in self.story}

    def indexes_of(self, key: str) -> list[int]:
        return [i for i, k in enumerate(self.keys) if k == key]

    def position(self, index: int) -> str:
        """Where a block sits against the story: before, inside or after it."""
        if not self.story or index < min(self.story):
            return "before"
        return "inside" if index <= max(self.story) else "after"


def label(text: str) -> str | None:
    """'READ NEXT: Some headline' -> 'READ NEXT:'; None when the line has no short label."""
    match = _LABEL.match(text)
    if not match or not match.group(1)[0].isupper() or len(match.group(1).split()) > MAX_LABEL_WORDS:
        return None
    return text[: match.end(2)]


def template_labels(samples: list[Sample]) -> set[str]:
    """Labels opening varying lines in enough samples, at most twice a page, never a sentence."""
    samples_with: dict[str, set[int]] = defaultdict(set)
    lines: dict[str, set[str]] = defaultdict(set)
    crowded: set[str] = set()
    for n, sample in enumerate(samples):
        uses: Counter = Counter()
        for key, block in zip(sample.keys, sample.blocks):
            found = label(block.text)
            if found:
                uses[found] += 1
                samples_with[found].add(n)
                lines[found].add(key)
                if is_prose(block.text):
                    crowded.add(found)
        crowded |= {found for found, count in uses.items() if count > MAX_LABEL_USES}
    return {
        found for found, where in samples_with.items()
        if len(where) >= needed(samples) and len(lines[found]) >= 2 and found not in crowded
    }


def needed(samples: list[Sample]) -> int:
    """In how many samples something must recur to count as template: two, and half of them."""
    return max(2, (len(samples) + 1) // 2)


def read_samples(documents: list[Document], names: list[str], results: list[Result] | None = None,
                 known: list[set[str]] | None = None, container: str = "") -> list[Sample]:
    """Clean each sample with the generic profile only, then mark every sample's story. Or take
    the `results` of cleaning them with a `container`, with the story texts (normalised) `known`
    for each: the blocks holding them are its story."""
    if results is None:
        generic = Cleaner(bundled_profiles=False)
        results = [generic.clean_document(document) for document in documents]
    samples = []
    for document, name, result in zip(documents, names, results):
        page = Page(document.content, container) if document.format == "html" else None
        samples.append(Sample(name, document, result, page, [line_key(b.text) for b in result.blocks]))
    seen_in = Counter(key for sample in samples for key in set(sample.keys))
    labels = template_labels(samples)
    for n, sample in enumerate(samples):
        if known is not None:
            sample.story = frozenset(_holding(sample.blocks, known[n]))
            continue
        unique = [seen_in[key] == 1 and label(b.text) not in labels for key, b in zip(sample.keys, sample.blocks)]
        sample.story = frozenset(_html_story(sample, unique) if sample.page else _text_story(sample.blocks, unique))
    return samples


def _holding(blocks: list[Block], texts: set[str]) -> set[int]:
    """Kept blocks whose text is one of `texts`, or holds one, or is a part of one long enough
    not to be there by chance (a number, a name)."""
    found = set()
    for i, block in enumerate(blocks):
        text = normalise(block.text)
        if not block.kept or not text:
            continue
        if text in texts or any(t in text for t in texts) or (len(text.split()) >= PART_WORDS and any(text in t for t in texts)):
            found.add(i)
    return found


def _text_story(blocks: list[Block], unique: list[bool]) -> set[int]:
    prose = [i for i, b in enumerate(blocks) if b.kept and unique[i] and is_prose(b.text)]
    return _span_story(blocks, unique, prose[0], prose[-1]) if prose else set()


def _span_story(blocks: list[Block], unique: list[bool], first: int, last: int) -> set[int]:
    """Unique or sentence-like blocks from `first` to `last`, and the standfirst above them."""
    story = {i for i in range(first, last + 1) if blocks[i].kept and (unique[i] or is_prose(blocks[i].text))}
    return story | {
        i for i in range(first) if blocks[i].kept
        and (is_prose(blocks[i].text) or unique[i] and word_count(blocks[i].text) >= STANDFIRST_WORDS)
    }


def _html_story(sample: Sample, unique: list[bool]) -> set[int]:
    blocks = sample.blocks
    parents = [_parent(sample.page, b) if b.kept else None for b in blocks]
    body = _body_parents(blocks, parents)
    inside = [i for i, b in enumerate(blocks) if b.kept and parents[i] in body and is_prose(b.text)]
    return _span_story(blocks, unique, inside[0], inside[-1]) if inside else _text_story(blocks, unique)


def _parent(page: Page, block: Block):
    element = page.locate(block.text)
    return element.getparent() if element is not None else None


def _body_parents(blocks: list[Block], parents: list) -> set:
    """Parents whose direct children hold the story's paragraphs (by their share of the prose)."""
    chars: Counter = Counter()
    count: Counter = Counter()
    for block, parent in zip(blocks, parents):
        if parent is not None and is_prose(block.text):
            chars[parent] += len(block.text)
            count[parent] += 1
    if not chars:
        return set()
    total = sum(chars.values())
    body = {p for p in chars if chars[p] >= BODY_SHARE * total and count[p] >= 2}
    return body | {chars.most_common(1)[0][0]}
