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
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..heuristics.signals import is_prose, normalise, words
from ..model import Block, Document, Result
from ..pipeline import Cleaner
from .page import Page

BODY_SHARE = 0.15  # a parent holding this share of the prose (and two paragraphs) is body
STANDFIRST_WORDS = 8  # a unique line this long above the story may be its standfirst
_DIGITS = re.compile(r"\d+")


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


def needed(samples: list[Sample]) -> int:
    """In how many samples something must recur to count as template: two, and half of them."""
    return max(2, (len(samples) + 1) // 2)


def read_samples(documents: list[Document], names: list[str]) -> list[Sample]:
    """Clean each sample with the generic profile only, then mark every sample's story."""
    generic = Cleaner(bundled_profiles=False)
    samples = []
    for document, name in zip(documents, names):
        result = generic.clean_document(document)
        page = Page(document.content) if document.format == "html" else None
        samples.append(Sample(name, document, result, page, [line_key(b.text) for b in result.blocks]))
    seen_in = Counter(key for sample in samples for key in set(sample.keys))
    for sample in samples:
        unique = [seen_in[key] == 1 for key in sample.keys]
        sample.story = frozenset(_html_story(sample, unique) if sample.page else _text_story(sample.blocks, unique))
    return samples


def _text_story(blocks: list[Block], unique: list[bool]) -> set[int]:
    prose = [i for i, b in enumerate(blocks) if b.kept and unique[i] and is_prose(b.text)]
    return _span_story(blocks, unique, prose[0], prose[-1]) if prose else set()


def _span_story(blocks: list[Block], unique: list[bool], first: int, last: int) -> set[int]:
    """Unique or sentence-like blocks from `first` to `last`, and the standfirst above them."""
    story = {i for i in range(first, last + 1) if blocks[i].kept and (unique[i] or is_prose(blocks[i].text))}
    return story | {
        i for i in range(first) if blocks[i].kept
        and (is_prose(blocks[i].text) or unique[i] and len(words(blocks[i].text)) >= STANDFIRST_WORDS)
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
