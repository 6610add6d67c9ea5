"""The feed, Review JSON-LD and link-preview tags: real builds, parsed with a real feed parser,
`json.loads` and BeautifulSoup; hostile front matter drawn by hypothesis."""

from __future__ import annotations

import html
import json
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from mkdocs_bookreviews.escaping import script_json
from mkdocs_bookreviews.escaping import xml_text as _xml_text
from mkdocs_bookreviews.model import Review
from mkdocs_bookreviews.reach import (
    ReadDate,
    ReviewFacts,
    SiteFacts,
    atom_feed,
    entry_id,
    first_paragraph,
    moment,
    read_date,
    review_facts,
)
from mkdocs_bookreviews.text import clean_text

from .conftest import COVER_SVG, Site, collect_warnings, review, write_tree

SITE_URL = "https://books.example.org/shelf/"
LD_JSON = "application/ld+json"


def build_project(
    root: Path,
    docs: dict[str, str | bytes],
    *,
    plugin: dict[str, Any] | None = None,
    **settings: Any,
) -> Site:
    """Build `docs` under `root` with the plugin (and `settings` in mkdocs.yml); a `Site`."""
    write_tree(root / "docs", docs)
    config: dict[str, Any] = {
        "site_name": "Shelf & Co",
        "theme": {"name": "material"},
        "plugins": ["search", {"bookreviews": plugin or {}}],
        "site_dir": str(root / "site"),
    }
    config.update(settings)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    with collect_warnings() as lines:
        cfg = load_config(str(root / "mkdocs.yml"))
        build(cfg)
    return Site(root, Path(cfg.site_dir), lines, use_directory_urls=cfg.use_directory_urls)


def library() -> dict[str, str | bytes]:
    return {
        "index.md": "# Home\n",
        "about.md": "# About\n\nNot a review.\n",
        "reviews/road.md": review(
            "The Road",
            "Cormac McCarthy",
            score=4.75,
            year=2024,
            month="Nov",
            image="covers/road.svg",
            genre=["Fiction"],
            body="> The quote.\n\nBleak and **tender**, a [link](../about.md).\n\nMore.\n",
        ),
        "reviews/good-omens.md": review(
            "Good Omens",
            ["Terry Pratchett", "Neil Gaiman"],  # type: ignore[arg-type]
            score=4,
            year=2025,
            month=2,
            image="https://covers.example.net/omens.jpg",
        ),
        "reviews/unrated.md": review("Unrated", "Someone", score="not yet", year=2023),
        "reviews/undated.md": review("Undated", "Nobody", score=2),
        "reviews/covers/road.svg": COVER_SVG,
    }


