"""Title, authors and date: read from a page's own metadata, or parsed from byline/date lines.

Pages state their metadata in several places of varying trust. The order here follows how
publishers fill them in practice: schema.org JSON-LD of the article first (it is what search
engines read, so publishers keep it right), then OpenGraph/article and other well-known meta
tags, then `<title>`, `<h1>` and `<time>` elements. Dates keep the time zone the page gives,
since "the calendar day" of a story is the publisher's day, not UTC's.
"""
from __future__ import annotations

import html
import json
import re
import warnings
from datetime import datetime
from typing import Any, Iterator

from dateutil import parser as date_parser
from dateutil.tz import tzoffset

from .heuristics.signals import SITE_SEPARATORS, normalise, remembered, word_count
from .urls import host_of

ARTICLE_TYPES = frozenset({
    "Article", "NewsArticle", "BlogPosting", "ReportageNews", "AnalysisNewsArticle", "OpinionNewsArticle",
    "LiveBlogPosting", "BackgroundNewsArticle", "ReviewNewsArticle", "Report", "TechArticle",
    "SatiricalArticle", "AskPublicNewsArticle", "Review", "ScholarlyArticle", "Blog", "SocialMediaPosting",
})
_HOUR = 3600
TIME_ZONES = {
    "UTC": 0, "GMT": 0, "Z": 0, "BST": _HOUR, "IST": 5 * _HOUR + 1800, "CET": _HOUR, "CEST": 2 * _HOUR,
    "EET": 2 * _HOUR, "EEST": 3 * _HOUR, "EST": -5 * _HOUR, "EDT": -4 * _HOUR, "CST": -6 * _HOUR,
    "CDT": -5 * _HOUR, "MST": -7 * _HOUR, "MDT": -6 * _HOUR, "PST": -8 * _HOUR, "PDT": -7 * _HOUR,
    "AEST": 10 * _HOUR, "AEDT": 11 * _HOUR, "JST": 9 * _HOUR, "SAST": 2 * _HOUR, "ET": -5 * _HOUR,
}
_TZINFOS = {name: tzoffset(name, offset) for name, offset in TIME_ZONES.items()}
_DATE_PREFIX = re.compile(
    r"^\s*(?:(?:first\s+)?published|posted|updated|last\s+updated|modified|date|created)\s*(?:on|at)?\s*[:|-]?\s*",
    re.I,
)
_HAS_TIME = re.compile(r"\d{1,2}[:.]\d{2}")
_HAS_YEAR = re.compile(r"\b(?:19[89]\d|20\d\d|2100)\b")
_BY_PREFIX = re.compile(r"^\s*(?:by|written by|words by|von|par|por|di|door|av)\s*[:\s]\s*", re.I)
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\bund\b|\bet\b|\by\b|\be\b)\s*")
_NOT_A_NAME = re.compile(
    r"\d|@|https?:|\b(?:updated|published|min read|staff writer|correspondent|reporter|editor)\b"
    # a job title read as a name: "Deputy Political" (Editor), "Senior News" (Reporter)
    r"|^(?:senior|chief|deputy|assistant|associate|acting|executive|managing)\b"
    # a shop's or an archive's facet in a menu: "Shop by Brand", "Sort by Date", "By Type"
    r"|^(?:type|brand|price|category|topic|date|name|size|colou?r|region|relevance|popularity|rating|genre)$",
    re.I,
)
MIN_YEAR, MAX_YEAR = 1990, 2100


# A calendar day written out ("March 5, 2024", "Tue 5 Mar 2024"), with its time of day or not
# ("Apr 22, 2024 05:26 AM EDT"): the commonest date line, read here as dateutil reads it (with
# its names of months and weekdays, a weekday ignored), since dateutil takes a hundred times
# longer. Anything else of that shape (an hour past 12 with AM, a zone dateutil is not given)
# is left to dateutil.
_MONTHS = {name.lower(): number for number, names in enumerate(date_parser.parserinfo.MONTHS, 1) for name in names}
_WEEKDAYS = "|".join(name for names in date_parser.parserinfo.WEEKDAYS for name in names)
_MONTH = "|".join(_MONTHS)
_WRITTEN_DAY = re.compile(
    rf"(?:(?:{_WEEKDAYS}),? )?(?:(?P<month>{_MONTH}) (?P<day>\d{{1,2}}),? |(?P<day_first>\d{{1,2}}) (?P<month_after>{_MONTH}) )"
    r"(?P<year>\d{4})(?: (?P<hour>\d{1,2}):(?P<minute>\d{2}) ?(?P<half>[ap]m)?(?: (?P<zone>[a-z]+))?)?",
    re.ASCII | re.IGNORECASE,
)


