"""The extract stage: an HTML page to blocks of text plus the page's metadata.

The page is parsed once with lxml. The profile's `remove` selectors drop template nodes first
(each removal recorded with its rule id). If the profile names an article `container`, its text
is walked directly: the outlet's own structure is the most precise guide there is. A container
selector may match several nodes (a standfirst and a body, the posts of a live blog): all of them
are walked in page order. Otherwise, or when the container holds no text (a page type the profile
does not know), trafilatura finds the main content, and its paragraph/heading/list structure
becomes blocks. Either way, a standfirst shown under the headline, which is often outside the
story's container (the profile's or the one trafilatura finds), is put back in its place when
the page also states it as its description (`stated_standfirst`); a profile that means to drop
it names it among its `remove` selectors.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

import lxml.html
from lxml import etree
from lxml.cssselect import CSSSelector
from trafilatura import bare_extraction

from .limits import ParserLimit
from .heuristics.signals import normalise
from .metadata import page_descriptions, page_metadata, parse_authors, parse_date
from .model import (
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    QUOTE,
    TABLE_ROW,
    Block,
    Metadata,
    Removal,
)
from .profiles import Profile

SKIPPED_TAGS = frozenset(
    "script style noscript template svg button form nav aside figure figcaption iframe select textarea "
    "input label object video audio canvas map head title meta link".split()
)
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
INLINE_TAGS = frozenset(
    "a abbr b bdi bdo cite code data dfn em font i img kbd mark q s samp small span strong sub sup time u var wbr".split()
)
BLOCK_TAGS = frozenset(
    "p div section article main header footer h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre table "
    "thead tbody tfoot tr td th hr br center details summary address".split()
)


# libxml2's default limits (256 levels of nesting, 10 MB text nodes) stop the parse where they
# are hit and the rest of the page is silently lost. A page that hits one is parsed again with
# the limits raised (2048 levels, 1 GB; the size cap bounds memory) and then flattened below
# MAX_DEPTH, so that no recursive walk (ours or trafilatura's) meets a tree deeper than that.
MAX_DEPTH = 256
_PARSERS = {
    (huge, utf8_bytes): lxml.html.HTMLParser(remove_comments=True, remove_pis=True, default_doctype=False,
                                             huge_tree=huge, encoding="utf-8" if utf8_bytes else None)
    for huge in (False, True) for utf8_bytes in (False, True)
}
_AT_MAX_DEPTH = etree.XPath("/*" + "/*" * MAX_DEPTH)
_EMPTY_PAGE = "<html><body></body></html>"


def parse_html(content: str):
    """The page's element tree; markup errors are tolerated the way browsers tolerate them.

    A page with no markup at all (empty, only comments) is an empty tree, not an error. Raises
    ParserLimit for a page the parser cannot read even with its limits raised.
    """
    tree, limit = _parse(content, huge=False)
    if limit:
        tree, limit = _parse(content, huge=True)
        if limit:
            raise ParserLimit(f"the page is beyond the HTML parser's limits ({limit.split(', use XML_PARSE_HUGE')[0]})")
        _flatten_deep(tree)
    return tree


def _parse(content: str, huge: bool):
    """(tree, the message of a resource limit hit or None)."""
    utf8_bytes = False
    try:
        tree = lxml.html.document_fromstring(content, parser=_PARSERS[huge, False])
    except ValueError:  # a str with an XML encoding declaration: hand lxml bytes instead
        utf8_bytes = True
        tree = lxml.html.document_fromstring(content.encode("utf-8", "surrogatepass"), parser=_PARSERS[huge, True])
    except etree.ParserError:  # "Document is empty": nothing but whitespace or comments
        return lxml.html.document_fromstring(_EMPTY_PAGE), None
    last = _PARSERS[huge, utf8_bytes].error_log.last_error  # a fatal error ends the parse: it is the last
    limit = last.message if last is not None and last.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT else None
    return tree, limit


def _flatten_deep(tree) -> None:
    """Keep the text of elements nested deeper than MAX_DEPTH, not their structure: each element
    at that depth keeps its own tag, loses its descendants' tags (their text stays, block
    elements spaced apart) and its non-content elements (scripts, styles) entirely."""
    for element in _AT_MAX_DEPTH(tree):
        etree.strip_elements(element, *SKIPPED_TAGS, with_tail=False)
        for node in element.iterdescendants():
            if isinstance(node.tag, str) and node.tag in BLOCK_TAGS:
                node.text, node.tail = "\n" + (node.text or ""), "\n" + (node.tail or "")
        etree.strip_tags(element, "*")


@dataclass(frozen=True)
class Selectors:
    """A profile's CSS selectors compiled once."""

    container: tuple[CSSSelector, ...]
    keep: tuple[CSSSelector, ...]  # container nodes walked although their element is normally skipped
    remove: tuple[tuple[str, tuple[CSSSelector, ...]], ...]  # (rule id, selectors)
    title: CSSSelector | None
    authors: CSSSelector | None
    date: CSSSelector | None

    @classmethod
    def for_profile(cls, profile: Profile, generic: Profile) -> "Selectors":
        compile_one = lambda source: CSSSelector(source) if source else None  # noqa: E731
        rules = [r for r in (*profile.remove, *(generic.remove if profile is not generic else ())) if r.id not in profile.disable]
        return cls(
            container=tuple(CSSSelector(s) for s in profile.container),
            keep=tuple(CSSSelector(s) for s in profile.keep),
            remove=tuple((r.id, tuple(CSSSelector(s) for s in r.selectors)) for r in rules),
            title=compile_one(profile.title_selector),
            authors=compile_one(profile.authors_selector),
            date=compile_one(profile.date_selector),
        )


