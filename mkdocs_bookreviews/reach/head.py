"""Tags for a page's <head>: feed autodiscovery, Review JSON-LD, Open Graph and Twitter card.

Both languages are escaped by `escaping.py`: `script_json` for JSON inside <script> (a title
holding `</script>`, `<!--` or U+2028 neither ends the script nor breaks the JSON) and `escape`
for every attribute value. A tag whose value is missing is left out, never written empty; a tag
another plugin or the theme already wrote (Material's social cards write og: and twitter: tags)
is not written twice.
"""

from __future__ import annotations

from typing import Any

from ..escaping import escape, script_json
from ..model import format_score
from .facts import ReviewFacts, SiteFacts

# The schema.org property of each role (Book's `illustrator`, CreativeWork's `editor` and
# `translator`, Audiobook's `readBy`); any other role is a `contributor`.
SCHEMA_ROLES = {
    "editor": "editor",
    "translator": "translator",
    "illustrator": "illustrator",
    "narrator": "readBy",
}


def json_ld(facts: ReviewFacts, *, scale: int, reviewer: str | None) -> dict[str, Any]:
    """schema.org Review of a Book. Unrated reviews have no reviewRating; missing values no key.

    `worstRating` is 0 because scores start at 0 here and search engines assume 1. The book's
    `author` holds its authors only; other credits go in their schema.org properties
    (`SCHEMA_ROLES`), and a book read by a narrator is an `Audiobook` (a Book), the type whose
    property `readBy` is.
    """
    book: dict[str, Any] = {"@type": "Book", "name": facts.title}
    if facts.authors:
        book["author"] = [{"@type": "Person", "name": name} for name in facts.authors]
    for credit in facts.credits:
        key = SCHEMA_ROLES.get(credit.role, "contributor")
        book.setdefault(key, []).append({"@type": "Person", "name": credit.name})
    if "readBy" in book:
        book["@type"] = "Audiobook"
    if facts.isbn:
        book["isbn"] = facts.isbn
    if facts.image:
        book["image"] = facts.image
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Review",
        "name": facts.heading,
        "itemReviewed": book,
    }
    if facts.score is not None:
        data["reviewRating"] = {
            "@type": "Rating",
            "ratingValue": _number(facts.score),
            "bestRating": scale,
            "worstRating": 0,
        }
    if reviewer:
        data["author"] = {"@type": "Person", "name": reviewer}
    if facts.date is not None:
        data["datePublished"] = facts.date.iso
    if facts.url:
        data["url"] = facts.url
    if facts.description:
        data["description"] = facts.description
    return data


def _number(score: float) -> int | float:
    """4.0 -> 4, 3.25 -> 3.25 (as `format_score` writes it)."""
    text = format_score(score)
    return float(text) if "." in text else int(text)


def open_graph(facts: ReviewFacts, *, site_name: str) -> list[tuple[str, str]]:
    """(property, value) pairs of the review's link preview; missing values are left out."""
    pairs = [
        ("og:type", "article"),
        ("og:site_name", site_name),
        ("og:title", facts.heading),
        ("og:description", facts.description),
        ("og:url", facts.url or ""),
        ("og:image", facts.image or ""),
        ("og:image:alt", facts.image_alt if facts.image else ""),
        # Portrait covers: the small card shows them whole, the large one would crop them.
        ("twitter:card", "summary"),
    ]
    return [(key, value) for key, value in pairs if value]


def head_tags(
    facts: ReviewFacts | None,
    *,
    site: SiteFacts | None,
    scale: int,
    structured_data: bool,
    social: bool,
    head: str = "",
) -> str:
    """The tags to add to a page's <head>: the feed links on every page (`site` has them),
    JSON-LD and preview tags on review pages (`facts`). `head` is the page's head as it is, so
    that a tag already there is not written again."""
    tags: list[str] = []
    if site is not None:
        for url, kind in ((site.feed_url, "atom"), (site.rss_url, "rss")):
            if url and f'href="{escape(url)}"' not in head:
                tags.append(
                    f'<link rel="alternate" type="application/{kind}+xml" '
                    f'title="{escape(site.name)}" href="{escape(url)}">'
                )
    if facts is not None and social:
        # Usually no page has any yet: one look for all of them saves one per tag.
        written = '"og:' in head or '"twitter:' in head
        for key, value in open_graph(facts, site_name=site.name if site else ""):
            if written and (f'property="{key}"' in head or f'name="{key}"' in head):
                continue
            attribute = "name" if key.startswith("twitter:") else "property"
            tags.append(f'<meta {attribute}="{key}" content="{escape(value)}">')
    if facts is not None and structured_data:
        reviewer = site.reviewer if site else None
        data = json_ld(facts, scale=scale, reviewer=reviewer)
        tags.append(f'<script type="application/ld+json">{script_json(data)}</script>')
    return "\n".join(tags)


def insert_into_head(html: str, tags: str) -> str:
    """`html` with `tags` just before its </head>; unchanged when there is no </head>."""
    if not tags:
        return html
    at = html.find("</head>")
    if at < 0:
        at = html.lower().find("</head>")
        if at < 0:
            return html
    return html[:at] + tags + "\n" + html[at:]


def head_of(html: str) -> str:
    """The part of a page before its </head> (the whole page when there is none)."""
    at = html.find("</head>")
    return html if at < 0 else html[:at]
