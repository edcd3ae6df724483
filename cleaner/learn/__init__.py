"""Learning a draft outlet profile from a few sample pages of the outlet.

`learn_profile` cleans the samples with the generic profile only and looks first for what a
person writes first for an HTML outlet: the article container (`container`), the smallest
template nodes holding the story and its standfirst, adopted only if it keeps every story block
of the generic path (`adopt`). From the samples as the container gives them (or as the generic
path does), it then finds what recurs across them and is not story: template lines and blocks,
cut markers, byline and date shapes, selectors of template nodes (the residue inside the
container). The draft is checked the way it will be used: the samples are cleaned again with
the draft loaded by the normal profile loader. A rule that removes any story block of any
sample is dropped, and so is a rule that removes nothing; what each remaining rule removed
becomes its comment. A container whose text, after the rules, is worse than the generic path's
goes, and the rules are learned again without it. The story of a sample is defined in `samples`
and `story`: a sentence that recurs across samples is template only outside every story.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..heuristics.signals import normalise
from ..metadata import page_url
from ..model import Document, Result
from ..profiles import normalise_outlet_name
from ..urls import host_of
from .adopt import adopt_container, container_pays
from .candidates import Candidate, literal_line, unique_names
from .draft import Draft
from .headline import title_selector
from .lines import TemplateLines, cut_after, cut_before, prefixes, template_blocks
from .samples import Sample, read_samples
from .selectors import selectors
from .shapes import bylines, dates

MIN_SAMPLES = 2
MAX_CHECKS = 8


class LearnError(ValueError):
    """The samples cannot teach a profile (too few, or the outlet name is unusable)."""


def outlet_id(name: str) -> str:
    """'The Nation' -> 'the-nation': the id shape profiles require."""
    return re.sub(r"[^a-z0-9_]+", "-", name.lower()).strip("-_")


def learn_profile(documents: list[Document], names: list[str], outlet: str, domains: list[str] = ()) -> Draft:
    """A checked draft profile for `outlet` from two or more sample documents (HTML or text)."""
    if len(documents) < MIN_SAMPLES:
        raise LearnError(f"need at least {MIN_SAMPLES} samples of the outlet, got {len(documents)}")
    ident = outlet_id(outlet)
    if not ident:
        raise LearnError(f"cannot make a profile id from the outlet name {outlet!r}")
    generic = read_samples(documents, names)
    draft = Draft(ident, outlet, list(names), list(domains) or _page_domains(generic))
    samples = adopt_container(draft, generic)
    learn_rules(draft, samples)
    if draft.container is not None and not container_pays(draft, samples, generic):
        learn_rules(draft, generic)
    return draft


def learn_rules(draft: Draft, samples: list[Sample]) -> Draft:
    """The draft's rules (and signatures) learned from the samples, then checked."""
    lines = TemplateLines.find(samples)
    after, covered_after = cut_after(samples, lines)
    before, covered_before = cut_before(samples, lines)
    draft.rules = [
        *selectors(samples),
        *template_blocks(samples, lines, covered_after | covered_before),
        *prefixes(samples),
        *(r for r in (after, before) if r is not None),
        *bylines(samples),
        *dates(samples),
    ]
    unique_names(draft.rules)
    draft.signatures = _signatures(lines, samples, draft.name)
    draft.title = title_selector(samples)
    return check(draft, samples)


def check(draft: Draft, samples: list[Sample]) -> Draft:
    """Clean the samples with the draft; drop rules that touch story, that make extraction lose
    what the generic path kept, or that never fire; note what the rest removed."""
    for _ in range(MAX_CHECKS):
        results = draft.clean([s.document for s in samples])
        offenders = set().union(*(_story_offenders(draft, s, r) for s, r in zip(samples, results)))
        if not offenders and any(_collateral(draft, s, r) for s, r in zip(samples, results)):
            offenders = _selectors_with_collateral(draft, samples)
        if not offenders:
            break
        draft.rules = [r for r in draft.rules if draft.rule_id(r) not in offenders]
    else:
        draft.rules = []
        results = draft.clean([s.document for s in samples])
    _note_firing(draft, results)
    draft.rules = [r for r in draft.rules if r.fired]
    return draft


def _story_offenders(draft: Draft, sample: Sample, result: Result) -> set[str]:
    """Ids of draft rules that removed story from this sample."""
    story = sample.story_texts()
    ours = {draft.rule_id(r) for r in draft.rules}
    offenders = {
        removal.rule for removal in result.dropped_nodes
        if removal.rule in ours and any(text in normalise(removal.text) for text in story)
    }
    return offenders | {b.removed_by for b in result.blocks if b.removed_by in ours and normalise(b.text) in story}


def _collateral(draft: Draft, sample: Sample, result: Result) -> bool:
    """Whether a block the generic path kept went missing without a draft rule removing it:
    removed nodes changed what extraction found, or what a generic heuristic decided. The
    headline that the draft's title selector names goes as a repeated headline, as it should."""
    ours = {draft.rule_id(r) for r in draft.rules}
    removed = {normalise(b.text) for b in result.blocks if b.removed_by in ours}
    removed |= {normalise(text) for text in draft.title.removed} if draft.title else set()
    nodes = [normalise(r.text) for r in result.dropped_nodes if r.rule in ours]
    kept = normalise(result.text)
    for block in sample.blocks:
        text = normalise(block.text)
        if block.kept and text and text not in kept and text not in removed and not any(text in n for n in nodes):
            return True
    return False


def _selectors_with_collateral(draft: Draft, samples: list[Sample]) -> set[str]:
    """The selector rules that cause collateral losses on their own (all of them if none does)."""
    removes = [r for r in draft.rules if r.kind == "remove"]
    culprits = set()
    for rule in removes:
        alone = replace(draft, rules=[rule])
        if any(_collateral(alone, s, r) for s, r in zip(samples, alone.clean([s.document for s in samples]))):
            culprits.add(draft.rule_id(rule))
    return culprits or {draft.rule_id(r) for r in removes}


def _note_firing(draft: Draft, results: list[Result]) -> None:
    by_id = {draft.rule_id(r): r for r in draft.rules}
    for rule in draft.rules:
        rule.fired, rule.removed = 0, []
    for result in results:
        fired = set()
        for removal in result.removed:
            rule = by_id.get(removal.rule)
            if rule is not None:
                fired.add(removal.rule)
                rule.removed.append(removal.text)
        for rule_id in fired:
            by_id[rule_id].fired += 1
    if draft.title is not None:
        headlines = {normalise(text) for text in draft.title.removed}
        draft.title.fired = sum(normalise(result.title or "") in headlines for result in results)
        draft.title = draft.title if draft.title.fired else None


def _page_domains(samples: list[Sample]) -> list[str]:
    """The one host every sample declares (its URL, canonical link or og:url), if they agree."""
    hosts = set()
    for sample in samples:
        url = sample.document.url or (page_url(sample.page.tree) if sample.page else None) or ""
        host = host_of(url).removeprefix("www.")
        if not host:
            return []
        hosts.add(host)
    return sorted(hosts) if len(hosts) == 1 else []


def _signatures(lines: TemplateLines, samples: list[Sample], outlet: str) -> list[str]:
    """A template line in every sample that names the outlet: it recognises the outlet's text."""
    name = normalise_outlet_name(outlet)
    naming = [lines.text[k] for k in lines.in_all(samples) if name and name in normalise_outlet_name(k)]
    if not naming:
        return []
    return [literal_line(min(naming, key=len)).removeprefix("^").removesuffix("$")]


__all__ = ["Candidate", "Draft", "LearnError", "learn_profile", "outlet_id"]
