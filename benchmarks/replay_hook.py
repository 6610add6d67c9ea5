"""A trivial MkDocs hook that replays what the plugin produced in one recorded build.

`replay.py` records a build with the plugin: the pages it added, the navigation changes, each
page's meta as the theme got it, the HTML it handed to search and the theme, the
tags it put in <head>, and the feed. This hook (in `mkdocs-replay-<views>.yml`, without the
plugin) hands MkDocs exactly that, so MkDocs, the theme and search do the same work on the same
pages and HTML: the plugin's build over this one's is what the plugin's own code costs. MkDocs
reads each page and parses its front matter itself, as it does without the plugin (the plugin
saves it that work), and the page then gets the plugin's meta.
The recording is `<config stem>.pickle` next to the config.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file
from mkdocs.utils.templates import TemplateContext

_recording: dict[str, Any] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    path = Path(config.config_file_path).with_suffix(".pickle")
    with path.open("rb") as file:
        _recording.clear()
        _recording.update(pickle.load(file))  # our own recording
    return config


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    inclusion = _recording["inclusion"]
    for file in files.documentation_pages():
        if file.src_uri in inclusion:
            file.inclusion = InclusionLevel[inclusion[file.src_uri]]
    for src_uri, content, abs_src_path, level in _recording["generated"]:
        inclusion_level = InclusionLevel[level]
        if content is not None:
            file = File.generated(config, src_uri, content=content, inclusion=inclusion_level)
        else:
            file = File.generated(
                config, src_uri, abs_src_path=abs_src_path, inclusion=inclusion_level
            )
        files.append(file)
    return files


def on_nav(nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
    # The plugin's navigation, rebuilt from the recorded shape: its order, its sections' titles,
    # its lone pages lifted out of their sections; then the pages' previous and next links.
    pages = {page.file.src_uri: page for page in nav.pages}
    nav.items = _rebuild(_recording["nav"], pages, None)
    nav.pages = [item for item in _walk(nav.items) if isinstance(item, Page)]
    previous: Page | None = None
    for page in nav.pages:
        page.previous_page = previous
        page.next_page = None
        if previous is not None:
            previous.next_page = page
        previous = page
    return nav


def _rebuild(shape: list[Any], pages: dict[str, Page], parent: Section | None) -> list[Any]:
    items: list[Any] = []
    for node in shape:
        item: Any
        if node[0] == "page":
            item = pages[node[1]]
        elif node[0] == "section":
            item = Section(node[1], [])
            item.children = _rebuild(node[2], pages, item)
        else:
            item = Link(node[1], node[2])
        item.parent = parent
        items.append(item)
    return items


def _walk(items: list[Any]) -> list[Any]:
    found: list[Any] = []
    for item in items:
        found.append(item)
        if isinstance(item, Section):
            found.extend(_walk(item.children))
    return found


@event_priority(100)
def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    meta = _recording["meta"].get(page.file.src_uri)
    if meta is not None:
        page.meta = meta


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    content: str = _recording["searched"].get(page.file.src_uri, html)
    return content


@event_priority(-100)
def on_page_context(
    context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> None:
    content = _recording["shown"].get(page.file.src_uri)
    if content is not None:
        page.content = content


@event_priority(-50)
def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    splice = _recording["head"].get(page.file.src_uri)
    if splice is None:
        return output
    start, end, middle = splice
    return str(output[:start] + middle + output[len(output) - end :])


def on_post_build(*, config: MkDocsConfig) -> None:
    for path, content in _recording["feeds"]:
        write_file(content, str(Path(config.site_dir) / path))
