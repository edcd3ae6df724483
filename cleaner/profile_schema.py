"""Reading one profile file: safe YAML, a strict schema, errors that name file, line and field.

The format, in full:

    outlet: vcpost                 # id: lowercase letters, digits, '-' or '_' (required)
    fragments:                     # named pattern pieces this file's patterns use as (?&name)
      month_date: '\\p{Lu}[a-z]{2,8}\\.? \\d{1,2}, \\d{4}'
    name: VCPOST                   # display name
    description: ...
    extends: [base-theme]          # profiles whose rules come first
    domains: [vcpost.com]          # URL hosts; subdomains match too
    signatures: ['© \\d{4} VCPOST']  # patterns that recognise the outlet's page or text
    disable: [generic.caption]     # rule ids (generic or inherited) switched off
    html:
      container: ['p.dek, div.article-body']  # CSS; the first selector whose nodes hold text is
                                             # the article: all its matches, in page order
      keep: ['div.article-body > aside']     # CSS; walked although <aside>, <figure>, ... are not
      remove: ['.related', {id: promo, selectors: ['.promo']}]  # CSS; nodes dropped
      title: 'h1.headline'                   # CSS for metadata, when the page's own is wrong
      authors: '.byline a'
      date: 'time[datetime]'
    drop_lines: ['^READ MORE:', {id: credit, pattern: '^\\(Photo', also_previous: 2}]
    cut_after: ['^Join the Conversation$']   # the marker and everything after it go
    cut_before: ['^Skip to content$']        # everything before the marker goes (and it)
    drop_between: [{start: '^Related$', end: '^End of related$'}]
    title: ['^(?P<title>.+) \\| VCPOST$']    # bare text: the headline from the page's <title> line
    byline: ['^By (?P<authors>.+)$']         # authors from the named group, block removed
    date: ['^(?P<date>(?&month_date))$']      # date from the named group, block removed
                                             # ({pattern: ..., head: true}: see below)

A rule entry is a pattern string or a mapping with `pattern` or `patterns` and options:

    drop_lines:   also_previous: N, also_next: N  # the N kept blocks before/after a match go too
                                                 # (a caption above its credit line; a video
                                                 # label and the title under it)
                  max_words: N                   # only blocks this short match
                  inline: true                   # residue that sits inside stories as often as
                                                 # around them (captions, credits, ad markers):
                                                 # no evidence of where the page template is
                  box: true                      # its lines wall in a box (a subscription
                                                 # offer): opened by two lines of box rules in a
                                                 # row, up to 4 kept lines of at most 30 words
                                                 # before the next such line go too
    cut_after:    keep_marker, tail: true        # tail: the marker counts only once most of the
                                                 # story's prose is before it
    cut_before:   keep_marker, head: true        # head: only markers before most of the story's
                                                 # prose count, and the last of them (the one
                                                 # nearest the story) cuts; page text that prints
                                                 # the footer first repeats markers
    drop_between: start, end, keep_marker
    title, byline, date: head: true              # read only the last match before most of the
                                                 # story: its own byline, not the teasers' above
                                                 # (which go all the same)

A date or byline line already taken as metadata still counts as a `drop_lines` match for its
neighbours, and one line may feed both a `byline` and a `date` rule. Rule ids
are `<outlet>.<id>`; without an explicit id, `<outlet>.<kind>-<n>` (n counts from 1).
Patterns are RE2 (see `patterns`). Anchors and aliases are refused (use `extends` to share).
Regex text shared by several patterns of a file goes in `fragments`: `(?&name)` in a pattern, or
in a fragment below the one named, stands for `(?:<the fragment>)`; RE2 has no such syntax, so it
means nothing else. Each fragment must be a valid pattern on its own. Fragments belong to their
file: `extends` shares rules, not fragments.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

import yaml
from cssselect import GenericTranslator, SelectorError

from .patterns import MAX_PATTERN_LENGTH, PatternError, compile_pattern
from .profiles import Profile, ProfileError, SelectorRule, TextRule

MAX_PROFILE_BYTES = 256 * 1024
ID_SHAPE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
RULE_KINDS = ("drop_lines", "cut_after", "cut_before", "drop_between", "title", "byline", "date")
TOP_FIELDS = {"outlet", "name", "description", "fragments", "extends", "domains", "signatures", "disable", "html",
              *RULE_KINDS}
HTML_FIELDS = {"container", "keep", "remove", "title", "authors", "date"}
RULE_OPTIONS = {
    "drop_lines": {"also_previous", "also_next", "max_words", "inline", "box"},
    "cut_after": {"keep_marker", "tail"},
    "cut_before": {"keep_marker", "head"},
    "title": {"head"},
    "byline": {"head"},
    "date": {"head"},
}
GROUP_OF_KIND = {"title": "title", "byline": "authors", "date": "date"}
FRAGMENT_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
FRAGMENT_REFERENCE = re.compile(r"\(\?&([^)]*)\)")  # (?&name)
_css = GenericTranslator()


class _Errors:
    """Collects every problem in a file so that one check run shows them all."""

    def __init__(self, path: str):
        self.path = path
        self.messages: list[str] = []

    def add(self, node: yaml.Node | None, field: str, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else 1
        self.messages.append(f"{self.path}:{line}: {field}: {message}")


class _Reader:
    """Typed reads from YAML nodes, each failure recorded against its field and line."""

    def __init__(self, errors: _Errors):
        self.errors = errors
        self.lines: dict[str, int] = {}
        self.fragments: dict[str, str] = {}  # name -> regex text, its own references expanded

    def note(self, node: yaml.Node, field: str) -> None:
        self.lines[field] = node.start_mark.line + 1

    def mapping(self, node: yaml.Node, field: str, allowed: set[str] | None) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """The mapping's entries by key; `allowed` None takes any scalar key (names the file chooses)."""
        if not isinstance(node, yaml.MappingNode):
            self.errors.add(node, field, "expected a mapping")
            return {}
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            name = f"{field}.{key}" if field else str(key)
            if key is None or (allowed is not None and key not in allowed):
                hint = _closest(key, allowed or set())
                self.errors.add(key_node, name, "unknown field" + (f" (did you mean '{hint}'?)" if hint else ""))
            elif key in out:
                self.errors.add(key_node, name, "field given twice")
            else:
                out[key] = (key_node, value_node)
                self.note(key_node, name)
        return out

    def string(self, node: yaml.Node, field: str) -> str | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str" and node.value.strip():
            return node.value
        self.errors.add(node, field, "expected a non-empty string")
        return None

    def strings(self, node: yaml.Node, field: str) -> list[tuple[yaml.Node, str]]:
        """A string or a list of strings, each with its node (for line numbers)."""
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        out = []
        for i, item in enumerate(items):
            name = f"{field}[{i}]" if isinstance(node, yaml.SequenceNode) else field
            value = self.string(item, name)
            if value is not None:
                out.append((item, value))
        return out

    def flag(self, node: yaml.Node, field: str) -> bool:
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
            return node.value.lower() in ("true", "yes", "on")
        self.errors.add(node, field, "expected true or false")
        return False

    def count(self, node: yaml.Node, field: str) -> int:
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:int" and 0 <= int(node.value) <= 1000:
            return int(node.value)
        self.errors.add(node, field, "expected a whole number from 0 to 1000")
        return 0

    def patterns(self, node: yaml.Node, field: str, group: str | None = None) -> tuple[str, ...]:
        out = []
        for item, source in self.strings(node, field):
            try:
                source = expand_fragments(source, self.fragments)
                compiled = compile_pattern(source)
            except PatternError as exc:
                self.errors.add(item, field, f"{exc}: {source!r}")
                continue
            if group and group not in compiled.groupindex and compiled.groups:
                self.errors.add(item, field, f"a pattern with groups must name one '{group}': {source!r}")
            out.append(source)
        return tuple(out)

    def read_fragments(self, node: yaml.Node) -> None:
        """The file's fragments, in order: each may use those above it."""
        for name, (name_node, value_node) in self.mapping(node, "fragments", None).items():
            field = f"fragments.{name}"
            if not FRAGMENT_NAME.match(name):
                self.errors.add(name_node, field, "use lowercase letters, digits and '_', starting with a letter")
                continue
            source = self.string(value_node, field)
            if source is None:
                continue
            try:
                source = expand_fragments(source, self.fragments)
                compile_pattern(f"(?:{source})")
            except PatternError as exc:
                self.errors.add(value_node, field, f"{exc}: {source!r}")
                continue
            self.fragments[name] = source

    def selectors(self, node: yaml.Node, field: str) -> tuple[str, ...]:
        out = []
        for item, source in self.strings(node, field):
            try:
                _css.css_to_xpath(source)
            except SelectorError as exc:
                self.errors.add(item, field, f"not a valid CSS selector ({exc}): {source!r}")
                continue
            out.append(source)
        return tuple(out)


