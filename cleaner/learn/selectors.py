"""HTML selectors for the template's residue: stable class names and ids of non-story nodes.

For every block the generic path keeps but that is not story, the element holding it and its
ancestors are candidates, up to the first ancestor that holds story. Each candidate's class
names and id become selectors; a selector is kept when it matches in every HTML sample, matches
only a few nodes, and none of them holds or sits inside story. The fewest selectors covering
the most residue are chosen. Utility and generated class names ("col-md-6", "css-1x2y3z",
"is-layout-flow", "post-640677", AMP's "i-amphtml-…") say nothing about the template and are never used.
"""
from __future__ import annotations

import re
from collections import defaultdict

from lxml.cssselect import CSSSelector

from .candidates import Candidate, slug
from .page import ancestors
from .samples import Sample, needed

MAX_SELECTORS = 6
MAX_MATCHES = 30  # a class on more nodes than this is styling, not a template slot
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{2,40}$")
_PARTS = re.compile(r"[-_]+")
UTILITY_HEADS = frozenset(
    "col row mt mb ml mr mx my pt pb pl pr px py p m w h d flex grid text bg font float pull push offset hidden "
    "visible sm md lg xl xs small medium large is has js i u align justify order gap border rounded shadow".split()
)
LAYOUT_WORDS = frozenset(
    "container wrapper content inner outer main section columns column clearfix cf group wrap body page "
    "article post entry single layout active selected".split()
)


def stable(name: str) -> bool:
    """A class name or id that names a part of the template, not a style or a generated hash."""
    if not _NAME.match(name) or name.lower() in LAYOUT_WORDS:
        return False
    if not _PARTS.search(name) and re.search(r"[a-z]", name) and re.search(r"[A-Z](?![a-z]{2})", name):
        return False  # a generated name ("dQrGRw", "gemjMt"), not camelCase words ("articleHeader")
    parts = [p for p in _PARTS.split(name.lower()) if p]
    if not parts or parts[0] in UTILITY_HEADS:
        return False
    for part in parts:
        if re.search(r"\d{3,}", part) or (len(part) >= 5 and re.search(r"\d", part) and re.search(r"[a-z]", part)):
            return False
    return True


def _keys(element) -> list[str]:
    keys = []
    identifier = element.get("id") or ""
    if stable(identifier):
        keys.append(f"#{identifier}")
    keys += [f".{name}" for name in (element.get("class") or "").split() if stable(name)]
    return keys


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
                for key in _keys(node):
                    cover[key].add((n, i))
    usable = {key: blocks for key, blocks in cover.items() if _safe(key, html, stories)}
    return [Candidate("remove", slug(key, 6), (key,)) for key in _fewest(usable)]


def _safe(key: str, samples: list[Sample], stories: list[_Story]) -> bool:
    select = CSSSelector(key)
    for sample, story in zip(samples, stories):
        nodes = select(sample.page.tree)
        if not 1 <= len(nodes) <= MAX_MATCHES or any(story.touches(node) for node in nodes):
            return False
    return True


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
