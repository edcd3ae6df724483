"""Profile validation: every error names the file, the line and the field."""
from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.pipeline import Cleaner
from cleaner.profiles import ProfileError
from cleaner.registry import ProfileRegistry


def errors_for(profile_dir, files: dict[str, str]) -> list[str]:
    folder = None
    for name, text in files.items():
        folder = profile_dir(name, text)
    with pytest.raises(ProfileError) as caught:
        ProfileRegistry.load([folder])
    return caught.value.messages


def test_valid_profile_loads(profile_dir):
    folder = profile_dir("ok.yaml", """\
        outlet: example
        domains: [www.example.com]
        drop_lines: ['^Sponsored$']
        """)
    registry = ProfileRegistry.load([folder])
    assert registry.for_host("news.example.com").outlet == "example"


@pytest.mark.parametrize("text, line, field, words", [
    ("outlet: x\ndrop_lines: [a\n", 3, "(yaml)", "expected"),
    ("outlet: x\ndrop_line: ['^a']\n", 2, "drop_line", "did you mean 'drop_lines'"),
    ("outlet: x\ndrop_lines: ['(unclosed']\n", 2, "drop_lines[0]", "RE2"),
    ("outlet: x\ndrop_lines: ['(?<=a)b']\n", 2, "drop_lines[0]", "RE2"),
    ("outlet: x\ncut_after:\n  - pattern: '^a$'\n    tail: maybe\n", 4, "cut_after[0].tail", "true or false"),
    ("outlet: x\ndrop_lines:\n  - {pattern: a, also_previous: -1}\n", 3, "drop_lines[0].also_previous", "whole number"),
    ("outlet: x\nhtml:\n  remove: ['div[[']\n", 3, "html.remove[0]", "CSS"),
    ("outlet: x\nhtml:\n  keep: ['aside[[']\n", 3, "html.keep", "CSS"),
    ("outlet: x\ndrop_lines:\n  - {pattern: a, also_next: 1001}\n", 3, "drop_lines[0].also_next", "whole number"),
    ("outlet: x\ncut_before:\n  - {pattern: a, head: sometimes}\n", 3, "cut_before[0].head", "true or false"),
    ("outlet: x\ncut_after:\n  - {pattern: a, head: true}\n", 3, "cut_after[0].head", "unknown field"),
    ("outlet: x\nbyline: ['^By (.+)$']\n", 2, "byline", "authors"),
    ("outlet: X Y\n", 1, "outlet", "lowercase"),
    ("name: nothing\n", 1, "outlet", "required"),
    ("outlet: x\ndrop_between:\n  - start: '^a'\n", 3, "drop_between[0].end", "required"),
    ("outlet: x\ndrop_lines:\n  - {id: a, pattern: b, patterns: [c]}\n", 3, "drop_lines[0]", "exactly one"),
    ("outlet: x\ndomains: 3\n", 2, "domains", "string"),
    ("base: &a [1, 2]\nmore: *a\n", 1, "(yaml)", "aliases"),
    ("outlet: x\ndisable: [generic.no-such-rule]\n", 2, "disable", "no rule"),
    ("outlet: x\nextends: [missing]\n", 2, "extends", "no profile"),
    ("outlet: x\ndrop_lines: ['^(?&nope)$']\n", 2, "drop_lines[0]", "(?&nope) names no fragment"),
    ("outlet: x\nfragments:\n  a: '(?&b)'\n  b: 'x'\n", 3, "fragments.a", "names no fragment (no fragments above)"),
    ("outlet: x\nfragments:\n  Big: 'x'\n", 3, "fragments.Big", "lowercase"),
    ("outlet: x\nfragments:\n  a: '(x'\n", 3, "fragments.a", "RE2"),
    ("outlet: x\nfragments: ['x']\n", 2, "fragments", "mapping"),
    ("outlet: x\nfragments:\n  a: '" + "x" * 1000 + "'\n  b: '(?&a)(?&a)(?&a)'\n", 4, "fragments.b", "longer than"),
])
def test_error_names_file_line_and_field(profile_dir, text, line, field, words):
    messages = errors_for(profile_dir, {"bad.yaml": text})
    assert any(f"bad.yaml:{line}: {field}" in m and words in m for m in messages), messages


