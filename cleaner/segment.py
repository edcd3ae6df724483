"""Bare text to blocks: one block per non-empty line, remembering the blank lines between.

Scraped text keeps one paragraph per line (with or without blank lines between), so a line is
the unit the filter judges. Lines opened by a list marker become list items.
"""
from __future__ import annotations

from .model import LIST_ITEM, PARAGRAPH, Block

LIST_MARKERS = ("- ", "• ", "* ", "· ", "– ")


def text_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    gap = 0
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            gap += 1
            continue
        kind = LIST_ITEM if line.startswith(LIST_MARKERS) else PARAGRAPH
        blocks.append(Block(line, kind, gap))  # text, kind, gap_before: positional, a third cheaper per line
        gap = 0
    return blocks
