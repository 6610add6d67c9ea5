"""Reading pages: mended text, and the front-matter cache that lets `mkdocs serve` parse only
what changed."""

from __future__ import annotations

from mkdocs_bookreviews.sources import FrontMatterCache, mend


def test_cache_by_text_not_by_time_stamp() -> None:
    cache = FrontMatterCache()
    first = "---\nscore: 4\n---\n"
    assert cache.parse("r.md", first).meta == {"score": 4}
    assert cache.parse("r.md", first).meta == {"score": 4}
    assert cache.parses == 1
    # The same size (and, on disk, possibly the same time stamp): still a new version.
    assert cache.parse("r.md", "---\nscore: 5\n---\n").meta == {"score": 5}
    assert cache.parses == 2
    assert cache.parse("other.md", first).meta == {"score": 4}
    assert cache.parses == 3


def test_pages_not_kept_are_parsed_each_time() -> None:
    cache = FrontMatterCache()
    assert cache.parse("gen.md", "---\nscore: 1\n---\n", keep=False).meta == {"score": 1}
    assert cache.parse("gen.md", "---\nscore: 1\n---\n", keep=False).meta == {"score": 1}
    assert cache.parses == 2


def test_mend_reads_like_text_mode() -> None:
    raw = "\ufeff---\r\ntitle: Caf\xe9\r\n---\r\nold\rmac\n".encode("cp1252", errors="ignore")
    assert mend(b"\xef\xbb\xbf" + raw) == "---\ntitle: Caf\ufffd\n---\nold\nmac\n"
