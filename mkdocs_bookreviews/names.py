"""Names that are one thing however written: keys, slugs and collision-free slug assignment.

Used for genres and authors alike (`genre_key`, `person_key`), and for the file names of new
reviews (`slugify(..., file_name=True)`). Two spellings are one name when they differ only in
case, white space or the kind of hyphen ("Sci-Fi", "sci fi", "Sci\u2011Fi" with a non-ASCII
hyphen); any other difference makes another name ("C", "C++" and "C#"; "R&B" and "R-B"). A slug
is the name in lowercase ASCII with symbols spelled out ("c-plus-plus"); when two names still
share one, the one already written that way (or else the most used) keeps it and the other gets
a short stable hash.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Mapping

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_NOT_WORDS = re.compile(r"[\W_]+")  # what is not a letter or digit (str.isalnum) in any script
_DASHES = re.compile(r"-+")
# Symbols that tell names apart ("C++", "C#", "R&B"), spelled out in slugs.
_SPELLED = str.maketrans({"+": " plus ", "#": " sharp ", "&": " and ", "@": " at "})
# Slugs that would land a page on top of another generated page.
_RESERVED = frozenset({"index"})
LONGEST = 64
LONGEST_FILE_NAME = 60  # without ".md"


@functools.lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """What makes spellings one name: "Sci-Fi", "sci fi" and "SCI\u2011FI" are "sci-fi"; every
    other character counts ("c++" is not "c")."""
    text = unicodedata.normalize("NFC", name).casefold()
    dashed = "".join(
        "-" if ch.isspace() or ch == "_" or unicodedata.category(ch) == "Pd" else ch for ch in text
    )
    return _DASHES.sub("-", dashed).strip("-")


# What makes spellings one genre: "Sci-Fi", "sci fi" and "SCI-FI" are "sci-fi".
genre_key = name_key


@functools.lru_cache(maxsize=4096)
def slugify(name: str, fallback: str = "genre", *, file_name: bool = False) -> str:
    """Lowercase hyphenated ASCII: "Sci-Fi" -> "sci-fi", "Ciência" -> "ciencia", "C++" ->
    "c-plus-plus".

    A name with no ASCII letters or digits ("日本文学") gets `fallback` and a short stable hash
    instead, and a very long one is cut to 64 characters ending in such a hash, so every name
    has a valid page. Two names can still share a slug ("Ciência", "Ciencia"): `unique_slugs`
    tells them apart.

    `file_name=True` makes the slug of a new review's file name (`writing.file_name`), by the
    rules those have always had, so that `new` and `import` keep naming files as they did:
    symbols and dashes other than ASCII ones are dropped, not spelled out ("C++" -> "c",
    "Sci\u2014Fi" -> "scifi"), the hash is of the name exactly as written (not of its
    casefold), the slug is at most `LONGEST_FILE_NAME` characters, and "index" is a slug
    like any other.
    """
    hashed: str | None = None  # a page slug's hash is worked out only when it is needed
    if file_name:
        spelled = name
        # First, as file names always had it: a title that cannot be written as UTF-8 (a lone
        # surrogate, from a command line's undecodable bytes) fails here, before a file is made.
        hashed = _exact_digest(name)
    else:
        spelled = name.translate(_SPELLED)
        spelled = "".join("-" if unicodedata.category(ch) == "Pd" else ch for ch in spelled)
    ascii_name = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_name.lower()).strip("-")
    longest = LONGEST_FILE_NAME if file_name else LONGEST
    if not slug:
        slug = fallback + "-" + (hashed or digest(name))
    elif len(slug) > longest:
        # File names have limits (255 bytes on most systems); the hash keeps long ones apart.
        slug = slug[: longest - 9].rstrip("-") + "-" + (hashed or digest(name))
    if slug in _RESERVED and not file_name:
        slug += "-" + digest(slug)  # one page for every spelling, apart from any real name
    return slug


def file_slug(title: str) -> str:
    """A new review's file-name slug: `slugify(title, "book", file_name=True)`; "The Fifth
    Season" -> "the-fifth-season", a title with no ASCII letters "book-1a2b3c4d"."""
    return slugify(title, "book", file_name=True)


def digest(name: str) -> str:
    """A short stable hash of a name, the same for every case of it."""
    return _exact_digest(name.casefold())


def _exact_digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]


def unique_slugs(slugs: Mapping[str, str], uses: Mapping[str, int]) -> dict[str, str]:
    """One slug per key: where keys share a slug, the key written exactly as the slug (else
    the one with the most `uses`, else the first in order) keeps it and the others get a
    hash."""
    by_slug: dict[str, list[str]] = {}
    for key, slug in slugs.items():
        by_slug.setdefault(slug, []).append(key)
    unique = dict(slugs)
    for slug, keys in by_slug.items():
        if len(keys) == 1:
            continue
        keys.sort(key=lambda key: (key != slug, -uses[key], key))
        for key in keys[1:]:
            unique[key] = slug[: LONGEST - 9].rstrip("-") + "-" + digest(key)
    return unique


