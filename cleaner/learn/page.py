"""Where extracted text sits in a page: each block traced back to the element that holds it.

Learning selectors needs the page's structure, but the extract stage hands back text (from
trafilatura or the container walk) without its elements. A `Page` parses the HTML once more,
indexes every element by its normalised text (with its pieces kept apart, and joined), and finds for a block the smallest element whose
text is the block's text or contains it.
"""
from __future__ import annotations

import bisect

from lxml import etree
from lxml.cssselect import CSSSelector

from ..extract import parse_html
from ..heuristics.signals import normalise

INVISIBLE_TAGS = ("script", "style", "noscript", "template", "svg")


class Page:
    """One parsed page and an index from normalised text to the elements holding it.

    With a `container` selector, text is looked for inside the container's nodes first: a
    page may hold a bio or a teaser twice, and the copy that matters is the one the container
    walk reads."""

    def __init__(self, html: str, container: str = ""):
        self.tree = parse_html(html)
        etree.strip_elements(self.tree, *INVISIBLE_TAGS, with_tail=False)
        for element in [e for e in self.tree.iter(etree.Element) if _screen_reader_only(e)]:
            element.drop_tree()  # ", opens new tab" inside a paragraph: not what the page shows
        self._page = _TextIndex(self.tree.iter(etree.Element))
        nodes = CSSSelector(container)(self.tree) if container else []
        self._container = _TextIndex(e for node in nodes for e in node.iter(etree.Element)) if nodes else None

    def locate(self, text: str):
        """The smallest element whose text is `text` or contains it; None when nothing does."""
        key = normalise(text)
        if not key:
            return None
        found = self._container.locate(key) if self._container else None
        return found if found is not None else self._page.locate(key)


class _TextIndex:
    """Elements by their normalised text, exactly and by size for a containment search."""

    def __init__(self, elements):
        self._exact: dict[str, object] = {}
        sized: list[tuple[int, int, str, object]] = []
        for order, element in enumerate(elements):
            pieces = list(element.itertext())
            # pieces apart (block-level children), and together (a drop cap: <span>L</span>ast)
            for text in dict.fromkeys((normalise(" ".join(pieces)), normalise("".join(pieces)))):
                if text:
                    self._exact[text] = element  # document order: a descendant with the same text wins
                    sized.append((len(text), -order, text, element))
        sized.sort(key=lambda item: (item[0], item[1]))
        self._sizes = [item[0] for item in sized]
        self._sized = sized

    def locate(self, key: str):
        if key in self._exact:
            return self._exact[key]
        start = bisect.bisect_left(self._sizes, len(key))
        for _, _, candidate, element in self._sized[start:]:
            if key in candidate:
                return element
        return None


def _screen_reader_only(element) -> bool:
    """Text clipped to nothing for screen readers only (the usual 'visually hidden' styles)."""
    style = (element.get("style") or "").replace(" ", "").lower()
    return "clip:rect(000" in style or "clip:rect(0,0,0,0)" in style or "clip-path:inset(50%)" in style


def ancestors(element) -> list:
    """The element and every element above it, nearest first."""
    chain = []
    while element is not None:
        chain.append(element)
        element = element.getparent()
    return chain
