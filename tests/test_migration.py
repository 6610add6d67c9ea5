"""Moving a collection from Jekyll keeps its old URLs and its links between reviews, as the
README's "Keeping your old URLs" says: MkDocs' `redirects` plugin beside ours, links to review
files, and root-absolute file links with `absolute_links: relative_to_docs`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .conftest import review, write_tree

DUNE = "_posts/2019-11-07-dune.md"
MESSIAH = "_posts/2020-01-02-messiah.md"


def test_links_between_reviews_are_checked_and_rewritten(build_site: Any) -> None:
    docs: dict[str, str | bytes] = {
        "index.md": "# Home\n",
        DUNE: review(
            "Dune", "Frank Herbert", body="Better than [Messiah](2020-01-02-messiah.md).\n"
        ),
        MESSIAH: review("Dune Messiah", "Frank Herbert", body=f"Read [Dune](/{DUNE}) first.\n"),
    }
    site = build_site(
        docs,
        strict=True,
        plugin={"reviews_dir": "_posts"},
        validation={"links": {"absolute_links": "relative_to_docs"}},
    )
    assert site.warnings == []
    for src, name, other in [(DUNE, "Messiah", MESSIAH), (MESSIAH, "Dune", DUNE)]:
        page = site.soup(src)
        assert page.select_one(".bookreviews-header") is not None
        body = page.select_one("article") or page.select_one("[role=main]")
        assert body is not None
        (link,) = [a for a in body.find_all("a") if a.get_text() == name]
        href = str(link["href"])
        assert not href.endswith(".md") and not href.startswith("/"), href
        assert (site.page_path(src).parent / href / "index.html").resolve() == (
            site.page_path(other).resolve()
        )


def test_a_redirect_map_keeps_the_old_jekyll_address(tmp_path: Path) -> None:
    write_tree(tmp_path / "docs", {"index.md": "# Home\n", DUNE: review("Dune", "Frank Herbert")})
    config = {
        "site_name": "Old URLs",
        "theme": {"name": "mkdocs"},
        "plugins": [
            "search",
            {"bookreviews": {"reviews_dir": "_posts"}},
            {"redirects": {"redirect_maps": {"2019/11/07/dune.md": DUNE}}},
        ],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    build(load_config(str(tmp_path / "mkdocs.yml"), strict=True))
    old = tmp_path / "site" / "2019" / "11" / "07" / "dune" / "index.html"
    soup = BeautifulSoup(old.read_text("utf-8"), "html.parser")
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh is not None
    target = str(refresh["content"]).split("url=", 1)[1]
    assert target == "../../../../_posts/2019-11-07-dune/"
    new = (old.parent / target / "index.html").resolve()
    assert BeautifulSoup(new.read_text("utf-8"), "html.parser").select_one(".bookreviews-header")
