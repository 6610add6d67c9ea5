"""One library built in other languages: no English in the plugin's markup, months, numbers and
sorting in the language, month names read in it, the `language` and `strings` options, and a
pseudo-language that finds any text the plugin writes without its catalogs.

The library is the seed review and a few written here, with every kind of text the plugin
writes about a book (a re-read, a book read four times, a year-only read, an unfinished and an
unrated book, a translator, an anthology's editor, a series, a first publication before the
common era, more than a thousand pages, spoilers, a book with no genre), on Material with
`theme.language` de, fr, ja and ar, and on MkDocs' own theme with `theme.locale: fr`.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from click.testing import CliRunner
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from mkdocs_bookreviews import language
from mkdocs_bookreviews.cli import main
from mkdocs_bookreviews.language import message_ids

from .conftest import SEED_REVIEW, Site, collect_warnings, review, write_tree
from .test_config_errors import ABOUT, PREFIX, check, collect_errors
from .test_config_errors import site as config_site

LIBRARY: dict[str, str | bytes] = {
    "index.md": "# Home\n\n<!-- bookreviews recent=4 as=covers -->\n\n"
    "<!-- bookreviews sort=title -->\n",
    "reviews/the-time-machine.md": SEED_REVIEW.read_text("utf-8"),
    "reviews/dispossessed.md": review(
        "The Dispossessed",
        "Ursula K. Le Guin",
        score=4.5,
        date=["2019-03", "2024-05"],
        genre=["Sci-Fi"],
        series="Hainish Cycle",
        series_number=5,
        pages=387,
        spoilers=True,
        image="https://covers.example.org/dispossessed.jpg",
    ),
    "reviews/process.md": review(
        "Der Process",
        [{"name": "Franz Kafka"}, {"name": "Breon Mitchell", "role": "translator"}],  # type: ignore[arg-type]
        score=3,
        date="2023-11",
        did_not_finish=True,
        genre=["Classics"],
        isbn="0805209999",
    ),
    # Unrated (a null score), read in a year with no month.
    "reviews/krakatit.md": "---\ntitle: Krakatit\nauthor: Karel Čapek\nscore: null\n"
    "date: 2024\ngenre: [Sci-Fi, Classics]\n---\n\nA book.\n",
    "reviews/etranger.md": review(
        "L'Étranger",
        "Albert Camus",
        score=5,
        date=["2016-04", "2018-01", "2020-07", "2025-01"],
        genre=["Classics"],
        pages=1234,
        published=1942,
    ),
    "reviews/anthology.md": review(
        "An Anthology of Tomorrow",
        [{"name": "Alice Wong", "role": "editor"}],  # type: ignore[arg-type]
        score=4.75,
        date="2024-02",
        genre=["Essays"],
    ),
    "reviews/oedipus.md": review(
        "Oedipus Rex", "Sophocles", score=4, date="2022-06", published=-429
    ),
}
# What front matter gave the plugin to show, as it is (titles, names, genres, series).
DATA = [
    "The Time Machine",
    "H. G. Wells",
    "The Dispossessed",
    "Ursula K. Le Guin",
    "Hainish Cycle",
    "Der Process",
    "Franz Kafka",
    "Breon Mitchell",
    "Krakatit",
    "Karel Čapek",
    "L'Étranger",
    "Albert Camus",
    "An Anthology of Tomorrow",
    "Alice Wong",
    "Oedipus Rex",
    "Sophocles",
    "Sci-Fi",
    "Dystopia",
    "Classics",
    "Fiction",
    "Essays",
    "0805209999",
]
# English the plugin writes, which no page in another language may show (words that are the
# same in the language tested, such as "Genre" in German, are left out).
ENGLISH = [
    "Read in",
    "Read twice",
    "Read 4 times",
    "times:",
    "Did not finish",
    "translated by",
    "edited by",
    "by Ursula",
    "Cover of",
    "Rated",
    "out of",
    "Spoilers:",
    "discusses the plot",
    "Sort by",
    "Date read",
    "Year read",
    "Minimum score",
    "Any score",
    "or more",
    "Only finished",
    "Only not finished",
    "Show all",
    "All genres",
    "All years",
    "All authors",
    "All books",
    "newest read first",
    "Books per year",
    "Books read per",
    "Books per score",
    "Books per month",
    "Month by month",
    "Month not known",
    "Top genres",
    "Top authors",
    "Not rated",
    "Not finished",
    "not finished",
    "Not in a genre",
    "Pages read",
    "Average score",
    "average",
    "review",
    "reviews",
    "book",
    "books",
    "pages",
    "first published",
    "BCE",
    "Shelf",
    "Stats",
    "Years",
    "Authors",
    "Scores",
    "stronger the colour",
    "in steps of",
    "to under",
    "Showing",
    "hidden by the filters",
    "January",
    "February",
    "March",
    "May",
    "June",
    "July",
    "October",
    "December",
]
CONTAINERS = ".bookreviews-header, .bookreviews-listing, .bookreviews-spoilers, .bookreviews-onward"
# Attributes people meet: read aloud, shown on hover, or written by the shelf's script.
SHOWN_ATTRIBUTES = ("alt", "aria-label", "title", "placeholder")
PAGES = [
    "index.md",
    "reviews/the-time-machine.md",
    "reviews/dispossessed.md",
    "reviews/process.md",
    "reviews/krakatit.md",
    "reviews/etranger.md",
    "reviews/anthology.md",
    "reviews/oedipus.md",
    "shelf/index.md",
    "genres/index.md",
    "genres/sci-fi.md",
    "authors/index.md",
    "authors/ursula-k-le-guin.md",
    "years/index.md",
    "years/2024.md",
    "stats/index.md",
]


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    language.reset()


@pytest.fixture
def build_site(tmp_path: Path) -> Any:
    """Build a site from {path: content}, as conftest's `build_site` does, with `theme` a
    theme's name or its options (`{"name": "material", "language": "de"}`); each build in a
    folder of its own."""
    count = itertools.count()

    def run(
        docs: dict[str, str | bytes],
        *,
        theme: str | dict[str, str] = "material",
        plugin: dict[str, Any] | None = None,
        **settings: Any,
    ) -> Site:
        root = tmp_path / f"project-{next(count)}"
        write_tree(root / "docs", docs)
        config = {
            "site_name": "Test Reviews",
            "theme": {"name": theme} if isinstance(theme, str) else theme,
            "plugins": ["search", {"bookreviews": plugin or {}}],
            **settings,
        }
        (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
        with collect_warnings() as warnings:
            loaded = load_config(str(root / "mkdocs.yml"))
            build(loaded)
        return Site(root, Path(loaded.site_dir), list(warnings), loaded.use_directory_urls)

    return run


def text_of(element: Tag) -> str:
    """An element's text, its runs of ASCII white space one space (a no-break space stays)."""
    return re.sub(r"[ \t\r\n]+", " ", element.get_text(" ")).strip()


