"""The explain view: a document block by block, each marked kept or removed with its rule id.

Meant to be read in a terminal: a header with the profile (and how it was chosen) and the
metadata found, then every block in order. Colour marks kept and removed blocks on a TTY.
"""
from __future__ import annotations

import shutil
import textwrap

from .model import Result

STATUS_WIDTH = 34
GREEN, RED, DIM, BOLD, RESET = "\033[32m", "\033[31m", "\033[2m", "\033[1m", "\033[0m"


def _paint(text: str, *codes: str, colour: bool) -> str:
    return "".join(codes) + text + RESET if colour else text


def explain(result: Result, source: str = "", colour: bool = False, width: int | None = None) -> str:
    width = width or shutil.get_terminal_size((120, 24)).columns
    text_width = max(30, width - STATUS_WIDTH - 1)
    kept = sum(b.kept for b in result.blocks)
    lines = [
        _paint(f"{source or result.id}", BOLD, colour=colour),
        f"profile: {result.profile} (by {result.resolved_by})   format: {result.format}   "
        f"blocks: {kept} kept, {len(result.blocks) - kept} removed",
        f"title:   {result.title or '-'}",
        f"authors: {', '.join(result.authors) or '-'}",
        f"date:    {result.date or '-'}",
        "",
    ]
    for removal in result.dropped_nodes:
        lines += _entry(f"drop {removal.rule} (html)", removal.text, text_width, RED, colour)
    for block in result.blocks:
        if block.kept:
            lines += _entry("keep", block.text, text_width, GREEN, colour)
        else:
            lines += _entry(f"drop {block.removed_by}", block.text, text_width, RED, colour)
    return "\n".join(lines)


def _entry(status: str, text: str, text_width: int, code: str, colour: bool) -> list[str]:
    """A status column, then the text wrapped beside it (dimmed when removed)."""
    wrapped = [_paint(line, DIM, colour=colour) if code == RED else line for line in textwrap.wrap(text, text_width) or [""]]
    first = _paint(status.ljust(STATUS_WIDTH), code, colour=colour) + " " + wrapped[0]
    return [first] + [" " * (STATUS_WIDTH + 1) + line for line in wrapped[1:]]
