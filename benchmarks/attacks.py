"""Time builds of hostile front matter with the plugin and with MkDocs alone, in one run.

Each attack is a small site (a home page and the attack's reviews) built alternately with the
plugin and without it, in fresh processes; the bound it must meet is the plugin's build
within twice MkDocs' own plus a second, in CPU and in wall time, and each build's peak memory
is reported next to MkDocs' own.

    python benchmarks/attacks.py                 # every attack, 3 rounds
    python benchmarks/attacks.py --only bomb-12 --rounds 1

Attacks: YAML alias bombs ("billion laughs") at 9 and 12 levels in every field, a 50 MB front
matter, 1,000,000 genre spellings in one review (and 60,000, under the header cap, so the
genre list itself is read), integers of 100,000 digits in the score and the year, a page of
10,000 listing markers, and two reviews read in year 1 and year 9999 (the stats page).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import Build

FIELDS = ["author", "year", "month", "score", "image", "genre"]
GOOD = "title: A Book\nauthor: An Author\nscore: 4\n"
BODY = "\n\nThe review's own text, which every build must keep.\n"


def alias_bomb(levels: int) -> str:
    lines = ["l0: &l0 [" + ", ".join(["lol"] * 10) + "]"]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return "\n".join(lines)


def bombs(levels: int) -> dict[str, str]:
    # MkDocs alone prints a title in its nav: a bombed title costs it gigabytes, so the title
    # is left out here (the tests build it with the plugin alone, under a memory limit).
    pages = {}
    for name in FIELDS:
        fields = {"title": "A", "author": "B", "score": "4", name: f"*l{levels - 1}"}
        header = "\n".join(f"{key}: {value}" for key, value in fields.items())
        pages[f"bomb-{name}.md"] = f"---\n{alias_bomb(levels)}\n{header}\n---{BODY}"
    pages["bomb-genre-item.md"] = (
        f"---\n{alias_bomb(levels)}\n{GOOD}genre: [Fantasy, *l{levels - 1}]\n---{BODY}"
    )
    return pages


def spellings(count: int) -> dict[str, str]:
    names = ["Sci-Fi", "sci fi", "SCI-FI", "Sci Fi", "sci-fi", "Sci\u2011Fi"]
    genre = ", ".join(names[i % len(names)] + " " * (i % 7) for i in range(count))
    return {"spellings.md": f"---\n{GOOD}genre: '{genre}'\n---{BODY}"}


def markers(count: int) -> dict[str, str]:
    # One page of `count` listing markers (each a row of one cover) between paragraphs, and a
    # review for them to list: the plugin once scanned the page from its start per marker.
    text = "".join(
        f"Paragraph {n}.\n\n<!-- bookreviews recent=1 as=covers -->\n\n" for n in range(count)
    )
    return {"listed.md": f"---\n{GOOD}date: 2024-05\n---{BODY}", "markers.md": text}


ATTACKS: dict[str, Callable[[], dict[str, str]]] = {
    "bomb-9": lambda: bombs(9),
    "bomb-12": lambda: bombs(12),
    "header-50mb": lambda: {
        "huge.md": f"---\n{GOOD}notes: '" + "x" * (50 * 1024 * 1024) + f"'\n---{BODY}"
    },
    "spellings-1m": lambda: spellings(1_000_000),
    "spellings-60k": lambda: spellings(60_000),
    "markers-10k": lambda: markers(10_000),
    "year-span": lambda: {
        "first.md": f"---\n{GOOD}date: 1\n---{BODY}",
        "last.md": f"---\n{GOOD}date: 9999\n---{BODY}",
    },
    "digits-100k": lambda: {
        "score.md": f"---\ntitle: A\nauthor: B\nscore: {'1' * 100_000}\n---{BODY}",
        "year.md": f"---\n{GOOD}year: {'1' * 100_000}\n---{BODY}",
    },
}


def write_site(root: Path, pages: dict[str, str]) -> None:
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", "utf-8")
    for name, text in pages.items():
        (docs / name).write_text(text, "utf-8")
    for variant, plugins in (("on", ["search", "bookreviews"]), ("off", ["search"])):
        config = {
            "site_name": "Attack",
            "theme": {"name": "mkdocs"},
            "plugins": plugins,
            "site_dir": f"site-{variant}",
        }
        (root / f"mkdocs-{variant}.yml").write_text(yaml.safe_dump(config), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", nargs="*", choices=sorted(ATTACKS), default=sorted(ATTACKS))
    args = parser.parse_args()
    print(
        f"{'attack':<14} {'off s':>7} {'on s':>7} {'off cpu':>8} {'on cpu':>7} "
        f"{'bound':>7} {'off MB':>7} {'on MB':>7}  within 2x+1s"
    )
    for name in args.only:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            write_site(root, ATTACKS[name]())
            samples: dict[str, list[tuple[float, float, float]]] = {"off": [], "on": []}
            for _ in range(args.rounds):
                for variant in ("off", "on"):
                    samples[variant].append(Build(root, f"mkdocs-{variant}.yml").wait())
            off, on = (
                [statistics.median(s[i] for s in samples[v]) for i in range(3)]
                for v in ("off", "on")
            )
            bound = 2 * off[1] + 1
            ok = on[0] <= 2 * off[0] + 1 and on[1] <= bound
            print(
                f"{name:<14} {off[0]:7.2f} {on[0]:7.2f} {off[1]:8.2f} {on[1]:7.2f} "
                f"{bound:7.2f} {off[2]:7.0f} {on[2]:7.0f}  {'yes' if ok else 'NO'}",
                flush=True,
            )


if __name__ == "__main__":
    main()