def texts(site: Site, src_uri: str) -> list[str]:
    """What a reader meets in the plugin's markup on a page: each container's text, and each
    attribute a reader hears or sees (`SHOWN_ATTRIBUTES`, the shelf script's texts)."""
    soup = site.soup(src_uri)
    found = []
    for container in soup.select(CONTAINERS):
        found.append(text_of(container))
        for element in [container, *container.find_all(True)]:
            for name, value in element.attrs.items():
                shown = name in SHOWN_ATTRIBUTES or name.startswith(("data-showing", "data-all"))
                if shown and isinstance(value, str):
                    found.append(value)
    assert found, (src_uri, "no markup of the plugin")
    return found


def english_in(site: Site) -> list[tuple[str, str]]:
    """Each English text of `ENGLISH` found in the plugin's markup of every page."""
    found = []
    for src_uri in PAGES:
        for text in texts(site, src_uri):
            for english in ENGLISH:
                if re.search(rf"(?<![\w]){re.escape(english)}(?![\w])", text):
                    found.append((src_uri, english))
    return found


def build_language(build_site: Any, **theme: str) -> Site:
    """The library on Material (or the theme `name`) with these theme options, and a feed."""
    name = theme.pop("name", "material")
    site: Site = build_site(
        LIBRARY,
        theme={"name": name, **theme},
        site_url="https://books.example.org/",
    )
    return site


# --- the same library in German, French, Japanese and Arabic ---------------------------------

LANGUAGES = {
    # language: (February 2025, the seed's score, the book read four times, 1,234 pages)
    "de": ("Februar 2025", "3,25/5", "4-mal gelesen", "1.234 Seiten"),
    "fr": ("février 2025", "3,25/5", "Lu 4 fois", "1\u202f234 pages"),
    "ja": ("2025年2月", "3.25/5", "4回読了", "1,234ページ"),
    "ar": ("فبراير 2025", "3.25/5", "قُرئ 4 مرات", "1,234 صفحة"),
}