def _written_day(text: str) -> datetime | None:
    found = _WRITTEN_DAY.fullmatch(text)
    if not found:
        return None
    month = _MONTHS[(found["month"] or found["month_after"]).lower()]
    hour, minute = int(found["hour"] or 0), int(found["minute"] or 0)
    if found["half"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if found["half"].lower() == "pm" else 0)
    zone = found["zone"]
    if zone is not None and zone not in _TZINFOS:
        return None
    try:
        return datetime(int(found["year"]), month, int(found["day"] or found["day_first"]), hour, minute,
                        tzinfo=_TZINFOS[zone] if zone is not None else None)
    except ValueError:
        return None  # no such day or time: dateutil decides


def _parse(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    return _written_day(text) or _parse_with_dateutil(text)


def _parse_with_dateutil(text: str) -> datetime | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # dateutil warns about time zone names it does not know
        try:
            return date_parser.parse(text, tzinfos=_TZINFOS)
        except (ValueError, OverflowError, TypeError):
            return None


@remembered  # the outlet's and the generic date rule often read the same line, and dateutil is slow
def parse_date(text: str) -> str | None:
    """An ISO 8601 day ('2024-04-22') or timestamp from a date string; None if it is not one."""
    text = _DATE_PREFIX.sub("", text.strip())
    if not text or len(text) > 80 or not _HAS_YEAR.search(text):
        return None
    value = _parse(text)
    if value is None or not MIN_YEAR <= value.year <= MAX_YEAR:
        return None
    return value.isoformat() if _HAS_TIME.search(text) else value.date().isoformat()


def parse_authors(text: str) -> list[str]:
    """Author names from a byline: 'By Jane Doe and John Roe' -> ['Jane Doe', 'John Roe'].

    Runs of whitespace are collapsed first: the separator pattern's `\\s*` on both sides would
    otherwise backtrack quadratically over a long run (20,000 spaces in a meta tag: 40 s)."""
    text = _BY_PREFIX.sub("", " ".join(text.split()))
    names = []
    for part in _AUTHOR_SPLIT.split(text):
        part = part.strip(" .|-–—:")
        if part and not _NOT_A_NAME.search(part) and 1 <= word_count(part) <= 5 and part[0].isupper():
            if part not in names:
                names.append(part)
    return names


def _json_ld_items(tree) -> Iterator[dict]:
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "", strict=False)
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                if isinstance(item.get("@graph"), list):
                    stack.extend(reversed(item["@graph"]))
                yield item


def _types(item: dict) -> set[str]:
    value = item.get("@type", [])
    return {str(v) for v in value} if isinstance(value, list) else {str(value)}


def _is_article(item: dict) -> bool:
    """An article item: a known type, or any of schema.org's many `*Article` subtypes."""
    return any(t in ARTICLE_TYPES or t.endswith("Article") for t in _types(item))


def _names(value: Any) -> list[str]:
    """Person names from a schema.org author value (a string, a Person, or a list of them)."""
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    if isinstance(value, dict):
        if "Organization" in _types(value) or "NewsMediaOrganization" in _types(value):
            return []
        return _names(value.get("name"))
    if isinstance(value, str) and value.strip() and not value.startswith("http"):
        return parse_authors(value)
    return []


def _meta_all(tree, *names: str) -> list[str]:
    """Every value of the first of `names` the page fills in (some pages repeat a tag per author)."""
    for name in names:
        for attribute in ("property", "name", "itemprop"):
            values = [c for e in tree.iterfind(f'.//meta[@{attribute}="{name}"]') if (c := (e.get("content") or "").strip())]
            if values:
                return values
    return []


DESCRIPTION_META = frozenset({"og:description", "description", "twitter:description"})


def page_descriptions(tree) -> set[str]:
    """What the page says it is about, in each description tag it fills in (they may differ):
    often its standfirst, word for word. The tags are found in the page's head."""
    head = tree.find("head")
    metas = head.iter("meta") if head is not None else ()
    return {content for meta in metas
            if DESCRIPTION_META.intersection((meta.get("property"), meta.get("name"), meta.get("itemprop")))
            and (content := (meta.get("content") or "").strip())}


