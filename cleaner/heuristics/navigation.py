"""Navigation left in the text: breadcrumb trails and clusters of menu entries.

A breadcrumb is recognised by its shape near the top: crumbs joined by separators ("Home > World
> Asia"), or crumbs glued together by a scraper that dropped the separators ("HomeWorldBlinken
to ..."), or a single crumb opening the text that names a section of the page's URL ("World"
over a story at /news/world/...). Menus are runs of very short lines with no sentence
punctuation before the story starts or after it ends; a run inside the story (a list, a table)
is left alone.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..urls import path_of
from .signals import announces_list, ends_sentence, is_prose, normalise, word_count

if TYPE_CHECKING:
    from ..filter import Context

BREADCRUMB = "generic.breadcrumb"
MENU_CLUSTER = "generic.menu-cluster"
TOP_BLOCKS = 6  # breadcrumbs are looked for among the first kept blocks
_SEPARATED = re.compile(r"^[^\n]{1,60}?(?:\s+[>›»|/]\s+|\s*[›»]\s*)[^\n]+$")
_SEPARATOR = re.compile(r"\s+[>›»|/]\s+|\s*[›»]\s*")
_SEPARATOR_CHARS = ">›»|/"  # one of them is in every _SEPARATED line: a cheap test before a slow match
_GLUED_HOME = re.compile(r"^(?:Home|HOME)(?=[A-Z])")
_HOME_FIRST = re.compile(r"^(?:Home|HOME|Start|Startseite|Accueil|Inicio|Portada)\b")
SECTION_WORDS = 3  # a section's name in a URL has no more words than this
MENU_RUN = 4  # this many menu-like lines in a row make a cluster
MENU_WORDS = 3


def _is_breadcrumb(text: str) -> bool:
    if _GLUED_HOME.match(text):
        return True
    if not any(c in text for c in _SEPARATOR_CHARS) or not _SEPARATED.match(text):
        return False
    crumbs = [c for c in _SEPARATOR.split(text) if c.strip()]
    if len(crumbs) < 2 or any(word_count(c) > 12 for c in crumbs[:-1]):
        return False
    return bool(_HOME_FIRST.match(text)) or (len(crumbs) >= 3 and not ends_sentence(text))


def remove_breadcrumbs(context: Context) -> None:
    kept = context.kept_indexes()
    for i in kept[:TOP_BLOCKS]:
        if _is_breadcrumb(context.blocks[i].text):
            context.remove(i, BREADCRUMB)
    if kept and context.blocks[kept[0]].kept and _names_a_url_section(context.blocks[kept[0]].text, context.url):
        context.remove(kept[0], BREADCRUMB)


def _names_a_url_section(text: str, url: str) -> bool:
    """A short line that is one of the URL's path segments, words for hyphens ("World" at
    /news/world/..., "Middle East" at /middle-east/...): the section label over a story."""
    if not url or word_count(text) > SECTION_WORDS or ends_sentence(text):
        return False
    sections = {normalise(segment.replace("-", " ").replace("_", " ")) for segment in path_of(url).split("/")}
    return normalise(text) in sections


def _menu_like(text: str) -> bool:
    return word_count(text) <= MENU_WORDS and not ends_sentence(text) and not text.startswith(("-", "•", "*"))


def _announced(context: Context, index: int) -> bool:
    """Whether the run at `index` belongs to a list the story announces: the kept block before it
    ends in a colon, or a sentence ending in one comes further up with only list lines (headings,
    entries, no prose) between, as in a list of winners in sections."""
    nearest = True
    for j in range(index - 1, -1, -1):
        block = context.blocks[j]
        if not block.kept:
            continue
        if block.text.rstrip().endswith(":") and (nearest or announces_list(block.text)):
            return True
        if is_prose(block.text):
            return False
        nearest = False
    return False


def _remove_runs(context: Context, indexes: list[int]) -> None:
    run: list[int] = []
    for i in indexes + [-1]:
        if i >= 0 and _menu_like(context.blocks[i].text):
            run.append(i)
            continue
        if len(run) >= MENU_RUN and not _announced(context, run[0]):
            for j in run:
                context.remove(j, MENU_CLUSTER)
        run = []


def remove_menu_clusters(context: Context) -> None:
    """Menu-like runs before the first prose paragraph and after the last one."""
    kept = context.kept_indexes()
    first = next((i for i in kept if is_prose(context.blocks[i].text)), None)
    if first is None:
        return
    last = next(i for i in reversed(kept) if is_prose(context.blocks[i].text))
    _remove_runs(context, [i for i in kept if i < first])
    _remove_runs(context, [i for i in kept if i > last])
