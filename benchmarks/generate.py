"""Generate N synthetic book reviews in the seed's shape, as a complete MkDocs project.

Deterministic for a given seed: the same N gives the same pages, so runs compare like with like.
`python benchmarks/generate.py DEST --reviews 1000` writes DEST/docs and these configs:
mkdocs-off.yml (the same pages, no plugin, reviews out of the nav: MkDocs' floor),
mkdocs-on.yml (the plugin with genre pages only), mkdocs-all.yml (the plugin with every
 view on, its default: shelf, reading, genres, authors, series, years, stats; a fifth of the
 reviews are in series, and two years have reading goals), mkdocs-navoff.yml and
mkdocs-navon.yml (every review in the automatic nav, without and with the plugin), and
mkdocs-blog.yml (Material's blog plugin with categories over the same texts, under docs-blog/).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

import yaml

from mkdocs_bookreviews.views.registry import KINDS

GENRES = [
    "Fiction", "Sci-Fi", "Fantasy", "Mystery", "Thriller", "Romance", "Horror", "Classics",
    "Historical Fiction", "Literary Fiction", "Dystopia", "Contemporary", "Memoir", "Biography",
    "Poetry", "Young Adult", "Graphic Novel", "Short Stories", "Essays", "Travel", "Humour",
    "Crime", "Adventure", "Magical Realism", "Philosophy", "Science", "History", "Nature",
    "Coming of Age", "War",
]  # fmt: skip
WORDS = (
    "river light winter house garden letter memory silence machine island city mirror voice "
    "harbour glass paper clock bridge shadow orchard signal ember atlas lantern field tide "
    "stone archive season window forest engine"
).split()
NAMES = (
    "Ada Ben Clara Dev Elena Farid Grace Hiro Ines Jonah Kemi Lars Mira Nils Omar Priya Quinn "
    "Rosa Sami Tomas Ulla Vera Wen Xavier Yara Zoltan Amara Bruno Chiara Dmitri Esther Felix "
    "Greta Hamid Ilse Joao Kasia Leila Mateo Noor"
).split()
SURNAMES = (
    "Abbott Bauer Costa Duarte Eriksen Fox Garcia Hale Ito Jensen Kaur Lind Moreau Novak Okafor "
    "Petrov Quint Rossi Sato Tanaka Ueda Varga Weber Xu Yilmaz Zhou Almeida Brennan Castillo "
    "Dubois Esposito Fischer Gallo Horvat Ivanova Jovanovic Kowalski Laine Mendes Nakamura"
).split()
MONTHS = "January February March April May June July August September October November December"
PROSE = (
    "I came to this book without knowing much about it, and it surprised me more than once. "
    "The first chapters move slowly, but the characters earn their place, and by the middle "
    "I was reading late into the night. Some threads felt predictable, others quietly brave. "
    "The prose is clear and never showy, and the ending stayed with me for days afterwards."
).split()


# How many reviews have 0, 1, 2, ... 5 quotes.
QUOTE_WEIGHTS = (25, 30, 22, 15, 5, 3)


def _quote(rng: random.Random) -> str:
    """A blockquote as reviews write them: curly, straight or no marks; now and then two
    paragraphs, or a line that goes on without its `>` (lazy)."""
    words = _paragraph(rng)[: rng.randint(60, 220)].rsplit(" ", 1)[0].rstrip(",.") + "."
    opening, closing = rng.choices([("“", "”"), ('"', '"'), ("", "")], (5, 3, 2))[0]
    if rng.random() < 0.1:  # each paragraph opens with a mark, the last one closes
        second = _paragraph(rng)[:120].rsplit(" ", 1)[0]
        return f"> {opening}{words}\n>\n> {opening}{second}.{closing}"
    text = f"> {opening}{words}{closing}"
    if rng.random() < 0.1:
        text += "\n" + _paragraph(rng)[:80].rsplit(" ", 1)[0] + "."
    return text


def _title(rng: random.Random) -> str:
    a, b = rng.sample(WORDS, 2)
    return rng.choice([f"The {a.title()} of {b.title()}", f"{a.title()} and {b.title()}",
                       f"A {a.title()} in the {b.title()}"])  # fmt: skip


def _paragraph(rng: random.Random) -> str:
    words = [rng.choice(PROSE) for _ in range(rng.randint(60, 90))]
    return " ".join(words).capitalize().rstrip(".,") + "."


def _cover(title: str, hue: int) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="300" viewBox="0 0 200 300">'
        f'<rect width="200" height="300" fill="hsl({hue},45%,35%)"/>'
        f'<text x="100" y="150" text-anchor="middle" font-size="14" fill="#fff">{len(title)}</text>'
        "</svg>"
    )


def _author_names(rng: random.Random) -> list[str]:
    """Every author name the generator can use, shuffled: 40 x 40 names, then with initials."""
    plain = [f"{g} {f}" for g in NAMES for f in SURNAMES]
    initials = [f"{g} {i}. {f}" for i in "ABCDEFGHJKLMNPRSTW" for g in NAMES for f in SURNAMES]
    rng.shuffle(plain)
    rng.shuffle(initials)
    return plain + initials


class _Authors:
    """Who wrote each book, Zipf-like as a reader's library is: a new author for 40 % of books
    (about 0.4 distinct authors per review at any size, half of them read once); otherwise, 60 %
    of the time someone already read in proportion to how often (a few prolific authors with
    dozens of books), else any author already read."""

    NEW = 0.4
    PROLIFIC = 0.6

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.names = _author_names(rng)
        self.known: list[str] = []
        self.readings: list[str] = []

    def pick(self) -> str:
        rng = self.rng
        if not self.known or rng.random() < self.NEW:
            name = self.names[len(self.known)]
            self.known.append(name)
        elif rng.random() < self.PROLIFIC:
            name = rng.choice(self.readings)
        else:
            name = rng.choice(self.known)
        self.readings.append(name)
        return name


# Years read: the last 15, each a little busier than the one before.
YEARS = list(range(2011, 2026))
YEAR_WEIGHTS = [1 + i / 3 for i in range(len(YEARS))]


def _read_when(rng: random.Random, meta: dict[str, object]) -> None:
    """When it was read, as readers write it: year and month (a year alone for 10 %); a
    re-read (5 %) as a list of dates."""
    months = MONTHS.split()
    if rng.random() < 0.05:
        first, again = sorted(rng.sample(YEARS, 2))
        meta["date"] = [f"{first}-{rng.randint(1, 12):02d}", f"{again}-{rng.randint(1, 12):02d}"]
        return
    meta["year"] = str(rng.choices(YEARS, YEAR_WEIGHTS)[0])
    if rng.random() < 0.9:
        meta["month"] = rng.choice(months)


SERIES_SHARE = 0.2  # of reviews, in a series
SERIES_KINDS = ("Cycle", "Chronicles", "Trilogy", "Saga")


def _series_name(index: int) -> str:
    """The index-th series' name: "The River Cycle", ..., "The River Cycle 2"."""
    word = WORDS[index % len(WORDS)].title()
    kind = SERIES_KINDS[index // len(WORDS) % len(SERIES_KINDS)]
    again = index // (len(WORDS) * len(SERIES_KINDS))
    return f"The {word} {kind}" + (f" {again + 1}" if again else "")


def _in_series(
    rng: random.Random, n: int, numbers: dict[int, int], meta: dict[str, object]
) -> None:
    """A fifth of reviews in a series (about one series per 20 reviews), numbered on from the
    series' last book, 15 % skipping one (a gap), 5 % a half (a novella)."""
    if rng.random() >= SERIES_SHARE:
        return
    index = rng.randrange(max(1, n // 20))
    last = numbers.get(index, 0)
    number: int | float = last + (2 if rng.random() < 0.15 else 1)
    if rng.random() < 0.05:
        number = last + 0.5
    numbers[index] = max(last, int(number))
    meta["series"] = _series_name(index)
    meta["series_number"] = number


def review_texts(n: int, seed: int = 1) -> list[tuple[str, dict[str, object], str]]:
    """(slug, front matter, body) of N reviews: authors Zipf-like (3 % co-written), read over
    15 years (recent ones busier; 5 % re-read, 10 % without a month), 5 % unrated, 4 % not
    finished, one to four genres each; 1 % being read and 4 % wanted (`status`, no date and
    no score; drawn apart, so the other reviews are those of a library without them)."""
    rng = random.Random(seed)
    authors = _Authors(random.Random(seed + 1))
    statuses = random.Random(seed + 2)
    # Series drawn apart, so every other field is as it was before there were series.
    series_rng = random.Random(seed + 3)
    numbers: dict[int, int] = {}  # each series' last book so far
    reviews = []
    for i in range(1, n + 1):
        title = _title(rng)
        author: str | list[str] = authors.pick()
        if rng.random() < 0.03:
            second = authors.pick()
            author = [str(author), second] if second != author else author
        meta: dict[str, object] = {"title": title, "author": author}
        _read_when(rng, meta)
        meta["score"] = rng.randint(0, 20) / 4 if rng.random() >= 0.05 else None
        if rng.random() < 0.04:
            meta["did_not_finish"] = True
        unread = statuses.random()
        if unread < 0.05:
            for key in ("date", "year", "month", "score", "did_not_finish"):
                meta.pop(key, None)
            meta["status"] = "reading" if unread < 0.01 else "want to read"
        meta["image"] = f"./covers/review-{i:05d}.svg"
        meta["genre"] = rng.sample(GENRES, rng.randint(1, 4))
        _in_series(series_rng, n, numbers, meta)
        parts = [_paragraph(rng) for _ in range(rng.randint(4, 6))]
        # Quotes from the book, as blockquotes between the paragraphs: most reviews have 0 to 3.
        # Each in a gap of its own (two blockquotes with only a blank line between are one).
        gaps = rng.sample(range(len(parts) + 1), rng.choices(range(6), QUOTE_WEIGHTS)[0])
        for gap in sorted(gaps, reverse=True):
            parts.insert(gap, _quote(rng))
        reviews.append((f"review-{i:05d}", meta, "\n\n".join(parts) + "\n"))
    return reviews


def _blog_date(meta: dict[str, object]) -> tuple[int, str]:
    """The year a blog post is dated and when it was read, as text."""
    if isinstance(dates := meta.get("date"), list):
        return int(dates[-1][:4]), " and ".join(dates)
    if "year" not in meta:  # a book being read or wanted: posted this year, not read yet
        return YEARS[-1], "not yet"
    return int(str(meta["year"])), f"{meta.get('month', '')} {meta['year']}".strip()


def _names(author: object) -> str:
    return " and ".join(author) if isinstance(author, list) else str(author)


# Every kind of generated page (`--views all` in run.py), as the registry lists them: a kind
# added there is measured here too.
ALL_VIEWS = tuple(kind.name for kind in KINDS)
# Reading goals for the last two years read: one met, one not, at any size.
GOALS = {YEARS[-1]: 100_000, YEARS[-2]: 1}


def views_config(views: tuple[str, ...] | list[str]) -> dict[str, bool]:
    """The plugin's options for turning on exactly `views` (the others off)."""
    return {kind: kind in views for kind in ALL_VIEWS}


def config_name(views: tuple[str, ...] | list[str]) -> str:
    """The config file for the plugin with exactly `views` on: mkdocs-on.yml for genres only,
    mkdocs-all.yml for every view (the defaults), mkdocs-on-<views>.yml otherwise."""
    if tuple(views) == ("genres",):
        return "mkdocs-on.yml"
    if set(views) == set(ALL_VIEWS):
        return "mkdocs-all.yml"
    return f"mkdocs-on-{'-'.join(views)}.yml"


def plugin_config(base: dict[str, object], views: tuple[str, ...] | list[str]) -> dict[str, object]:
    """An MkDocs config with the plugin and exactly `views` on."""
    site_dir = "site-" + config_name(views)[len("mkdocs-") : -len(".yml")]
    options = {**views_config(views), "goals": GOALS}
    return {**base, "site_dir": site_dir, "plugins": ["search", {"bookreviews": options}]}


def base_config(theme: str = "material", language: str | None = None) -> dict[str, object]:
    """What every variant's config shares; `language` is the theme's (Material's
    `language`, MkDocs' theme's `locale`), which the plugin writes in."""
    # site_url as a published site has it (every variant: MkDocs' sitemap uses it too), so that
    # the plugin's variants also write the feed and the absolute URLs of its head tags.
    return {
        "site_name": "Benchmark",
        "site_url": "https://books.example.org/",
        "theme": {"name": theme}
        if language is None
        else {"name": theme, "language" if theme == "material" else "locale": language},
        "docs_dir": "docs",
    }


def generate(
    dest: Path, n: int, seed: int = 1, theme: str = "material", language: str | None = None
) -> None:
    """Write the project for N reviews under `dest`, its theme in `language` (default:
    English)."""
    docs = dest / "docs"
    (docs / "reviews" / "covers").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Reviews\n\nA generated library.\n", "utf-8")
    blog = dest / "docs-blog"
    (blog / "posts" / "covers").mkdir(parents=True, exist_ok=True)
    (blog / "index.md").write_text("# Blog\n", "utf-8")
    for i, (slug, meta, body) in enumerate(review_texts(n, seed)):
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        (docs / "reviews" / f"{slug}.md").write_text(f"---\n{front}---\n\n{body}", "utf-8")
        (docs / "reviews" / "covers" / f"{slug}.svg").write_text(_cover(slug, i % 360), "utf-8")
        # The blog plugin's own shape: a date and categories; the same text, cover and facts
        # (written by hand, as a blog would, where the plugin shows them in its header).
        year, when = _blog_date(meta)
        post = {"date": dt.date(year, i % 12 + 1, 1), "categories": meta["genre"]}
        blog_front = yaml.safe_dump(post, allow_unicode=True, sort_keys=False)
        (blog / "posts" / "covers" / f"{slug}.svg").write_text(_cover(slug, i % 360), "utf-8")
        facts = (
            f"![Cover of {meta['title']}](covers/{slug}.svg)\n\n"
            f"*by {_names(meta['author'])} · read in {when} · {meta.get('score') or 'unrated'}/5*"
        )
        (blog / "posts" / f"{slug}.md").write_text(
            f"---\n{blog_front}---\n\n# {meta['title']}\n\n{facts}\n\n{body}", "utf-8"
        )
    base = base_config(theme, language)
    configs = {
        # MkDocs' own floor: the same pages, no plugin, reviews out of the automatic nav.
        "mkdocs-off.yml": {**base, "site_dir": "site-off", "plugins": ["search"],
                           "not_in_nav": "/reviews/"},
        # The plugin with genre pages only (reviews leave the nav above 200); every view is on
        # by default, as in mkdocs-all.yml.
        "mkdocs-on.yml": plugin_config(base, ("genres",)),
        # Every review in the automatic nav, without and with the plugin.
        "mkdocs-navoff.yml": {**base, "site_dir": "site-navoff", "plugins": ["search"]},
        "mkdocs-navon.yml": {**base, "site_dir": "site-navon",
                             "plugins": ["search", {"bookreviews": {"nav": "full",
                                                                    **views_config(("genres",))}}]},
        "mkdocs-blog.yml": {
            **base,
            "docs_dir": "docs-blog",
            "site_dir": "site-blog",
            "plugins": ["search", {"blog": {"blog_dir": ".", "categories": True}}],
        },
    }  # fmt: skip
    configs[config_name(ALL_VIEWS)] = plugin_config(base, ALL_VIEWS)  # every view on
    # Every view on, without the onward links at each review's end (what they cost).
    noonward = plugin_config(base, ALL_VIEWS)
    noonward["site_dir"] = "site-noonward"
    noonward["plugins"] = ["search", {"bookreviews": {**views_config(ALL_VIEWS), "onward": False}}]
    configs["mkdocs-noonward.yml"] = noonward
    for name, config in configs.items():
        (dest / name).write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--reviews", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--theme", default="material", choices=["material", "mkdocs"])
    parser.add_argument("--language", help="the theme's language (de, fr, ar...); English if not")
    args = parser.parse_args()
    generate(args.dest, args.reviews, args.seed, args.theme, args.language)


if __name__ == "__main__":
    main()
