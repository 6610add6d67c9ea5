"""Being found and followed: an Atom (and RSS) feed, Review JSON-LD and link-preview tags.

Three outputs in three languages, each escaped by `escaping.py`: the feed is written by an XML
writer (`feed.py`, ElementTree, never string concatenation; `escaping.xml_text` drops what XML
cannot hold), JSON-LD goes through `escaping.script_json` and tag attributes through
`escaping.escape` (`head.py`). What a review says about itself for all three (its title line,
authors, date, description, absolute URLs) is decided once, in `facts.py`; `build.py` holds one
build's state for the plugin's events. Nothing here imports MkDocs.
"""

from __future__ import annotations

from ..model import ReadDate
from .build import ReachBuild, ReachOptions, start
from .facts import (
    ReviewFacts,
    SiteFacts,
    absolute_url,
    description_of,
    entry_id,
    first_paragraph,
    moment,
    read_date,
    review_facts,
)
from .feed import atom_feed, rss_feed
from .head import head_of, head_tags, insert_into_head, json_ld

__all__ = [
    "ReachBuild",
    "ReachOptions",
    "ReadDate",
    "ReviewFacts",
    "SiteFacts",
    "absolute_url",
    "atom_feed",
    "description_of",
    "entry_id",
    "first_paragraph",
    "head_of",
    "head_tags",
    "insert_into_head",
    "json_ld",
    "moment",
    "read_date",
    "review_facts",
    "rss_feed",
    "start",
]
