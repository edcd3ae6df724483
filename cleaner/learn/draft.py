"""A learned profile as the YAML file a person reviews: every rule with a comment saying in how
many samples it fired and what it removed.

The YAML is written by hand rather than dumped, so that the comments sit beside their rules and
the file reads like the hand-written profiles (see `profile_schema` for the format).
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..model import Document, Result
from ..pipeline import Cleaner
from .candidates import Candidate

SECTIONS = ("drop_lines", "drop_between", "cut_after", "cut_before", "byline", "date")
EXAMPLE_CHARS = 60
EXAMPLES = 2


@dataclass
class Draft:
    outlet: str  # the profile id
    name: str
    sources: list[str]  # sample names, for the header
    domains: list[str] = field(default_factory=list)
    signatures: list[str] = field(default_factory=list)
    rules: list[Candidate] = field(default_factory=list)
    container: Candidate | None = None  # the article container (html.container), checked apart from the rules
    notes: list[str] = field(default_factory=list)  # what was tried and not proposed, for the reviewer
    title: Candidate | None = None  # html.title: the headline's selector, where the metadata names another

    def rule_id(self, rule: Candidate) -> str:
        return f"{self.outlet}.{rule.name}"

    def clean(self, documents: list[Document]) -> list[Result]:
        """The documents cleaned with the draft, loaded from a file like any user profile."""
        with tempfile.TemporaryDirectory(prefix="cleaner-draft-") as folder:
            (Path(folder) / f"{self.outlet}.yaml").write_text(self.to_yaml(), encoding="utf-8")
            cleaner = Cleaner(bundled_profiles=False, profile_dirs=(folder,))
            return [cleaner.clean_document(replace(document, outlet=self.outlet)) for document in documents]

    def to_yaml(self) -> str:
        lines = [
            f"# Draft profile for {self.name}, learned by `cleaner profile new` from {len(self.sources)} samples:",
            *(f"#   {source}" for source in self.sources),
            "# Each rule says in how many samples it fired and what it removed there. Review every rule,",
            "# delete what is wrong, then record golden cases with `cleaner golden add`.",
            *(f"# Note: {note}" for note in self.notes),
            f"outlet: {_quote(self.outlet)}",
            f"name: {_quote(self.name)}",
        ]
        if self.domains:
            lines.append(f"domains: [{', '.join(_quote(d) for d in self.domains)}]")
        if self.signatures:
            lines.append("signatures:")
            lines += [f"  - {_quote(s)}" for s in self.signatures]
        removes = [r for r in self.rules if r.kind == "remove"]
        if removes or self.container or self.title:
            lines.append("html:")
        if self.container:
            lines += ["  container:", f"    # {describe(self.container, len(self.sources))}",
                      f"    - {_quote(self.container.patterns[0])}"]
        if removes:
            lines.append("  remove:")
            for rule in removes:
                lines += _entry(rule, len(self.sources), [f"selectors: [{', '.join(_quote(s) for s in rule.patterns)}]"], "    ")
        if self.title:
            lines += [f"  # {describe(self.title, len(self.sources))}", f"  title: {_quote(self.title.patterns[0])}"]
        for section in SECTIONS:
            rules = [r for r in self.rules if r.kind == section]
            if rules:
                lines.append(f"{section}:")
                for rule in rules:
                    lines += _entry(rule, len(self.sources), _body(rule), "  ")
        return "\n".join(lines) + "\n"


def _body(rule: Candidate) -> list[str]:
    if rule.kind == "drop_between":
        body = [f"start: {_quote(rule.patterns[0])}", f"end: {_quote(rule.end_patterns[0])}"]
    else:
        body = [f"pattern: {_quote(rule.patterns[0])}"]
    return body + [f"{key}: {_scalar(value)}" for key, value in rule.options.items()]


def _entry(rule: Candidate, samples: int, body: list[str], indent: str) -> list[str]:
    return [f"{indent}- id: {rule.name}", f"{indent}  # {describe(rule, samples)}"] + [f"{indent}  {line}" for line in body]


def describe(rule: Candidate, samples: int) -> str:
    """'fired in 2 of 2 samples; removed: "Our Standards: The Thomson…" (+3 more)'; for a container
    'matched in 2 of 2 samples; keeps every story block of the generic path; adds: ...; leaves out: ...'."""
    if rule.kind == "title":
        return (f"the page's metadata names another title; took the headline as title in {rule.fired} of {samples} "
                f"samples: {examples(rule.removed)}")
    if rule.kind == "container":
        return (f"matched in {rule.fired} of {samples} samples; keeps every story block of the generic path; "
                f"adds: {examples(rule.added)}; leaves out: {examples(rule.removed)}")
    verb = "took as metadata" if rule.kind in ("byline", "date") else "removed"
    return f"fired in {rule.fired} of {samples} samples; {verb}: {examples(rule.removed)}"


def examples(texts: list[str]) -> str:
    """'"first piece", "second piece" (+3 more)', or '-'."""
    distinct = list(dict.fromkeys(shorten(text) for text in texts))
    shown = [f'"{text}"' for text in distinct[:EXAMPLES]]
    more = f" (+{len(distinct) - EXAMPLES} more)" if len(distinct) > EXAMPLES else ""
    return f"{', '.join(shown) or '-'}{more}"


def shorten(text: str, limit: int = EXAMPLE_CHARS) -> str:
    text = " ".join(text.split()).replace('"', "'")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _quote(text: str) -> str:
    """A YAML single-quoted scalar: backslashes stay as they are, quotes are doubled."""
    return "'" + text.replace("'", "''") + "'"


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
