"""Hostile review text through `bookreviews import` (issue 20): every payload that some Markdown
extension a Material site enables would turn into markup is imported from a Goodreads export
(HTML) and a StoryGraph export (plain text), the site is built with all those extensions by
real MkDocs, and the HTML is read back: nothing the payload tried to make is there, no script,
and every payload's text is still shown as text. One Chromium visit checks no dialog fires."""

from __future__ import annotations

import csv
import html
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from click.testing import CliRunner
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_bookreviews.cli import main

from .conftest import write_tree

# What readers type in a review box, each as a (name, text) pair; lines are kept.
PAYLOADS: list[tuple[str, str]] = [
    ("blocks-html", "/// html | script\nalert(document.domain)\n///"),
    ("blocks-html-div", '/// html | div\n    attrs: {onclick: "alert(1)"}\n\nClick\n///'),
    ("blocks-details", "/// details | Open me\n    type: warning\n\nhidden text\n///"),
    ("blocks-tab", "/// tab | Tab one\nfirst tab\n///\n\n/// tab | Tab two\nsecond tab\n///"),
    ("blocks-admonition", "/// admonition | Careful\n    type: danger\n\nadmonished\n///"),
    ("tabbed", '=== "Tab A"\n\n    in tab A\n\n=== "Tab B"\n\n    in tab B'),
    ("details", '??? note "Sneaky"\n    folded text\n\n???+ tip "Open"\n    open text'),
    ("admonition", '!!! danger "Alert"\n    admonition body'),
    ("snippets", '--8<-- "mkdocs.yml"\n\n;--8<-- "mkdocs.yml"\n\n--8<--\nmkdocs.yml\n--8<--'),
    ("mark", "this is ==marked== text"),
    ("tilde", "this is ~~struck~~ and H~2~O"),
    ("caret", "this is ^^inserted^^ and x^2^ too"),
    ("critic", "{++added++} {--gone--} {~~was~>now~~} {==high==}{>>a comment<<}"),
    ("keys", "press ++ctrl+alt+delete++ now"),
    ("emoji", "so happy :smile: :material-heart: :+1:"),
    ("arithmatex", "inline $x^2$ and \\(y_1\\) math\n\n$$\nE = mc^2\n$$\n\n\\[\na+b\n\\]"),
    ("attr-list", 'A paragraph\n{: onclick="alert(1)" .evil #evil }'),
    ("attr-list-inline", 'a [link](https://example.org){: onclick="alert(2)" }'),
    ("md-in-html", '<div markdown="1" onclick="alert(3)">**bold in div**</div>'),
    ("footnotes", "A claim[^1].\n\n[^1]: The footnote itself."),
    ("abbr", "HTML is everywhere.\n\n*[HTML]: Hyper Text Markup Language"),
    ("def-list", "Term\n: its definition"),
    ("table", "| a | b |\n|---|---|\n| 1 | 2 |"),
    ("table-loose", "a | b\n--|--\n1 | 2"),
    ("toc", "[TOC]"),
    ("raw-html", '<script>alert("raw")</script> <img src=x onerror="alert(4)">'),
    ("comment", "before <!-- hidden --> after"),
    ("fences", "```html\n<b>code</b>\n```\n\n~~~\ntilde fence\n~~~"),
    ("list-item-block", "- /// html | script\n  alert(5)\n  ///\n- second"),
    ("heading-and-rule", "# Heading\n\nSetext\n===\n\n---\n\n***"),
    ("links", "[x](javascript:alert(6)) ![i](x.png) <https://example.org> [r]\n\n[r]: /x"),
    ("entities", "&lt;script&gt; &#60;b&#62; &amp;"),
    ("task-list", "- [ ] open task\n- [x] done task"),
]
# Goodreads' review cells are HTML: real links and list items carrying the same syntax, with
# the words a reader must see and the link's address as it was.
LINK = "https://example.org/a==b==/++ctrl++/~~s~~/^^i^^/$x$/:smile:/{++x++}/`c`/*e*"
HTML_PAYLOADS: list[tuple[str, str, str]] = [
    ("html-link", f'<a href="{html.escape(LINK)}">link ==text==</a>{{: onclick="alert(1)" }}',
     'link ==text== {: onclick="alert(1)" }'),
    ("html-list", "<ul><li>/// html | script<br/>alert(7)<br/>///</li>"
     "<li>/// details | Open<br/>inside<br/>///</li><li>=== \"Tab\"<br/>    tab</li></ul>",
     '/// html | script alert(7) /// /// details | Open inside /// === "Tab" tab'),
    ("html-quote", "<blockquote>/// tab | T<br/>in tab<br/>///<br/>| a | b |<br/>|---|---|"
     "</blockquote>", "/// tab | T in tab /// | a | b | |---|---|"),
]  # fmt: skip
# The elements (or classes) a payload must not have made, anywhere in the review's article.
MADE = (
    "script, details, summary, table, mark, del, ins, sub, sup, kbd, abbr, dl, h1, h2, h3, hr, "
    "img, pre, code, input, ul, ol, .admonition, .tabbed-set, .tabbed-alternate, .footnote, "
    ".critic, .keys, .arithmatex, .emojione, .twemoji, .toc, [onclick], [onerror], #evil, .evil"
)
SITE_EXTENSIONS: list[Any] = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    {"toc": {"permalink": True}},
    "pymdownx.arithmatex",
    "pymdownx.blocks.admonition",
    "pymdownx.blocks.details",
    "pymdownx.blocks.html",
    "pymdownx.blocks.tab",
    "pymdownx.caret",
    "pymdownx.critic",
    "pymdownx.details",
    "pymdownx.emoji",
    "pymdownx.keys",
    "pymdownx.mark",
    {"pymdownx.snippets": {"base_path": ["."]}},  # the project: --8<-- "mkdocs.yml" is there
    "pymdownx.superfences",
    {"pymdownx.tabbed": {"alternate_style": True}},
    "pymdownx.tasklist",
    "pymdownx.tilde",
]
GOODREADS_HEADER = ["Book Id", "Title", "Author", "My Rating", "Exclusive Shelf", "My Review"]
STORYGRAPH_HEADER = ["Title", "Authors", "ISBN/UID", "Read Status", "Star Rating", "Review"]


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def as_goodreads_html(text: str) -> str:
    """A review as Goodreads exports it: the text HTML-escaped, line breaks as <br />."""
    return html.escape(text, quote=False).replace("\n", "<br />")


