"""The stages wired together: read -> repair -> resolve -> extract -> filter -> result.

`Cleaner` loads and checks the profiles once and compiles each profile's rules the first time
it is used, so cleaning many documents costs only the per-document work. `clean()` is the
one-call convenience for a single document.

The per-document limits of the config hold here too: a document over the size cap is refused
before any work, and the timeout is checked between stages and (main thread only) by SIGALRM
within them; see `limits` for what that can and cannot stop, and `pool` for the hard limit.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, replace

from .config import CleanerConfig
from .decode import charset_of_content_type, decode
from .extract import Selectors, extract, parse_html
from .filter import Context, RuleBook
from .limits import Deadline, check_size
from .model import Document, Format, Metadata, Result, render
from .profiles import GENERIC, Profile
from .read import looks_like_html
from .registry import ProfileRegistry
from .repair import repair
from .resolve import resolve
from .segment import is_blank, text_blocks


@dataclass(frozen=True)
class CompiledProfile:
    """A profile's rules in the form the stages run them."""

    profile: Profile
    rules: RuleBook
    selectors: Selectors


class Cleaner:
    """Cleans documents with one set of profiles, loaded and validated when it is created."""

    def __init__(self, config: CleanerConfig | None = None, **options):
        self.config = replace(config or CleanerConfig(), **options)
        self.registry = ProfileRegistry.load(self.config.profile_dirs, bundled=self.config.bundled_profiles)
        self._compiled: dict[str, CompiledProfile] = {}

    def compile_all(self) -> None:
        """Compile every profile now rather than when its first document comes: a parent process
        does this before forking workers, which then share the result instead of each compiling
        the same profiles again."""
        for profile in self.registry.profiles.values():
            self.compiled(profile)

    def compiled(self, profile: Profile) -> CompiledProfile:
        if profile.outlet not in self._compiled:
            generic = self.registry.generic
            generic_rules = None if profile.outlet == GENERIC else self.compiled(generic).rules
            self._compiled[profile.outlet] = CompiledProfile(
                profile, RuleBook.for_profile(profile, generic_rules), Selectors.for_profile(profile, generic)
            )
        return self._compiled[profile.outlet]

    def clean(self, content: str | bytes, *, url: str = "", outlet: str = "", id: str = "",
              format: Format | None = None, content_type: str = "") -> Result:
        """Clean one raw page or text. `format` is "html" or "text"; by default it is sniffed.

        Bytes are decoded here: a byte-order mark first, then the charset of `content_type`
        (the HTTP Content-Type header, e.g. "text/html; charset=iso-8859-1"), then a `<meta>`
        charset, then detection. Raises `DocumentTooLarge`/`DocumentTimeout` (both
        `LimitExceeded`) past the config's limits, `NotText` for bytes that are not text.
        """
        if isinstance(content, bytes):
            check_size(content, self.config.max_bytes)  # before decoding a huge input
            content = decode(content, declared=charset_of_content_type(content_type))
        format = format or _format_of_content_type(content_type) or ("html" if looks_like_html(content) else "text")
        return self.clean_document(Document(content=content, format=format, id=id, url=url, outlet=outlet))

    def clean_document(self, document: Document) -> Result:
        started = time.perf_counter()
        check_size(document.content, self.config.max_bytes)
        with Deadline(self.config.timeout) as deadline:
            if document.format == "html":
                profile, resolved_by, blocks, metadata, dropped_nodes = self._extract_html(document, deadline)
            else:
                text = repair(document.content)
                profile, resolved_by = resolve(self.registry, text, document.outlet, document.url)
                blocks, metadata, dropped_nodes = text_blocks(text), Metadata(), []
            deadline.check()
            self.compiled(profile).rules.apply(Context(blocks, document.format, metadata, profile, document.url))
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

    def _extract_html(self, document: Document, deadline: Deadline):
        tree = parse_html(document.content)
        deadline.check()
        profile, resolved_by = resolve(self.registry, document.content, document.outlet, document.url, tree)
        extraction = extract(tree, self.compiled(profile).selectors, document.url, lambda: parse_html(document.content))
        deadline.check()
        for block in extraction.blocks:
            block.text = repair(block.text).strip()
        if extraction.metadata.title:
            extraction.metadata.title = repair(extraction.metadata.title)
        blocks = [b for b in extraction.blocks if not is_blank(b.text)]
        return profile, resolved_by, blocks, extraction.metadata, extraction.removed


def _format_of_content_type(content_type: str) -> Format | None:
    media_type = content_type.split(";")[0].strip().lower()
    return "html" if media_type in ("text/html", "application/xhtml+xml") else "text" if media_type == "text/plain" else None


_default: Cleaner | None = None


def clean(content: str | bytes, *, url: str = "", outlet: str = "", format: Format | None = None,
          content_type: str = "") -> Result:
    """Clean one document with the bundled profiles (loaded on first use and kept)."""
    global _default
    if _default is None:
        _default = Cleaner()
    return _default.clean(content, url=url, outlet=outlet, format=format, content_type=content_type)