# Words before a family name that belong to it ("Ursula K. Le Guin", "Daphne du Maurier"):
# written capitalised they sort with it ("Le Guin" under L), in lowercase they are skipped
# ("Ludwig van Beethoven" under B), as English-language indexes mostly do.
_PARTICLES = frozenset(
    {"de", "del", "della", "der", "den", "di", "da", "du", "des", "la", "le", "van", "von", "ter"}
)
# Words after a family name that are not it ("Martin Luther King Jr.").
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def natural_order(name: str) -> str:
    """ "Austen, Jane" as "Jane Austen"; a name without exactly one comma as written."""
    family, comma, given = name.partition(",")
    if not comma or "," in given or not family.strip() or not given.strip():
        return name
    return f"{given.strip()} {family.strip()}"


def person_key(name: str) -> str:
    """What makes spellings one person: `name_key` of the name in natural order, so "Austen,
    Jane", "jane austen" and "Jane  Austen" are one author."""
    return name_key(natural_order(name))


def family_name_parts(name: str) -> tuple[str, str]:
    """A person's family name and given names, as a sort by family name reads them: "Austen,
    Jane" and "Jane Austen" are ("Austen", "Jane"); "Ursula K. Le Guin" is ("Le Guin", "Ursula
    K."); "Ludwig van Beethoven" ("Beethoven", ...): lowercase particles are skipped; "Martin
    Luther King Jr." ("King", ...); a one-word name ("Homer") is its own family name."""
    family, comma, given = name.partition(",")
    if comma and "," not in given and family.strip() and given.strip():
        return family.strip(), given.strip()
    words = name.split()
    while len(words) > 1 and words[-1].casefold() in _SUFFIXES:
        words.pop()
    start = len(words) - 1
    while start > 1 and words[start - 1].casefold() in _PARTICLES:
        start -= 1
    family_words = words[start:] if words else [name]
    while len(family_words) > 1 and family_words[0] != family_words[0].capitalize():
        family_words = family_words[1:]  # lowercase particles are skipped
    return " ".join(family_words).strip(), " ".join(words[:start]).strip()


def family_sort_key(name: str) -> tuple[str, str]:
    """Sorts a person by family name, then given names (`family_name_parts`), in lowercase:
    "Austen, Jane" and "Jane Austen" by "austen"; "Ursula K. Le Guin" by "le guin". Letters
    compare without their accents ("Čapek" with the C's): the shelf's script compares these
    with the browser's collation; the build sorts authors by `family_name_parts` in the site's
    language (`language.Language.collation_key`)."""
    family, given = family_name_parts(name)
    return _folded(family), _folded(given)


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


# Matching a book to a page by what it is called and who wrote it (`bookreviews import`): looser
# than the keys above, which keep "C" and "C++" apart; here only letters and digits count.
_WORDS = re.compile(r"[^\W_]+")
_SUBTITLE = re.compile(r"\s*:\s")
# Leading articles a title may be written with or without: English only.
_ARTICLES = frozenset({"the", "a", "an"})
# Words after a name that do not tell people apart ("Martin Luther King, Jr.").
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd"})


def _match_words(text: str) -> list[str]:
    """The words of `text` without case, accents or punctuation ("&" is "and")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("&", " and "))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _WORDS.findall(plain)


def title_match_key(title: str) -> tuple[str, str]:
    """What makes two titles one book's, as (main title, subtitle): case, accents,
    punctuation and a leading "The", "A" or "An" do not count, and the subtitle is what follows
    the first colon and a space. "The Hitchhiker's Guide to the Galaxy" and "hitchhikers guide
    to the galaxy" are ("hitchhikersguidetothegalaxy", ""); "Braiding Sweetgrass: Indigenous
    Wisdom..." is ("braidingsweetgrass", "indigenouswisdom..."). A title of no letters or
    digits has the main key ""."""
    main, *rest = _SUBTITLE.split(title, maxsplit=1)
    subtitle = rest[0] if rest else ""
    words = _match_words(main)
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return "".join(words), "".join(_match_words(subtitle))


def titles_match(one: str, other: str) -> bool:
    """Whether two titles are one book's by `title_match_key`: the same main title, and the
    same subtitle unless one of them has none ("Dune" is "DUNE: Deluxe Edition", but "Star
    Wars: A New Hope" is not "Star Wars: Return of the Jedi")."""
    main, subtitle = title_match_key(one)
    other_main, other_subtitle = title_match_key(other)
    if not main or main != other_main:
        return False
    return not subtitle or not other_subtitle or subtitle == other_subtitle


def person_match_key(name: str) -> str:
    """What makes two spellings of a name one author's, for matching a book to a page:
    `person_key` ("Austen, Jane" is "Jane Austen") without case, accents, punctuation, spaces
    or a "Jr." or "III" ("N.K. Jemisin", "N. K. Jemisin" and "Jemisin, N.K." are one);
    "" for a name of no letters or digits."""
    words = _match_words(person_key(name))
    return "".join(word for word in words if word not in _NAME_SUFFIXES)


def quote_anchor(text: str, seen: dict[str, int] | None = None) -> str:
    """A quote's anchor id in its review: `quote-` and a short hash of its words (its letters
    and digits, case folded), so that the id stays through builds, through edits to other
    quotes and through its own punctuation and quotation marks (straight or curly, as
    Markdown's smarty writes them); a second quote of one review with the same words gets
    `-2`, counted in `seen` (the review's anchors so far)."""
    words = _NOT_WORDS.sub("", text.casefold())
    anchor = "quote-" + _exact_digest(words)
    if seen is not None:
        seen[anchor] = seen.get(anchor, 0) + 1
        if seen[anchor] > 1:
            anchor += f"-{seen[anchor]}"
    return anchor
