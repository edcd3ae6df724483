"""The story's region in bare text: where a whole-page text dump's article starts and ends.

A page dumped to text keeps menus, teasers, footers and widget labels all around the story, with
no tags left to tell them apart. Two passes, in the manner of jusText:

1. every kept line is classified on its own signals (`classify`): `prose` (a sentence-like line
   of some length), `chrome` (menu entries, labels, teaser headlines: short or headline-shaped,
   no sentence end), `data` (a note attached to the story, a credit, a row of figures),
   `headline` (headline-shaped, sentence case) or `neutral` (the rest: short sentences);
2. in context, the story is the contiguous stretch of lines with the highest score (prose counts
   for its words, chrome against, the rest a little against), found as a maximum-sum segment. A
   short insert inside the story (a video label, a teaser) costs less than the prose after it
   earns, so the story is not cut there; menus before it and link lists after it are outside.

Lines outside the story are removed as `generic.outside-story` only when the side they are on
shows page template (a block another rule removed, other than residue found inside stories too,
or a run of menu entries); a side without it, as in text that has already been cleaned, is left
alone, which keeps the rule stable when output is cleaned again. The segment's edges are then
revised, since short story lines score little: after the story, lines that read like it stay
(sentences, notes, credits, figures, a subheading over them), past boxes other rules removed line
by line, up to the first line that does not; before it, the story's lead stays (sentence-like
lines, an unpunctuated standfirst under its headline) past bylines, share rows and captions. The
headline, when the title rule found it in the text, anchors the start: lines between it and the
story's first prose are kept unless they are chrome.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .embeds import SOCIAL_EMBED
from .related import TAG_LIST
from .signals import announces_list, ends_sentence, is_headline_like, is_title_case, remembered, word_count

if TYPE_CHECKING:
    from ..filter import Context

OUTSIDE_STORY = "generic.outside-story"
PROSE, CHROME, HEADLINE, NEUTRAL, DATA = "prose", "chrome", "headline", "neutral", "data"

PROSE_WORDS = 10  # a sentence-like line this long is story prose
QUESTION_PROSE_WORDS = 25
CHROME_WORDS = 4  # a line this short without a sentence end is a menu entry or label
MAX_PROSE_SCORE = 60  # one long paragraph must not outweigh everything around it
CHROME_SCORE = -4
NEUTRAL_SCORE = -1
CHROME_RUN = 3  # a side of the story shows page chrome when it has this many chrome lines in a row
ANNOUNCING_LOOKAHEAD = 3  # lines after the story's last prose (a caption, a credit) may precede it
MIN_STORY_LINES = 3  # documents shorter than this are left to the other rules
BOX_KINDS = ("drop_lines", "drop_between")  # rule kinds that remove lines or bounded boxes, not sections
INLINE_HEURISTICS = (SOCIAL_EMBED,)  # code rules removing inserts found inside stories
_NOT_TEMPLATE = (OUTSIDE_STORY, *INLINE_HEURISTICS)  # code rules whose removals show no page template
# Lines that belong to the story although they are short or unpunctuated: notes attached to it,
# its credits, and figures (a table row "Gold : $2,090.9; -0.2%" is data, not a menu entry).
_STORY_NOTE = re.compile(
    r"^(?:editor[’']?s[’']? note|correction|clarification|update[d]?|reporting by|writing by|editing by|"
    r"additional reporting by|compiled by|research by)\b",
    re.IGNORECASE,
)
_LINK = r"(?:https?://|www\.)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?"  # a web address: nationaltrust.org.uk
_LINK_TOKEN = re.compile(_LINK)
_TRAILING_LINK = re.compile(rf"\s+{_LINK}\s*$")
# 2,090.9  7:18  19-8  -0.2%  $83  9 p.m.: a digit with a separator, a percent sign or a time of
# day after it, or a currency sign before one. Written to open with one character class (the
# lookbehind says which it was), so that `re` skips to the digits and signs instead of trying
# every alternative at every character of a line.
_FIGURE = re.compile(r"[\d$€£¥](?:(?<=\d)(?:[.,:-]\d|\s?%|\s?[ap]\.m\.)|(?<=[$€£¥])\s?\d)")


@remembered  # the title rule asks too
def classify(text: str) -> str:
    """The class of one line on its own signals (the first pass).

    A line closed by a question or exclamation mark counts as prose only when long: teaser
    headlines ask questions ("Are YOU affected?"), story paragraphs rarely end on one. A link or
    address after the last sentence ("... 23 March-2 April. nationaltrust.org.uk") does not hide
    where the sentence ended.
    """
    count = word_count(text)
    text = _without_trailing_link(text)
    stripped = text.rstrip().rstrip("\"'”’»)")
    if ends_sentence(text) and not stripped.endswith(("...", "…")):
        needed = PROSE_WORDS if not stripped.endswith(("?", "!")) else QUESTION_PROSE_WORDS
        if count >= needed and not is_title_case(text):
            return PROSE
        return NEUTRAL
    if _STORY_NOTE.match(text) or (_FIGURE.search(text) and not is_title_case(text)):
        return DATA
    if count <= CHROME_WORDS:
        return CHROME
    if is_headline_like(text, max_words=30) and is_title_case(text):
        return CHROME
    return HEADLINE


def _without_trailing_link(text: str) -> str:
    """The text without a web address after its last word. Searching for one costs a try at every
    character; the address can only be the last whitespace-separated token, so that is tried first,
    and only when the text ends as an address can: in a word character or a hyphen, or after a path."""
    end = text.rstrip()[-1:]
    if "/" not in text and not (end.isalnum() or end in ("_", "-")):  # isalnum() or "_": \w
        return text
    last = text.rsplit(None, 1)[-1:]
    return _TRAILING_LINK.sub("", text) if last and _LINK_TOKEN.fullmatch(last[0]) else text


def _score(label: str, text: str) -> int:
    if label == PROSE:
        return min(word_count(text), MAX_PROSE_SCORE)
    return CHROME_SCORE if label == CHROME else NEUTRAL_SCORE


def best_segment(scores: list[int]) -> tuple[int, int]:
    """(start, end) of the contiguous run with the highest sum (end exclusive), the longest on ties."""
    best, best_span = None, (0, 0)
    running, start = 0, 0
    for i, score in enumerate(scores):
        if running <= 0 and score > running:
            running, start = score, i
        else:
            running += score
        if best is None or running > best or (running == best and i + 1 - start > best_span[1] - best_span[0]):
            best, best_span = running, (start, i + 1)
    return best_span


def _is_template(context: Context, index: int) -> bool:
    """Removed by another rule as page template (a share row, a footer, a marker), not by an
    `inline` rule, whose residue sits inside stories too (a photo credit, an ad marker, an
    embedded post). This rule's own removals are no evidence: a later pass must not take what an
    earlier one left for what it removed."""
    block, rule = context.blocks[index], context.removing_rule(index)
    return not block.kept and not (rule and rule.inline) and block.removed_by not in _NOT_TEMPLATE


def _in_a_box(context: Context, index: int) -> bool:
    """Removed line by line or as a box between markers, or as an insert in the story (an
    embedded post): the story may go on after it."""
    rule = context.removing_rule(index)
    return (rule is not None and rule.kind in BOX_KINDS) or context.blocks[index].removed_by in INLINE_HEURISTICS


def _shows_template(context: Context, indexes: list[int]) -> bool:
    return any(_is_template(context, i) for i in indexes)


def _has_menu_run(context: Context, indexes: list[int]) -> bool:
    """A run of menu entries (short lines, no sentence end): page navigation above the story."""
    run = 0
    for i in indexes:
        block = context.blocks[i]
        menu_entry = block.kept and word_count(block.text) <= CHROME_WORDS and not ends_sentence(block.text)
        run = run + 1 if menu_entry else 0
        if run >= CHROME_RUN:
            return True
    return False


def _announced_list_end(context: Context, indexes: list[int], end: int) -> int:
    """A sentence ending in a colon at the story's end ("See the full list below:") announces what
    follows: the lines after it belong to the story, up to the next page template."""
    template = next((p for p in range(end, len(indexes)) if _is_template(context, indexes[p])), len(indexes))
    following = [p for p in range(end, template) if context.blocks[indexes[p]].kept][:ANNOUNCING_LOOKAHEAD]
    last = next((p for p in range(end - 1, -1, -1) if context.blocks[indexes[p]].kept), None)
    announcing = [p for p in [last, *following] if p is not None and announces_list(context.blocks[indexes[p]].text)]
    if not announcing:
        return end
    end = max(end, announcing[-1] + 1)
    while end < len(indexes) and not _is_template(context, indexes[end]):
        end += 1
    return end


def _labels(context: Context) -> list[tuple[int, str]]:
    """(block index, class) of every block the story's region is judged on.

    Blocks other rules removed as residue (a "Read more:" marker, a share row) count as chrome:
    they are evidence of where the page's template is. Bylines and dates do not count.
    """
    labelled = []
    for i, block in enumerate(context.blocks):
        if block.kept:
            labelled.append((i, classify(block.text)))
        elif i not in context.metadata_blocks:
            labelled.append((i, CHROME))
    return labelled


def _link_lists(labels: list[str]) -> list[str]:
    """Context pass: headline-shaped lines in a run of such lines and chrome are a link list."""
    revised = list(labels)
    run: list[int] = []
    for position, label in enumerate(labels + [PROSE]):
        if label in (HEADLINE, CHROME):
            run.append(position)
            continue
        if len(run) >= CHROME_RUN:
            for p in run:
                revised[p] = CHROME
        run = []
    return revised


def remove_outside_story(context: Context) -> None:
    """Bare text only: remove page chrome before and after the story's region."""
    if context.format != "text" or len(context.kept_indexes()) < MIN_STORY_LINES:
        return
    labelled = _labels(context)
    indexes = [i for i, _ in labelled]
    labels = _link_lists([label for _, label in labelled])
    if PROSE not in labels:
        return
    start, end = best_segment([_score(label, context.blocks[i].text) for i, label in zip(indexes, labels)])
    end = _announced_list_end(context, indexes, end)
    anchor = context.headline_index
    if anchor is not None and anchor < indexes[start]:
        first_after = next((p for p, i in enumerate(indexes) if i > anchor), start)
        for position in range(first_after, start):
            if labels[position] == CHROME and word_count(context.blocks[indexes[position]].text) <= CHROME_WORDS:
                context.remove(indexes[position], OUTSIDE_STORY)
        start = first_after
    start = _lead_start(context, indexes, labels, start)
    if _shows_template(context, indexes[:start]) or _has_menu_run(context, indexes[:start]):
        for i in indexes[:start]:
            context.remove(i, OUTSIDE_STORY)
    _remove_tail(context, indexes[end:], labels[end:])


