"""Where extracted text sits in a page: each block traced back to the element that holds it.

Learning selectors needs the page's structure, but the extract stage hands back text (from
trafilatura or the container walk) without its elements. A `Page` parses the HTML once more,
indexes every element by its normalised text, and finds for a block the smallest element whose
text is the block's text or contains it.
"""
from __future__ import annotations

import bisect

from lxml import etree

from ..extract import parse_html
from ..heuristics.signals import normalise

INVISIBLE_TAGS = ("script", "style", "noscript", "template", "svg")


class Page:
    """One parsed page and an index from normalised text to the elements holding it."""

    def __init__(self, html: str):
        self.tree = parse_html(html)
        etree.strip_elements(self.tree, *INVISIBLE_TAGS, with_tail=False)
        self._exact: dict[str, object] = {}
        sized: list[tuple[int, int, str, object]] = []
        for order, element in enumerate(self.tree.iter(etree.Element)):
            text = normalise(" ".join(element.itertext()))
            if text:
                self._exact[text] = element  # document order: a descendant with the same text wins
                sized.append((len(text), -order, text, element))
        sized.sort(key=lambda item: (item[0], item[1]))
        self._sizes = [item[0] for item in sized]
        self._sized = sized

    def locate(self, text: str):
        """The smallest element whose text is `text` or contains it; None when nothing does."""
        key = normalise(text)
        if not key:
            return None
        if key in self._exact:
            return self._exact[key]
        start = bisect.bisect_left(self._sizes, len(key))
        for _, _, candidate, element in self._sized[start:]:
            if key in candidate:
                return element
        return None


def ancestors(element) -> list:
    """The element and every element above it, nearest first."""
    chain = []
    while element is not None:
        chain.append(element)
        element = element.getparent()
    return chain
