"""A second synthetic outlet, "Harbour Weekly", for learning the article container: the stories
of `outlet_template` in a template a CSS-in-JS build generated part of.

An article page has the standfirst (`.dek`) and a key-points list apart from the body
(`.story-text`), wrapped in nodes whose class names are generated (`sc-a1b2c3-0 kLmNoP`,
`StoryBody-wrapper-kJhGfD`); inside the body, a podcast promo box; after it, teasers of other
stories. A live page has a summary and the story's updates, each in its own post: the generic
path reads one post only. `KEY_POINTS` are written for the purpose, two a story.
"""
from __future__ import annotations

from html import escape

from outlet_template import STORIES, Story

KEY_POINTS = {
    STORIES[0].headline: ("Four hundred ferry passengers spent another night in town hotels.",
                          "The outer breakwater lost part of its crown to the waves."),
    STORIES[1].headline: ("The wreck lies in eleven metres of water beside the channel.",
                          "Large ships must wait for high tide until the hull is lifted."),
    STORIES[2].headline: ("Twenty-one councillors voted for the market hall, fourteen against.",
                          "Traders asked for low rents during the first two years."),
    STORIES[3].headline: ("The cottage shows a century of lighthouse keepers' family life.",
                          "School classes can book guided visits on weekdays."),
}
PODCAST_PROMO = "Listen to Tide Tables, the Harbour Weekly podcast about life on the coast, every Friday."


def _head(story: Story) -> str:
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(story.headline)} | Harbour Weekly</title>
<meta property="og:title" content="{escape(story.headline)}">
<meta name="author" content="{escape(story.author)}">
<meta property="article:published_time" content="{story.day}T08:00:00+00:00">
</head><body>
<div class="sc-a1b2c3-0 kLmNoP"><nav><a href="/">Home</a> <a href="/port">Port</a> <a href="/live">Live</a></nav></div>
<main><article class="sc-d4e5f6-1 QrStUv">
<header class="story-header"><h1>{escape(story.headline)}</h1>"""


def _paragraphs(texts) -> str:
    return "".join(f"<p>{escape(text)}</p>" for text in texts)


def article_page(story: Story) -> str:
    """An article: standfirst and key points in the header, the body, teasers after it."""
    others = [s for s in STORIES if s is not story]
    body = [f"<p>{escape(p)}</p>" for p in story.paragraphs]
    body.insert(2, f'<div class="podcast-promo"><p>{escape(PODCAST_PROMO)}</p></div>')
    points = "".join(f"<li>{escape(point)}</li>" for point in KEY_POINTS[story.headline])
    teasers = "".join(f'<div class="teaser"><a href="/x"><h4>{escape(s.headline)}</h4></a><p>{escape(s.standfirst)}</p></div>'
                      for s in others)
    return _head(story) + f"""
<p class="dek">{escape(story.standfirst)}</p>
<div class="key-points"><h2>Key points</h2><ul>{points}</ul></div>
<div class="byline">By {escape(story.author)}</div><time datetime="{story.day}">{story.day}</time></header>
<div class="StoryBody-wrapper-kJhGfD"><div class="story-text">{"".join(body)}</div></div>
<section class="elsewhere"><h3>Elsewhere in Harbour Weekly</h3>{teasers}</section>
</article></main><footer><p>© 2024 Harbour Weekly</p></footer></body></html>
"""


def live_page(story: Story) -> str:
    """Live coverage: the standfirst as the summary, then the paragraphs two a post."""
    posts = "".join(
        f'<div class="post"><div class="story-text">{_paragraphs(story.paragraphs[n:n + 2])}</div></div>'
        for n in range(0, len(story.paragraphs), 2)
    )
    return _head(story) + f"""</header>
<div class="summary story-text"><p>{escape(story.standfirst)}</p></div>
<section class="posts">{posts}</section>
</article></main><footer><p>© 2024 Harbour Weekly</p></footer></body></html>
"""


def article_text(story: Story) -> str:
    """What the cleaner should give for an article page."""
    points = "\n".join(f"- {point}" for point in KEY_POINTS[story.headline])
    return "\n\n".join((story.standfirst, points, *story.paragraphs))
