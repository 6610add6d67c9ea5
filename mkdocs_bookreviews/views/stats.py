"""The stats page: charts of the whole library (work in progress)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..model import Review
from . import Site, View, ViewOptions, ViewPage, index_src_uri


class StatsView(View):
    """`stats/`: the library's numbers as charts and tables."""

    kind = "stats"

    def __init__(self, reviews: Sequence[Review], options: ViewOptions) -> None:
        self.folder = options.stats_dir
        self.title = options.stats_title
        self.reviews = list(reviews)

    def pages(self) -> list[ViewPage]:
        return [ViewPage(index_src_uri(self.folder), self.title, searchable=False)]

    def links(self, urls: Mapping[str, str]) -> dict[str, str]:
        return {}

    def render(self, page: ViewPage, page_url: str, site: Site) -> str:
        return f'<div class="bookreviews-listing"><h1>{len(self.reviews)} books</h1></div>'
