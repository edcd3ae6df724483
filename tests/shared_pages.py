"""The three inputs the shared scorer builds from a labelled page (`../shared/data`): the HTML
itself, every visible line of it (a page dump), and trafilatura's recall-mode text (loose).
Each gives (content, options for Cleaner.clean)."""
from __future__ import annotations

from typing import Callable

Input = Callable[[dict], tuple[str, dict]]  # page record -> (content, options for Cleaner.clean)


def html_page(page: dict) -> tuple[str, dict]:
    return page["html"], {"url": page["url"], "format": "html"}


def page_dump(page: dict) -> tuple[str, dict]:
    """Every visible line of the page, as a scraper without a DOM keeps it."""
    import html_text

    return html_text.extract_text(page["html"], guess_layout=True), {"url": page["url"], "format": "text"}


def loose_text(page: dict) -> tuple[str, dict]:
    """Trafilatura's text in recall mode, residue included (like the seed texts)."""
    import trafilatura

    text = trafilatura.extract(page["html"], url=page["url"], favor_recall=True, include_comments=True, include_tables=True)
    return text or "", {"url": page["url"], "format": "text"}


INPUTS: dict[str, Input] = {"html": html_page, "page": page_dump, "loose": loose_text}
