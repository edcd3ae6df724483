"""Paragraphs seen twice: the later copy goes (pull quotes, lazy-loaded repeats, scraper doubling).

Only blocks of a few words or more are compared, so that short legitimate repeats ("Yes.",
list items of a table) stay. The body's opening block is the exception: a copy of it further
down, however short, is a doubled headline or kicker, and leaving it would let a second cleaning
of the clean body take the opening block for a repeated headline (cleaning must be idempotent).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .signals import normalise, word_count

if TYPE_CHECKING:
    from ..filter import Context

DUPLICATE_PARAGRAPH = "generic.duplicate-paragraph"
MIN_WORDS = 5


def remove_duplicate_paragraphs(context: Context) -> None:
    kept = context.kept_indexes()
    opening = normalise(context.blocks[kept[0]].text) if kept else None
    seen: set[str] = set()
    for position, i in enumerate(kept):
        text = context.blocks[i].text
        if word_count(text) < MIN_WORDS:
            if position and normalise(text) == opening:
                context.remove(i, DUPLICATE_PARAGRAPH)
            continue
        key = normalise(text)
        if key in seen:
            context.remove(i, DUPLICATE_PARAGRAPH)
        seen.add(key)
