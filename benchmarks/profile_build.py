"""Build one MkDocs project under cProfile and say where the time goes: by package (own time),
the plugin's functions (cumulative) and the hottest functions overall.

    python benchmarks/generate.py /tmp/library --reviews 1000
    python benchmarks/profile_build.py /tmp/library/mkdocs-all.yml [--save build.prof]

cProfile slows pure-Python code more than C code, so shares are rough; compare runs of this
script with each other, not with run.py's times.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
from collections import defaultdict
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config

PACKAGES = (
    "mkdocs_bookreviews",
    "material",
    "mkdocs",
    "markdown",
    "pymdownx",
    "jinja2",
    "markupsafe",
    "yaml",
    "babel",
    "html",
    "re",
    "json",
)


def package_of(filename: str) -> str:
    """The package a profiled function's file belongs to ("~" is Python's built-ins)."""
    if filename == "~":
        return "builtins (C)"
    if "/benchmarks/" in filename:
        return "benchmarks"
    parts = filename.replace("\\", "/").split("/")
    for package in PACKAGES:
        if package in parts:
            return package
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1]
    if "<frozen" in filename or "/lib/python3" in filename:
        return "stdlib"
    return "other"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("config", help="an mkdocs.yml")
    parser.add_argument("--save", help="write the raw profile here (for snakeviz, pstats)")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(args.config)
    profile = cProfile.Profile()
    profile.enable()
    build(config)
    profile.disable()
    if args.save:
        profile.dump_stats(args.save)
    stats = pstats.Stats(profile)
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = sum(entry[2] for entry in raw.values())
    by_package: dict[str, float] = defaultdict(float)
    for (filename, _, _), (_, _, tottime, _, _) in raw.items():
        by_package[package_of(filename)] += tottime
    print(f"profiled build: {total:.2f} s (own time of every function)")
    print("own time by package:")
    for package, seconds in sorted(by_package.items(), key=lambda item: -item[1]):
        if seconds / total >= 0.005:
            print(f"  {package:24} {seconds:7.2f} s {seconds / total:6.1%}")
    print("the plugin's functions, by cumulative time:")
    ours = [
        (entry[3], entry[1], key)
        for key, entry in raw.items()
        if package_of(key[0]) == "mkdocs_bookreviews"
    ]
    for cumulative, calls, (filename, line, name) in sorted(ours, reverse=True)[: args.top]:
        where = filename.split("mkdocs_bookreviews/")[-1]
        print(f"  {cumulative:7.3f} s {calls:8} calls  {where}:{line} {name}")
    print("hottest functions, by own time:")
    hottest = sorted(raw.items(), key=lambda item: -item[1][2])[: args.top]
    for (filename, line, name), (_, calls, tottime, cumulative, _) in hottest:
        short = "/".join(filename.split("/")[-2:])
        print(
            f"  {tottime:7.3f} s own {cumulative:7.3f} s cum {calls:9} calls  {short}:{line} {name}"
        )


if __name__ == "__main__":
    main()