def _meta(tree, *names: str) -> str | None:
    return next(iter(_meta_all(tree, *names)), None)


_SURNAME_FIRST = re.compile(r"^([^\W\d_][\w'’-]+),\s+([^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*)?)$")


def _meta_authors(value: str) -> list[str]:
    """Names in one author meta value; library-style 'Brazil, Rachel' (one surname, comma, given
    names, as dc.creator and citation_author write them) is one name, 'Rachel Brazil'."""
    match = _SURNAME_FIRST.match(value.strip())
    if match and match.group(1)[0].isupper() and match.group(2)[0].isupper():
        return [f"{match.group(2)} {match.group(1)}"]
    return parse_authors(value)


def _text_of(tree, xpath: str) -> str | None:
    found = tree.xpath(xpath)
    if not found:
        return None
    text = " ".join(found[0].text_content().split()) if hasattr(found[0], "text_content") else str(found[0]).strip()
    return text or None


def _strip_site_name(title: str, site_names: list[str]) -> str:
    """'Headline | The Outlet' -> 'Headline', when the tail names the site."""
    keys = {normalise(s) for s in site_names if s}
    for separator in SITE_SEPARATORS:
        if separator in title:
            head, tail = title.rsplit(separator, 1)
            tail_key = normalise(tail)
            if tail_key in keys or any(tail_key and (tail_key in k or k in tail_key) for k in keys):
                return head.strip()
    return title


def page_url(tree) -> str | None:
    """The page's own address, from its canonical link or og:url (for pages passed without URL)."""
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        found = tree.xpath(xpath)
        if found and str(found[0]).startswith("http"):
            return str(found[0]).strip()
    return None


AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "DC.creator",
               "citation_author", "byl")
DATE_META = ("article:published_time", "og:article:published_time", "parsely-pub-date", "sailthru.date", "pubdate",
             "publishdate", "publish-date", "datePublished", "date", "dc.date", "DC.date.issued", "dcterms.created",
             "citation_publication_date")


def _headline(tree, article: dict) -> str | None:
    """The article's headline: schema.org's, else an <h1> the page's titles confirm, else og/<title>.

    An <h1> that the og/<title> titles contain is the headline without site name or SEO prefix; one
    they do not contain may be a section heading, so it is used only with that confirmation.
    """
    headline = article.get("headline")
    if isinstance(headline, str) and headline.strip():
        return html.unescape(headline)
    titles = [t for t in (_meta(tree, "og:title", "twitter:title"), _text_of(tree, "//title")) if t]
    h1 = _text_of(tree, "//h1")
    key = normalise(h1 or "")
    if key and any(key in normalise(t) for t in titles):
        return h1
    return titles[0] if titles else None


def _site_names(tree, article: dict, url: str) -> list[str]:
    publisher = article.get("publisher")
    names = [_meta(tree, "og:site_name", "application-name") or "", host_of(url)]
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        names.append(publisher["name"])
    names[1] = names[1].removeprefix("www.").split(".")[0]
    return [n for n in names if n]


def _authors(tree, article: dict, site_names: list[str]) -> list[str]:
    """Person names from schema.org, else the author meta tags; the publisher's own name is no author."""
    authors = _names(article.get("author"))
    if not authors:
        values = [v for v in _meta_all(tree, *AUTHOR_META) if not v.startswith("http")]
        authors = [name for value in values for name in _meta_authors(value)]
    publishers = {normalise(n) for n in site_names}
    return list(dict.fromkeys(a for a in authors if normalise(a) not in publishers))


def page_metadata(tree, url: str = "") -> dict[str, Any]:
    """Title, authors and date that the page states about itself."""
    article = next((i for i in _json_ld_items(tree) if _is_article(i)), {})
    site_names = _site_names(tree, article, url or page_url(tree) or "")
    title = _headline(tree, article)
    if title:
        title = _strip_site_name(" ".join(title.split()), site_names)
    raw_date = article.get("datePublished") if isinstance(article.get("datePublished"), str) else None
    raw_date = raw_date or _meta(tree, *DATE_META) or _text_of(tree, "//time/@datetime")
    return {"title": title or None, "authors": _authors(tree, article, site_names),
            "date": parse_date(raw_date) if raw_date else None}
