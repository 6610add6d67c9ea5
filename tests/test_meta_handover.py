"""The plugin hands MkDocs each review's front matter already parsed: MkDocs gets the Markdown
without it, and the page's meta back before any other plugin looks. These builds check that
every plugin then sees exactly what MkDocs' own parse would have given."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

from mkdocs.utils.meta import get_data

from .conftest import Site, review

Build = Callable[..., Site]

# A hook (run after the plugin's first on_page_markdown, before its second) that records what
# every page's Markdown and meta look like to other plugins.
HOOK = """
import json, pathlib
from mkdocs.plugins import event_priority

@event_priority(50)
def on_page_markdown(markdown, page, config, files):
    out = pathlib.Path(config.config_file_path).parent / "seen"
    out.mkdir(exist_ok=True)
    name = page.file.src_uri.replace("/", "_") + ".json"
    seen = {"markdown": markdown, "meta": page.meta}
    (out / name).write_text(json.dumps(seen, default=str, sort_keys=True), "utf-8")
"""

PAGES = {
    "plain.md": review("Plain", description="A short description.", tags=["one", "two"]),
    # Lines MkDocs would read as MultiMarkdown meta if they began a page without front matter.
    "verdict.md": review("Verdict", body="Verdict: brilliant.\nAlso: yes\n\nThe rest.\n"),
    "dated.md": review("Dated", year=dt.date(2021, 3, 4), extra={"nested": [1, {"a": None}]}),
    "crlf.md": review("Windows", body="First line.\r\nSecond line.\r\n"),
    "bom.md": "\ufeff" + review("Bom", body="Text after a byte-order mark.\n"),
    "blank-lines.md": review("Blank", body="\n\n\n   \nIndented after blank lines.\n"),
    "not-a-review.md": "---\ntitle: Just a page\n---\n\nNo score here.\n",
}


def seen(site: Site, src_uri: str) -> dict[str, object]:
    path = site.root / "seen" / (src_uri.replace("/", "_") + ".json")
    result: dict[str, object] = json.loads(path.read_text("utf-8"))
    return result


def as_mkdocs_parses(text: str) -> dict[str, object]:
    """What MkDocs reads (a text-mode file: newlines translated, no BOM) and then parses."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    markdown, meta = get_data(text)
    result: dict[str, object] = json.loads(
        json.dumps({"markdown": markdown, "meta": meta}, default=str, sort_keys=True)
    )
    return result


def test_other_plugins_see_what_mkdocs_would_parse(build_site: Build, tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "hook.py").write_text(HOOK, "utf-8")
    site = build_site({"index.md": "# Home\n", **PAGES}, hooks=["hook.py"])
    assert site.warnings == []
    for src_uri, text in PAGES.items():
        assert seen(site, src_uri) == as_mkdocs_parses(text), src_uri
    # What reaches the HTML: the description (a theme reads it from meta), and no line eaten.
    plain = site.soup("plain.md").select_one('meta[name="description"]')
    assert plain is not None and plain["content"] == "A short description."
    verdict = site.soup("verdict.md").select_one("article")
    assert verdict is not None
    assert "Verdict: brilliant. Also: yes" in " ".join(verdict.get_text(" ").split())


READER_HOOK = """
def on_page_read_source(page, config):
    if page.file.src_uri == "plain.md":
        return "Replaced by a hook.\\n"
    return None
"""


def test_a_second_page_reader_gets_a_warning_and_its_text_wins(
    build_site: Build, tmp_path: Path
) -> None:
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "hook.py").write_text(HOOK, "utf-8")
    (tmp_path / "project" / "reader.py").write_text(READER_HOOK, "utf-8")
    site = build_site({"index.md": "# Home\n", **PAGES}, hooks=["reader.py", "hook.py"])
    assert any("Multiple 'on_page_read_source' handlers" in line for line in site.warnings)
    assert seen(site, "plain.md") == {"markdown": "Replaced by a hook.\n", "meta": {}}
    article = site.soup("plain.md").select_one("article")
    assert article is not None and "Replaced by a hook." in article.get_text()
    assert seen(site, "verdict.md") == as_mkdocs_parses(PAGES["verdict.md"])