def _remove_tail(context: Context, indexes: list[int], labels: list[str]) -> None:
    """After the story, when that side shows page template, everything goes from the first line
    that does not read like the story. Sentences, notes, credits and figures do (and a heading
    over them); the story goes on past boxes other rules removed (a newsletter prompt, a share
    row) as long as they do, but not past a section removed as a whole (a related list, all after
    a footer marker). A label, a menu entry or a headline over nothing ends it. A side without
    template is left alone."""
    if not _shows_template(context, indexes):
        return
    position = 0
    while position < len(indexes):
        block = context.blocks[indexes[position]]
        if block.kept and not _reads_like_story(context, indexes, labels, position):
            break
        if not block.kept and not _in_a_box(context, indexes[position]):
            break
        position += 1
    for i in indexes[position:]:
        context.remove(i, OUTSIDE_STORY)


def _reads_like_story(context: Context, indexes: list[int], labels: list[str], position: int) -> bool:
    if labels[position] in (PROSE, NEUTRAL, DATA):
        return True
    following = position + 1
    return (
        following < len(indexes) and context.blocks[indexes[following]].kept
        and _under_heading(context.blocks[indexes[following]].text, labels[following])
    )


def _under_heading(text: str, label: str) -> bool:
    """What a subheading of the story stands over: prose, figures, or a statement."""
    return label in (PROSE, DATA) or (label == NEUTRAL and text.rstrip().endswith("."))


