"""Record one build with the plugin, for `replay_hook.py` to replay without it; and time each
view while doing so.

    python benchmarks/generate.py /tmp/library --reviews 1000
    python benchmarks/replay.py /tmp/library/mkdocs-all.yml

builds the project in this process with recorders around the plugin's events, writes the
recording to `mkdocs-replay-all.pickle` and a config `mkdocs-replay-all.yml` (the same site,
search but no plugin, the replay hook), and prints, as JSON on the last line, how long each
view took: grouping the library (its constructor) and rendering its pages' bodies, in CPU
seconds, with its number of pages, next to the whole build's CPU time. `run.py --views` does
this for every plugin variant it measures and then times the replay against the plugin.
`--check` builds the replay once and compares its site with the plugin's, file by file.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import pickle
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml
from event_times import timed  # a sibling script: benchmarks/ is on sys.path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

import mkdocs_bookreviews.glue.plugin as plugin_module
import mkdocs_bookreviews.onward as onward_module
from mkdocs_bookreviews.glue.files import CSS_URI
from mkdocs_bookreviews.glue.plugin import BookReviewsPlugin
from mkdocs_bookreviews.views import Grouped, View, make_views

HOOK = Path(__file__).resolve().parent / "replay_hook.py"


def replay_config_path(config_file: Path) -> Path:
    """`mkdocs-all.yml` -> `mkdocs-replay-all.yml` (`mkdocs-on.yml` -> `mkdocs-replay-on.yml`)."""
    stem = config_file.stem.removeprefix("mkdocs-")
    return config_file.with_name(f"mkdocs-replay-{stem}.yml")


class Recorder:
    """Event handlers around the plugin's that keep what it produced, by page."""

    def __init__(self, plugin: BookReviewsPlugin) -> None:
        self.plugin = plugin
        self.generated: list[tuple[str, str | None, str | None, str]] = []
        self.inclusion: dict[str, str] = {}
        self.nav: list[Any] = []
        self.meta: dict[str, dict[str, Any]] = {}
        self.searched: dict[str, str] = {}
        self.shown: dict[str, str] = {}
        self.head: dict[str, tuple[int, int, str]] = {}
        self.before_head: dict[str, str] = {}
        self.feeds: list[tuple[str, bytes]] = []

    def register(self, config: MkDocsConfig) -> None:
        for name in dir(self):
            if name.startswith("on_"):
                config.plugins._register_event(name[3:], getattr(self, name), "recorder")

    @event_priority(-100)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        for file in files:
            if file.generated_by == "bookreviews":
                content = file.content_string if file.abs_src_path is None else None
                level = file.inclusion.name
                self.generated.append((file.src_uri, content, file.abs_src_path, level))
            elif file.is_documentation_page():
                self.inclusion[file.src_uri] = file.inclusion.name
        return files

    @event_priority(-100)
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> None:
        self.nav = nav_shape(nav.items)

    @event_priority(-100)
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> None:
        src_uri = page.file.src_uri
        if src_uri in self.plugin.build.library.reviews or src_uri in self.plugin.build.listings:
            self.meta[src_uri] = dict(page.meta)

    @event_priority(-100)
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> None:
        self.searched[page.file.src_uri] = html

    @event_priority(-101)
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> None:
        if page.content is not None and page.content != self.searched.get(page.file.src_uri):
            self.shown[page.file.src_uri] = page.content

    @event_priority(-49)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> None:
        self.before_head[page.file.src_uri] = output

    @event_priority(-51)
    def post_page_after(self, output: str, /, *, page: Page, config: MkDocsConfig) -> None:
        before = self.before_head.pop(page.file.src_uri)
        if before == output:
            return
        start = 0
        while start < min(len(before), len(output)) and before[start] == output[start]:
            start += 1
        end = 0
        limit = min(len(before), len(output)) - start
        while end < limit and before[-1 - end] == output[-1 - end]:
            end += 1
        self.head[page.file.src_uri] = (start, end, output[start : len(output) - end])

    def recording(self) -> dict[str, Any]:
        return {
            "generated": self.generated,
            "inclusion": self.inclusion,
            "nav": self.nav,
            "meta": self.meta,
            "searched": self.searched,
            "shown": self.shown,
            "head": self.head,
            "feeds": self.feeds,
        }


def nav_shape(items: list[Any]) -> list[Any]:
    """The navigation as the plugin left it, in plain values: ("page", src_uri),
    ("section", title, children) or ("link", title, url), in order."""
    shape: list[Any] = []
    for item in items:
        if isinstance(item, Page):
            shape.append(("page", item.file.src_uri))
        elif isinstance(item, Section):
            shape.append(("section", item.title, nav_shape(item.children)))
        else:
            shape.append(("link", item.title, item.url))
    return shape


