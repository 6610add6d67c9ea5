"""MkDocs glue: where the views' overviews stand in the automatic navigation.

MkDocs' automatic nav names a section after its folder and sorts folders by name, so it would
read "Authors, Genres, Reviews, Shelf, Stats, Years" with a "Shelf" section holding one "Shelf"
page. Here the overviews stand side by side from the first one's slot, in the views' order
(shelf, genres, authors, years, stats); a view's section takes its overview's title; and a
section that holds nothing but its overview (one-page views, or any view under a compact nav)
becomes the page itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page


def arrange(
    nav: Navigation, overviews: Sequence[tuple[str, str]], pages: Sequence[str] = ()
) -> None:
    """Put the overviews (src_uri, title), given in the views' order, in their places, and
    the pages of a view's section in the view's own order (`pages`: every generated page's
    src_uri, as the views list them: years newest first, authors by family name)."""
    rank = {src_uri: index for index, (src_uri, _) in enumerate(overviews)}
    order = {src_uri: index for index, src_uri in enumerate(pages)}
    _arrange(nav.items, rank, dict(overviews), order, parent=None)
    nav.pages = [item for item in _walk(nav.items) if isinstance(item, Page)]
    previous: Page | None = None
    for page in nav.pages:
        page.previous_page = previous
        page.next_page = None
        if previous is not None:
            previous.next_page = page
        previous = page


def _arrange(
    items: list[Any],
    rank: dict[str, int],
    titles: dict[str, str],
    order: dict[str, int],
    *,
    parent: Section | None,
) -> None:
    slots: list[tuple[int, int]] = []  # (index in items, the view's rank)
    for index, item in enumerate(items):
        overview = _src_uri(item) if _src_uri(item) in rank else _overview_in(item, rank)
        if overview is None:
            if isinstance(item, Section):
                _arrange(item.children, rank, titles, order, parent=item)
            continue
        if isinstance(item, Section):
            # Stable: a page of the user's own in the folder keeps its place after them.
            item.children.sort(key=lambda child: order.get(_src_uri(child), len(order)))
            if len(item.children) == 1:
                items[index] = item.children[0]
                items[index].parent = parent
            else:
                item.title = titles[overview]
        slots.append((index, rank[overview]))
    if slots:
        ordered = [items[index] for index, _ in sorted(slots, key=lambda slot: slot[1])]
        for index, _ in reversed(slots):
            del items[index]
        items[slots[0][0] : slots[0][0]] = ordered


def _overview_in(item: Any, rank: dict[str, int]) -> str | None:
    """The overview a section holds directly, if any (that makes it the view's section)."""
    if not isinstance(item, Section):
        return None
    for child in item.children:
        if isinstance(child, Page) and child.file.src_uri in rank:
            return str(child.file.src_uri)
    return None


def _src_uri(item: Any) -> str:
    return str(item.file.src_uri) if isinstance(item, Page) else ""


def _walk(items: list[Any]) -> list[Any]:
    found: list[Any] = []
    for item in items:
        found.append(item)
        if isinstance(item, Section):
            found.extend(_walk(item.children))
    return found