def expand_fragments(source: str, fragments: dict[str, str]) -> str:
    """The pattern with each `(?&name)` replaced by `(?:<fragment>)`. PatternError for a name that
    is no fragment (yet: a fragment may only use those above it), and as soon as the pattern grows
    past the longest one allowed: fragments of fragments must not blow a small file up in memory."""
    pieces, size, start = [], 0, 0
    for reference in FRAGMENT_REFERENCE.finditer(source):
        name = reference.group(1)
        if name not in fragments:
            known = f"the fragments above: {', '.join(fragments)}" if fragments else "no fragments above"
            raise PatternError(f"(?&{name}) names no fragment ({known})")
        pieces += [source[start:reference.start()], f"(?:{fragments[name]})"]
        size += len(pieces[-2]) + len(pieces[-1])
        if size > MAX_PATTERN_LENGTH:
            raise PatternError(f"pattern longer than {MAX_PATTERN_LENGTH} characters with its fragments")
        start = reference.end()
    return "".join(pieces) + source[start:]


def _closest(key: Any, allowed: set[str]) -> str | None:
    import difflib

    matches = difflib.get_close_matches(str(key), sorted(allowed), n=1)
    return matches[0] if matches else None


# libyaml's parser when PyYAML was built with it: the same nodes and marks, several times faster
# (profile loading is most of the command line's start-up).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose_safely(text: str, errors: _Errors) -> yaml.Node | None:
    """Parse YAML with the safe loader, refusing anchors/aliases (alias bombs) up front."""
    try:
        for event in yaml.parse(text, Loader=_SAFE_LOADER):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                errors.messages.append(
                    f"{errors.path}:{event.start_mark.line + 1}: (yaml): anchors and aliases are not allowed; use extends"
                )
                return None
        return yaml.compose(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        errors.messages.append(f"{errors.path}:{line}: (yaml): {problem}")
        return None


def load_profile(path: Path) -> Profile:
    """Read and validate one profile file; raise ProfileError listing every problem found."""
    errors = _Errors(str(path))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProfileError([f"{path}:1: (file): cannot read: {exc.strerror}"]) from None
    if len(raw) > MAX_PROFILE_BYTES:
        raise ProfileError([f"{path}:1: (file): profile larger than {MAX_PROFILE_BYTES // 1024} KB"])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProfileError([f"{path}:1: (file): not UTF-8 ({exc.reason} at byte {exc.start})"]) from None
    root = _compose_safely(text, errors)
    if root is None and not errors.messages:
        errors.messages.append(f"{path}:1: (file): empty profile")
    if errors.messages:
        raise ProfileError(errors.messages)
    profile = _build(root, str(path), _Reader(errors))
    if errors.messages:
        raise ProfileError(errors.messages)
    return profile


def _build(root: yaml.Node, path: str, read: _Reader) -> Profile:
    fields = read.mapping(root, "", TOP_FIELDS)
    if "outlet" not in fields:
        read.errors.add(root, "outlet", "required field missing")
        return Profile(outlet="?", path=path)
    outlet = read.string(fields["outlet"][1], "outlet") or "?"
    if outlet != "?" and not ID_SHAPE.match(outlet):
        read.errors.add(fields["outlet"][1], "outlet", "use lowercase letters, digits, '-' and '_'")

    def value(name: str, reader: Callable[[yaml.Node, str], Any], default: Any) -> Any:
        return _option(fields, "", name, reader, default)

    if "fragments" in fields:
        read.read_fragments(fields["fragments"][1])
    rules: list[TextRule] = []
    for kind in RULE_KINDS:
        if kind in fields:
            rules += _text_rules(read, fields[kind][1], kind, outlet)
    html = read.mapping(fields["html"][1], "html", HTML_FIELDS) if "html" in fields else {}

    def html_value(name: str, reader: Callable[[yaml.Node, str], Any], default: Any) -> Any:
        return _option(html, "html", name, reader, default)

    single_selector = lambda node, name: (read.selectors(node, name) or ("",))[0]  # noqa: E731
    return Profile(
        outlet=outlet,
        path=path,
        name=value("name", read.string, "") or "",
        description=value("description", read.string, "") or "",
        extends=tuple(s for _, s in value("extends", read.strings, [])),
        domains=tuple(_domain(s) for _, s in value("domains", read.strings, [])),
        signatures=value("signatures", read.patterns, ()),
        disable=frozenset(s for _, s in value("disable", read.strings, [])),
        container=html_value("container", read.selectors, ()),
        keep=html_value("keep", read.selectors, ()),
        remove=tuple(_selector_rules(read, html["remove"][1], outlet)) if "remove" in html else (),
        title_selector=html_value("title", single_selector, ""),
        authors_selector=html_value("authors", single_selector, ""),
        date_selector=html_value("date", single_selector, ""),
        rules=tuple(rules),
        lines=read.lines,
    )


def _option(entry: dict, field: str, name: str, reader: Callable[[yaml.Node, str], Any], default: Any) -> Any:
    """An optional field of a mapping, read with its type's reader, or the default."""
    if name not in entry:
        return default
    return reader(entry[name][1], f"{field}.{name}" if field else name)


def _domain(value: str) -> str:
    value = value.strip().lower()
    return value[4:] if value.startswith("www.") else value


def _entries(read: _Reader, node: yaml.Node, field: str) -> list[tuple[str, yaml.Node]]:
    if isinstance(node, yaml.SequenceNode):
        return [(f"{field}[{i}]", item) for i, item in enumerate(node.value)]
    read.errors.add(node, field, "expected a list")
    return []


def _rule_id(read: _Reader, entry: dict, outlet: str, default: str, field: str) -> str:
    if "id" not in entry:
        return f"{outlet}.{default}"
    name = read.string(entry["id"][1], f"{field}.id") or default
    if not ID_SHAPE.match(name):
        read.errors.add(entry["id"][1], f"{field}.id", "use lowercase letters, digits, '-' and '_'")
    return f"{outlet}.{name}"


def _text_rules(read: _Reader, node: yaml.Node, kind: str, outlet: str) -> list[TextRule]:
    rules = []
    for n, (field, item) in enumerate(_entries(read, node, kind), start=1):
        default_id = f"{kind.replace('_', '-')}-{n}"
        if kind == "drop_between":
            entry = read.mapping(item, field, {"id", "start", "end", "keep_marker", "comment"})
            for needed in ("start", "end"):
                if needed not in entry:
                    read.errors.add(item, f"{field}.{needed}", "required field missing")
            if "start" in entry and "end" in entry:
                rules.append(TextRule(
                    id=_rule_id(read, entry, outlet, default_id, field),
                    kind=kind,
                    patterns=read.patterns(entry["start"][1], f"{field}.start"),
                    end_patterns=read.patterns(entry["end"][1], f"{field}.end"),
                    keep_marker=_option(entry, field, "keep_marker", read.flag, False),
                ))
            continue
        group = GROUP_OF_KIND.get(kind)
        if isinstance(item, yaml.ScalarNode):
            rules.append(TextRule(id=f"{outlet}.{default_id}", kind=kind, patterns=read.patterns(item, field, group)))
            continue
        options = RULE_OPTIONS[kind]
        entry = read.mapping(item, field, {"id", "pattern", "patterns", "comment"} | options)
        sources = [entry[k][1] for k in ("pattern", "patterns") if k in entry]
        if len(sources) != 1:
            read.errors.add(item, field, "give exactly one of 'pattern' or 'patterns'")
            continue
        rules.append(TextRule(
            id=_rule_id(read, entry, outlet, default_id, field),
            kind=kind,
            patterns=read.patterns(sources[0], f"{field}.pattern", group),
            also_previous=_option(entry, field, "also_previous", read.count, 0),
            also_next=_option(entry, field, "also_next", read.count, 0),
            max_words=_option(entry, field, "max_words", read.count, 0),
            keep_marker=_option(entry, field, "keep_marker", read.flag, False),
            tail=_option(entry, field, "tail", read.flag, False),
            head=_option(entry, field, "head", read.flag, False),
            inline=_option(entry, field, "inline", read.flag, False),
            box=_option(entry, field, "box", read.flag, False),
        ))
    return rules


def _selector_rules(read: _Reader, node: yaml.Node, outlet: str) -> list[SelectorRule]:
    rules = []
    for n, (field, item) in enumerate(_entries(read, node, "html.remove"), start=1):
        if isinstance(item, yaml.ScalarNode):
            rules.append(SelectorRule(f"{outlet}.remove-{n}", read.selectors(item, field)))
            continue
        entry = read.mapping(item, field, {"id", "selector", "selectors", "comment"})
        sources = [entry[k][1] for k in ("selector", "selectors") if k in entry]
        if len(sources) != 1:
            read.errors.add(item, field, "give exactly one of 'selector' or 'selectors'")
            continue
        rules.append(SelectorRule(_rule_id(read, entry, outlet, f"remove-{n}", field), read.selectors(sources[0], field)))
    return rules