# A review is rated unless its score is bad (the model warns): that is what unrated means here.
UNRATED = (
    "bookreviews: reviews/unrated.md: score 'not yet' is not a number; use a number from 0 to "
    "5, like 3.25"
)
REVIEWS = {
    "reviews/road.md": ("The Road by Cormac McCarthy", "2024-11"),
    "reviews/good-omens.md": ("Good Omens by Terry Pratchett and Neil Gaiman", "2025-02"),
    "reviews/unrated.md": ("Unrated by Someone", "2023"),
    "reviews/undated.md": ("Undated by Nobody", None),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build_project(
        tmp_path_factory.mktemp("reach"),
        library(),
        plugin={"review_author": "Ann Reader", "feed_rss_path": "rss.xml"},
        site_url=SITE_URL,
    )


def head(site: Site, src_uri: str) -> Tag:
    found = site.soup(src_uri).head
    assert found is not None
    return found


def json_ld(page: BeautifulSoup | Tag) -> list[Any]:
    return [json.loads(s.string or "") for s in page.find_all("script", type=LD_JSON)]


def meta(head: Tag) -> dict[str, list[str]]:
    """og:/twitter: tags by name, each with every value written (to catch duplicates)."""
    found: dict[str, list[str]] = {}
    for tag in head.find_all("meta"):
        key = tag.get("property") or tag.get("name")
        if isinstance(key, str) and key.startswith(("og:", "twitter:")):
            found.setdefault(key, []).append(str(tag.get("content")))
    return found


def feed_links(head: Tag) -> list[tuple[str, str]]:
    return [
        (str(link["type"]), str(link["href"]))
        for link in head.find_all("link", rel="alternate")
        if str(link.get("type", "")).endswith("+xml")
    ]


def test_atom_feed_parses_and_holds_each_review(site: Site) -> None:
    assert site.warnings == [UNRATED]
    parsed = feedparser.parse((site.site_dir / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Shelf & Co"
    assert parsed.feed.author == "Ann Reader"
    assert parsed.feed.updated == "2025-02-01T00:00:00Z"  # the newest read date, not the clock
    # Newest read first; undated last.
    assert [e.title for e in parsed.entries] == [
        "Good Omens by Terry Pratchett and Neil Gaiman",
        "The Road by Cormac McCarthy",
        "Unrated by Someone",
        "Undated by Nobody",
    ]
    entries = {e.title: e for e in parsed.entries}
    road = entries["The Road by Cormac McCarthy"]
    assert road.link == SITE_URL + "reviews/road/"
    assert road.id == entry_id(SITE_URL, "reviews/road.md")
    assert road.published == road.updated == "2024-11-01T00:00:00Z"
    assert road.summary == "Rated 4.75 out of 5. Bleak and tender, a link."
    body = BeautifulSoup(road.content[0].value, "html.parser")
    assert body.find("strong") is not None
    assert " ".join(body.get_text(" ").split()) == "The quote. Bleak and tender , a link . More."
    # feedparser resolves the review's relative links against xml:base, the page.
    anchor = body.find("a")
    assert anchor is not None and anchor["href"] == SITE_URL + "about/"
    assert road.media_thumbnail == [{"url": SITE_URL + "reviews/covers/road.svg"}]
    assert [t.term for t in road.tags] == ["Fiction"]
    omens = entries["Good Omens by Terry Pratchett and Neil Gaiman"]
    assert omens.media_thumbnail == [{"url": "https://covers.example.net/omens.jpg"}]
    unrated = entries["Unrated by Someone"]
    assert not unrated.summary.startswith("Rated")
    assert unrated.published == "2023-01-01T00:00:00Z"
    undated = entries["Undated by Nobody"]
    assert "published" not in undated
    assert undated.updated == "1970-01-01T00:00:00Z"
    assert len({e.id for e in parsed.entries}) == 4


def test_rss_feed_parses(site: Site) -> None:
    parsed = feedparser.parse((site.site_dir / "rss.xml").read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "rss20"
    assert [e.title for e in parsed.entries][:2] == [
        "Good Omens by Terry Pratchett and Neil Gaiman",
        "The Road by Cormac McCarthy",
    ]
    assert parsed.entries[1].id == entry_id(SITE_URL, "reviews/road.md")
    assert parsed.entries[1].published == "Fri, 01 Nov 2024 00:00:00 GMT"


def test_every_page_links_the_feeds(site: Site) -> None:
    pages = ["index.md", "about.md", "genres/index.md", "genres/fiction.md", *REVIEWS]
    for src_uri in pages:
        assert feed_links(head(site, src_uri)) == [
            ("application/atom+xml", SITE_URL + "feed.xml"),
            ("application/rss+xml", SITE_URL + "rss.xml"),
        ], src_uri


def test_json_ld_on_every_review_page(site: Site) -> None:
    for src_uri, (heading, date) in REVIEWS.items():
        blocks = json_ld(site.soup(src_uri))
        assert len(blocks) == 1, src_uri
        data = blocks[0]
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "Review"
        assert data["name"] == heading
        assert data["url"] == SITE_URL + src_uri.removesuffix(".md") + "/"
        assert data["author"] == {"@type": "Person", "name": "Ann Reader"}
        assert data.get("datePublished") == date
        book = data["itemReviewed"]
        assert book["@type"] == "Book"
        assert heading == f"{book['name']} by " + " and ".join(a["name"] for a in book["author"])
        assert all(a["@type"] == "Person" for a in book["author"])
    road = json_ld(site.soup("reviews/road.md"))[0]
    assert road["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 4.75,
        "bestRating": 5,
        "worstRating": 0,
    }
    assert road["itemReviewed"]["image"] == SITE_URL + "reviews/covers/road.svg"
    assert road["description"] == "Bleak and tender, a link."
    omens = json_ld(site.soup("reviews/good-omens.md"))[0]
    assert [a["name"] for a in omens["itemReviewed"]["author"]] == [
        "Terry Pratchett",
        "Neil Gaiman",
    ]
    assert omens["reviewRating"]["ratingValue"] == 4
    assert "reviewRating" not in json_ld(site.soup("reviews/unrated.md"))[0]
    assert "image" not in json_ld(site.soup("reviews/unrated.md"))[0]["itemReviewed"]


def test_listing_and_other_pages_carry_no_review_tags(site: Site) -> None:
    for src_uri in ("index.md", "about.md", "genres/index.md", "genres/fiction.md"):
        page = site.soup(src_uri)
        assert json_ld(page) == [], src_uri
        assert meta(head(site, src_uri)) == {}, src_uri


def test_open_graph_on_review_pages(site: Site) -> None:
    tags = meta(head(site, "reviews/road.md"))
    assert tags == {
        "og:type": ["article"],
        "og:site_name": ["Shelf & Co"],
        "og:title": ["The Road by Cormac McCarthy"],
        "og:description": ["Bleak and tender, a link."],
        "og:url": [SITE_URL + "reviews/road/"],
        "og:image": [SITE_URL + "reviews/covers/road.svg"],
        "og:image:alt": ["Cover of The Road by Cormac McCarthy"],
        "twitter:card": ["summary"],
    }
    # No cover: no image tags, and no tag is ever written empty.
    unrated = meta(head(site, "reviews/unrated.md"))
    assert "og:image" not in unrated and "og:image:alt" not in unrated
    assert all(value for values in unrated.values() for value in values)


@pytest.mark.parametrize(
    ("theme", "directory_urls"),
    [("mkdocs", False), ("readthedocs", True), ("material", False)],
)
def test_tags_on_each_theme(tmp_path: Path, theme: str, directory_urls: bool) -> None:
    docs = {k: v for k, v in library().items() if k in ("index.md", "about.md", "reviews/road.md")}
    docs["reviews/covers/road.svg"] = COVER_SVG
    site = build_project(
        tmp_path,
        docs,
        theme={"name": theme},
        use_directory_urls=directory_urls,
        site_url=SITE_URL,
    )
    assert site.warnings == []
    page_url = SITE_URL + ("reviews/road/" if directory_urls else "reviews/road.html")
    for src_uri in ("index.md", "reviews/road.md"):
        assert feed_links(head(site, src_uri)) == [("application/atom+xml", SITE_URL + "feed.xml")]
    tags = meta(head(site, "reviews/road.md"))
    assert tags["og:url"] == [page_url]
    assert tags["og:title"] == ["The Road by Cormac McCarthy"]
    assert tags["og:image"] == [SITE_URL + "reviews/covers/road.svg"]
    assert [d["url"] for d in json_ld(site.soup("reviews/road.md"))] == [page_url]


def test_feed_ids_stay_across_builds_and_new_reviews(tmp_path: Path) -> None:
    first = build_project(tmp_path / "a", library(), site_url=SITE_URL)
    again = build_project(tmp_path / "b", library(), site_url=SITE_URL)
    # The same reviews make the same feed, byte for byte: nothing in it comes from the clock.
    assert (first.site_dir / "feed.xml").read_bytes() == (again.site_dir / "feed.xml").read_bytes()
    more = library()
    more["reviews/new.md"] = review("New", "Newcomer", score=5, year=2026, month=1)
    grown = build_project(tmp_path / "c", more, site_url=SITE_URL, use_directory_urls=False)

    def ids(site: Site) -> dict[str, str]:
        parsed = feedparser.parse((site.site_dir / "feed.xml").read_bytes())
        return {e.title: e.id for e in parsed.entries}

    before, after = ids(first), ids(grown)
    assert after.pop("New by Newcomer") not in before.values()
    assert after == before


def test_without_site_url(tmp_path: Path) -> None:
    # By default: no feed, quietly (--strict builds keep passing); tags that need no site_url.
    site = build_project(tmp_path / "quiet", library())
    assert site.warnings == [UNRATED]
    assert not (site.site_dir / "feed.xml").exists()
    assert feed_links(head(site, "index.md")) == []
    tags = meta(head(site, "reviews/road.md"))
    assert "og:url" not in tags and "og:image" not in tags
    assert tags["og:title"] == ["The Road by Cormac McCarthy"]
    road = json_ld(site.soup("reviews/road.md"))[0]
    assert "url" not in road and "image" not in road["itemReviewed"]
    omens = json_ld(site.soup("reviews/good-omens.md"))[0]
    assert omens["itemReviewed"]["image"] == "https://covers.example.net/omens.jpg"
    # Asked for: one warning.
    loud = build_project(tmp_path / "loud", library(), plugin={"feed": True})
    assert [w for w in loud.warnings if "site_url" in w] == [
        "bookreviews: feed: true needs site_url in mkdocs.yml; no feed is written"
    ]
    assert not (loud.site_dir / "feed.xml").exists()


def test_options_turn_each_part_off(tmp_path: Path) -> None:
    plugin = {"feed": False, "structured_data": False, "social_tags": False}
    site = build_project(tmp_path, library(), plugin=plugin, site_url=SITE_URL)
    assert not (site.site_dir / "feed.xml").exists()
    for src_uri in ("index.md", "reviews/road.md"):
        assert feed_links(head(site, src_uri)) == []
        assert meta(head(site, src_uri)) == {}
        assert json_ld(site.soup(src_uri)) == []


# Writes og:title and twitter:card as Material's social plugin does (at priority 50).
SOCIAL_HOOK = """
from mkdocs.plugins import event_priority

@event_priority(50)
def on_post_page(output, page, config):
    at = output.find("</head>")
    tags = (
        '<meta property="og:title" content="Card" />'
        '<meta property="twitter:card" content="summary_large_image" />'
    )
    return output[:at] + tags + output[at:]
"""


def test_tags_already_written_are_not_repeated(tmp_path: Path) -> None:
    docs = library()
    (tmp_path / "hooks").mkdir()
    (tmp_path / "hooks" / "social.py").write_text(SOCIAL_HOOK, "utf-8")
    site = build_project(
        tmp_path, docs, site_url=SITE_URL, hooks=[str(tmp_path / "hooks" / "social.py")]
    )
    tags = meta(head(site, "reviews/road.md"))
    assert tags["og:title"] == ["Card"]
    assert tags["twitter:card"] == ["summary_large_image"]
    assert tags["og:description"] == ["Bleak and tender, a link."]


def test_users_own_feed_file_wins(tmp_path: Path) -> None:
    docs = library()
    docs["feed.xml"] = "<mine/>"
    site = build_project(tmp_path, docs, site_url=SITE_URL)
    assert (site.site_dir / "feed.xml").read_text("utf-8") == "<mine/>"
    assert site.warnings == [
        UNRATED,
        "bookreviews: feed.xml: your file is where the feed would be (it is kept and no feed is "
        "written there); remove it or set feed_path",
    ]
    assert feed_links(head(site, "index.md")) == []


def test_a_feed_path_outside_the_site_is_a_configuration_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # The options' validation (config.settle) makes it a config error: MkDocs logs it, aborts.
    with pytest.raises(Abort, match="configuration error"):
        build_project(tmp_path, library(), plugin={"feed_path": "../feed.xml"}, site_url=SITE_URL)
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert errors == [
        "Config value 'plugins': Plugin 'bookreviews' option 'feed_path': feed_path "
        "'../feed.xml' climbs out of the site ('..'): write a path inside it, like 'feed.xml'"
    ]


# --- the pure helpers ---------------------------------------------------------------------


@given(st.recursive(st.text() | st.integers() | st.none(), lambda c: st.lists(c, max_size=3)))
def test_script_json_round_trips_and_holds_no_markup(value: Any) -> None:
    text = script_json({"v": value})
    assert json.loads(text) == {"v": value}
    assert not {"<", ">", "&", "\u2028", "\u2029"} & set(text)


@given(st.text())
def test_xml_text_always_makes_well_formed_xml(value: str) -> None:
    element = ET.Element("t", a=_xml_text(value))
    element.text = _xml_text(value)
    ET.fromstring(ET.tostring(element, encoding="unicode"))


def test_first_paragraph() -> None:
    assert first_paragraph("<blockquote><p>quote</p></blockquote><p>Mine &amp; <b>b</b></p>") == (
        "Mine & b"
    )
    assert first_paragraph("<blockquote><p>only a quote</p></blockquote>") == "only a quote"
    assert first_paragraph("<h2>No paragraph</h2>") == ""
    assert first_paragraph('<!-- <p>hidden</p> --><P class="x">Shown &lt;p&gt;</P>') == "Shown <p>"
    assert first_paragraph("<p>   </p><pre><code>&lt;p&gt;</code></pre><p>Next</p>") == "Next"
    long = first_paragraph("<p>" + "word " * 200 + "</p>")
    assert len(long) <= 300 and long.endswith("word…")


def test_read_dates() -> None:
    assert read_date(Review("r.md", "T", reads=(ReadDate(2025, 2),))) == ReadDate(2025, 2)
    assert read_date(Review("r.md", "T")) is None
    assert ReadDate(2025).iso == "2025"
    assert ReadDate(2025, 2).iso == "2025-02"
    assert ReadDate(2025, 2, 14).iso == "2025-02-14"
    assert moment(ReadDate(2025, 2)).isoformat() == "2025-02-01T00:00:00+00:00"
    assert moment(ReadDate(2025, 2, 14)).isoformat() == "2025-02-14T00:00:00+00:00"


def test_entry_ids_depend_on_site_and_file_only() -> None:
    assert entry_id("https://a.org/x/", "r.md") == entry_id("http://a.org/x", "r.md")
    assert entry_id("https://a.org/x/", "r.md") != entry_id("https://a.org/y/", "r.md")
    assert entry_id("https://a.org/x/", "r.md") != entry_id("https://a.org/x/", "s.md")


# --- hostile front matter --------------------------------------------------------------------

PROBE = "xss-probe"
HOSTILE = [
    "</script>",
    f"</script><{PROBE}>",
    "<!--",
    "-->",
    '"',
    "'",
    "&",
    "&amp;",
    "\u2028",
    "\u2029",
    "\u202e",
    "\u2066",
    "\u200f",
    f'"><{PROBE} onxss="1">',
    "]]>",
    "\x0b",
    "\ufffe",
    "{{ x }}",
]
hostile_text = st.lists(
    st.one_of(st.sampled_from(HOSTILE), st.text(st.characters(codec="utf-8"), max_size=8)),
    min_size=1,
    max_size=5,
).map("".join)
# What the model keeps of a text field (control characters go, spaces fold): must be non-empty.
shown_text = hostile_text.filter(lambda text: clean_text(text) != "")


def check_hostile(entries: list[tuple[str, list[str], str]]) -> None:
    docs: dict[str, str | bytes] = {"index.md": "# Home\n"}
    for i, (title, authors, summary) in enumerate(entries):
        # The summary is the review's first paragraph, written as HTML so Markdown keeps it.
        body = f"<p>{html.escape(summary)}</p>\n\nMore.\n"
        docs[f"r{i}.md"] = review(title, authors, score=3, year=2025, body=body)  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory() as tmp:
        site = build_project(Path(tmp), docs, site_url=SITE_URL, theme={"name": "mkdocs"})
        feed_bytes = (site.site_dir / "feed.xml").read_bytes()
        root = ET.fromstring(feed_bytes)
        parsed = feedparser.parse(feed_bytes)
        assert not parsed.bozo, parsed.bozo_exception
        headings = []
        for i, (title, authors, summary) in enumerate(entries):
            names = list(dict.fromkeys(clean_text(a) for a in authors))  # each name once
            heading = f"{clean_text(title)} by " + (
                names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            )
            headings.append(_xml_text(heading).strip())  # as feedparser reads it
            soup = site.soup(f"r{i}.md")
            assert soup.find(PROBE) is None
            assert not [t for t in soup.find_all(True) if "onxss" in t.attrs]
            assert soup.head is not None
            scripts = soup.head.find_all("script", type=LD_JSON)
            assert len(scripts) == 1
            data = json.loads(scripts[0].string or "")
            assert data["itemReviewed"]["name"] == clean_text(title)
            assert [a["name"] for a in data["itemReviewed"]["author"]] == names
            assert data["name"] == heading
            description = clean_text(summary)[:300]
            if len(clean_text(summary)) <= 300:
                assert data.get("description", "") == description
            tags = meta(soup.head)
            assert tags["og:title"] == [heading]
            assert tags.get("og:description", [""]) == [data.get("description", "")]
            assert len(tags["og:url"]) == 1
        # The titles as the XML holds them (feedparser "repairs" text that looks like
        # mojibake, such as "Â¡", so it is not the judge of exact strings).
        atom = "{http://www.w3.org/2005/Atom}"
        titles = [entry.findtext(f"{atom}title") for entry in root.iter(f"{atom}entry")]
        assert sorted(t.strip() for t in titles if t is not None) == sorted(headings)
        assert len(parsed.entries) == len(entries)


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.lists(
        st.tuples(shown_text, st.lists(shown_text, min_size=1, max_size=2), shown_text),
        min_size=1,
        max_size=3,
    )
)
def test_hostile_front_matter_stays_data(entries: list[tuple[str, list[str], str]]) -> None:
    check_hostile(entries)


def test_hostile_examples_each_alone() -> None:
    # Every hostile piece at least once, whatever hypothesis draws.
    check_hostile([(piece + "T", [piece + "A"], piece + "S") for piece in HOSTILE[:6]])
    check_hostile([(piece + "T", [piece + "A"], piece + "S") for piece in HOSTILE[6:]])


def test_preview_alt_text_is_the_covers_own() -> None:
    review = Review("r.md", "T", authors=("A",), cover_alt="A red <cover>")
    facts = review_facts(review, site_url=None, page_url=None, cover_url=None, html="")
    assert facts.image_alt == "A red <cover>"
    plain = Review("r.md", "T", authors=("A",))
    assert review_facts(plain, site_url=None, page_url=None, cover_url=None, html="").image_alt == (
        "Cover of T by A"
    )


def test_rss_description_is_the_summary_as_html_text(tmp_path: Path) -> None:
    """RSS 2.0 readers parse `<description>` as HTML: the summary is HTML-escaped inside it."""
    docs: dict[str, str | bytes] = {
        "index.md": "# Home\n",
        "r.md": review("Tom", "A", summary="Tom <Thumb> & the <b>giant</b>", date="2024-05"),
    }
    site = build_project(tmp_path, docs, plugin={"feed_rss_path": "rss.xml"}, site_url=SITE_URL)
    rss = (site.site_dir / "rss.xml").read_bytes()
    description = ET.fromstring(rss).findtext("channel/item/description")
    assert description == "Rated 4 out of 5. Tom &lt;Thumb&gt; &amp; the &lt;b&gt;giant&lt;/b&gt;"
    parsed = feedparser.parse(rss)
    shown = BeautifulSoup(parsed.entries[0].summary, "html.parser").get_text()
    assert shown == "Rated 4 out of 5. Tom <Thumb> & the <b>giant</b>"


def test_atom_dates_always_have_four_digit_years() -> None:
    """RFC 3339 (which Atom requires) has four-digit years; `%Y` does not pad."""
    facts = ReviewFacts("r.md", "T", (), None, None, ReadDate(999, 3), "", "", None)
    site = SiteFacts(url=SITE_URL, name="S", feed_url=SITE_URL + "feed.xml")
    root = ET.fromstring(atom_feed([facts], site=site, scale=5))
    atom = "{http://www.w3.org/2005/Atom}"
    assert root.findtext(f"{atom}updated") == "0999-03-01T00:00:00Z"
    assert root.findtext(f"{atom}entry/{atom}published") == "0999-03-01T00:00:00Z"


@pytest.mark.parametrize(
    ("image", "found"),
    [
        ("https://", "has no host"),
        ("https:///covers/x.jpg", "has no host"),
        ("http://covers.test/x\x00.jpg", "has an invisible or control character"),
        ("https://covers.test/x\x1b[2J.jpg", "has an invisible or control character"),
        ("https://covers.test/gpj.\u202ex.jpg", "has an invisible or control character"),
    ],
)
def test_remote_covers_need_a_host_and_no_controls(tmp_path: Path, image: str, found: str) -> None:
    docs: dict[str, str | bytes] = {"index.md": "# Home\n", "r.md": review(image=image)}
    site = build_project(tmp_path, docs, site_url=SITE_URL)
    assert len(site.warnings) == 1, site.warnings
    assert site.warnings[0].startswith("bookreviews: r.md: image "), site.warnings
    assert found in site.warnings[0] and "\x1b" not in site.warnings[0]
    page = site.soup("r.md")
    assert page.select_one(".bookreviews-header img") is None
    assert "og:image" not in meta(head(site, "r.md"))
    assert "image" not in json_ld(page)[0]["itemReviewed"]


def test_spaces_in_a_remote_cover_are_percent_encoded(tmp_path: Path) -> None:
    url = " https://covers.test/my cover.jpg?size=large one "
    docs: dict[str, str | bytes] = {"index.md": "# Home\n", "r.md": review(image=url)}
    site = build_project(tmp_path, docs, site_url=SITE_URL)
    assert site.warnings == []
    encoded = "https://covers.test/my%20cover.jpg?size=large%20one"
    page = site.soup("r.md")
    img = page.select_one(".bookreviews-header img")
    assert img is not None and img["src"] == encoded
    assert meta(head(site, "r.md"))["og:image"] == [encoded]
    assert json_ld(page)[0]["itemReviewed"]["image"] == encoded
