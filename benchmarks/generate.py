"""Generate N synthetic book reviews in the seed's shape, as a complete MkDocs project.

Deterministic for a given seed: the same N gives the same pages, so runs compare like with like.
`python benchmarks/generate.py DEST --reviews 1000` writes DEST/docs and these configs:
mkdocs-off.yml (the same pages, no plugin, reviews out of the nav: MkDocs' floor),
mkdocs-on.yml (the plugin, defaults), mkdocs-navoff.yml and mkdocs-navon.yml (every review in
the automatic nav, without and with the plugin), and mkdocs-blog.yml (Material's blog plugin
with categories over the same texts, under docs-blog/).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

import yaml

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
NAMES = "Ada Ben Clara Dev Elena Farid Grace Hiro Ines Jonah Kemi Lars Mira Nils Omar Priya".split()
SURNAMES = "Abbott Bauer Costa Duarte Eriksen Fox Garcia Hale Ito Jensen Kaur Lind Moreau".split()
MONTHS = "January February March April May June July August September October November December"
PROSE = (
    "I came to this book without knowing much about it, and it surprised me more than once. "
    "The first chapters move slowly, but the characters earn their place, and by the middle "
    "I was reading late into the night. Some threads felt predictable, others quietly brave. "
    "The prose is clear and never showy, and the ending stayed with me for days afterwards."
).split()


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


def review_texts(n: int, seed: int = 1) -> list[tuple[str, dict[str, object], str]]:
    """(slug, front matter, body) of N reviews."""
    rng = random.Random(seed)
    months = MONTHS.split()
    reviews = []
    for i in range(1, n + 1):
        title = _title(rng)
        meta: dict[str, object] = {
            "title": title,
            "author": f"{rng.choice(NAMES)} {rng.choice(SURNAMES)}",
            "year": str(rng.randint(2015, 2025)),
            "month": rng.choice(months),
            "score": rng.randint(0, 20) / 4,
            "image": f"./covers/review-{i:05d}.svg",
            "genre": rng.sample(GENRES, rng.randint(1, 4)),
        }
        parts = []
        for _ in range(rng.randint(4, 6)):
            if rng.random() < 0.45:
                parts.append("> “" + _paragraph(rng)[:160].rstrip() + "”")
            parts.append(_paragraph(rng))
        reviews.append((f"review-{i:05d}", meta, "\n\n".join(parts) + "\n"))
    return reviews


def generate(dest: Path, n: int, seed: int = 1, theme: str = "material") -> None:
    """Write the project for N reviews under `dest`."""
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
        post = {"date": dt.date(int(str(meta["year"])), i % 12 + 1, 1), "categories": meta["genre"]}
        blog_front = yaml.safe_dump(post, allow_unicode=True, sort_keys=False)
        (blog / "posts" / "covers" / f"{slug}.svg").write_text(_cover(slug, i % 360), "utf-8")
        facts = (
            f"![Cover of {meta['title']}](covers/{slug}.svg)\n\n"
            f"*by {meta['author']} · read in {meta['month']} {meta['year']} · {meta['score']}/5*"
        )
        (blog / "posts" / f"{slug}.md").write_text(
            f"---\n{blog_front}---\n\n# {meta['title']}\n\n{facts}\n\n{body}", "utf-8"
        )
    # site_url as a published site has it (every variant: MkDocs' sitemap uses it too), so that
    # the plugin's variants also write the feed and the absolute URLs of its head tags.
    base = {
        "site_name": "Benchmark",
        "site_url": "https://books.example.org/",
        "theme": {"name": theme},
        "docs_dir": "docs",
    }
    plugin = ["search", "bookreviews"]
    configs = {
        # MkDocs' own floor: the same pages, no plugin, reviews out of the automatic nav.
        "mkdocs-off.yml": {**base, "site_dir": "site-off", "plugins": ["search"],
                           "not_in_nav": "/reviews/"},
        # The plugin with its defaults (reviews leave the nav above 200).
        "mkdocs-on.yml": {**base, "site_dir": "site-on", "plugins": plugin},
        # Every review in the automatic nav, without and with the plugin.
        "mkdocs-navoff.yml": {**base, "site_dir": "site-navoff", "plugins": ["search"]},
        "mkdocs-navon.yml": {**base, "site_dir": "site-navon",
                             "plugins": ["search", {"bookreviews": {"nav": "full"}}]},
        "mkdocs-blog.yml": {
            **base,
            "docs_dir": "docs-blog",
            "site_dir": "site-blog",
            "plugins": ["search", {"blog": {"blog_dir": ".", "categories": True}}],
        },
    }  # fmt: skip
    for name, config in configs.items():
        (dest / name).write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--reviews", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--theme", default="material", choices=["material", "mkdocs"])
    args = parser.parse_args()
    generate(args.dest, args.reviews, args.seed, args.theme)


if __name__ == "__main__":
    main()
