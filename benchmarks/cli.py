"""Time the `bookreviews` command as a user runs it (the installed console script, a fresh
process each time, MkDocs' config loading included).

`python benchmarks/cli.py --rows 5000 --reviews 10000 --rounds 3` prints the median wall time of:
import of a generated N-row Goodreads export into an empty site, the same import again (every
book matched, nothing written), and `check` over M generated reviews (benchmarks/generate.py).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

HEADER = (
    "Book Id,Title,Author,Author l-f,Additional Authors,ISBN,ISBN13,My Rating,Average Rating,"
    "Publisher,Binding,Number of Pages,Year Published,Original Publication Year,Date Read,"
    "Date Added,Bookshelves,Bookshelves with positions,Exclusive Shelf,My Review,Spoiler,"
    "Private Notes,Read Count,Owned Copies"
).split(",")
SHELVES = ["fantasy", "science-fiction", "classics", "poetry", "essays", "history", "horror"]
SCRIPT = Path(sys.executable).parent / "bookreviews"


def goodreads_export(rows: int, seed: int = 1) -> bytes:
    """A Goodreads export of `rows` books: reviews with <br/>, ratings 0-5, shelves."""
    rng = random.Random(seed)
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, HEADER, lineterminator="\r\n")
    writer.writeheader()
    for i in range(rows):
        shelf = rng.choice(["read"] * 8 + ["to-read", "did-not-finish"])
        review = "<br /><br />".join(
            "I liked it, mostly; the <i>middle</i> dragged." for _ in range(rng.randint(0, 6))
        )
        writer.writerow(
            {
                "Book Id": str(100_000 + i),
                "Title": f"Book {i} (Series {i % 50}, #{i % 7 + 1})",
                "Author": f"Author {i % 400}",
                "ISBN13": f'="{9780000000000 + i}"',
                "My Rating": str(rng.randint(0, 5)),
                "Number of Pages": str(rng.randint(90, 900)),
                "Original Publication Year": str(rng.randint(1900, 2025)),
                "Date Read": f"{rng.randint(2010, 2025)}/{rng.randint(1, 12):02}/15",
                "Bookshelves": ", ".join(rng.sample(SHELVES, 2)),
                "Exclusive Shelf": shelf,
                "My Review": review,
                "Read Count": "1",
            }
        )
    return out.getvalue().encode("utf-8")


def timed(args: list[str], cwd: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr.decode())
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--reviews", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        export = root / "goodreads_library_export.csv"
        export.write_bytes(goodreads_export(options.rows))
        first: list[float] = []
        again: list[float] = []
        for round_number in range(options.rounds):
            site = root / f"site-{round_number}"
            (site / "docs").mkdir(parents=True)
            (site / "docs" / "index.md").write_text("# Reading\n", "utf-8")
            (site / "mkdocs.yml").write_text(
                "site_name: Bench\nplugins:\n  - bookreviews:\n      reviews_dir: reviews\n",
                "utf-8",
            )
            first.append(timed([str(SCRIPT), "import", str(export)], site))
            again.append(timed([str(SCRIPT), "import", str(export)], site))
        written = len(list((root / "site-0" / "docs" / "reviews").glob("*.md")))
        library = root / "library"
        generate(library, options.reviews)
        check = [
            timed([str(SCRIPT), "check", "-f", str(library / "mkdocs-on.yml")], library)
            for _ in range(options.rounds)
        ]
    print(f"import {options.rows:,} rows ({written:,} reviews written): "
          f"{statistics.median(first):.2f} s")  # fmt: skip
    print(f"re-import, nothing written: {statistics.median(again):.2f} s")
    print(f"check {options.reviews:,} reviews: {statistics.median(check):.2f} s")


if __name__ == "__main__":
    main()
