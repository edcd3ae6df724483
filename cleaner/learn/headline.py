"""The headline as the page shows it, when the page's metadata names another title.

Some outlets state an SEO variant of the headline, or a stale one, in their JSON-LD and meta
tags. The samples show the headline the reader sees: the first <h1> that is not template (a
"Log In" heading recurs across samples). When, in enough samples, that headline is not the
title the metadata states, a template name of the heading that selects it first in every
sample becomes `html.title`. The draft check then confirms that the samples' titles are their
headlines.
"""
from __future__ import annotations

from lxml.cssselect import CSSSelector

from ..heuristics.signals import normalise
from .candidates import Candidate
from .names import template_keys
from .page import ancestors
from .samples import Sample, needed

MIN_WORDS = 3  # a heading this short is a label, not a headline


def title_selector(samples: list[Sample]) -> Candidate | None:
    """An `html.title` candidate, when enough samples' headlines differ from their stated title."""
    html = [s for s in samples if s.page is not None]
    headings = {s.name: _headline(s, html) for s in html}
    differ = [s for s in html if headings[s.name] is not None and not _agrees(s, headings[s.name])]
    if len(differ) < needed(samples):
        return None
    for key in _keys(headings[differ[0].name]):
        if all(_first(s, key) is headings[s.name] for s in html if headings[s.name] is not None):
            shown = [" ".join(" ".join(headings[s.name].itertext()).split()) for s in differ]
            return Candidate("title", "title", (key,), removed=shown)
    return None


def _headline(sample: Sample, samples: list[Sample]):
    """The sample's first <h1> long enough to be a headline that no other sample has."""
    others = {_text(h) for s in samples if s is not sample for h in s.page.tree.iter("h1")}
    for heading in sample.page.tree.iter("h1"):
        text = _text(heading)
        if len(text.split()) >= MIN_WORDS and text not in others:
            return heading
    return None


def _agrees(sample: Sample, heading) -> bool:
    """Whether the stated title is the headline ("Headline | The Outlet" counts)."""
    return _text(heading) in normalise(sample.result.title or "")


def _keys(heading) -> list[str]:
    """Names of the heading, then `h1` inside a named ancestor, then `h1` itself."""
    named = next((node for node in ancestors(heading)[1:] if template_keys(node)), None)
    inside = [f"{key} h1" for key in template_keys(named)] if named is not None else []
    return [f"h1{key}" if key[0] in ".#[" else key for key in template_keys(heading)] + inside + ["h1"]


def _first(sample: Sample, key: str):
    found = CSSSelector(key)(sample.page.tree)
    return found[0] if found else None


def _text(element) -> str:
    return normalise(" ".join(element.itertext()))
