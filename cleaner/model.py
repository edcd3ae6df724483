"""The data that flows between pipeline stages.

A `Document` enters (one raw page or text), a list of `Block`s is what the filter stage judges,
and a `Result` leaves. Blocks are never deleted, only marked with the id of the rule that removed
them, so that every removal can be explained and counted.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from mypy_extensions import mypyc_attr

# This module is compiled (setup.py). Its frozen dataclasses stay Python classes: they cross
# process boundaries pickled, and a frozen class compiled by mypyc cannot be rebuilt by pickle
# (it sets the fields one by one, which frozen forbids). Blocks, results and metadata are
# mutable and pickle as compiled classes.

Format = Literal["html", "text"]

# Block kinds. Text input only knows paragraphs; HTML extraction also yields the others.
PARAGRAPH, HEADING, LIST_ITEM, QUOTE, TABLE_ROW = "p", "h", "li", "quote", "tr"


@mypyc_attr(native_class=False)  # see the note at the top
@dataclass(frozen=True)
class Document:
    """One input: raw HTML or raw scraped text, with what is known about where it came from."""

    content: str
    format: Format
    id: str = ""
    url: str = ""
    outlet: str = ""
    source: str = ""  # file path, "path:line" for JSONL records, "-" for stdin

    @property
    def size(self) -> int:
        return len(self.content)


@mypyc_attr(native_class=False)  # see the note at the top
@dataclass(frozen=True, slots=True)
class RawRecord:
    """A JSONL record still as its line of bytes.

    The batch runner passes records on unparsed, so that parsing them (like cleaning them and
    serialising the result) happens in the worker process that cleans them, not in the one
    parent process every worker waits on. `read.parse_record` makes it a Document or a Failure.
    """

    line: bytes
    source: str  # "path:line"

    @property
    def id(self) -> str:
        return ""  # not known before the line is parsed

    @property
    def size(self) -> int:
        return len(self.line)

    def __reduce__(self):
        """Pickled as its two fields: the default for a frozen slots dataclass looks its fields
        up again for every record the parent sends a worker."""
        return RawRecord, (self.line, self.source)


@mypyc_attr(native_class=False)  # see the note at the top
@dataclass(frozen=True)
class Failure:
    """A document (or input) that could not be cleaned: the batch reports it and goes on."""

    source: str
    stage: str  # read | decode | clean | write | limit
    reason: str
    id: str = ""

    def to_record(self) -> dict:
        return {"id": self.id, "source": self.source, "stage": self.stage, "reason": self.reason}

    def message(self) -> str:
        where = f"{self.source} (id {self.id})" if self.id and self.id not in self.source else self.source
        return f"{where}: {self.stage}: {self.reason}"


@dataclass
class Block:
    """A unit of text the filter judges on its own: a paragraph, heading, list item or line."""

    text: str
    kind: str = PARAGRAPH
    gap_before: int = 0  # blank lines before it in text input: a hint of grouping
    link_density: float = 0.0  # share of the text inside links (HTML only)
    removed_by: str | None = None

    @property
    def kept(self) -> bool:
        return self.removed_by is None


@mypyc_attr(native_class=False)  # see the note at the top
@dataclass(frozen=True)
class Removal:
    rule: str
    text: str


@dataclass
class Metadata:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None  # ISO 8601, a calendar day or a full timestamp


def render(blocks: list[Block], format: Format) -> str:
    """The clean body: kept blocks, paragraphs apart by a blank line, list items and rows together.
    Here rather than in the pipeline so that it runs compiled: it loops over every block."""
    out: list[str] = []
    previous_kind = ""
    for block in blocks:
        if not block.kept:
            continue
        grouped = block.kind in (LIST_ITEM, TABLE_ROW)
        text = f"- {block.text}" if block.kind == LIST_ITEM and format == "html" else block.text
        if out and grouped and previous_kind == block.kind:
            out[-1] += "\n" + text
        else:
            out.append(text)
        previous_kind = block.kind
    return "\n\n".join(out)


@dataclass
class Result:
    """What the pipeline hands back for one document."""

    id: str
    url: str
    outlet: str
    profile: str
    format: Format
    metadata: Metadata
    blocks: list[Block]
    dropped_nodes: list[Removal]  # HTML removed by selectors before extraction, with rule ids
    text: str
    chars_in: int
    seconds: float = 0.0
    resolved_by: str = ""  # how the profile was chosen: outlet, url, page-url, signature, generic

    @property
    def removed(self) -> list[Removal]:
        """Every removed piece with the rule that removed it, in document order."""
        return self.dropped_nodes + [Removal(b.removed_by, b.text) for b in self.blocks if b.removed_by]

    @property
    def title(self) -> str | None:
        return self.metadata.title

    @property
    def authors(self) -> list[str]:
        return self.metadata.authors

    @property
    def date(self) -> str | None:
        return self.metadata.date

    def to_record(self) -> dict:
        """The JSON record written for this document (the CLI's and the API's shared shape)."""
        kept = sum(b.kept for b in self.blocks)
        return {
            "id": self.id,
            "url": self.url,
            "outlet": self.outlet,
            "profile": self.profile,
            "title": self.title,
            "authors": self.authors,
            "date": self.date,
            "text": self.text,
            "removed": [{"rule": r.rule, "text": r.text} for r in self.removed],
            "stats": {
                "chars_in": self.chars_in,
                "chars_out": len(self.text),
                "blocks_kept": kept,
                "blocks_removed": len(self.blocks) - kept,
                "ms": round(self.seconds * 1000, 2),
            },
        }
