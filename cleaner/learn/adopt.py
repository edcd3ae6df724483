"""Whether a draft takes the article container found in its samples.

The container is adopted when cleaning the samples with it keeps every story block of the
generic path (`lost_story`). The other rules are then learned from the samples as the container
gives them. Once they are checked, the container must pay its way (`container_pays`): the story
it brings and the residue it leaves out must outweigh the residue it adds that no rule removes.
A container that fails says why in a note at the top of the draft: the reviewer may still want
it, with a rule for what it brings in.
"""
from __future__ import annotations

from ..evaluate import SHINGLE
from ..heuristics.signals import is_prose, normalise, words
from ..model import Block
from .candidates import Candidate
from .container import find_container, walk_key
from .draft import Draft, examples
from .samples import STANDFIRST_WORDS, Sample, line_key, read_samples
from .story import MAX_LINK_DENSITY, beside_story, boxed

KEPT_SHARE = 0.9  # of a story block's words found in the output: the block is kept


def adopt_container(draft: Draft, generic: list[Sample]) -> list[Sample]:
    """Give the draft the article container found in the samples if cleaning with it keeps every
    story block of the generic path, and note what it adds and leaves out. Returns the samples the
    other rules are learned from: as the container gives them, their story being the generic
    story, the lead and what sits beside the story's paragraphs (`beside_story`); or, without a
    container, as the generic path gives them."""
    found = find_container(generic)
    if found is None:
        return generic
    draft.container = Candidate("container", "container", (found.selector,))
    documents = [s.document for s in generic]
    results = draft.clean(documents)
    lost = [text for s, result in zip(generic, results)
            for text in _in_order(s, lost_story(result.text, found.story.get(s.name, ())))]
    if lost:
        draft.container = None
        draft.notes.append(f"not proposed: container {found.selector!r}, it loses story the generic path keeps: "
                           f"{examples(lost)}")
        return generic
    before = [normalise(s.result.text) for s in generic]
    after = [normalise(r.text) for r in results]
    draft.container.fired = sum(bool(s.page is not None and walk_key(s.page.tree, found.selector)) for s in generic)
    draft.container.added = [b.text for r, text in zip(results, before) for b in _kept_outside(r.blocks, text)]
    draft.container.removed = [b.text for s, text in zip(generic, after) for b in _kept_outside(s.blocks, text)]
    known = [(found.story.get(s.name) or s.story_texts()) | found.lead.get(s.name, set()) for s in generic]
    samples = read_samples(documents, draft.sources, results, known, found.selector)
    for sample, base in zip(samples, generic):
        sample.story |= beside_story(sample, normalise(base.result.text), samples)
    return samples


def _kept_outside(blocks: list[Block], text: str) -> list[Block]:
    """The kept blocks whose text is not in the other (normalised) text."""
    return [b for b in blocks if b.kept and normalise(b.text) not in text]


def _in_order(sample: Sample, texts: list[str]) -> list[str]:
    """The sample's blocks whose normalised text is one of these, as the page wrote them."""
    wanted = set(texts)
    return [b.text for b in sample.blocks if normalise(b.text) in wanted]


def lost_story(body: str, story) -> list[str]:
    """The story texts (normalised) a cleaned body does not hold: for a long one, nearly every word
    must be inside a 4-word run found in the result (a hidden label the walk reads, like ", opens
    new tab", breaks the runs across it but leaves the words around it covered); a short one
    must be there as it is (spacing aside: a name and a place in adjacent spans may come out as
    one word)."""
    text = normalise(body)
    tokens = text.split()
    runs = {tuple(tokens[i:i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}
    squashed = text.replace(" ", "")
    lost = []
    for piece in story:
        own = piece.split()
        if len(own) < SHINGLE:
            if piece.replace(" ", "") not in squashed:
                lost.append(piece)
            continue
        covered = [False] * len(own)
        for i in range(len(own) - SHINGLE + 1):
            if tuple(own[i:i + SHINGLE]) in runs:
                covered[i:i + SHINGLE] = [True] * SHINGLE
        if sum(covered) < KEPT_SHARE * len(own):
            lost.append(piece)
    return lost


def container_pays(draft: Draft, samples: list[Sample], generic: list[Sample]) -> bool:
    """Whether the checked draft's text beats the generic path's: the characters of story it adds
    and of residue it leaves out outweigh the residue it adds and any story it loses. What it
    adds is story, plain residue (`plain_residue`) or neither (unique prose it cannot judge);
    what it leaves out is story, plain residue (a line the samples share, the headline, a link,
    a box named like residue: `story.boxed`) or neither (a unique line the generic path kept).
    If not, the container goes, with a note saying what it brought in."""
    balance, residue = 0, []
    for sample, base, result in zip(samples, generic, draft.clean([s.document for s in samples])):
        story = sample.story_texts()
        before, after = normalise(base.result.text), normalise(result.text)
        for block in result.blocks:
            text = normalise(block.text)
            if block.kept and text not in before and text in story:
                balance += len(text)
            elif block.kept and text not in before and plain_residue(block, samples):
                balance -= len(text)
                residue.append(block.text)
        for block in base.blocks:
            text = normalise(block.text)
            if block.kept and text not in after and text in story:
                balance -= len(text)
            elif block.kept and text not in after and (_shared(block, generic) or boxed(base, block.text)):
                balance += len(text)
    if balance >= 0:
        return True
    draft.notes.append(f"not proposed: container {draft.container.patterns[0]!r}, it brings in residue no rule "
                       f"removes: {examples(residue)}")
    draft.container = None
    return False


def plain_residue(block: Block, samples: list[Sample]) -> bool:
    """A block plainly not story: a link, a line the samples share, or a short line."""
    short = not (is_prose(block.text) or len(words(block.text)) >= STANDFIRST_WORDS)
    return block.link_density > MAX_LINK_DENSITY or _shared(block, samples) or short


def _shared(block: Block, samples: list[Sample]) -> bool:
    key = line_key(block.text)
    return sum(key in s.keys for s in samples) > 1
