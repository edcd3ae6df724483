"""The stages wired together: read -> repair -> resolve -> extract -> filter -> result.

`Cleaner` loads and checks the profiles once and compiles each profile's rules the first time
it is used, so cleaning many documents costs only the per-document work. `clean()` is the
one-call convenience for a single document.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, replace

from .config import CleanerConfig
from .extract import Selectors, extract, parse_html
from .filter import Context, RuleBook
from .model import (
    LIST_ITEM,
    TABLE_ROW,
    Block,
    Document,
    Format,
    Metadata,
    Removal,
    Result,
)
from .profiles import Profile
from .read import looks_like_html
from .registry import ProfileRegistry
from .repair import repair
from .resolve import resolve
from .segment import text_blocks


@dataclass(frozen=True)
class CompiledProfile:
    """A profile's rules in the form the stages run them."""

    profile: Profile
    rules: RuleBook
    selectors: Selectors


def render(blocks: list[Block], format: Format) -> str:
    """The clean body: kept blocks, paragraphs apart by a blank line, list items and rows together."""
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


class Cleaner:
    """Cleans documents with one set of profiles, loaded and validated when it is created."""

    def __init__(self, config: CleanerConfig | None = None, **options):
        self.config = replace(config or CleanerConfig(), **options)
        self.registry = ProfileRegistry.load(self.config.profile_dirs, bundled=self.config.bundled_profiles)
        self._compiled: dict[str, CompiledProfile] = {}

    def compiled(self, profile: Profile) -> CompiledProfile:
        if profile.outlet not in self._compiled:
            generic = self.registry.generic
            self._compiled[profile.outlet] = CompiledProfile(
                profile, RuleBook.for_profile(profile, generic), Selectors.for_profile(profile, generic)
            )
        return self._compiled[profile.outlet]

    def clean(self, content: str, *, url: str = "", outlet: str = "", id: str = "", format: Format | None = None) -> Result:
        """Clean one raw page or text. `format` is "html" or "text"; by default it is sniffed."""
        format = format or ("html" if looks_like_html(content) else "text")
        return self.clean_document(Document(content=content, format=format, id=id, url=url, outlet=outlet))

    def clean_document(self, document: Document) -> Result:
        started = time.perf_counter()
        dropped_nodes: list[Removal] = []
        if document.format == "html":
            tree = parse_html(document.content)
            profile, resolved_by = resolve(self.registry, document.content, document.outlet, document.url, tree)
            compiled = self.compiled(profile)
            extraction = extract(tree, compiled.selectors, document.url)
            blocks, metadata, dropped_nodes = extraction.blocks, extraction.metadata, extraction.removed
            for block in blocks:
                block.text = repair(block.text).strip()
            blocks = [b for b in blocks if b.text]
            if metadata.title:
                metadata.title = repair(metadata.title)
        else:
            text = repair(document.content)
            profile, resolved_by = resolve(self.registry, text, document.outlet, document.url)
            compiled = self.compiled(profile)
            blocks, metadata = text_blocks(text), Metadata()
        compiled.rules.apply(Context(blocks, document.format, metadata, profile))
        return Result(
            id=document.id,
            url=document.url,
            outlet=document.outlet or (profile.display_name if profile is not self.registry.generic else ""),
            profile=profile.outlet,
            format=document.format,
            metadata=metadata,
            blocks=blocks,
            dropped_nodes=dropped_nodes,
            text=render(blocks, document.format),
            chars_in=len(document.content),
            seconds=time.perf_counter() - started,
            resolved_by=resolved_by,
        )


_default: Cleaner | None = None


def clean(content: str, *, url: str = "", outlet: str = "", format: Format | None = None) -> Result:
    """Clean one document with the bundled profiles (loaded on first use and kept)."""
    global _default
    if _default is None:
        _default = Cleaner()
    return _default.clean(content, url=url, outlet=outlet, format=format)