@dataclass
class Extraction:
    blocks: list[Block]
    metadata: Metadata
    removed: list[Removal] = field(default_factory=list)


def _flat_text(element) -> str:
    return " ".join(element.text_content().split())


def _remove_nodes(tree, selectors: Selectors) -> list[Removal]:
    removed = []
    for rule_id, compiled in selectors.remove:
        for selector in compiled:
            for node in selector(tree):
                if node.getparent() is None:
                    continue
                text = " ".join(" ".join(node.itertext()).split())  # pieces kept apart: a readable record
                if text:
                    removed.append(Removal(rule_id, text))
                if node.tail and node.tag not in INLINE_TAGS:  # the text around it must not glue together
                    node.tail = "\n" + node.tail
                node.drop_tree()
    return removed


def _selected_metadata(tree, selectors: Selectors, metadata: Metadata) -> None:
    """Profile selectors override what the page states, for outlets whose metadata is wrong."""
    if selectors.title is not None and (found := selectors.title(tree)):
        metadata.title = _flat_text(found[0]) or metadata.title
    if selectors.authors is not None and (found := selectors.authors(tree)):
        names = [n for node in found for n in parse_authors(_flat_text(node))]
        metadata.authors = list(dict.fromkeys(names)) or metadata.authors
    if selectors.date is not None and (found := selectors.date(tree)):
        node = found[0]
        metadata.date = parse_date(node.get("datetime") or node.get("content") or _flat_text(node)) or metadata.date


def extract(tree, profile_selectors: Selectors, url: str = "", reparse: Callable[[], object] | None = None) -> Extraction:
    """Blocks and metadata of a parsed page, using the profile's selectors where it has them.
    `reparse` parses the page again, for the rare page whose main content needs a second look
    (see `main_content_blocks`)."""
    stated = page_metadata(tree, url)
    metadata = Metadata(title=stated["title"], authors=stated["authors"], date=stated["date"])
    _selected_metadata(tree, profile_selectors, metadata)
    removed = _remove_nodes(tree, profile_selectors)
    standfirst = stated_standfirst(tree)  # looked for before trafilatura prunes the tree
    blocks = container_blocks(tree, profile_selectors) or main_content_blocks(tree, profile_selectors, url, reparse)
    return Extraction(with_standfirst(blocks, standfirst), metadata, removed)


STANDFIRST_REACH = 6  # the standfirst is among this many elements after the headline
STANDFIRST_MIN_WORDS = 5


