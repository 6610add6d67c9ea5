"""One build's feed, JSON-LD and preview tags, from the plugin's events in plain values.

The plugin hands over the site's settings (`start`), the library once files are known
(`ReachBuild.plan`), each review's rendered text (`keep`) and each page's HTML (`head`), and
writes what `feeds` returns: everything MkDocs-shaped stays in the glue (glue/).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Container, Mapping
from dataclasses import dataclass
from typing import Any

from ..model import Review
from ..paths import PathError, file_clash, inside_root
from .facts import ReviewFacts, SiteFacts, absolute_url, review_facts
from .feed import atom_feed, rss_feed
from .head import head_of, head_tags, insert_into_head


@dataclass(frozen=True)
class ReachOptions:
    """The plugin options this package reads (see glue/config.py and the README)."""

    scale: int = 5
    feed: bool | None = None  # None: when site_url is set
    feed_path: str = "feed.xml"
    feed_rss_path: str | None = None
    feed_limit: int = 20
    structured_data: bool = True
    social_tags: bool = True
    review_author: str | None = None

    @classmethod
    def of(cls, config: Mapping[str, Any]) -> ReachOptions:
        """The options out of the plugin's config."""
        return cls(**{field.name: config[field.name] for field in dataclasses.fields(cls)})


def site_path(option: str, value: str) -> str:
    """A path inside the site from an option's value, by the rule every path option follows
    (`paths.inside_root`); PathError, a ValueError, for one it refuses."""
    return inside_root(option, value, example="feed.xml", root="the site")


def start(
    options: ReachOptions,
    *,
    site_url: str | None,
    site_name: str,
    site_description: str | None,
    site_author: str | None,
) -> tuple[ReachBuild | None, list[str]]:
    """This build's reach (None when the feed, JSON-LD and tags are all off) and the warnings
    to log. Raises ValueError for a feed path outside the site."""
    warnings = []
    feed = options.feed is not False and bool(site_url)
    if options.feed and not site_url:
        warnings.append("feed: true needs site_url in mkdocs.yml; no feed is written")
    if not (feed or options.structured_data or options.social_tags):
        return None, warnings
    atom_path = site_path("feed_path", options.feed_path)
    rss_path = site_path("feed_rss_path", options.feed_rss_path) if options.feed_rss_path else None
    site = SiteFacts(
        url=site_url or None,
        name=site_name,
        description=site_description or "",
        reviewer=options.review_author or site_author or None,
        feed_url=absolute_url(site_url, atom_path) if feed else None,
        rss_url=absolute_url(site_url, rss_path) if feed and rss_path else None,
    )
    return ReachBuild(site, options, atom_path=atom_path, rss_path=rss_path), warnings


class ReachBuild:
    """What one build knows for its feed and head tags."""

    def __init__(
        self, site: SiteFacts, options: ReachOptions, *, atom_path: str, rss_path: str | None
    ) -> None:
        self.site = site
        self.options = options
        self.atom_path = atom_path
        self.rss_path = rss_path
        self.reviews: Mapping[str, Review] = {}
        self.file_urls: Mapping[str, str] = {}
        self.facts: dict[str, ReviewFacts] = {}
        self.feed_uris: list[str] = []  # the reviews in the feed, newest read first
        self.in_feed: set[str] = set()
        self.unread: set[str] = set()  # books being read or wanted

    def plan(
        self,
        reviews: Mapping[str, Review],
        *,
        file_urls: Mapping[str, str],
        user_files: Container[str],
        written: Collection[str] = (),
    ) -> list[str]:
        """Take in the library: the feed's reviews, the site-relative URL of every file. A
        feed gives way to a user's file at its path (the warning is returned); one where the
        build writes a page or a generated file, or a folder of them (`written`: every dest
        path), is a PathError: it would overwrite them."""
        self.reviews = reviews
        self.file_urls = file_urls
        # Books being read or wanted are no reviews: out of the feed and the Review JSON-LD.
        self.unread = {uri for uri, review in reviews.items() if review.unread}
        read = (review for review in reviews.values() if not review.unread)
        latest = sorted(read, key=lambda review: review.sort_key)
        limit = self.options.feed_limit
        self.feed_uris = [review.src_uri for review in (latest[:limit] if limit > 0 else latest)]
        self.in_feed = set(self.feed_uris)
        warnings = []
        for option, path, url in (
            ("feed_path", self.atom_path, self.site.feed_url),
            ("feed_rss_path", self.rss_path, self.site.rss_url),
        ):
            if url and path in user_files:
                warnings.append(
                    f"{path}: your file is where the feed would be (it is kept and no feed is "
                    f"written there); remove it or set {option}"
                )
                self.site = (
                    dataclasses.replace(self.site, feed_url=None)
                    if option == "feed_path"
                    else dataclasses.replace(self.site, rss_url=None)
                )
            elif url and path is not None:
                why = file_clash(option, path, written, user_files=user_files)
                if why is not None:
                    raise PathError(why)
        return warnings

    @property
    def writes_feed(self) -> bool:
        """Whether this build writes a feed (which takes its reviews' rendered text)."""
        return bool(self.site.feed_url or (self.site.rss_url and self.rss_path))

    def keep(self, review: Review, html: str) -> None:
        """Note a review's rendered text (what its description comes from)."""
        self.facts[review.src_uri] = self._facts(review, html)

    def head(self, src_uri: str, page_html: str) -> str:
        """A page's HTML with the feed links, and on a review its JSON-LD and preview tags."""
        tags = head_tags(
            self.facts.get(src_uri),
            site=self.site,
            scale=self.options.scale,
            structured_data=self.options.structured_data and src_uri not in self.unread,
            social=self.options.social_tags,
            head=head_of(page_html),
        )
        return insert_into_head(page_html, tags)

    def feeds(self) -> list[tuple[str, bytes]]:
        """(path in the site, content) of each feed to write."""
        entries = [
            self.facts.get(uri) or self._facts(self.reviews[uri], "") for uri in self.feed_uris
        ]
        written = []
        scale = self.options.scale
        if self.site.feed_url:
            written.append((self.atom_path, atom_feed(entries, site=self.site, scale=scale)))
        if self.site.rss_url and self.rss_path:
            written.append((self.rss_path, rss_feed(entries, site=self.site, scale=scale)))
        return written

    def _facts(self, review: Review, html: str) -> ReviewFacts:
        """A review's facts; its text goes with them only when the feed shows it."""
        cover = review.cover
        cover_url = cover and (cover.url or self.file_urls.get(cover.src_uri or ""))
        return review_facts(
            review,
            site_url=self.site.url,
            page_url=self.file_urls.get(review.src_uri),
            cover_url=cover_url or None,
            html=html,
            content=review.src_uri in self.in_feed,
        )
