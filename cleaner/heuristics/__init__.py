"""The generic heuristics that need context, each a rule with a stable id.

Pattern-only rules (ad markers, share rows, credits, prompts, footers) are data in the generic
profile (`profiles/generic.yaml`). What is here needs to look at neighbours or at the whole
document: a run of headlines after a "Related" marker, a breadcrumb that names the headline,
a paragraph seen twice. Heuristics run in the order listed; each sees what earlier rules left.
An outlet profile switches any of them off with `disable: [<id>]`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from . import bio, duplicates, embeds, navigation, region, related, seo, title

if TYPE_CHECKING:
    from ..filter import Context


@dataclass(frozen=True)
class Heuristic:
    id: str
    apply: Callable[["Context"], None]
    summary: str


HEURISTICS: tuple[Heuristic, ...] = (
    Heuristic(navigation.BREADCRUMB, navigation.remove_breadcrumbs, "breadcrumb trail at the top"),
    Heuristic(title.TITLE, title.take_title, "the headline at the top of bare text, moved to `title`"),
    Heuristic(title.REPEATED_HEADLINE, title.remove_repeated_headline, "copies of the headline in the body"),
    Heuristic(related.RELATED_LIST, related.remove_related_lists,
              "a related/read-more marker (or a table of contents) and the headlines after it"),
    Heuristic(related.TAG_LIST, related.remove_tag_lists, "a tags/topics marker and the tags after it"),
    Heuristic(embeds.SOCIAL_EMBED, embeds.remove_social_embeds, "a post embedded from a social network, with its attribution line"),
    Heuristic(bio.AUTHOR_BIO, bio.remove_author_bios, "the author's bio under the story"),
    Heuristic(seo.SEO_FAQ, seo.remove_faq_rehash, "a FAQ block appended after the story"),
    Heuristic(navigation.MENU_CLUSTER, navigation.remove_menu_clusters, "runs of menu-like short lines around the story"),
    Heuristic(region.OUTSIDE_STORY, region.remove_outside_story, "page chrome before and after the story in bare text"),
    Heuristic(duplicates.DUPLICATE_PARAGRAPH, duplicates.remove_duplicate_paragraphs, "a paragraph already seen"),
)