_AFTER_HEADLINE = etree.XPath(f"following::*[position() <= {STANDFIRST_REACH}]")
_SHOWN_TEXT_BEFORE = etree.XPath("preceding::text()[not(ancestor::script or ancestor::style or ancestor::noscript "
                                 "or ancestor::template)]")


@dataclass(frozen=True)
class Standfirst:
    text: str
    preceded_by: str  # the comparison key of the page's text before it, padded with spaces


def stated_standfirst(tree) -> Standfirst | None:
    """The standfirst under the headline, when the page states it: an element among the few right
    after the <h1> whose text is one of the page's descriptions (og:description and the like),
    outside any link. It sits in the page's header rather than the story's container, where
    trafilatura looks; a description alone could be any summary, but shown right under the
    headline it is the story's opening."""
    keys = {key for key in map(normalise, page_descriptions(tree)) if len(key.split()) >= STANDFIRST_MIN_WORDS}
    headline = tree.find(".//body//h1")
    if not keys or headline is None:
        return None
    longest = max(map(len, keys))
    for element in _AFTER_HEADLINE(headline):
        text = " ".join(element.text_content().split())
        if len(text) <= 2 * longest and normalise(text) in keys and element.tag not in SKIPPED_TAGS \
                and not any(node.tag == "a" for node in (element, *element.iterancestors())):
            return Standfirst(text, f" {normalise(' '.join(_SHOWN_TEXT_BEFORE(element)))} ")
    return None


def with_standfirst(blocks: list[Block], standfirst: Standfirst | None) -> list[Block]:
    """The blocks with the standfirst in its place (after the blocks the page shows before it: a
    section label over the headline), unless one of them holds it already. A page without a
    story (no blocks) gets none: a section front shows its description under its title too."""
    if standfirst is None or not blocks:
        return blocks
    keys = [normalise(block.text) for block in blocks]
    if any(normalise(standfirst.text) in key for key in keys):
        return blocks
    place = next((i for i, key in enumerate(keys) if f" {key} " not in standfirst.preceded_by), len(blocks))
    return [*blocks[:place], Block(standfirst.text), *blocks[place:]]


def container_blocks(tree, selectors: Selectors) -> list[Block]:
    """Blocks of the first container selector whose nodes hold text; [] when none does.

    Every node the selector matches is walked, in page order, except nodes inside another match
    (a selector group like `.standfirst, .body` may match both a box and its inner part).
    """
    kept = frozenset(node for selector in selectors.keep for node in selector(tree))
    for selector in selectors.container:
        found = selector(tree)
        matched = set(found)
        outermost = [node for node in found if not any(a in matched for a in node.iterancestors())]
        blocks = [block for node in outermost for block in walk_blocks(node, kept)]
        if blocks:
            return blocks
    return []


# --- trafilatura's main-content extraction --------------------------------------------------


_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{1,40}:$")  # "NEW DELHI:"
_CLINGING = ("’s", "'s", ",", ".", ";", ":", ")")  # what a paragraph cannot open with
LINK_WORDS = 4  # a link's text, cut out of its sentence, has no more words than this


def _rejoined(blocks: list[Block]) -> list[Block]:
    """Blocks of a fallback extractor's HTML, with sentences it cut mended. It wraps the text
    around an inline link in paragraphs of their own ("NEW DELHI: " | "Pakistan" | "'s
    whole-of-system approach ..."): a paragraph that starts mid-sentence goes back onto the one
    before it (when that one ends no sentence), and so does one under a dateline; a link's text
    mended so goes back onto the unfinished sentence before it ("... ousted PM" | "Imran Khan")."""
    mended: list[Block] = []
    for block in blocks:
        before = mended[-1] if mended else None
        clings = block.text.startswith(_CLINGING)
        if (before is None or not _continues(before, block)
                or not (clings or block.text[0].islower() or _DATELINE.match(before.text.strip()))):
            mended.append(block)
            continue
        link_text = len(before.text.split()) <= LINK_WORDS
        before.text = before.text.rstrip() + ("" if clings else " ") + block.text
        sentence = mended[-2] if len(mended) > 1 else None
        if link_text and sentence is not None and _continues(sentence, before) and not _DATELINE.match(sentence.text.strip()):
            sentence.text = sentence.text.rstrip() + " " + before.text
            mended.pop()
    return mended


