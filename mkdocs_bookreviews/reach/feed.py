"""The Atom feed (and RSS 2.0) of the latest reviews, written by an XML writer.

ElementTree escapes every text and attribute; what it does not do is drop characters XML 1.0
cannot hold at all (most control characters, U+FFFE), which a review's text may contain:
`escaping.xml_text` does, for every value, so the feed stays well-formed whatever the reviews
say.

Dates come from the read date (`facts.moment`), never from the clock, so two builds
of the same reviews write the same bytes. Atom needs a date on every entry: a review without
one is dated 1970-01-01, and has no `published`.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from email.utils import format_datetime

from .. import language
from ..escaping import unquoted_html, xml_text
from ..language import gettext
from .facts import ReviewFacts, SiteFacts, entry_id, moment

ATOM = "http://www.w3.org/2005/Atom"
MEDIA = "http://search.yahoo.com/mrss/"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
GENERATOR = "mkdocs-bookreviews"
UNDATED = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def _stamp(when: dt.datetime) -> str:
    """RFC 3339, as Atom needs: a four-digit year always (`%Y` does not pad years before 1000)."""
    return f"{when.year:04d}-" + when.strftime("%m-%dT%H:%M:%SZ")


def summary_text(facts: ReviewFacts, scale: int) -> str:
    """The entry's summary: the rating (in the site's language), then the description."""
    rating = (
        gettext("Rated %(score)s out of %(scale)s.")
        % {"score": language.active().decimal(facts.score), "scale": scale}
        if facts.score is not None
        else ""
    )
    return " ".join(part for part in (rating, facts.description) if part)


def atom_feed(entries: Sequence[ReviewFacts], *, site: SiteFacts, scale: int) -> bytes:
    """An Atom 1.0 document of `entries` (newest first), as UTF-8 bytes."""
    if site.url is None or site.feed_url is None:
        raise ValueError("a feed needs the site's URL and its own")
    # Names are written as they are (ElementTree cannot write a default namespace next to
    # unqualified attributes): the namespaces are declared on the root by hand.
    feed = ET.Element("feed", {"xmlns": ATOM, "xmlns:media": MEDIA})
    _add(feed, "id", entry_id(site.url, ""))
    _add(feed, "title", site.name)
    if site.description:
        _add(feed, "subtitle", site.description)
    _add(feed, "link", rel="self", type="application/atom+xml", href=site.feed_url)
    _add(feed, "link", rel="alternate", type="text/html", href=site.url)
    moments = [moment(facts.date) for facts in entries if facts.date is not None]
    _add(feed, "updated", _stamp(max(moments, default=UNDATED)))
    author = _add(feed, "author")
    _add(author, "name", site.reviewer or site.name)
    _add(feed, "generator", GENERATOR)
    for facts in entries:
        entry = _add(feed, "entry")
        _add(entry, "id", entry_id(site.url, facts.src_uri))
        _add(entry, "title", facts.heading, type="text")
        if facts.url:
            _add(entry, "link", rel="alternate", type="text/html", href=facts.url)
        if facts.date is not None:
            _add(entry, "published", _stamp(moment(facts.date)))
        updated = moment(facts.date) if facts.date is not None else UNDATED
        _add(entry, "updated", _stamp(updated))
        for genre in facts.genres:
            _add(entry, "category", term=genre)
        summary = summary_text(facts, scale)
        if summary:
            _add(entry, "summary", summary, type="text")
        if facts.content:
            # The review's links are relative to its page: xml:base says which.
            content = _add(entry, "content", facts.content, type="html")
            if facts.url:
                content.set(XML_BASE, facts.url)
        if facts.image:
            _add(entry, "media:thumbnail", url=facts.image)
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True)) + b"\n"


def rss_feed(entries: Sequence[ReviewFacts], *, site: SiteFacts, scale: int) -> bytes:
    """An RSS 2.0 document of `entries`: each item's description is the summary as escaped
    HTML (RSS has no way to say which URL a review's relative links start from, so not the
    review itself)."""
    if site.url is None or site.rss_url is None:
        raise ValueError("a feed needs the site's URL and its own")
    rss = ET.Element("rss", {"version": "2.0", "xmlns:atom": ATOM, "xmlns:media": MEDIA})
    channel = _add(rss, "channel")
    _add(channel, "title", site.name)
    _add(channel, "link", site.url)
    _add(channel, "description", site.description or site.name)
    _add(channel, "atom:link", rel="self", type="application/rss+xml", href=site.rss_url)
    moments = [moment(facts.date) for facts in entries if facts.date is not None]
    if moments:
        _add(channel, "lastBuildDate", format_datetime(max(moments), usegmt=True))
    _add(channel, "generator", GENERATOR)
    for facts in entries:
        item = _add(channel, "item")
        _add(item, "title", facts.heading)
        if facts.url:
            _add(item, "link", facts.url)
        _add(item, "guid", entry_id(site.url, facts.src_uri), isPermaLink="false")
        if facts.date is not None:
            _add(item, "pubDate", format_datetime(moment(facts.date), usegmt=True))
        for genre in facts.genres:
            _add(item, "category", genre)
        summary = summary_text(facts, scale)
        if summary:
            # RSS readers read a description as HTML: the text is escaped as HTML first (the
            # XML writer then escapes that), so "Tom <Thumb>" stays text.
            _add(item, "description", unquoted_html(summary))
        if facts.image:
            _add(item, "media:thumbnail", url=facts.image)
    return bytes(ET.tostring(rss, encoding="utf-8", xml_declaration=True)) + b"\n"
