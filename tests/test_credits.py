"""Books credited to people other than an author: an anthology's editor, a retelling's reteller
and illustrator, an audiobook's narrator. Real strict builds on Material and on MkDocs' own
theme, read back with BeautifulSoup and `json.loads`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .conftest import Site, collect_warnings, review, shelfs_own, write_tree

SITE_URL = "https://books.example.org/"
ANTHOLOGY = "reviews/anthology.md"
RETELLING = "reviews/snow-queen.md"
AUDIOBOOK = "reviews/audiobook.md"
HOSTILE = "reviews/hostile.md"
# MkDocs' own theme prints the site's author, not the page's: a user's override that prints
# `page.meta.author` raw (as Material does) shows what the theme is handed.
META_AUTHOR_OVERRIDE = (
    '{% extends "base.html" %}\n'
    "{% block extrahead %}"
    '<meta name="page-author" content="{{ page.meta.author }}">'
    "{% endblock %}\n"
)


def library() -> dict[str, str | bytes]:
    return {
        "index.md": '# Home\n\n## Edited by Alice\n\n<!-- bookreviews author="Alice Wong" -->\n',
        ANTHOLOGY: review(
            "The Best Short Stories",
            [{"name": "Alice Wong", "role": "editor"}],  # type: ignore[arg-type]
            year=2024,
            genre=["Anthology"],
        ),
        RETELLING: review(
            "The Snow Queen",
            [  # type: ignore[arg-type]
                {"name": "Mara Quill", "role": "reteller"},
                {"name": "Ivo Brush", "role": "Illustrator"},
            ],
            year=2023,
        ),
        AUDIOBOOK: review(
            "A Long Listen",
            [{"name": "Ann Author"}, {"name": "Ned Reader", "role": "narrator"}],  # type: ignore[arg-type]
            year=2022,
        ),
        HOSTILE: review(
            "Maps",
            [{"name": "<b>Ed</b> & Co", "role": "<i>cartographer</i>"}],  # type: ignore[arg-type]
            year=2021,
        ),
    }


def build_project(root: Path, theme: dict[str, Any]) -> Site:
    """A strict build of `library()` with `theme`: a warning would abort it."""
    write_tree(root / "docs", library())
    write_tree(root / "overrides", {"main.html": META_AUTHOR_OVERRIDE})
    config: dict[str, Any] = {
        "site_name": "Credits",
        "site_url": SITE_URL,
        "site_author": "Ann Reviewer",
        "theme": theme,
        "plugins": ["search", "bookreviews"],
        "site_dir": str(root / "site"),
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    with collect_warnings() as lines:
        cfg = load_config(str(root / "mkdocs.yml"), strict=True)
        build(cfg)
    return Site(root, Path(cfg.site_dir), lines, use_directory_urls=cfg.use_directory_urls)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Site]:
    return {
        "material": build_project(tmp_path_factory.mktemp("material"), {"name": "material"}),
        "mkdocs": build_project(
            tmp_path_factory.mktemp("mkdocs"), {"name": "mkdocs", "custom_dir": "overrides"}
        ),
    }


def text(tag: Tag | None) -> str:
    assert tag is not None
    return " ".join(tag.get_text().split())


def json_ld(site: Site, src_uri: str) -> dict[str, Any]:
    (script,) = site.soup(src_uri).find_all("script", type="application/ld+json")
    data: dict[str, Any] = json.loads(script.get_text())
    return data


def og(site: Site, src_uri: str) -> dict[str, str]:
    head = site.soup(src_uri).head
    assert head is not None
    return {
        str(tag.get("property") or tag.get("name")): str(tag["content"])
        for tag in head.find_all("meta")
        if str(tag.get("property") or tag.get("name") or "").startswith(("og:", "twitter:"))
    }


def person(*names: str) -> list[dict[str, str]]:
    return [{"@type": "Person", "name": name} for name in names]


def test_credits_alone_build_strict_without_a_warning(sites: dict[str, Site]) -> None:
    assert sites["material"].warnings == []
    assert sites["mkdocs"].warnings == []


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_the_header_credits_each_role(sites: dict[str, Site], theme: str) -> None:
    site = sites[theme]
    bylines = {
        src_uri: text(site.soup(src_uri).select_one(".bookreviews-header .bookreviews-author"))
        for src_uri in (ANTHOLOGY, RETELLING, AUDIOBOOK, HOSTILE)
    }
    assert bylines == {
        ANTHOLOGY: "edited by Alice Wong",
        RETELLING: "retold by Mara Quill · illustrated by Ivo Brush",
        AUDIOBOOK: "by Ann Author · read by Ned Reader",
        HOSTILE: "<i>cartographer</i>: <b>Ed</b> & Co",  # a role the table does not know
    }
    # The people a book is filed under link to their pages; a narrator of an authored book
    # has none.
    header = site.soup(ANTHOLOGY).select_one(".bookreviews-header .bookreviews-author")
    assert header is not None
    assert [(a.get_text(), a["href"]) for a in header.select("a")] == [
        ("Alice Wong", "../../authors/alice-wong/")
    ]
    audio = site.soup(AUDIOBOOK).select_one(".bookreviews-header .bookreviews-author")
    assert audio is not None
    assert [a.get_text() for a in audio.select("a")] == ["Ann Author"]
    for page in site.html_files():  # the hostile name and role stay text everywhere
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        # The shelf writes titles and scores in <b> of its own (no other <b> may appear).
        assert not [b for b in soup.select("b") if not shelfs_own(b)], page
        assert not [i for i in soup.select("i") if "cartographer" in i.get_text()], page


def test_author_pages_cards_and_stats_count_who_a_book_is_filed_under(
    sites: dict[str, Site],
) -> None:
    site = sites["material"]
    overview = site.soup("authors/index.md")
    listed = sorted(text(name) for name in overview.select(".bookreviews-genre-name"))
    assert listed == ["<b>Ed</b> & Co", "Alice Wong", "Ann Author", "Ivo Brush", "Mara Quill"]
    assert not (site.site_dir / "authors" / "ned-reader").exists()
    cards = {
        src_uri: text(site.soup(src_uri).select_one(".bookreviews-card-author"))
        for src_uri in ("authors/alice-wong.md", "authors/mara-quill.md", "authors/ivo-brush.md")
    }
    assert cards == {
        "authors/alice-wong.md": "edited by Alice Wong",
        "authors/mara-quill.md": "retold by Mara Quill · illustrated by Ivo Brush",
        "authors/ivo-brush.md": "retold by Mara Quill · illustrated by Ivo Brush",
    }
    assert text(site.soup("authors/ann-author.md").select_one(".bookreviews-card-author")) == (
        "Ann Author"
    )
    numbers = {
        text(div.select_one("dt")): text(div.select_one("dd"))
        for div in site.soup("stats/index.md").select(".bookreviews-stats-numbers > div")
    }
    assert (numbers["Books"], numbers["Authors"]) == ("4", "5")
    # A listing marker finds the anthology by its editor.
    listing = site.soup("index.md").select_one(".bookreviews-listing")
    assert listing is not None
    assert [text(a) for a in listing.select("a.bookreviews-card-title")] == [
        "The Best Short Stories"
    ]


def test_json_ld_gives_each_role_its_schema_org_property(sites: dict[str, Site]) -> None:
    site = sites["material"]
    anthology = json_ld(site, ANTHOLOGY)
    assert anthology["name"] == "The Best Short Stories, edited by Alice Wong"
    assert anthology["author"] == {"@type": "Person", "name": "Ann Reviewer"}  # the reviewer
    assert anthology["itemReviewed"] == {
        "@type": "Book",
        "name": "The Best Short Stories",
        "editor": person("Alice Wong"),
    }
    retelling = json_ld(site, RETELLING)["itemReviewed"]
    assert retelling == {
        "@type": "Book",
        "name": "The Snow Queen",
        "contributor": person("Mara Quill"),
        "illustrator": person("Ivo Brush"),
    }
    audiobook = json_ld(site, AUDIOBOOK)
    assert audiobook["name"] == "A Long Listen by Ann Author"
    assert audiobook["itemReviewed"] == {
        "@type": "Audiobook",
        "name": "A Long Listen",
        "author": person("Ann Author"),
        "readBy": person("Ned Reader"),
    }


def test_link_previews_name_them(sites: dict[str, Site]) -> None:
    site = sites["material"]
    titles = {src_uri: og(site, src_uri)["og:title"] for src_uri in (ANTHOLOGY, RETELLING)}
    assert titles == {
        ANTHOLOGY: "The Best Short Stories, edited by Alice Wong",
        RETELLING: "The Snow Queen, retold by Mara Quill, illustrated by Ivo Brush",
    }
    assert og(site, AUDIOBOOK)["og:title"] == "A Long Listen by Ann Author"
    assert og(site, HOSTILE)["og:title"] == "Maps, <i>cartographer</i>: <b>Ed</b> & Co"


@pytest.mark.parametrize(("theme", "tag"), [("material", "author"), ("mkdocs", "page-author")])
def test_the_themes_author_tag_holds_names_as_text(
    sites: dict[str, Site], theme: str, tag: str
) -> None:
    site = sites[theme]
    authors = {}
    for src_uri in (ANTHOLOGY, RETELLING, AUDIOBOOK, HOSTILE):
        (meta,) = site.soup(src_uri).select(f'meta[name="{tag}"]')
        authors[src_uri] = meta["content"]
    assert authors == {
        ANTHOLOGY: "Alice Wong",
        RETELLING: "Mara Quill, Ivo Brush",
        AUDIOBOOK: "Ann Author",
        HOSTILE: "<b>Ed</b> & Co",
    }
    if theme == "mkdocs":  # the theme's own tag names the site's author
        (own,) = site.soup(ANTHOLOGY).select('meta[name="author"]')
        assert own["content"] == "Ann Reviewer"
