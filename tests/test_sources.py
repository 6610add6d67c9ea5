"""The front-matter cache that lets `mkdocs serve` re-read only what changed."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs_bookreviews.sources import FrontMatterCache, stamp


def test_cache_by_modification_time_and_size(tmp_path: Path) -> None:
    page = tmp_path / "r.md"
    page.write_text("---\nscore: 4\n---\n", "utf-8")
    cache = FrontMatterCache()
    assert cache.get("r.md", stamp(str(page))) is None
    assert cache.parse("r.md", stamp(str(page)), page.read_text("utf-8")) == ({"score": 4}, None)
    assert cache.get("r.md", stamp(str(page))) == ({"score": 4}, None)
    assert cache.reads == 1

    page.write_text("---\nscore: 5\n---\n", "utf-8")
    stat = page.stat()
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert cache.get("r.md", stamp(str(page))) is None
    page.unlink()
    assert cache.get("r.md", stamp(str(page))) is None


def test_files_without_a_path_are_not_kept() -> None:
    cache = FrontMatterCache()
    assert cache.parse("gen.md", None, "---\nscore: 1\n---\n") == ({"score": 1}, None)
    assert cache.get("gen.md", None) is None
