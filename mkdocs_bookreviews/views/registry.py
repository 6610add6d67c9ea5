"""The registry of page kinds: every kind of generated page, one line each, in the order the
navigation lists their overviews.

A kind is declared in its own module (`views/<kind>.py`: its `View`, its options and what it
links and filters, as a `Kind` named `KIND`) with its templates. The plugin's options
(`<kind>`, `<kind>_dir`, `<kind>_title` and the kind's own), the header's links, `--dirty`'s
watch list, the listing markers' keys and the navigation's order all come from `KINDS`.
"""

from __future__ import annotations

from . import Kind, authors, genres, quotes, reading, series, shelf, stats, years

KINDS: tuple[Kind, ...] = (
    shelf.KIND,
    reading.KIND,
    genres.KIND,
    authors.KIND,
    series.KIND,
    years.KIND,
    stats.KIND,
    quotes.KIND,
)
KIND_NAMES = tuple(kind.name for kind in KINDS)
