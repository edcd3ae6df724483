"""Learning a draft outlet profile from a few sample pages of the outlet.

`learn_profile` cleans the samples with the generic profile only, finds what recurs across them
and is not story (template lines and blocks, cut markers, byline and date shapes, selectors of
template nodes), writes those as a draft profile and then checks the draft the way it will be
used: the samples are cleaned again with the draft loaded by the normal profile loader. A rule
that removes any story block of any sample is dropped, and so is a rule that removes nothing;
what each remaining rule removed becomes its comment. The story of a sample is defined in
`samples`: a sentence that recurs across samples is template only outside every story.
"""
from __future__ import annotations

import re
import tempfile
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from ..evaluate import SHINGLE
from ..heuristics.signals import is_prose, normalise, words
from ..metadata import page_url
from ..model import Block, Document, Result
from ..pipeline import Cleaner
from ..profiles import normalise_outlet_name
from .candidates import Candidate, literal_line, unique_names
from .container import MAX_LINK_DENSITY, find_container, missed_paragraphs, walk_key
from .draft import Draft
from .lines import TemplateLines, cut_after, cut_before, prefixes, template_blocks
from .samples import STANDFIRST_WORDS, Sample, line_key, read_samples
from .selectors import selectors
from .shapes import bylines, dates

MIN_SAMPLES = 2
MAX_CHECKS = 8
KEPT_SHARE = 0.9  # of a story block's words found in the output: the block is kept


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
    if draft.container is not None and container_balance(draft, samples, generic) < 0:
        draft.container = None  # it adds more residue than its rules take and story it brings
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
    return check(draft, samples)


def container_balance(draft: Draft, samples: list[Sample], generic: list[Sample]) -> int:
    """Characters of story the checked draft adds to the generic path's text and of residue it
    leaves out, less the residue it adds and any story it loses. What it adds is story, residue
    (`plain_residue`) or, unique prose it cannot judge, neither."""
    balance = 0
    for sample, base, result in zip(samples, generic, clean_with(draft, [s.document for s in samples])):
        story = sample.story_texts()
        before, after = normalise(base.result.text), normalise(result.text)
        for block in result.blocks:
            text = normalise(block.text)
            if block.kept and text not in before:
                balance += len(text) if text in story else -len(text) if plain_residue(block, samples) else 0
        for text in (normalise(b.text) for b in base.blocks if b.kept):
            if text not in after:
                balance += -len(text) if text in story else len(text)
    return balance


def plain_residue(block: Block, samples: list[Sample]) -> bool:
    """A block plainly not story: a link, a line the samples share, or a short line."""
    key = line_key(block.text)
    shared = sum(key in s.keys for s in samples) > 1
    return block.link_density > MAX_LINK_DENSITY or shared or not (is_prose(block.text) or len(words(block.text)) >= STANDFIRST_WORDS)


def adopt_container(draft: Draft, generic: list[Sample]) -> list[Sample]:
    """Give the draft the article container found in the samples if cleaning with it keeps every
    story block of the generic path, and note what it adds and leaves out. Returns the samples the
    other rules are learned from: as the container gives them, their story being the generic
    story, the lead and the paragraphs the generic path missed (`missed_paragraphs`); or, without
    a container, as the generic path gives them."""
    found = find_container(generic)
    if found is None:
        return generic
    draft.container = Candidate("container", "container", (found.selector,))
    documents = [s.document for s in generic]
    results = clean_with(draft, documents)
    if not all(_keeps(result, found.story.get(s.name, ())) for s, result in zip(generic, results)):
        draft.container = None
        return generic
    before = [normalise(s.result.text) for s in generic]
    added = [[b for b in r.blocks if b.kept and normalise(b.text) not in text] for r, text in zip(results, before)]
    after = [normalise(r.text) for r in results]
    draft.container.fired = sum(bool(s.page is not None and walk_key(s.page.tree, found.selector)) for s in generic)
    draft.container.added = [b.text for blocks in added for b in blocks]
    draft.container.removed = [b.text for s, text in zip(generic, after) for b in s.blocks if b.kept and normalise(b.text) not in text]
    known = [(found.story.get(s.name) or s.story_texts()) | found.lead.get(s.name, set()) for s in generic]
    samples = read_samples(documents, draft.sources, results, known, found.selector)
    for sample in samples:
        sample.story |= missed_paragraphs(sample)
    return samples


def _keeps(result: Result, story: set[str]) -> bool:
    """Whether the result holds every story text (normalised): nearly every word of a long one
    inside a 4-word run found in the result (a hidden label the walk reads, like ", opens new
    tab", breaks the runs across it but leaves the words around it covered), a short one as it
    is (spacing aside: a name and a place in adjacent spans may come out as one word)."""
    text = normalise(result.text)
    tokens = text.split()
    runs = {tuple(tokens[i:i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}
    squashed = text.replace(" ", "")
    for piece in story:
        words_ = piece.split()
        if len(words_) < SHINGLE:
            if piece.replace(" ", "") not in squashed:
                return False
            continue
        covered = [False] * len(words_)
        for i in range(len(words_) - SHINGLE + 1):
            if tuple(words_[i:i + SHINGLE]) in runs:
                covered[i:i + SHINGLE] = [True] * SHINGLE
        if sum(covered) < KEPT_SHARE * len(words_):
            return False
    return True


def check(draft: Draft, samples: list[Sample]) -> Draft:
    """Clean the samples with the draft; drop rules that touch story, that make extraction lose
    what the generic path kept, or that never fire; note what the rest removed."""
    for _ in range(MAX_CHECKS):
        results = clean_with(draft, [s.document for s in samples])
        offenders = set().union(*(_story_offenders(draft, s, r) for s, r in zip(samples, results)))
        if not offenders and any(_collateral(draft, s, r) for s, r in zip(samples, results)):
            offenders = _selectors_with_collateral(draft, samples)
        if not offenders:
            break
        draft.rules = [r for r in draft.rules if draft.rule_id(r) not in offenders]
    else:
        draft.rules = []
        results = clean_with(draft, [s.document for s in samples])
    _note_firing(draft, results)
    draft.rules = [r for r in draft.rules if r.fired]
    return draft


def clean_with(draft: Draft, documents: list[Document]) -> list[Result]:
    """The documents cleaned with the draft, loaded from a file like any user profile."""
    with tempfile.TemporaryDirectory(prefix="cleaner-draft-") as folder:
        (Path(folder) / f"{draft.outlet}.yaml").write_text(draft.to_yaml(), encoding="utf-8")
        cleaner = Cleaner(bundled_profiles=False, profile_dirs=(folder,))
        return [cleaner.clean_document(replace(document, outlet=draft.outlet)) for document in documents]


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
    removed nodes changed what extraction found, or what a generic heuristic decided."""
    ours = {draft.rule_id(r) for r in draft.rules}
    removed = {normalise(b.text) for b in result.blocks if b.removed_by in ours}
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
        if any(_collateral(alone, s, r) for s, r in zip(samples, clean_with(alone, [s.document for s in samples]))):
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


def _page_domains(samples: list[Sample]) -> list[str]:
    """The one host every sample declares (its URL, canonical link or og:url), if they agree."""
    hosts = set()
    for sample in samples:
        url = sample.document.url or (page_url(sample.page.tree) if sample.page else None) or ""
        host = (urlsplit(url).hostname or "").removeprefix("www.")
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
