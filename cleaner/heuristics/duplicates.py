"""Paragraphs seen twice: the later copy goes (pull quotes, lazy-loaded repeats, scraper doubling).

Only blocks of a few words or more are compared, so that short legitimate repeats ("Yes.",
list items of a table) stay.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .signals import normalise, word_count

if TYPE_CHECKING:
    from ..filter import Context

DUPLICATE_PARAGRAPH = "generic.duplicate-paragraph"
MIN_WORDS = 5


def remove_duplicate_paragraphs(context: Context) -> None:
    seen: set[str] = set()
    for i in context.kept_indexes():
        text = context.blocks[i].text
        if word_count(text) < MIN_WORDS:
            continue
        key = normalise(text)
        if key in seen:
            context.remove(i, DUPLICATE_PARAGRAPH)
        seen.add(key)