def record(config_file: Path) -> dict[str, Any]:
    """Build `config_file` with the plugin, write the replay's recording and config; return
    the build's CPU seconds and each view's (`group`: its constructor, `render`: its pages'
    bodies, `pages`)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(config_file))
    plugin = config.plugins["bookreviews"]
    assert isinstance(plugin, BookReviewsPlugin)
    recorder = Recorder(plugin)
    recorder.register(config)
    # The post_page pair: the second method needs its own event registration.
    config.plugins._register_event("post_page", recorder.post_page_after, "recorder")

    times: dict[str, float] = defaultdict(float)
    pages: dict[str, int] = defaultdict(int)
    originals: list[tuple[type[View], str, Any]] = []
    made = make_views(Grouped([]), _all_on())
    for view_class in {type(view) for view in made}:
        for name in ("__init__", "render"):
            original = view_class.__dict__[name]
            originals.append((view_class, name, original))
            setattr(view_class, name, timed(original, f"{view_class.kind} {name}", times))
    # The onward links at each review's end: planned once, rendered per review.
    for name in ("plan", "render"):
        originals.append((onward_module, name, getattr(onward_module, name)))  # type: ignore[arg-type]
        setattr(onward_module, name, timed(getattr(onward_module, name), f"onward {name}", times))

    written: list[tuple[str, bytes]] = recorder.feeds
    original_write = plugin_module.write_file  # type: ignore[attr-defined]

    def write_file(content: bytes, output_path: str) -> None:
        written.append((os.path.relpath(output_path, config.site_dir), content))
        original_write(content, output_path)

    plugin_module.write_file = write_file  # type: ignore[attr-defined]
    start = time.process_time()
    try:
        build(config)
    finally:
        total = time.process_time() - start
        plugin_module.write_file = original_write  # type: ignore[attr-defined]
        for view_class, name, original in originals:
            setattr(view_class, name, original)
    for view, _ in plugin.build.listings.values():
        pages[view.kind] += 1

    out = replay_config_path(config_file)
    with out.with_suffix(".pickle").open("wb") as file:
        pickle.dump(recorder.recording(), file, protocol=pickle.HIGHEST_PROTOCOL)
    raw = yaml.safe_load(config_file.read_text("utf-8"))
    raw["site_dir"] = "site-replay-" + config_file.stem.removeprefix("mkdocs-")
    raw["plugins"] = [p for p in raw["plugins"] if p == "search"]
    raw["hooks"] = [str(HOOK)]
    raw["extra_css"] = [*raw.get("extra_css", []), CSS_URI]
    out.write_text(yaml.safe_dump(raw, sort_keys=False), "utf-8")

    views = {
        kind: {
            "group": times[f"{kind} __init__"],
            "render": times[f"{kind} render"],
            "pages": pages[kind],
        }
        for kind in dict.fromkeys(view.kind for view, _ in plugin.build.listings.values())
    }
    onward = {
        "plan": times["onward plan"],
        "render": times["onward render"],
        "pages": len(plugin.build.onward),
    }
    return {"cpu": total, "views": views, "onward": onward}


def _all_on() -> Any:
    from mkdocs_bookreviews.views.registry import KINDS

    return [(kind, kind.defaults()) for kind in KINDS]


def check(config_file: Path) -> list[str]:
    """Build the replay and list the files whose bytes differ from the plugin's site."""
    replay = replay_config_path(config_file)
    build(load_config(str(replay)))
    mine = config_file.parent / yaml.safe_load(config_file.read_text("utf-8"))["site_dir"]
    theirs = replay.parent / yaml.safe_load(replay.read_text("utf-8"))["site_dir"]
    differ = []
    for path in sorted(mine.rglob("*")):
        other = theirs / path.relative_to(mine)
        if (
            path.is_file()
            and path.suffix != ".gz"
            and (not other.is_file() or not filecmp.cmp(path, other, shallow=False))
        ):
            differ.append(str(path.relative_to(mine)))
    extra = {p.relative_to(theirs) for p in theirs.rglob("*") if p.is_file()} - {
        p.relative_to(mine) for p in mine.rglob("*") if p.is_file()
    }
    return differ + [f"only in replay: {p}" for p in sorted(extra)]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("config", type=Path, help="an mkdocs.yml with the plugin")
    parser.add_argument("--check", action="store_true", help="compare the replay's site")
    args = parser.parse_args()
    result = record(args.config.resolve())
    if args.check:
        differ = check(args.config.resolve())
        print(f"replay differs in {len(differ)} files", *differ[:10], sep="\n  ")
        if differ:
            sys.exit(1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
