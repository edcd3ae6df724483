"""A synthetic outlet, "The Harbour Gazette", rendered from one template: pages for the learning
and drift tests.

Every page has the same residue around a different story: a menu, an in-body app promo, a
"Read next:" link, an author card with a bio, a "More from The Harbour Gazette" box of other
headlines and a copyright footer. Two stories share a quoted sentence, as stories of one event
do: learning must not take it for template. `Template` names the class names and footer phrase,
so a drifted template (renamed classes, a new footer) renders the same stories differently.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

SHARED_QUOTE = ("“The harbour will reopen to freight traffic on Monday morning once the divers have finished "
                "their inspection,” the port authority said in a statement.")


@dataclass(frozen=True)
class Story:
    headline: str
    author: str
    bio: str
    day: str  # ISO date
    standfirst: str
    paragraphs: tuple[str, ...]


STORIES = (
    Story(
        "Storm closes the harbour for a second day", "Mara Lindqvist",
        "Mara Lindqvist covers shipping and the port for the Gazette and has sailed the coast since childhood.",
        "2024-03-11", "Ferries stayed in port as gusts reached ninety kilometres an hour along the coast.",
        (
            "The harbour stayed closed on Tuesday as a winter storm pushed waves over the outer breakwater and "
            "scattered containers across the northern quay.",
            "Ferry operators cancelled every crossing to the islands, leaving around four hundred passengers "
            "to find rooms in town for another night.",
            SHARED_QUOTE,
            "Fishermen who had moved their boats to the inner basin on Sunday said the damage to the pontoons "
            "was worse than during the floods of 2019.",
            "The weather service expects the wind to ease by Wednesday evening, although heavy rain will "
            "continue along the coast until the weekend.",
        ),
    ),
    Story(
        "Divers find a sunken barge near the harbour mouth", "Tomas Ferreira",
        "Tomas Ferreira reports on the city and its courts, and before that wrote about science for ten years.",
        "2024-03-12", "The barge sank during the storm and now blocks half of the navigation channel.",
        (
            "Navy divers located a sunken cargo barge on Wednesday about two hundred metres from the harbour "
            "mouth, resting on its side in eleven metres of water.",
            "The barge, which carried gravel for the new marina, broke its moorings during Monday night and "
            "drifted across the channel before it sank.",
            SHARED_QUOTE,
            "Salvage crews will need at least a week to lift the hull, and until then larger ships must wait "
            "for high tide to pass the wreck safely.",
        ),
    ),
    Story(
        "Council approves the new fish market after long debate", "Mara Lindqvist",
        "Mara Lindqvist covers shipping and the port for the Gazette and has sailed the coast since childhood.",
        "2024-03-13", "The market hall will replace the old auction sheds on the eastern quay by next summer.",
        (
            "The city council voted twenty-one to fourteen on Thursday to build a covered fish market on the "
            "eastern quay, ending three years of argument over its cost.",
            "Supporters said the hall would bring visitors back to the waterfront, while opponents warned "
            "that the budget had already grown by a third since the first plans.",
            "Traders at the old auction sheds welcomed the decision but asked the council to keep the rents "
            "low during the first two years of business.",
            "Construction is due to start in May, and the architects expect the building to open before the "
            "summer season of next year.",
        ),
    ),
    Story(
        "Lighthouse keeper's cottage opens as a small museum", "Jonas Berg",
        "Jonas Berg writes about culture and history and edits the Gazette's weekend magazine.",
        "2024-03-14", "Volunteers spent two winters restoring the cottage and its original lamp room.",
        (
            "The cottage beside the old lighthouse on the southern point opened to visitors on Saturday as a "
            "museum of the families who kept the light for a century.",
            "Volunteers restored the kitchen, the logbooks and the brass lamp, which had been stored in a "
            "barn since the light was automated in 1978.",
            "The museum is open on weekends until October, and school classes can book guided visits during "
            "the week through the town's tourist office.",
        ),
    ),
)


@dataclass(frozen=True)
class Template:
    """The parts of the template that a redesign changes."""

    body_class: str = "story-body"
    promo_class: str = "app-promo"
    author_class: str = "gz-profile"
    more_class: str = "gz-teasers"
    footer: str = "© 2024 The Harbour Gazette. All rights reserved."
    more_heading: str = "More from The Harbour Gazette"


ORIGINAL = Template()
DRIFTED = Template(author_class="gz-writer", more_class="gz-list", more_heading="Keep reading",
                   footer="The Harbour Gazette is published by Coastline Media.")


def _others(story: Story) -> list[Story]:
    return [s for s in STORIES if s is not story]


def html_page(story: Story, template: Template = ORIGINAL) -> str:
    """One article page of the outlet, as its site serves it."""
    paragraphs = [f"<p>{escape(p)}</p>" for p in story.paragraphs]
    paragraphs.insert(2, f'<p class="{template.promo_class}">Get the Harbour Gazette app for breaking news</p>')
    read_next = _others(story)[0].headline
    more = "".join(f'<li><a href="/news/{n}">{escape(s.headline)}</a></li>' for n, s in enumerate(_others(story)))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(story.headline)} | The Harbour Gazette</title>
<meta property="og:site_name" content="The Harbour Gazette">
<link rel="canonical" href="https://www.harbourgazette.example/news/{story.day}">
<meta name="author" content="{escape(story.author)}">
<meta property="article:published_time" content="{story.day}T09:15:00+00:00">
</head><body>
<header class="site-header"><nav class="main-menu"><a href="/">Home</a> <a href="/news">News</a> <a href="/port">Port</a>
<a href="/sport">Sport</a> <a href="/culture">Culture</a></nav></header>
<main><article>
<h1>{escape(story.headline)}</h1>
<p class="standfirst">{escape(story.standfirst)}</p>
<p class="byline">By {escape(story.author)} | Harbour Gazette</p>
<div class="{template.body_class}">
{chr(10).join(paragraphs)}
<p class="read-next">Read next: <a href="/news/next">{escape(read_next)}</a></p>
<div class="{template.author_class}"><p>{escape(story.bio)}</p><p>Letters to {escape(story.author)}</p></div>
<div class="{template.more_class}"><h3>{escape(template.more_heading)}</h3><ul>{more}</ul></div>
<p class="legal">{escape(template.footer)}</p>
</div>
</article></main>
</body></html>
"""


def text_page(story: Story, template: Template = ORIGINAL) -> str:
    """The same page as a scraper without a DOM saves it: every visible line."""
    lines = ["Home", "News", "Port", "Sport", "Culture", "", story.headline, "",
             f"{story.author} — Harbour Gazette staff", f"Published {_long_date(story.day)} 09:15 GMT", "",
             story.standfirst, ""]
    paragraphs = list(story.paragraphs)
    paragraphs.insert(2, "Get the Harbour Gazette app for breaking news")
    lines += [line for p in paragraphs for line in (p, "")]
    lines += [f"Read next: {_others(story)[0].headline}", "", story.bio, "", template.more_heading]
    lines += [s.headline for s in _others(story)] + ["", template.footer]
    return "\n".join(lines) + "\n"


def _long_date(day: str) -> str:
    value = date.fromisoformat(day)
    return f"{value.day} {value:%B %Y}"