def _continues(before: Block, block: Block) -> bool:
    """Whether `block` may go on the sentence `before` left unfinished."""
    return (before.kind == block.kind == PARAGRAPH and bool(block.text)
            and not before.text.rstrip().endswith((".", "!", "?", "”", '"')))


RAN_TOGETHER_CHARS = 3000  # a story in one block this long lost the page's paragraph breaks
FULL_PASS_KEEPS = 0.5  # the full pass must keep this share of the fast pass's text


def main_content_blocks(tree, selectors: Selectors, url: str = "", reparse: Callable[[], object] | None = None) -> list[Block]:
    """trafilatura's fast pass (its own extractor, no fallbacks: a fraction of the time). On some
    templates (paragraphs split by <br> among ad slots and embeds) that pass runs the whole page
    into one block, embed code and all; then trafilatura's full pass, whose fallback extractors
    keep the page's structure, runs on a fresh parse (the first pass prunes the tree it reads),
    with the profile's removals done again."""
    blocks = trafilatura_blocks(tree, url)
    if reparse is None or len(blocks) != 1 or len(blocks[0].text) < RAN_TOGETHER_CHARS:
        return blocks
    fresh = reparse()
    _remove_nodes(fresh, selectors)  # recorded already, from the first parse
    structured = trafilatura_blocks(fresh, url, fast=False)
    kept = sum(len(block.text) for block in structured)
    return structured if kept >= FULL_PASS_KEEPS * len(blocks[0].text) else blocks  # not a story lost


def trafilatura_blocks(tree, url: str = "", fast: bool = True) -> list[Block]:
    drop_visually_hidden(tree)
    document = bare_extraction(
        tree, url=url or None, fast=fast, include_comments=False, include_tables=True,
        include_images=False, include_formatting=False, with_metadata=False,
    )
    if document is None or document.body is None:
        return []
    if document.body.tag != "body":  # a fallback extractor's pick: a piece of the page's own HTML
        return _rejoined(walk_blocks(document.body))
    blocks: list[Block] = []
    for element in document.body:
        blocks += _blocks_of(element)
    return blocks


_TRAFILATURA_KINDS = {"head": HEADING, "p": PARAGRAPH, "quote": QUOTE, "code": PARAGRAPH}


_TRAFILATURA_INLINE = frozenset({"hi", "ref", "del"}) | INLINE_TAGS  # its inline tags, and HTML ones it leaves


def _lines(element) -> list[str]:
    """Text of an element, split where trafilatura marked line breaks (<lb/>) and around any
    block it left nested inside another (a heading in a paragraph, a stray cell: from invalid
    markup), whose text must not be glued to the text beside it."""
    parts: list[list[str]] = [[]]

    def walk(node) -> None:
        if node.text:
            parts[-1].append(node.text)
        for child in node:
            if child.tag == "lb":
                parts.append([])
            elif child.tag not in _TRAFILATURA_INLINE:
                parts.append([])
                walk(child)
                parts.append([])
            else:
                walk(child)
            if child.tail:
                parts[-1].append(child.tail)

    walk(element)
    return [line for line in (" ".join("".join(p).split()) for p in parts) if line]


def _blocks_of(element) -> list[Block]:
    tag = element.tag
    if tag == "list":
        return [Block(line, kind=LIST_ITEM) for item in element.iter("item") for line in _lines(item)]
    if tag == "table":
        rows = []
        for row in element.iter("row"):
            cells = [" ".join(_lines(cell)) for cell in row.iter("cell")]
            if any(cells):
                rows.append(Block(" | ".join(c for c in cells if c), kind=TABLE_ROW))
        return rows
    if tag == "graphic":
        return []
    kind = _TRAFILATURA_KINDS.get(tag, PARAGRAPH)
    return [Block(line, kind=kind) for line in _lines(element)]


