"""Where an HTML sample's story is in its page, as the container search needs to know it.

* the generic story's blocks and what sits beside them (`beside_story`: a sign-off, the items
  of a list the story announces), traced back to their elements, except those that are plainly not
  story whatever the generic path said: the headline, a link (another story's teaser), an
  element inside a small box named like residue (a caption, an author bio: `names`);
* the lead: blocks between the page's headline and the story that no other sample has there,
  long enough to be a standfirst or a key point, and no link, byline or date line (extraction
  often drops them), and the generic story's blocks above the body;
* once a container is chosen, what sits beside the story's own paragraphs: the paragraphs the
  generic path missed that are shaped like them, and what the generic path kept that no other
  sample has (`beside_story`).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..extract import walk_blocks
from ..heuristics.signals import is_prose, normalise, words
from ..model import Block
from .names import residue_named
from .page import ancestors
from .samples import STANDFIRST_WORDS, Sample, line_key
from .shapes import line_shape, looks_dated

MAX_LINK_DENSITY = 0.5
BOX_SHARE = 0.5  # a residue-named node holding less than this share of the story is a box in it
TOP_TAGS = frozenset({"html", "body"})


@dataclass
class Evidence:
    """One HTML sample as the container search sees it."""

    sample: Sample
    others: list[str]  # the other samples' page text, normalised
    kept: str = ""  # what the generic path kept, normalised
    story: dict[str, object] = field(default_factory=dict)  # normalised story text -> its element
    lead: set[str] = field(default_factory=set)  # the story texts that are its lead
    boxed: set[str] = field(default_factory=set)  # generic story texts in residue boxes (captions, bios)
    headline: str = ""  # the page's headline, normalised: never body
    kept_story: set[str] = field(default_factory=set)  # the generic path's story and what is beside it, less boxes
    shapes: set[tuple] = field(default_factory=set)  # shapes of the story's elements that name a class

    def unique(self, text: str) -> bool:
        return not any(text in other for other in self.others)

    def shaped_like_story(self, block: Block) -> bool:
        """A paragraph no other sample has, shaped like the story's own (the next section or
        post of the page: see `beside_story`); only shapes with a class name count here, for
        a bare <p> in a bare <div> is everywhere."""
        element = self.sample.page.locate(block.text)
        return (element is not None and is_prose(block.text) and block.link_density <= MAX_LINK_DENSITY
                and shape(element) in self.shapes and self.unique(normalise(block.text)))


def evidences(samples: list[Sample]) -> list[Evidence]:
    """What the container search knows of each HTML sample that has a story."""
    html = [s for s in samples if s.page is not None]
    texts = [normalise(" ".join(s.page.tree.itertext())) for s in html]
    regions = [_lead_region(s) for s in html]
    region_keys = [{line_key(b.text) for b in region} for region in regions]
    found = []
    for n, sample in enumerate(html):
        item = Evidence(sample, texts[:n] + texts[n + 1:], normalise(" ".join(b.text for b in sample.blocks if b.kept)))
        elsewhere = set().union(*region_keys[:n], *region_keys[n + 1:])
        lead = [b.text for b in regions[n] if line_key(b.text) not in elsewhere and _standfirst_like(sample, b)]
        total = sum(len(sample.blocks[i].text) for i in sample.story)
        beside = [sample.blocks[i].text for i in sorted(beside_story(sample, item.kept, html))]
        for text in [sample.blocks[i].text for i in sorted(sample.story)] + beside + lead:
            element = sample.page.locate(text)
            if element is not None and _in_box(element, total):
                item.boxed.add(normalise(text))
            elif element is not None:
                item.story[normalise(text)] = element
        item.lead = ({normalise(text) for text in lead} & set(item.story)) | _above_body(item)
        item.kept_story = {normalise(sample.blocks[i].text) for i in sample.story} | {normalise(t) for t in beside}
        item.kept_story -= item.boxed
        item.shapes = {own for element in item.story.values() if (own := shape(element))[1] or own[3]}
        heading = _headline(sample)
        item.headline = normalise(" ".join(heading.itertext())) if heading is not None else ""
        if item.story:
            found.append(item)
    return found


def _above_body(item: Evidence) -> set[str]:
    """Story texts above the body (the parent holding two or more story paragraphs): a
    standfirst the generic path kept is lead too."""
    parents = Counter(element.getparent() for element in item.story.values())
    body = [e for e in item.story.values() if parents[e.getparent()] >= 2]
    if not body:
        return set()
    order = {node: n for n, node in enumerate(item.sample.page.tree.iter())}
    start = min(order[e] for e in body)
    return {text for text, e in item.story.items() if parents[e.getparent()] < 2 and order[e] < start}


def boxed(sample: Sample, text: str) -> bool:
    """Whether the text's element in the sample's page is plainly not story (`_in_box`)."""
    element = sample.page.locate(text) if sample.page is not None else None
    return element is not None and _in_box(element, sum(len(sample.blocks[i].text) for i in sample.story))


def _in_box(element, story_chars: int) -> bool:
    """Whether the element is the headline, a link (another story's teaser) or sits in a node
    named like residue and much smaller than the story (a caption, a bio box); a page wrapper
    with such a name does not count."""
    if element.tag == "h1" or _link_share(element) > MAX_LINK_DENSITY or any(a.tag == "a" for a in ancestors(element)):
        return True
    for node in ancestors(element):
        if node.tag in TOP_TAGS or len(" ".join(node.itertext())) >= BOX_SHARE * story_chars:
            return False
        if residue_named(node):
            return True
    return False


def _link_share(element) -> float:
    text = len(normalise(" ".join(element.itertext())))
    linked = sum(len(normalise(" ".join(a.itertext()))) for a in element.iter("a"))
    return linked / text if text else 0.0


def _lead_region(sample: Sample) -> list[Block]:
    """The blocks between the page's headline and its story, in the smallest node holding both."""
    headline = _headline(sample)
    located = (sample.page.locate(sample.blocks[i].text) for i in sorted(sample.story))
    first = next((e for e in located if e is not None and e.tag != "h1"), None)
    if first is None or headline is None:
        return []
    around = set(ancestors(first))
    blocks = walk_blocks(next(a for a in ancestors(headline) if a in around))
    keys = [normalise(b.text).replace(" ", "") for b in blocks]  # inline markup splits words differently
    title, opening = _squash(headline), _squash(first)
    start = next((i for i, k in enumerate(keys) if k and k == title), None)
    if start is None:
        return []
    end = next((i for i in range(start + 1, len(keys)) if keys[i] and (keys[i] in opening or opening in keys[i])), None)
    return blocks[start + 1:end] if end is not None else []


def _standfirst_like(sample: Sample, block: Block) -> bool:
    """Long enough for a standfirst or a key point; no link, byline or date line."""
    key = normalise(block.text)
    return (
        (is_prose(block.text) or len(words(block.text)) >= STANDFIRST_WORDS)
        and block.link_density <= MAX_LINK_DENSITY and not looks_dated(block.text)
        and not line_shape(sample, block.text) and not any(normalise(a) in key for a in sample.result.metadata.authors if a)
    )


def _squash(element) -> str:
    return normalise("".join(element.itertext())).replace(" ", "")


def _headline(sample: Sample):
    """The page's headline element: the h1 holding the title, else the first h1."""
    headings = sample.page.tree.findall(".//h1")
    title = normalise(sample.result.title or "")
    for heading in headings:
        text = normalise(" ".join(heading.itertext()))
        if text and title and (text in title or title in text):
            return heading
    return headings[0] if headings else None


def beside_story(sample: Sample, generic_text: str, others: list[Sample]) -> set[int]:
    """Blocks of a sample read through its container that are story too, though the generic story
    did not name them: a sentence-like paragraph without links shaped like the story's own
    paragraphs (the same tag and classes, in a parent of the same tag and classes: the next
    section, the next post), which the generic path missed; or a line beside the story's
    paragraphs (a child of their parent, or in a wrapper of its own there) that is no sentence,
    that no other sample has and that the generic path kept (a sign-off: "Reporting by ...;
    Editing by ..."). Prose elsewhere in the container (a teaser's summary, a caption, an
    author's bio in a box) and a box among the paragraphs that the generic path dropped (a
    donation appeal) are not story."""
    if sample.page is None:
        return set()
    elements = [e for i in sample.story if (e := sample.page.locate(sample.blocks[i].text)) is not None]
    shapes = {shape(e) for e in elements}
    parents = {e.getparent() for e in elements}
    elsewhere = {key for other in others if other is not sample for key in other.keys}
    found = set()
    for i, block in enumerate(sample.blocks):
        if i in sample.story or not block.kept:
            continue
        element = sample.page.locate(block.text)
        if element is None:
            continue
        if is_prose(block.text):
            beside = block.link_density <= MAX_LINK_DENSITY and shape(element) in shapes
        else:
            beside = (_unwrapped(element).getparent() in parents and sample.keys[i] not in elsewhere
                      and normalise(block.text) in generic_text)
        if beside:
            found.add(i)
    return found


def _unwrapped(element):
    """The outermost of the element and the wrappers around it that hold nothing else."""
    text = _squash(element)
    while element.getparent() is not None and _squash(element.getparent()) == text:
        element = element.getparent()
    return element


def shape(element) -> tuple:
    """An element's tag and classes, and its parent's: the story's paragraphs share one shape,
    also across the sections or posts of one page."""
    parent = element.getparent()
    if parent is None:
        return element.tag, element.get("class"), "", ""
    return element.tag, element.get("class"), parent.tag, parent.get("class")