def _lead_start(context: Context, indexes: list[int], labels: list[str], start: int) -> int:
    """Lines above the story that read like it (a standfirst, key points without a full stop),
    past boxes other rules removed (a byline, a share row, a caption, tags under the headline),
    are its lead: the story starts with them. An unpunctuated standfirst is told from the
    headline by the headline above it. Anything else stops the lead."""
    position = start - 1
    while position >= 0:
        block = context.blocks[indexes[position]]
        if not block.kept:
            if not _in_a_box(context, indexes[position]) and block.removed_by != TAG_LIST:
                break
        elif labels[position] in (PROSE, DATA) or (labels[position] == NEUTRAL and word_count(block.text) >= PROSE_WORDS):
            start = position
        elif classify(block.text) == HEADLINE and _under_headline(context, indexes, labels, position):
            return position
        else:
            break
        position -= 1
    return start


def _under_headline(context: Context, indexes: list[int], labels: list[str], position: int) -> bool:
    """Whether the line above is a headline: a kept headline-shaped line, or one this rule removed
    as outside the story in an earlier pass (the decision then stands)."""
    if position == 0:
        return False
    above = context.blocks[indexes[position - 1]]
    return (above.kept and labels[position - 1] in (HEADLINE, CHROME)) or above.removed_by == OUTSIDE_STORY