@pytest.mark.parametrize("tag", sorted(LANGUAGES))
def test_the_library_in_another_language_has_no_english(build_site: Any, tag: str) -> None:
    site = build_language(build_site, language=tag)
    february, score, four_times, pages = LANGUAGES[tag]
    allowed = {"pages"} if tag == "fr" else set()  # "pages" is French too
    assert [found for found in english_in(site) if found[1] not in allowed] == []
    seed = " ".join(texts(site, "reviews/the-time-machine.md"))
    assert february in seed
    assert score in seed
    etranger = " ".join(texts(site, "reviews/etranger.md"))
    assert four_times in etranger and pages in etranger
    # The overviews' titles, in the navigation and the page's <title>, are the language's.
    shelf = site.soup("shelf/index.md")
    assert shelf.title is not None and not shelf.title.get_text().startswith("Shelf")
    assert language.active().tag == "en"  # the build set English back when it ended


def test_a_right_to_left_language_marks_the_plugins_markup(build_site: Any) -> None:
    site = build_language(build_site, language="ar")
    soup = site.soup("reviews/the-time-machine.md")
    header = soup.select_one(".bookreviews-header")
    assert header is not None and header.get("dir") == "rtl" and header.get("lang") is None
    body = soup.body
    assert body is not None and body.get("dir") == "rtl"  # Material's own
    stats = site.soup("stats/index.md")
    charts = stats.select("svg.bookreviews-stats-chart")
    assert charts and all(chart.get("direction") == "rtl" for chart in charts)
    # The first year's bar is drawn on the right, the last on the left.
    bars = [float(str(rect["x"])) for rect in charts[0].select("rect.bookreviews-mark")]
    assert bars == sorted(bars, reverse=True)
    # An English page has none of it.
    english = build_language(build_site)
    header = english.soup("reviews/the-time-machine.md").select_one(".bookreviews-header")
    assert header is not None and header.attrs == {"class": ["bookreviews-header"]}


def test_mkdocs_own_theme_follows_its_locale(build_site: Any) -> None:
    site = build_language(build_site, name="mkdocs", locale="fr")
    assert [found for found in english_in(site) if found[1] != "pages"] == []
    seed = site.soup("reviews/the-time-machine.md")
    header = seed.select_one(".bookreviews-header")
    assert header is not None and header.get("lang") is None  # the theme's page is French
    assert "Lu en février 2025" in text_of(header)
    assert "3,25/5" in text_of(header)


def test_the_feed_and_head_tags_speak_the_language(build_site: Any) -> None:
    site = build_language(build_site, language="de")
    feed = feedparser.parse((site.site_dir / "feed.xml").read_bytes())
    by_title = {entry.title: entry for entry in feed.entries}
    seed = by_title["The Time Machine von H. G. Wells"]
    assert seed.summary.startswith("Bewertet mit 3,25 von 5.")
    assert "Der Process von Franz Kafka" in by_title
    assert "An Anthology of Tomorrow, herausgegeben von Alice Wong" in by_title
    head = site.soup("reviews/dispossessed.md").head
    assert head is not None
    data = json.loads(head.select_one('script[type="application/ld+json"]').get_text())  # type: ignore[union-attr]
    assert data["name"] == "The Dispossessed von Ursula K. Le Guin"
    alt = head.select_one('meta[property="og:image:alt"]')
    assert alt is not None and alt["content"] == "Cover: The Dispossessed von Ursula K. Le Guin"


