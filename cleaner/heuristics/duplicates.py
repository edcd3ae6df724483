"""Paragraphs seen twice: the later copy goes (pull quotes, lazy-loaded repeats, scraper doubling).

Only blocks of a few words or more are compared, so that short legitimate repeats ("Yes.",
list items of a table) stay. Two kinds of repeat are the story's own and stay:

* a listing's fields: a line with siblings that differ from it only in their numbers ("Easter
  trail 23 March-14 April", "Easter trail 29 March-14 April"; "Temp rating: 15°F", "Temp rating:
  20°F") is one row of a listing, and two rows may well say the same;
* the summary's sentences: key points at the top of the body repeat its sentences word for
  word, and the body keeps its own copy (a copy repeated as part of a run of copies is doubled
  text all the same).

The body's opening block is the exception the other way: a copy of it further down, however
short, is a doubled headline or kicker, and leaving it would let a second cleaning of the clean
body take the opening block for a repeated headline (cleaning must be idempotent); so it is no
summary sentence either. Neither
exception depends on what other rules removed, so the clean body gives the same answers again.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .signals import normalise, shared_keys, word_count

if TYPE_CHECKING:
    from ..filter import Context

DUPLICATE_PARAGRAPH = "generic.duplicate-paragraph"
MIN_WORDS = 5
SUMMARY_BLOCKS = 3  # the body's first blocks that may be a summary (standfirst, key points)
_NUMBER = re.compile(r"\d+")


def remove_duplicate_paragraphs(context: Context) -> None:
    kept = context.kept_indexes()
    texts = [context.blocks[i].text for i in kept]
    keys = shared_keys(texts)  # None for a block no other one can repeat
    opening = keys[0] if keys else None
    first_seen: dict[str, int] = {}
    repeats: list[tuple[int, str]] = []  # (position in `kept`, key) of paragraphs seen before
    for position, (i, key) in enumerate(zip(kept, keys)):
        if key is None:
            continue
        if word_count(texts[position]) < MIN_WORDS:
            if position and key == opening:
                context.remove(i, DUPLICATE_PARAGRAPH)
            continue
        if key in first_seen:
            repeats.append((position, key))
        first_seen.setdefault(key, position)
    if not repeats:
        return  # most documents: no need to look for a listing's rows
    # A row's siblings may be any block, so all keys are compared; only a repeat with a number can be a row.
    numbered = any(_NUMBER.search(key) for _, key in repeats)
    rows = _listing_rows([normalise(text) for text in texts]) if numbered else set()
    doubled = {position for position, _ in repeats}
    for position, key in repeats:
        in_a_run = position - 1 in doubled or position + 1 in doubled
        if key in rows or (0 < first_seen[key] < SUMMARY_BLOCKS and not in_a_run):
            continue
        context.remove(kept[position], DUPLICATE_PARAGRAPH)


def _listing_rows(keys: list[str]) -> set[str]:
    """Keys with a sibling that differs only in its numbers: rows of a listing."""
    variants: dict[str, set[str]] = {}
    for key in keys:
        if _NUMBER.search(key):
            variants.setdefault(_NUMBER.sub("#", key), set()).add(key)
    return {key for family in variants.values() if len(family) > 1 for key in family}

