"""The shelf page's HTML size at N generated reviews: bytes, bytes per card, and gzipped.

    python benchmarks/shelf_size.py --reviews 1000 10000
    python benchmarks/shelf_size.py --reviews 1000 --theme mkdocs --keep /tmp/shelf-lib

Generates the library with `generate.py` (seed 1: the same books each run), builds it with the
plugin's shelf alone on (its page does not depend on the other views but for the links of its
theme's navigation), in a fresh process, and reports `shelf/index.html`'s size: whole, over the
number of books (the theme's frame included), and gzipped (what a server would send).
`--limit BYTES` exits 1 when the largest page measured is over it.
"""

from __future__ import annotations

import argparse
import gzip
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import base_config, generate, plugin_config


def measure(root: Path, n: int, theme: str) -> dict[str, float]:
    """Generate `n` reviews under `root`, build the shelf alone, and measure its page."""
    generate(root, n, theme=theme)
    config = plugin_config(base_config(theme), ("shelf",))
    (root / "mkdocs-shelf.yml").write_text(yaml.safe_dump(config), "utf-8")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs-shelf.yml")],
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    seconds = time.perf_counter() - started
    html = (root / str(config["site_dir"]) / "shelf" / "index.html").read_bytes()
    return {
        "reviews": n,
        "bytes": len(html),
        "per_card": len(html) / n,
        "gzip": len(gzip.compress(html, 6)),
        "build_s": seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--reviews", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--theme", default="material", choices=["material", "mkdocs"])
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--limit", type=int, help="fail when a page is bigger (bytes)")
    args = parser.parse_args()
    print(f"{'reviews':>8} {'HTML bytes':>12} {'MB':>6} {'per card':>9} {'gzip':>10}  build s")
    largest = 0
    for n in args.reviews:
        with tempfile.TemporaryDirectory() as temp:
            root = (args.keep or Path(temp)) / f"library-{n}"
            found = measure(root, n, args.theme)
        largest = max(largest, int(found["bytes"]))
        print(
            f"{n:>8} {found['bytes']:>12,.0f} {found['bytes'] / 1e6:>6.2f} "
            f"{found['per_card']:>9.0f} {found['gzip']:>10,.0f}  {found['build_s']:.1f}"
        )
    if args.limit is not None and largest > args.limit:
        print(f"over the limit: {largest:,} > {args.limit:,} bytes")
        raise SystemExit(1)


if __name__ == "__main__":
    main()