def test_sorting_follows_the_language(build_site: Any) -> None:
    site = build_site(
        {
            **LIBRARY,
            "reviews/zweig.md": review("Schachnovelle", "Stefan Zweig", date="2021-01"),
            "reviews/ardal.md": review("Ärger", "Åsa Ålund", date="2021-02", genre=["Ökologie"]),
            "reviews/oz.md": review("Ozean", "Amos Oz", date="2021-03", genre=["Zeitgeschichte"]),
        },
        theme={"name": "material", "language": "de"},
    )
    home = site.soup("index.md")
    cards = home.select(".bookreviews-cards .bookreviews-card-title")
    titles = [card.get_text() for card in cards]
    # Der, Die, Das, Ein... are left out ("Der Process" under P), Ä is with A; the English
    # and French articles of a German site's titles are the titles' own.
    assert titles == [
        "An Anthology of Tomorrow",
        "Ärger",
        "Krakatit",
        "L'Étranger",
        "Oedipus Rex",
        "Ozean",
        "Der Process",
        "Schachnovelle",
        "The Dispossessed",
        "The Time Machine",
    ]
    authors = [
        a.get_text() for a in site.soup("authors/index.md").select(".bookreviews-genre-name")
    ]
    assert authors.index("Åsa Ålund") < authors.index("Albert Camus")  # Ålund under A
    assert authors.index("Karel Čapek") < authors.index("Franz Kafka")  # Čapek under C
    genres = [g.get_text() for g in site.soup("genres/index.md").select(".bookreviews-genre-name")]
    assert genres.index("Ökologie") < genres.index("Sci-Fi") < genres.index("Zeitgeschichte")
    # The shelf's script collates in the site's language and leaves out its articles.
    status = site.soup("shelf/index.md").select_one(".bookreviews-shelf-status")
    assert status is not None
    assert status["data-lang"] == "de" and status["data-articles"] == "der die das ein eine"


# --- month names read in the site's language -----------------------------------------------------

FRENCH_MONTHS = {
    "reviews/juin.md": review("Juin", "Un Auteur", year=2024, month="juin"),
    "reviews/fevrier.md": review("Février", "Un Auteur", year=2024, month="févr."),
    "reviews/feb.md": review("Feb", "Un Auteur", year=2024, month="Feb."),
}


def test_a_french_site_reads_juin(build_site: Any) -> None:
    site = build_site(
        {"index.md": "# Accueil\n", **FRENCH_MONTHS},
        theme={"name": "material", "language": "fr"},
    )
    assert [w for w in site.warnings if "month" in w] == []
    assert "Lu en juin 2024" in " ".join(texts(site, "reviews/juin.md"))
    assert "Lu en février 2024" in " ".join(texts(site, "reviews/fevrier.md"))
    assert "Lu en février 2024" in " ".join(texts(site, "reviews/feb.md"))
    # bookreviews check reads them as the build does.
    checked = CliRunner().invoke(main, ["check", "-f", str(site.root / "mkdocs.yml")])
    assert checked.exit_code == 0, checked.output
    assert "is not a month" not in checked.output


def test_an_english_site_warns_about_juin(build_site: Any) -> None:
    site = build_site({"index.md": "# Home\n", **FRENCH_MONTHS})
    warnings = [w for w in site.warnings if "month" in w]
    assert len(warnings) == 2 and all("is not a month" in w for w in warnings)
    checked = CliRunner().invoke(main, ["check", "-f", str(site.root / "mkdocs.yml")])
    assert checked.exit_code == 1 and checked.output.count("is not a month") == 2


# --- the options --------------------------------------------------------------------------------


def test_the_language_option_overrides_the_theme(build_site: Any) -> None:
    site = build_site(LIBRARY, plugin={"language": "de"})  # Material, in English
    header = site.soup("reviews/the-time-machine.md").select_one(".bookreviews-header")
    assert header is not None and header.get("lang") == "de"
    assert "Gelesen im Februar 2025" in text_of(header)
    assert english_in(site) == []


def test_the_theme_language_the_plugin_lacks_is_english_with_a_note(build_site: Any) -> None:
    site = build_site(LIBRARY, theme={"name": "material", "language": "ko"})
    header = site.soup("reviews/the-time-machine.md").select_one(".bookreviews-header")
    assert header is not None and header.get("lang") == "en"
    assert "Read in February 2025" in text_of(header)
    assert not [w for w in site.warnings if "language" in w]  # a note, not a warning


def test_the_strings_option_rewords_any_text(build_site: Any) -> None:
    strings = {
        "Did not finish": "Abandoned",
        "%(num)s review": ["one note", "%(num)s notes"],
        "de": {"Did not finish": "Aufgegeben"},
    }
    site = build_site(LIBRARY, plugin={"strings": strings})
    process = " ".join(texts(site, "reviews/process.md"))
    assert "Abandoned" in process and "Did not finish" not in process
    author = " ".join(texts(site, "authors/ursula-k-le-guin.md"))
    assert "one note" in author
    german = build_site(
        LIBRARY, theme={"name": "material", "language": "de"}, plugin={"strings": strings}
    )
    assert "Aufgegeben" in " ".join(texts(german, "reviews/process.md"))


