"""`cleaner profile new OUTLET --from SAMPLE...`: learn a draft profile from sample pages.

The draft goes to the last `--profiles DIR` given on the command line, else to the bundled
`profiles/` folder. It is read back through the profile loader before the command reports it.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from ..learn import LearnError, learn_profile
from ..learn.draft import describe
from ..model import Document, Failure
from ..profile_schema import load_profile
from ..profiles import ProfileError, bundled_profiles_dir
from ..read import InputReader
from ..registry import ProfileRegistry
from .common import FAILED, OK, USAGE_ERROR, config_from_args, warn


def register(actions, shared: argparse.ArgumentParser) -> None:
    parser = actions.add_parser(
        "new", parents=[shared], help="learn a draft profile from sample pages of an outlet",
        description="Learn a draft profile from two or more raw pages (HTML or text, .gz allowed) of one outlet: "
                    "the article container (HTML), template lines and blocks, cut markers, byline and date shapes, "
                    "selectors of template nodes. "
                    "Written to the last --profiles DIR, else to the bundled profiles/ folder.",
    )
    parser.add_argument("outlet", metavar="OUTLET", help="the outlet's name (its id is made from it)")
    parser.add_argument("--from", dest="samples", nargs="+", required=True, metavar="SAMPLE", help="sample files of the outlet")
    parser.add_argument("--domain", dest="domains", action="append", default=[], metavar="D",
                        help="a domain of the outlet (repeatable; default: the host the samples declare)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing profile file")
    parser.set_defaults(run=run_new)


def _read(samples: list[str]) -> tuple[list[Document], list[str]] | None:
    documents = []
    for item in InputReader().read(samples):
        if isinstance(item, Failure):
            warn(item.message())
            return None
        documents.append(item)
    return documents, [Path(d.source).name for d in documents]


def run_new(args: argparse.Namespace) -> int:
    read = _read(args.samples)
    if read is None:
        return USAGE_ERROR
    try:
        draft = learn_profile(*read, outlet=args.outlet, domains=args.domains)
    except LearnError as exc:
        warn(str(exc))
        return USAGE_ERROR
    folder = Path(args.profiles[-1]) if args.profiles else bundled_profiles_dir()
    path = folder / f"{draft.outlet}.yaml"
    if path.exists() and not args.force:
        warn(f"{path} exists already (use --force to overwrite it)")
        return USAGE_ERROR
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(draft.to_yaml(), encoding="utf-8")
    load_profile(path)  # as written, the draft must load (a ProfileError here is a bug worth reporting)
    container = f"a container and {len(draft.rules)}" if draft.container else f"{len(draft.rules)}"
    print(f"wrote {path}: {container} rule(s) learned from {len(draft.sources)} samples")
    if draft.container:
        print(f"  {'container ' + draft.container.patterns[0]:40s} {describe(draft.container, len(draft.sources))}")
    for rule in draft.rules:
        print(f"  {draft.rule_id(rule):40s} {describe(rule, len(draft.sources))}")
    for note in draft.notes:
        print(f"  note: {note}")
    config = config_from_args(args)
    try:
        ProfileRegistry.load(config.profile_dirs, bundled=config.bundled_profiles)
    except ProfileError as exc:
        warn("the draft clashes with the profiles in force:\n  " + "\n  ".join(exc.messages))
        return FAILED
    print(f"next: review {path}, then `cleaner golden add {draft.outlet} SAMPLE` and `cleaner profile test {draft.outlet}`")
    return OK