def words(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Built:
    root: Path
    exits: list[int]

    def page(self, stem: str) -> Path:
        return self.root / "site" / "reviews" / stem / "index.html"

    def article(self, stem: str) -> Tag:
        soup = BeautifulSoup(self.page(stem).read_text("utf-8"), "html.parser")
        article = soup.select_one("article")
        assert article is not None, stem
        return article


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """Both exports imported with the command, then the site built with every extension."""
    root = tmp_path_factory.mktemp("hostile")
    config = {
        "site_name": "Hostile",
        "theme": {"name": "material"},
        "plugins": ["search", {"bookreviews": {"reviews_dir": "reviews"}}],
        "markdown_extensions": SITE_EXTENSIONS,
    }
    goodreads = [
        [str(100 + i), f"Goodreads {name}", "A Reader", "4", "read", as_goodreads_html(text)]
        for i, (name, text) in enumerate(PAYLOADS)
    ]
    goodreads += [
        [str(200 + i), f"Goodreads {name}", "A Reader", "4", "read", cell]
        for i, (name, cell, _) in enumerate(HTML_PAYLOADS)
    ]
    storygraph = [
        [f"StoryGraph {name}", "A Reader", f"sg-{i}", "read", "4", text]
        for i, (name, text) in enumerate(PAYLOADS)
    ]
    write_tree(
        root,
        {
            "mkdocs.yml": yaml.safe_dump(config, sort_keys=False),
            "docs/index.md": "# Home\n",
            "goodreads.csv": csv_bytes(GOODREADS_HEADER, goodreads),
            "storygraph.csv": csv_bytes(STORYGRAPH_HEADER, storygraph),
        },
    )
    cwd = Path.cwd()
    os.chdir(root)  # snippets' base_path "." is the project, as with `mkdocs build` there
    try:
        exits = [
            CliRunner().invoke(main, ["import", name], catch_exceptions=False).exit_code
            for name in ("goodreads.csv", "storygraph.csv")
        ]
        build(load_config(str(root / "mkdocs.yml"), strict=False))
    finally:
        os.chdir(cwd)
    yield Built(root, exits)


def _ours(tag: Tag) -> bool:
    """Whether a tag is the plugin's own: in the review's header, or the onward links' own
    headings and rows (other books' titles in them are text, and a tag made of one is not)."""
    if tag.find_parent(class_="bookreviews-header") is not None:
        return True
    if tag.find_parent(class_="bookreviews-onward") is None:
        return False
    if tag.name == "h2" and tag.parent is not None:
        return any(c.startswith("bookreviews-onward-") for c in tag.parent.get("class") or [])
    return any(c.startswith("bookreviews-") for c in tag.get("class") or [])


def _shown(article: Tag) -> str:
    """The review's words as a reader sees them (line breaks as spaces)."""
    body = BeautifulSoup(re.sub(r"<br\s*/?>", " ", str(article)), "html.parser")
    for header in body.select(".bookreviews-header, .md-content__button, .headerlink"):
        header.decompose()
    return words(body.get_text(" "))


@pytest.mark.parametrize("tracker", ["goodreads", "storygraph"])
def test_no_payload_becomes_markup_and_every_word_stays(built: Built, tracker: str) -> None:
    assert built.exits == [0, 0]
    failures: list[str] = []
    for name, text in PAYLOADS:
        stem = f"{tracker}-{name}"
        article = built.article(stem)
        made = [f"<{tag.name} {dict(tag.attrs)}>" for tag in article.select(MADE) if not _ours(tag)]
        if made:
            failures.append(f"{stem}: made {made[:3]}")
        shown = _shown(article)
        if words(text) not in shown:
            failures.append(f"{stem}: text lost: {words(text)!r} not in {shown[:300]!r}")
    assert failures == []


def test_goodreads_links_and_lists_keep_their_syntax_as_text(built: Built) -> None:
    for name, _, text in HTML_PAYLOADS:
        article = built.article(f"goodreads-{name}")
        made = article.select(MADE.replace(" ul, ol,", ""))
        assert [tag for tag in made if not _ours(tag)] == []
        assert text in _shown(article), name
    links = built.article("goodreads-html-link").select("a[href^='https://example.org']")
    assert [unquote(str(a["href"])) for a in links] == [LINK]


def test_storygraph_prose_with_pipes_tildes_and_tabs_stays_prose(built: Built) -> None:
    # Finding 6: StoryGraph's review column is plain text, never Markdown.
    for name in ("table", "tilde", "mark", "tabbed"):
        article = built.article(f"storygraph-{name}")
        assert article.select("table, del, sub, mark, .tabbed-set") == [], name
        assert words(dict(PAYLOADS)[name]) in _shown(article), name


def test_no_dialog_fires_in_chromium(built: Built, browser: Any) -> None:
    dialogs: list[str] = []
    context = browser.new_context()
    page = context.new_page()

    def seen(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", seen)
    for tracker in ("goodreads", "storygraph"):
        for name in ("blocks-html", "list-item-block", "raw-html", "attr-list", "md-in-html"):
            page.goto(built.page(f"{tracker}-{name}").as_uri(), wait_until="load")
            page.evaluate("document.querySelectorAll('[onclick]').forEach(e => e.click())")
    context.close()
    assert dialogs == []