BAD_OPTIONS: dict[str, tuple[dict[str, Any], str]] = {
    "language-unknown": (
        {"language": "kr"},
        f"{PREFIX}'language': 'kr' is not a language the plugin writes; the languages are: "
        "ar, de, en, es, fr, he, it, ja, nl, pl, pt, sv, zh",
    ),
    "strings-unknown-text": (
        {"strings": {"Did not finnish": "Abandoned"}},
        f"{PREFIX}'strings': 'Did not finnish' is not a text the plugin writes; did you mean "
        "'Did not finish'? (every text is in mkdocs_bookreviews/locales/bookreviews.pot)",
    ),
    "strings-placeholder": (
        {"strings": {"Read in %(date)s": "Finished %(when)s"}},
        f"{PREFIX}'strings': 'Read in %(date)s': 'Finished %(when)s' has %(when)s, which the "
        "text does not fill in (it has: %(date)s)",
    ),
}


@pytest.mark.parametrize("case", list(BAD_OPTIONS))
def test_a_bad_language_option_is_the_same_error_in_the_build_and_check(
    tmp_path: Path, case: str
) -> None:
    plugin, expected = BAD_OPTIONS[case]
    config_file = config_site(tmp_path, plugin, {"index.md": "# Home\n"})
    with collect_errors() as errors, pytest.raises(Abort, match="configuration error"):
        build(load_config(str(config_file)))
    assert "\n".join(errors).splitlines() == [ABOUT + expected]
    checked = check(config_file)
    assert checked.exit_code == 2, checked.output
    said = checked.output.split("Error: ", 1)[1].splitlines()
    assert said == [f"{config_file}: {ABOUT}{expected}"]


def test_a_template_override_without_the_catalogs_still_renders(
    build_site: Any, tmp_path: Path
) -> None:
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "card.html.j2").write_text(
        '<article class="bookreviews-card"><a class="bookreviews-card-title" href="{{ href }}">'
        "{{ review.title }}</a> {{ read_on }}</article>\n",
        "utf-8",
    )
    (overrides / "badge.html.j2").write_text(
        '<span class="bookreviews-badge">{{ _("Rated %(score)s out of %(scale)s", '
        "score=score_text, scale=scale) }}</span>\n",
        "utf-8",
    )
    site = build_site(
        LIBRARY,
        theme={"name": "material", "language": "de"},
        plugin={"templates_dir": str(overrides)},
    )
    card = site.soup("genres/sci-fi.md").select_one(".bookreviews-card")
    assert card is not None and "Gelesen" in card.get_text()
    badge = site.soup("reviews/the-time-machine.md").select_one(".bookreviews-badge")
    assert badge is not None and badge.get_text() == "Bewertet mit 3,25 von 5"


# --- the pseudo-language: every text goes through the catalogs -------------------------------

OPEN, CLOSE = "\u27e6", "\u27e7"  # ⟦ ⟧


def pseudo_strings() -> dict[str, Any]:
    """Every message of the catalogs' template, wrapped: "⟦Sort by⟧"."""
    return {
        key: f"{OPEN}{key}{CLOSE}"
        if plural is None
        else [f"{OPEN}{key}{CLOSE}", f"{OPEN}{plural}{CLOSE}"]
        for key, plural in message_ids().items()
    }


def unwrapped(text: str) -> str:
    """`text` without its wrapped parts (which may hold others: "⟦Cover of ⟦A by B⟧⟧")."""
    depth = 0
    kept = []
    for character in text:
        if character == OPEN:
            depth += 1
        elif character == CLOSE:
            depth = max(depth - 1, 0)
        elif depth == 0:
            kept.append(character)
    return "".join(kept)


# Words that are data here: what front matter said, and the months' names (CLDR's, not ours).
MONTH_WORDS = (
    "January February March April May June July August September October November December".split()
)


def bare_texts(found: list[str], data: list[str]) -> list[str]:
    """The words in `found` that were written without the catalogs: neither wrapped, nor
    data (`data`, month names), nor numbers and punctuation."""
    bare = []
    for text in found:
        rest = unwrapped(text)
        for known in sorted([*data, *MONTH_WORDS], key=len, reverse=True):
            rest = rest.replace(known, " ")
        words = [
            word for word in re.findall(r"[^\W\d_]+", rest) if not re.fullmatch(r"[JFMASOND]", word)
        ]
        if words:
            bare.append(" ".join(words))
    return bare


