"""Bare text to blocks: one block per non-empty line, remembering the blank lines between.

Scraped text keeps one paragraph per line (with or without blank lines between), so a line is
the unit the filter judges. Lines opened by a list marker become list items.
"""
from __future__ import annotations

from .model import LIST_ITEM, PARAGRAPH, Block

LIST_MARKERS = ("- ", "• ", "* ", "· ", "– ")
# Format characters that repair keeps, since they matter inside words (joiners in Indic scripts and
# emoji, direction marks in Arabic and Hebrew), but that show nothing on a line of their own.
INVISIBLE = "\u200c\u200d\u200e\u200f\u034f\u180e\u2061\u2062\u2063\u2064"


def is_blank(line: str) -> bool:
    """Whether a stripped line shows nothing: empty, or only invisible characters and spaces."""
    return not line or (line[0] in INVISIBLE and not line.strip(INVISIBLE + " "))


def text_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    gap = 0
    for line in text.split("\n"):
        line = line.strip()
        if is_blank(line):
            gap += 1
            continue
        kind = LIST_ITEM if line.startswith(LIST_MARKERS) else PARAGRAPH
        blocks.append(Block(line, kind, gap))  # text, kind, gap_before: positional, a third cheaper per line
        gap = 0
    return blocks
