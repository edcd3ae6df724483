"""The article container: the selector a person writes first for an outlet.

The generic path finds the story's paragraphs but often misses the standfirst above them or
part of the body, and sometimes keeps residue around them. The outlet's own markup says where
the story is; learning looks for the smallest nodes that hold it (see `story` for what the
story's elements are: the generic story, less what is plainly not story, plus the lead):

* every template name (`names`) of the story's elements and of their ancestors is a candidate
  key, unless it names residue (a caption, a promo);
* a key is scored on every sample by walking its nodes as the extract stage walks a container:
  the story it covers counts for it, residue it walks against it, and a little for every node
  it matches beyond the first. A paragraph shaped like the story's own (the next section or
  post: `Evidence.shaped_like_story`) is story. Residue is the headline, a link, a short line the
  generic path dropped, or text that recurs across samples (at half weight: a line rule can take
  it); other text unique to the sample (a list the story announces, a paragraph of another
  shape) counts neither way;
* the group of up to three keys with the highest score wins: a standfirst kept apart from the
  body gives `.standfirst, .body`, in page order.

The result is a candidate: `learn_profile` cleans the samples with it and keeps it only if every
story block of the generic path survives and it adds more than it costs.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from lxml.cssselect import CSSSelector

from ..extract import Selectors, container_blocks
from ..heuristics.signals import is_prose, normalise, words
from ..model import Block
from .names import residue_named, template_keys
from .page import ancestors
from .samples import STANDFIRST_WORDS, Sample, needed
from .story import MAX_LINK_DENSITY, TOP_TAGS, Evidence, evidences

MAX_KEYS = 3
POOL = 10  # keys tried in groups: this many of the best, and the purest holding each story text
SEMANTIC_TAGS = ("article", "main")
NODE_COST = 10  # characters of residue one more node of a container weighs


def container_keys(element) -> list[str]:
    """The keys that may name a container: template names (an id even if it is a bare layout word:
    one node per page, "#main" names the part) and the semantic tags; none for a residue box."""
    if residue_named(element):
        return []
    return template_keys(element, layout_ids=True) + ([element.tag] if element.tag in SEMANTIC_TAGS else [])


@dataclass
class Container:
    """A container selector found in the samples, and the story it was chosen to hold."""

    selector: str
    story: dict[str, set[str]]  # sample name -> the story texts (normalised) of the generic path it must keep
    lead: dict[str, set[str]]  # sample name -> the lead texts (standfirst, key points) it adds


@dataclass
class _Walk:
    """What one key's nodes give in one sample: story texts covered, residue walked, nodes."""

    found: frozenset[str]
    residue: dict[str, int]
    nodes: frozenset

    def __or__(self, other: "_Walk") -> "_Walk":
        return _Walk(self.found | other.found, {**self.residue, **other.residue}, self.nodes | other.nodes)

    def gain(self) -> int:
        """Story characters covered less residue walked, and less a little for every node beyond
        the first: a wrapper beats a selector of each paragraph, which loses what has no class."""
        nodes = NODE_COST * max(0, len(self.nodes) - 1)
        return sum(len(t) for t in self.found) - sum(self.residue.values()) - nodes


def walk_key(tree, key: str) -> list[Block]:
    """The blocks the extract stage takes from a container selector (before any node removal)."""
    return container_blocks(tree, Selectors((CSSSelector(key),), (), (), None, None, None))


def find_container(samples: list[Sample]) -> Container | None:
    """The container for the HTML samples, or None when no key holds their story."""
    evidence = evidences(samples)
    if len(evidence) < needed(samples):
        return None
    walks = {key: [_classify(e, key) for e in evidence] for key in _candidate_keys(evidence)}
    chosen = _best_keys(walks)
    if not chosen:
        return None
    return Container(
        ", ".join(_in_page_order(chosen, evidence[0].sample.page.tree)),
        {e.sample.name: e.kept_story for e in evidence},
        {e.sample.name: set(e.lead) for e in evidence},
    )


def _in_page_order(keys: list[str], tree) -> list[str]:
    """The keys ordered as their first nodes come in the page: the group reads like the page."""
    order = {node: n for n, node in enumerate(tree.iter())}
    return sorted(keys, key=lambda k: min((order.get(node, len(order)) for node in CSSSelector(k)(tree)), default=len(order)))


