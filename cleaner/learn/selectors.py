"""HTML selectors for the template's residue: stable class names and ids of non-story nodes.

For every block the samples keep but that is not story (through the article container, when
the draft has one: the residue inside it), the element holding it and its ancestors are
candidates, up to the first ancestor that holds story. Each candidate's template names (see
`names`) become selectors; a selector is kept when it matches only a few nodes, none of them
holds or sits inside story, and it matches in enough samples (in one, when its name says
residue: a promo box shows on some pages only). The fewest selectors covering the most residue
are chosen.
"""
from __future__ import annotations

from collections import defaultdict

from lxml.cssselect import CSSSelector

from .candidates import Candidate, slug
from .names import names_residue, template_keys
from .page import ancestors
from .samples import Sample, needed

MAX_SELECTORS = 6
MAX_MATCHES = 30  # a class on more nodes than this is styling, not a template slot


class _Story:
    """The story of one HTML sample as elements: what holds story and what lies inside it."""

    def __init__(self, sample: Sample):
        page = sample.page
        assert page is not None
        self.elements = {e for i in sample.story if (e := page.locate(sample.blocks[i].text)) is not None}
        self.holders = {a for e in self.elements for a in ancestors(e)}

    def touches(self, node) -> bool:
        return node in self.holders or any(a in self.elements for a in ancestors(node))


def selectors(samples: list[Sample]) -> list[Candidate]:
    html = [s for s in samples if s.page is not None]
    if len(html) < needed(samples):
        return []
    stories = [_Story(s) for s in html]
    cover: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for n, (sample, story) in enumerate(zip(html, stories)):
        for i, block in enumerate(sample.blocks):
            if not block.kept or i in sample.story:
                continue
            element = sample.page.locate(block.text)
            for node in ancestors(element) if element is not None else []:
                if node in story.holders:
                    break
                for key in template_keys(node):
                    cover[key].add((n, i))
    usable = {key: blocks for key, blocks in cover.items() if _safe(key, html, stories)}
    return [Candidate("remove", slug(key, 6), (key,)) for key in _fewest(usable)]


def _safe(key: str, samples: list[Sample], stories: list[_Story]) -> bool:
    """Whether the key matches a few nodes, none of them story, in enough samples (in one, when
    its name says residue: a promo box shows on some pages only)."""
    select = CSSSelector(key)
    matched = 0
    for sample, story in zip(samples, stories):
        nodes = select(sample.page.tree)
        if len(nodes) > MAX_MATCHES or any(story.touches(node) for node in nodes):
            return False
        matched += bool(nodes)
    return matched >= (1 if names_residue(key) else needed(samples))


def _fewest(cover: dict[str, set]) -> list[str]:
    """Greedy set cover: the selector removing most residue not yet covered, until none adds any."""
    chosen, covered = [], set()
    while len(chosen) < MAX_SELECTORS:
        key = max(sorted(cover), key=lambda k: len(cover[k] - covered), default=None)
        if key is None or not cover[key] - covered:
            break
        chosen.append(key)
        covered |= cover[key]
    return chosen
