"""Link lists: a marker line ("Articles You May Like", "Tags") and the run of items under it.

The marker is recognised as a whole line from a phrase family (several languages); the items
after it are removed while they look like headlines or links (short, no sentence end, or mostly
link text in HTML) and the first real paragraph ends the run. A marker on its own is removed too:
it is residue whatever follows it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .signals import KeyPrefixes, Keys, is_headline_like, is_prose, normalise, word_count

if TYPE_CHECKING:
    from ..filter import Context

RELATED_LIST = "generic.related-list"
TAG_LIST = "generic.tag-list"

# Whole-line markers, compared after `normalise` (case, punctuation and accents ignored).
RELATED_MARKERS = frozenset(normalise(m) for m in (
    "Articles You May Like", "You May Also Like", "You Might Also Like", "You May Like", "You might like",
    "Related", "Related Articles", "Related Posts", "Related Stories", "Related News", "Related Content",
    "Related Coverage", "Related Reading", "Related Links", "Read More", "Read Next", "Read This Next",
    "More To Read", "More Stories", "Read More Stories", "More Like This", "More News", "More Headlines",
    "More On This Story", "Must Read", "Must Reads", "Recommended", "Recommended For You",
    "Recommended Stories", "Recommended Articles", "Recommended Reading",
    "Trending", "Trending Now", "Trending Stories", "Most Popular", "Most Read", "Most Viewed", "Popular",
    "Popular Posts", "Popular Stories", "Latest News", "Latest Stories", "Latest Posts", "Top Stories",
    "Editor's Picks", "Editors' Picks", "See Also", "Also Read", "What To Read Next", "Don't Miss",
    "In Other News", "Around The Web", "From The Web", "Sponsored Stories", "Promoted Stories",
    "You May Be Interested In", "Other Stories", "Read Also", "More From Our Network", "Up Next",
    "Lesen Sie auch", "Mehr zum Thema", "Das könnte Sie auch interessieren", "À lire aussi", "Lire aussi",
    "Sur le même sujet", "Leer más", "Te puede interesar", "Noticias relacionadas", "Leggi anche",
    "Potrebbe interessarti anche", "Leia também", "Veja também", "Lees ook", "Czytaj też", "Zobacz też",
    # a table of contents: links to the story's own sections, printed above it
    "Table of Contents", "Contents", "In This Article", "On This Page", "Jump To", "Inhaltsverzeichnis", "Sommaire",
))
RELATED_PREFIXES = tuple(normalise(m) + " " for m in (
    "More from", "More in", "Also on", "More on", "Mehr aus", "Most read in", "Most popular in", "Latest in",
    "Top stories in", "More stories from",
))
TAG_MARKERS = frozenset(normalise(m) for m in (
    "Tags", "Topics", "Related Topics", "Related Tags", "Filed Under", "Filed In", "Categories", "Keywords",
    "Schlagwörter", "Themen", "Mots-clés", "Etiquetas", "Temas", "Argomenti",
))
MAX_MARKER_WORDS = 8
MAX_PASSED_OVER = 1  # blocks in a row that other rules removed, passed over inside a list
MARKERS = {RELATED_LIST: (RELATED_MARKERS, RELATED_PREFIXES), TAG_LIST: (TAG_MARKERS, ())}
_ANY_MARKER = Keys.of(frozenset().union(*(markers for markers, _ in MARKERS.values())))
_ANY_PREFIX = KeyPrefixes.of(prefix for _, prefixes in MARKERS.values() for prefix in prefixes)


def _markers(text: str) -> frozenset[str]:
    """The rules (RELATED_LIST, TAG_LIST) whose marker the line is: decided once per block (see
    `Context.per_block`), for both rules and every pass over the blocks."""
    if word_count(text) > MAX_MARKER_WORDS:
        return frozenset()
    if not _ANY_MARKER.holds(text) and not _ANY_PREFIX.begin(text):  # most lines: no need to ask each rule
        return frozenset()
    key = normalise(text)
    return frozenset(rule_id for rule_id, (markers, prefixes) in MARKERS.items()
                     if key in markers or (bool(prefixes) and key.startswith(prefixes)))


def _is_list_item(context: Context, index: int) -> bool:
    block = context.blocks[index]
    if block.link_density >= 0.5 and not is_prose(block.text, min_words=25):
        return True
    return is_headline_like(block.text, max_words=30) or word_count(block.text) <= 3


def _remove_marked_runs(context: Context, rule_id: str) -> None:
    """A marker line goes with the list items after it. A block another rule removed among them
    (an ad slot inside the list) is passed over; a stretch of them ends the list (a page dump's
    ad slot and template label, then the story's next subheading). A marker another rule already
    removed (a bare "Read more" line taken by a line rule) still heads its list: the order rules
    run in must not decide whether its headlines stay."""
    blocks, markers = context.blocks, context.per_block(_markers)
    for marker in [i for i, rules in enumerate(markers) if rule_id in rules]:  # most documents: none
        if not _heads_a_list(context, marker):
            continue
        context.remove(marker, rule_id)
        index, passed_over = marker + 1, 0
        while index < len(blocks) and rule_id not in markers[index]:  # the run ends at the next marker
            if blocks[index].kept:
                if passed_over > MAX_PASSED_OVER or not _is_list_item(context, index):
                    break
                context.remove(index, rule_id)
                passed_over = 0
            elif blocks[index].removed_by != rule_id:
                passed_over += 1
            index += 1


def _heads_a_list(context: Context, index: int) -> bool:
    """A kept marker heads a list. So does one a line rule removed (that rule took the line and
    nothing after it) when its list follows at once; a marker a section or box rule removed was
    handled with its section."""
    if context.blocks[index].kept:
        return True
    rule = context.removing_rule(index)
    following = index + 1
    return (rule is not None and rule.kind == "drop_lines" and following < len(context.blocks)
            and context.blocks[following].kept)


def remove_related_lists(context: Context) -> None:
    _remove_marked_runs(context, RELATED_LIST)


def remove_tag_lists(context: Context) -> None:
    _remove_marked_runs(context, TAG_LIST)