def _total(walks: dict[str, list[_Walk]], keys: tuple[str, ...]) -> int:
    total = 0
    for n in range(len(next(iter(walks.values())))):
        union = walks[keys[0]][n]
        for key in keys[1:]:
            union = union | walks[key][n]
        total += union.gain()
    return total


def _best_keys(walks: dict[str, list[_Walk]]) -> list[str]:
    """The group of at most `MAX_KEYS` keys with the highest gain, the fewer keys on a tie. Groups
    are formed from the keys best on their own and, for every story text, the purest key holding
    it (a standfirst's own class)."""
    if not walks:
        return []
    gains = {k: _total(walks, (k,)) for k in walks}
    ranked = sorted(walks, key=lambda k: (-gains[k], _priority(k)))
    purest = sorted((k for k in ranked if gains[k] > 0), key=lambda k: (-_purity(walks[k]), -gains[k], _priority(k)))
    texts = {(n, t) for k in purest for n, w in enumerate(walks[k]) for t in w.found}
    tight = {next(k for k in purest if t in walks[k][n].found) for n, t in texts}  # the purest key holding each text
    pool = list(dict.fromkeys(ranked[:POOL] + [k for k in purest if k in tight][:POOL]))
    groups = [(k,) for k in ranked] + [g for size in range(2, MAX_KEYS + 1) for g in combinations(pool, size)]
    best = max(groups, key=lambda keys: (_total(walks, keys), -len(keys)))
    return list(best) if _total(walks, best) > 0 else []


def _purity(walks: list[_Walk]) -> float:
    """The share of what the key walks that is story."""
    found = sum(len(t) for w in walks for t in w.found)
    return found / (found + sum(v for w in walks for v in w.residue.values()) + 1)


def _priority(key: str) -> tuple[bool, int, str]:
    """Ties go to names without numbers (a number may count something that varies), then to ids,
    data attributes, classes, class prefixes and tags, in that order: the most specific name."""
    kind = 3 if key.startswith("[class*=") else {"#": 0, "[": 1, ".": 2}.get(key[0], 4)
    return (any(c.isdigit() for c in key), kind, key)


def _classify(evidence: Evidence, key: str) -> _Walk:
    """Walk the key's nodes in one sample and sort what they give into story and residue."""
    tree = evidence.sample.page.tree
    blocks = walk_key(tree, key)
    walked = normalise(" ".join(b.text for b in blocks))
    found = {text for text in evidence.story if text in walked}
    story = "\n".join(evidence.story)
    residue = {}
    for block in blocks:
        text = normalise(block.text)
        if not text or text in story or any(t in text for t in found):
            continue
        if evidence.shaped_like_story(block):
            found.add(text)
        elif text == evidence.headline:
            residue[text] = len(text)
        elif not evidence.unique(text):
            residue[text] = len(text) // 2  # template text: a line rule can take it
        elif block.link_density > MAX_LINK_DENSITY:
            residue[text] = len(text)
        elif not (text in evidence.kept or is_prose(block.text) or len(words(block.text)) >= STANDFIRST_WORDS):
            residue[text] = len(text)
    return _Walk(frozenset(found), residue, frozenset(CSSSelector(key)(tree)) if blocks else frozenset())


def _candidate_keys(evidence: list[Evidence]) -> list[str]:
    """Keys of story elements and of their ancestors, found in enough samples; and for a lead
    element without a name of its own, its tag inside its nearest named ancestor
    (`#articleHeader p`: a standfirst in a header whose other names are generated)."""
    where: dict[str, set[int]] = {}
    for n, item in enumerate(evidence):
        for text, element in item.story.items():
            keys = [key for node in ancestors(element) if node.tag not in TOP_TAGS for key in container_keys(node)]
            if text in item.lead and not container_keys(element):
                named = next((node for node in ancestors(element)[1:] if container_keys(node)), None)
                keys += [f"{key} {element.tag}" for key in container_keys(named)] if named is not None else []
            for key in keys:
                where.setdefault(key, set()).add(n)
    enough = needed([e.sample for e in evidence])
    return [key for key, found in where.items() if len(found) >= enough]