def test_the_pseudo_language_check_finds_a_bare_string() -> None:
    """The check below fails on a text written without the catalogs (here, by hand)."""
    html = (
        '<div class="bookreviews-listing"><h1>⟦Shelf⟧</h1><p>⟦Read in February 2025⟧</p>'
        '<img alt="⟦Cover of ⟦Dune by Frank Herbert⟧⟧"><p>Sort by</p>'
        '<span aria-label="Rated 4 out of 5"></span></div>'
    )
    soup = BeautifulSoup(html, "html.parser")
    container = soup.div
    assert isinstance(container, Tag)
    found = [
        container.get_text(" "),
        *(str(v) for tag in container.find_all(True) for v in tag.attrs.values()),
    ]
    assert bare_texts(found, ["Dune", "Frank Herbert"]) == ["Sort by", "Rated out of"]


def test_every_text_of_the_plugin_goes_through_the_catalogs(build_site: Any) -> None:
    site = build_site(LIBRARY, plugin={"strings": pseudo_strings()}, site_url="https://x.org/")
    found = {src_uri: bare_texts(texts(site, src_uri), DATA) for src_uri in PAGES}
    assert {src_uri: bare for src_uri, bare in found.items() if bare} == {}
    # The feed too.
    feed = feedparser.parse((site.site_dir / "feed.xml").read_bytes())
    for entry in feed.entries:
        # The summary's rating (an unrated book's has none), then the review's own words.
        rating = entry.summary.split(CLOSE, 1)[0] + CLOSE if entry.summary[0] == OPEN else ""
        assert bare_texts([entry.title, rating], DATA) == []


def test_every_text_of_issue_25s_kinds_goes_through_the_catalogs(build_site: Any) -> None:
    """The reading page and its books, series pages, goals on the year and stats pages, and the
    quotes page in the pseudo-language: no text without the catalogs (the quotes themselves are
    the reviews' words, data)."""
    library: dict[str, str | bytes] = {
        **LIBRARY,
        "reviews/left-hand.md": "---\ntitle: The Left Hand of Darkness\nauthor: Ursula K. Le Guin"
        "\nstatus: reading\ngenre: [Sci-Fi]\n---\n\nSo far.\n",
        "reviews/lathe.md": "---\ntitle: The Lathe of Heaven\nauthor: Ursula K. Le Guin"
        "\nstatus: want to read\n---\n\nSoon.\n",
    }
    plugin = {"strings": pseudo_strings(), "goals": {2024: 3, 2025: 9}}
    site = build_site(library, plugin=plugin, site_url="https://x.org/")
    quotes = [text_of(quote) for quote in site.soup("quotes/index.md").select("blockquote")]
    assert quotes  # the seed review's three
    data = [*DATA, "The Left Hand of Darkness", "The Lathe of Heaven", *quotes]
    pages = [
        "reading/index.md",
        "reviews/left-hand.md",
        "reviews/lathe.md",
        "series/index.md",
        "series/hainish-cycle.md",
        "years/2024.md",
        "stats/index.md",
        "quotes/index.md",
    ]
    found = {src_uri: bare_texts(texts(site, src_uri), data) for src_uri in pages}
    assert {src_uri: bare for src_uri, bare in found.items() if bare} == {}


def test_every_text_of_an_empty_library_goes_through_the_catalogs(build_site: Any) -> None:
    docs: dict[str, str | bytes] = {
        "index.md": "# Home\n\n<!-- bookreviews -->\n",
        "reviews/notes.md": "---\ntitle: Notes\n---\n\nNot a review.\n",
        "reviews/undated.md": review("Undated", "Nobody", genre=None),
    }
    site = build_site(docs, plugin={"strings": pseudo_strings(), "years": True})
    for src_uri in ["shelf/index.md", "genres/index.md", "years/index.md", "stats/index.md"]:
        assert bare_texts(texts(site, src_uri), ["Undated", "Nobody", "genre", "date"]) == [], (
            src_uri
        )
    empty = build_site(
        {"index.md": "# Home\n\n<!-- bookreviews -->\n", "reviews/notes.md": "# Notes\n"},
        plugin={"strings": pseudo_strings(), "authors": True, "shelf": True, "stats": True},
    )
    for src_uri in ["index.md", "shelf/index.md", "authors/index.md", "stats/index.md"]:
        assert bare_texts(texts(empty, src_uri), []) == [], src_uri