def test_fragments_stand_for_their_regex_text(profile_dir):
    """A fragment stands for its text as a group, may use the fragments above it, and serves any
    pattern of the file: here a byline's named group and a line rule."""
    folder = profile_dir("frag.yaml", """\
        outlet: frag
        fragments:
          name: '[A-Z][a-z]+ [A-Z][a-z]+'
          names: '(?&name)(?: and (?&name))*'
        byline: ['^By (?P<authors>(?&names))$']
        drop_lines: ['^Photo: (?&name)$']
        """)
    profile = ProfileRegistry.load([folder]).profiles["frag"]
    photo, byline = profile.rules
    assert photo.patterns == ("^Photo: (?:[A-Z][a-z]+ [A-Z][a-z]+)$",)
    assert byline.patterns == ("^By (?P<authors>(?:(?:[A-Z][a-z]+ [A-Z][a-z]+)(?: and (?:[A-Z][a-z]+ [A-Z][a-z]+))*))$",)
    result = Cleaner(profile_dirs=[folder]).clean(
        "By Jane Doe and John Roe\nPhoto: Ann Lee\nThe story's first sentence is long enough to be prose here.",
        outlet="frag", format="text")
    assert result.metadata.authors == ["Jane Doe", "John Roe"]
    assert [b.removed_by for b in result.blocks] == ["frag.byline-1", "frag.drop-lines-1", None]


def test_readme_example_profile_is_valid(profile_dir):
    """The typical profile README shows loads as it stands, fragments and all."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    example = readme.split("## Profiles", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    profile = ProfileRegistry.load([profile_dir("vcpost.yaml", example)]).profiles["vcpost"]
    date_rule = next(rule for rule in profile.rules if rule.kind == "date")
    assert "(?&" not in date_rule.patterns[0]


def test_duplicate_outlet_in_one_folder(profile_dir):
    messages = errors_for(profile_dir, {"a.yaml": "outlet: same\n", "b.yaml": "outlet: same\n"})
    assert any("b.yaml:1: outlet" in m and "a.yaml" in m for m in messages)


def test_duplicate_domain_across_outlets(profile_dir):
    messages = errors_for(profile_dir, {"a.yaml": "outlet: a\ndomains: [x.com]\n", "b.yaml": "outlet: b\ndomains: [x.com]\n"})
    assert any("domains" in m and "x.com" in m and "claimed" in m for m in messages)


def test_extends_cycle(profile_dir):
    messages = errors_for(profile_dir, {"a.yaml": "outlet: a\nextends: [b]\n", "b.yaml": "outlet: b\nextends: [a]\n"})
    assert any("cycle" in m for m in messages)


def test_oversized_profile_is_refused(profile_dir):
    big = "outlet: big\ndrop_lines:\n" + "".join(f"  - '^line {i}$'\n" for i in range(20000))
    messages = errors_for(profile_dir, {"big.yaml": big})
    assert any("larger than" in m for m in messages)


def test_all_errors_of_a_file_are_reported_together(profile_dir):
    messages = errors_for(profile_dir, {"bad.yaml": "outlet: x\nfoo: 1\ndrop_lines: ['(']\n"})
    assert len(messages) == 2


def test_later_folder_overrides_an_outlet(tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    (first / "o.yaml").write_text("outlet: o\nname: First\n")
    (second / "o.yaml").write_text("outlet: o\nname: Second\n")
    assert ProfileRegistry.load([first, second]).profiles["o"].name == "Second"


def test_bundled_profiles_are_valid():
    registry = ProfileRegistry.load()
    assert {"generic", "vcpost"} <= set(registry.profiles)


def test_without_bundled_profiles_generic_stays(tmp_path):
    registry = ProfileRegistry.load([], bundled=False)
    assert set(registry.profiles) == {"generic"}
    assert registry.generic.rules
