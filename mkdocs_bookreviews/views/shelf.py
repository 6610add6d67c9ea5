"""The shelf: every review as a cover card, newest read first (work in progress)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..model import Review
from . import Site, View, ViewOptions, ViewPage, index_src_uri


class ShelfView(View):
    """`shelf/`: every review as a cover card."""

    kind = "shelf"

    def __init__(self, reviews: Sequence[Review], options: ViewOptions) -> None:
        self.folder = options.shelf_dir
        self.title = options.shelf_title
        self.reviews = sorted(reviews, key=lambda r: r.sort_key)

    def pages(self) -> list[ViewPage]:
        return [ViewPage(index_src_uri(self.folder), self.title, searchable=False)]

    def links(self, urls: Mapping[str, str]) -> dict[str, str]:
        return {}

    def render(self, page: ViewPage, page_url: str, site: Site) -> str:
        cards = "\n".join(site.cards(self.reviews, page_url))
        return f'<div class="bookreviews-cards">{cards}</div>'