# --- the profile's own container, walked directly ------------------------------------------

_CLIPPED = re.compile(r"clip:rect\((?:0(?:px)?,?){4}\)|clip:rect\(1px,?1px,?1px,?1px\)|clip-path:inset\((?:50|100)%\)")
_SCREEN_READER_CLASS = re.compile(
    r"(?:^|[-_])(?:sr-only|visually-?hidden|screen-?reader(?:-text|-only)?|assistive-text|a11y(?:-hidden|-only|-text)?|"
    r"element-invisible)(?:$|[-_])"
)


def _hidden(element) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return (element.get("hidden") is not None or element.get("aria-hidden") == "true" or "display:none" in style
            or visually_hidden(element))


def visually_hidden(element) -> bool:
    """Text for screen readers only, clipped out of sight (", opens new tab" after a link, "Share
    on Facebook" on an icon): the usual `sr-only`, `visually-hidden`, `screen-reader-text`,
    `a11y` classes and the clip styles they stand for. A page never shows it; with a responsive
    variant (`md:sr-only`, `sr-only md:not-sr-only`) it shows at some screen size, and stays."""
    style = element.get("style")
    if style and _CLIPPED.search(style.replace(" ", "").lower()):
        return True
    tokens = (element.get("class") or "").lower().split()
    if any("not-sr-only" in token for token in tokens):  # shown again at some screen size
        return False
    return any(":" not in token and _SCREEN_READER_CLASS.search(token) for token in tokens)


def drop_visually_hidden(tree) -> None:
    """Remove screen-reader-only elements (see `visually_hidden`) from the tree, their tails kept."""
    for element in [e for e in tree.iter(etree.Element) if visually_hidden(e)]:
        if element.getparent() is not None:
            element.drop_tree()


def walk_blocks(container, keep: frozenset = frozenset()) -> list[Block]:
    """Blocks of an article container: block-level elements split text, inline text joins it.

    Elements that rarely hold story text (figure, aside, form, ...) are skipped unless they are
    in `keep`: an outlet whose pull quotes or embedded posts sit in an <aside> names them.
    """
    blocks: list[Block] = []
    buffer: list[str] = []
    linked: list[int] = [0]
    kind = [PARAGRAPH]

    def flush() -> None:
        text = " ".join("".join(buffer).split())
        if text:
            blocks.append(Block(text, kind=kind[0], link_density=min(1.0, linked[0] / len(text))))
        buffer.clear()
        linked[0] = 0

    def visit(node, current_kind: str, in_link: bool) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if not tag or _hidden(node) or (tag in SKIPPED_TAGS and node not in keep):
            return
        if tag == "tr":
            flush()
            cells = [_flat_text(c) for c in node if isinstance(c.tag, str) and c.tag in ("td", "th")]
            if any(cells):
                blocks.append(Block(" | ".join(c for c in cells if c), kind=TABLE_ROW))
            return
        block_level = tag in BLOCK_TAGS
        if block_level:
            flush()
            current_kind = _kind_for(tag, current_kind)
            kind[0] = current_kind
        if tag == "br":
            flush()
        in_link = in_link or tag == "a"
        if node.text:
            buffer.append(node.text)
            linked[0] += len(node.text.strip()) if in_link else 0
        for child in node:
            visit(child, current_kind, in_link)
            if child.tail:
                if isinstance(child.tag, str) and child.tag in BLOCK_TAGS:
                    flush()
                    kind[0] = current_kind
                buffer.append(child.tail)
                linked[0] += len(child.tail.strip()) if in_link else 0
        if block_level:
            flush()

    visit(container, PARAGRAPH, False)
    flush()
    return blocks


def _kind_for(tag: str, inherited: str) -> str:
    if tag in HEADINGS:
        return HEADING
    if tag == "li":
        return LIST_ITEM
    if tag == "blockquote":
        return QUOTE
    if tag in ("p", "div", "section", "article", "main"):
        return inherited if inherited in (QUOTE, LIST_ITEM) else PARAGRAPH
    return inherited
