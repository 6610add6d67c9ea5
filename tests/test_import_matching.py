"""Issue 22: an import into a folder of hand-written reviews matches the books already there by
title and author (however spelt) and writes none of them twice; shelves that say what the
reader thinks of a book, whether they own it, its format or a date become no genre pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner, Result
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_bookreviews.cli import main
from mkdocs_bookreviews.importers import read_export
from mkdocs_bookreviews.importers.shelves import ShelfRule, genres_of, is_genre_shelf
from mkdocs_bookreviews.names import person_match_key, title_match_key, titles_match

from .conftest import collect_warnings, write_tree
from .test_cli import MKDOCS_YML, front_matter, goodreads_export, snapshot
from .test_importers import csv_bytes


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


def seed_review(title: str, author: str, genres: list[str], body: str, **extra: str) -> str:
    """A hand-written review in the shape of tests/fixtures/the-time-machine.md: quoted
    values, `year` and `month` as text, a flow list of genres, a quote and some paragraphs."""
    lines = [f"title: '{title}'", f"author: '{author}'", "year: '2024'", "month: 'March'"]
    lines += ["score: 4", "genre: [" + ", ".join(f'"{g}"' for g in genres) + "]"]
    lines += [f"{key}: '{value}'" for key, value in extra.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body


# My own reviews, written before I ever exported anything; each spells its book another way
# than Goodreads does.
HAND_WRITTEN = {
    "piranesi.md": seed_review(  # case, and the author family name first
        "PIRANESI",
        "Clarke, Susanna",
        ["Fantasy"],
        "> The Beauty of the House is immeasurable.\n\nI read it in two sittings and then sat "
        "in the quiet for a while.\n",
    ),
    "hitchhikers.md": seed_review(  # no leading article, no apostrophe, no series
        "Hitchhikers Guide to the Galaxy",
        "Douglas Adams",
        ["Comedy"],
        "> Don't panic.\n\nFunnier the second time, which is rare.\n",
    ),
    "les-miserables.md": seed_review(  # no accents
        "Les Miserables",
        "Victor Hugo",
        ["Classics"],
        "Long, and the sewer chapter is longer. Worth every page of it.\n",
    ),
    "braiding-sweetgrass.md": seed_review(  # no subtitle
        "Braiding Sweetgrass",
        "Robin Wall Kimmerer",
        ["Nature Writing"],
        "Gratitude as a practice, with strawberries.\n",
    ),
    "collected-poems.md": seed_review(  # the same title, another poet: another book
        "Collected Poems",
        "Philip Larkin",
        ["Verse"],
        "> What will survive of us is love.\n\nBleak, and funny about it.\n",
    ),
    "remains.md": seed_review(  # the author written otherwise, but the ISBN on the page
        "The Remains of the Day",
        "K. Ishiguro",
        ["Literary"],
        "A butler, a road trip, and everything left unsaid.\n",
        isbn="9780679731726",
    ),
}
# The same books in a Goodreads export, spelt as Goodreads spells them, with the shelves
# readers give them; and two books that are not reviewed yet, and one to read.
ROWS = [
    {"Book Id": "101", "Title": "Piranesi", "Author": "Susanna Clarke",
     "Bookshelves": "fantasy, favorites, owned"},
    {"Book Id": "102", "Author": "Douglas Adams", "Bookshelves": "science-fiction, kindle",
     "Title": "The Hitchhiker's Guide to the Galaxy (Hitchhiker's Guide to the Galaxy, #1)"},
    {"Book Id": "103", "Title": "Les Misérables", "Author": "Victor Hugo",
     "Bookshelves": "classics, library, 2024"},
    {"Book Id": "104", "Author": "Robin Wall Kimmerer", "Bookshelves": "nature, audiobook",
     "Title": "Braiding Sweetgrass: Indigenous Wisdom, Scientific Knowledge and the Teachings "
              "of Plants"},
    {"Book Id": "105", "Title": "Collected Poems", "Author": "Sylvia Plath",
     "Bookshelves": "poetry, favorites, owned, read-in-2024"},
    {"Book Id": "106", "Title": "The Remains of the Day", "Author": "Kazuo Ishiguro",
     "ISBN13": '="9780679731726"', "Bookshelves": "literary-fiction, owned"},
    {"Book Id": "107", "Title": "Station Eleven", "Author": "Emily St. John Mandel",
     "Bookshelves": "science-fiction, owned, books-of-2024, favorites"},
    {"Book Id": "108", "Title": "Middlemarch", "Author": "George Eliot",
     "Exclusive Shelf": "to-read", "Bookshelves": "to-read, classics, wishlist"},
]  # fmt: skip
MATCHED = [
    "matched docs/reviews/piranesi.md  (row 2: Piranesi)",
    "matched docs/reviews/hitchhikers.md  (row 3: The Hitchhiker's Guide to the Galaxy)",
    "matched docs/reviews/les-miserables.md  (row 4: Les Misérables)",
    "matched docs/reviews/braiding-sweetgrass.md  (row 5: Braiding Sweetgrass: Indigenous "
    "Wisdom, Scientific Knowledge and the Teachings of Plants)",
    "matched docs/reviews/remains.md  (row 7: The Remains of the Day)",
]
SHELVES = [
    "Goodreads shelves made genres: poetry (1), science-fiction (1)",
    "Goodreads shelves not made genres: favorites (2), owned (2), books-of-2024 (1), "
    "read-in-2024 (1) (--genre-shelf NAME makes a shelf a genre)",
]


def site_with_my_reviews(root: Path) -> Path:
    write_tree(root, {"mkdocs.yml": MKDOCS_YML, "docs/index.md": "# My reading\n"})
    write_tree(root / "docs" / "reviews", HAND_WRITTEN)
    return goodreads_export(root / "goodreads_library_export.csv", ROWS)


def built_genres(root: Path) -> dict[str, str]:
    """The genres of the built site's overview, each with its page's folder."""
    with collect_warnings() as warnings:
        build(load_config(str(root / "mkdocs.yml"), strict=True))
    assert warnings == []
    html = (root / "site" / "genres" / "index.html").read_text("utf-8")
    overview = BeautifulSoup(html, "html.parser")
    found = {}
    for tile in overview.select(".bookreviews-genre-list a.bookreviews-genre-tile"):
        name = tile.select_one(".bookreviews-genre-name")
        assert name is not None
        found[name.get_text()] = str(tile["href"]).strip("./").split("/")[-1]
    for folder in found.values():
        assert (root / "site" / "genres" / folder / "index.html").is_file()
    return found


def test_my_reviews_are_matched_not_written_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # pages are shown relative to the current folder
    export = site_with_my_reviews(tmp_path)
    reviews = tmp_path / "docs" / "reviews"
    mine = snapshot(reviews)

    dry = run("import", export, "--dry-run")
    assert dry.exit_code == 0, dry.output
    lines = dry.output.splitlines()
    assert [line for line in lines if line.startswith("matched ")] == MATCHED
    assert [line for line in lines if line.startswith("would write ")] == [
        "would write docs/reviews/collected-poems-sylvia-plath.md  (row 6: Collected Poems)",
        "would write docs/reviews/station-eleven.md  (row 8: Station Eleven)",
    ]
    assert lines[-1] == (
        "Goodreads export: would write 2 new, 5 matched, 0 already imported, 1 not on an "
        "imported shelf, 0 row problems"
    )
    assert snapshot(reviews) == mine

    result = run("import", export)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line for line in lines if line.startswith("matched ")] == MATCHED
    # Two books called "Collected Poems": both kept, and the one written is named.
    assert (
        f"{export}: row 6 (Collected Poems): docs/reviews/collected-poems.md has its title but "
        "not its author (Philip Larkin): written as another book"
    ) in lines
    assert lines[-3:] == [
        *SHELVES,
        "Goodreads export: wrote 2 new, 5 matched, 0 already imported, 1 not on an imported "
        "shelf, 0 row problems",
    ]
    assert sorted(p.name for p in reviews.iterdir()) == sorted(
        [*HAND_WRITTEN, "collected-poems-sylvia-plath.md", "station-eleven.md"]
    )
    assert snapshot(reviews).items() >= mine.items()  # my pages untouched
    assert front_matter(reviews / "collected-poems-sylvia-plath.md")["genre"] == ["Poetry"]
    assert front_matter(reviews / "station-eleven.md")["genre"] == ["Science Fiction"]

    # Importing again: my pages are matched again, the two imported ones found by their ids.
    before = snapshot(reviews)
    again = run("import", export)
    assert again.output.splitlines()[-1] == (
        "Goodreads export: wrote 0 new, 5 matched, 2 already imported, 1 not on an imported "
        "shelf, 0 row problems"
    )
    assert snapshot(reviews) == before

    # No genre page for a shelf that is no genre; every other genre has its page.
    assert built_genres(tmp_path) == {
        "Classics": "classics",
        "Comedy": "comedy",
        "Fantasy": "fantasy",
        "Literary": "literary",
        "Nature Writing": "nature-writing",
        "Poetry": "poetry",
        "Science Fiction": "science-fiction",
        "Verse": "verse",
    }
    for shelf in ("favorites", "owned", "books-of-2024", "read-in-2024"):
        assert not (tmp_path / "site" / "genres" / shelf).exists()


def test_a_shelf_can_be_made_a_genre_or_kept_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    export = site_with_my_reviews(tmp_path)
    result = run(
        "import", export, "--genre-shelf", "Favorites", "--not-genre-shelf", "science-fiction"
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-3:-1] == [
        "Goodreads shelves made genres: favorites (2), poetry (1)",
        "Goodreads shelves not made genres: owned (2), books-of-2024 (1), read-in-2024 (1), "
        "science-fiction (1) (--genre-shelf NAME makes a shelf a genre)",
    ]
    reviews = tmp_path / "docs" / "reviews"
    assert front_matter(reviews / "station-eleven.md")["genre"] == ["Favorites"]
    assert front_matter(reviews / "collected-poems-sylvia-plath.md")["genre"] == [
        "Poetry",
        "Favorites",
    ]
    genres = built_genres(tmp_path)
    assert genres["Favorites"] == "favorites"
    assert "Science Fiction" not in genres and "Owned" not in genres


def test_shelf_options_that_cannot_be_right(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    export = site_with_my_reviews(tmp_path)
    both = run("import", export, "--genre-shelf", "owned", "--not-genre-shelf", "Owned")
    assert both.exit_code == 2
    assert "owned is also given to --genre-shelf" in both.output
    empty = run("import", export, "--genre-shelf", " ")
    assert empty.exit_code == 2 and "is empty" in empty.output
    # A name no book has (a typo) is said; the import goes on.
    typo = run("import", export, "--dry-run", "--genre-shelf", "favourites")
    assert typo.exit_code == 0
    assert f"--genre-shelf favourites: no book in {export} has this shelf" in typo.output
    assert "Goodreads shelves not made genres: favorites (2)," in typo.output
    assert not (tmp_path / "docs" / "reviews" / "station-eleven.md").exists()


NESTED_YML = MKDOCS_YML + "      fields: {title: book.title, author: book.by, score: verdict}\n"


def test_matching_reads_title_and_author_where_fields_put_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {"mkdocs.yml": NESTED_YML, "docs/index.md": "# Home\n"})
    write_tree(tmp_path / "docs" / "reviews", {
        # A list of {name, role} mappings, the author family name first.
        "left-hand.md": "---\nbook:\n  title: the left hand of darkness\n  by:\n"
                        "    - name: Le Guin, Ursula K.\nverdict: 5\n---\n\nWinter.\n",
        # Heaney named as the translator: Goodreads calls him the author of his Beowulf.
        "beowulf.md": "---\nbook:\n  title: Beowulf\n  by:\n    - name: Anonymous\n"
                      "    - {name: Seamus Heaney, role: translator}\nverdict: 4\n---\n\nHwaet.\n",
        # A top-level `title` and `author` are not this site's fields: not the book.
        "dune.md": "---\ntitle: Dune\nauthor: Frank Herbert\nverdict: 3\n---\n\nSand.\n",
    })  # fmt: skip
    export = goodreads_export(tmp_path / "export.csv", [
        {"Book Id": "1", "Title": "The Left Hand of Darkness (Hainish Cycle, #4)",
         "Author": "Ursula K. Le Guin"},
        {"Book Id": "2", "Title": "Beowulf", "Author": "Seamus Heaney"},
        {"Book Id": "3", "Title": "Dune", "Author": "Frank Herbert"},
    ])  # fmt: skip
    result = run("import", export)
    assert result.exit_code == 0, result.output
    assert [line for line in result.output.splitlines() if line.startswith("matched")] == [
        "matched docs/reviews/left-hand.md  (row 2: The Left Hand of Darkness)",
        "matched docs/reviews/beowulf.md  (row 3: Beowulf)",
    ]
    written = front_matter(tmp_path / "docs" / "reviews" / "dune-frank-herbert.md")
    assert written["book"] == {"title": "Dune", "by": "Frank Herbert"}


def test_a_page_with_broken_front_matter_is_still_matched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {"mkdocs.yml": MKDOCS_YML, "docs/index.md": "# Home\n"})
    page = "---\ntitle: Dune\nauthor: Frank Herbert\nsummary: Spice: it flows\n---\n\nSand.\n"
    write_tree(tmp_path / "docs" / "reviews", {"dune.md": page})
    export = goodreads_export(tmp_path / "export.csv", [
        {"Book Id": "3", "Title": "Dune (Dune, #1)", "Author": "Frank Herbert"},
    ])  # fmt: skip
    result = run("import", export)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "matched docs/reviews/dune.md  (row 2: Dune)"
    assert lines[1].startswith("docs/reviews/dune.md: front matter is not valid YAML (")
    assert lines[1].endswith(
        "; recognised by its title and author and left as it is: fix it (bookreviews check "
        "shows it)"
    )
    assert sorted(p.name for p in (tmp_path / "docs" / "reviews").iterdir()) == ["dune.md"]


def test_an_export_without_my_books_in_it_is_written_whole(tmp_path: Path) -> None:
    # A page with the title and no author, or only a different one: never the book.
    write_tree(tmp_path, {"mkdocs.yml": MKDOCS_YML, "docs/index.md": "# Home\n"})
    write_tree(tmp_path / "docs" / "reviews", {
        "emma.md": "---\ntitle: Emma\nscore: 3\n---\n\nNo author written yet.\n",
        "beloved.md": "---\ntitle: Beloved\nauthor: Someone Else\nscore: 3\n---\n\nOther.\n",
    })  # fmt: skip
    export = goodreads_export(tmp_path / "export.csv", [
        {"Book Id": "1", "Title": "Emma", "Author": "Jane Austen"},
        {"Book Id": "2", "Title": "Beloved", "Author": "Toni Morrison"},
    ])  # fmt: skip
    result = run("import", export, "-f", tmp_path / "mkdocs.yml")
    assert result.exit_code == 0, result.output
    assert not [line for line in result.output.splitlines() if line.startswith("matched")]
    reviews = tmp_path / "docs" / "reviews"
    assert (
        f"{export}: row 2 (Emma): {reviews / 'emma.md'} has its title but names no author: "
        "written as another book (give that page its author to have it matched)"
    ) in result.output.splitlines()
    assert (
        f"{export}: row 3 (Beloved): {reviews / 'beloved.md'} has its title but not its author "
        "(Someone Else): written as another book"
    ) in result.output.splitlines()
    assert sorted(p.name for p in (tmp_path / "docs" / "reviews").iterdir()) == [
        "beloved-toni-morrison.md",
        "beloved.md",
        "emma-jane-austen.md",
        "emma.md",
    ]


@pytest.mark.parametrize(
    "shelf",
    ["favorites", "Favourites", "faves", "owned", "own", "owned-books", "to-read", "tbr",
     "currently-reading", "kindle", "ebook", "e-book", "audiobook", "audiobooks", "audible",
     "library", "library-books", "wishlist", "physical", "paperback", "hardcover", "borrowed",
     "2024", "read-in-2024", "2024-reads", "read-2024", "books-of-2024", "Read in 2019",
     "read_2024", "netgalley", "re-read"],
)  # fmt: skip
def test_shelves_that_are_no_genre(shelf: str) -> None:
    assert not is_genre_shelf(shelf)
    assert genres_of([shelf, "fantasy"]) == ["Fantasy"]
    assert genres_of([shelf, "fantasy"], ShelfRule.of(genres=[shelf])) != ["Fantasy"]


@pytest.mark.parametrize(
    "shelf",
    ["fantasy", "science-fiction", "historical-fiction", "20th-century", "1800s", "horror",
     "graphic-novels", "book-club", "fantasy-favorites", "library-science", "audio-drama",
     "short-stories", "non-fiction", "c++"],
)  # fmt: skip
def test_shelves_that_are_genres(shelf: str) -> None:
    assert is_genre_shelf(shelf)
    assert genres_of([shelf], ShelfRule.of(not_genres=[shelf.upper()])) == []


def test_titles_and_names_as_matching_compares_them() -> None:
    same = [
        ("The Hitchhiker's Guide to the Galaxy", "hitchhikers guide to the galaxy"),
        ("Les Misérables", "LES MISERABLES"),
        ("Braiding Sweetgrass: Indigenous Wisdom", "Braiding Sweetgrass"),
        ("A Wizard of Earthsea", "Wizard of Earthsea"),
        ("Pride & Prejudice", "Pride and Prejudice"),
        ("Ficciones", "Ficciones: Deluxe Edition"),
    ]
    for one, other in same:
        assert titles_match(one, other) and titles_match(other, one), (one, other)
    different = [
        ("Star Wars: A New Hope", "Star Wars: Return of the Jedi"),  # two subtitles
        ("Dune", "Dune Messiah"),
        ("The", "A"),  # an article alone is the title
        ("!!!", "???"),  # nothing to compare
    ]
    for one, other in different:
        assert not titles_match(one, other), (one, other)
    assert title_match_key("The Hitchhiker\u2019s Guide") == ("hitchhikersguide", "")
    people = ["N.K. Jemisin", "Jemisin, N. K.", "n k jemisin", "N.\u00a0K. Jemisin"]
    assert {person_match_key(name) for name in people} == {"nkjemisin"}
    assert person_match_key("Martin Luther King, Jr.") == person_match_key("Martin Luther King Jr.")
    assert person_match_key("Gabriel García Márquez") == person_match_key("Gabriel Garcia Marquez")
    assert person_match_key("Susanna Clarke") != person_match_key("Arthur C. Clarke")


def test_storygraph_tags_and_goodreads_shelves_go_by_one_rule() -> None:
    export = read_export(
        csv_bytes(
            ["Title", "Authors", "Read Status", "Star Rating", "Tags"],
            [["Piranesi", "Susanna Clarke", "read", "4", "owned, fantasy, 2023, audiobook"]],
        )
    )
    (book,) = export.books
    assert (book.shelves, book.genres) == (["owned", "fantasy", "2023", "audiobook"], ["Fantasy"])
    assert export.tracker.shelf_words == ("tag", "tags")
    # Goodreads: the status, exclusive and did-not-finish shelves are never offered as genres.
    header = ["Book Id", "Title", "Author", "My Rating", "Exclusive Shelf", "Bookshelves"]
    export = read_export(
        csv_bytes(header, [["1", "Dune", "Frank Herbert", "3", "on-hold", "on-hold, dnf, owned"]])
    )
    (book,) = export.books
    assert (book.status, book.shelves, book.genres) == ("did-not-finish", ["owned"], [])
