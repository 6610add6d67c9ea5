"""Build the same sites twice (before and after a change) and compare them byte for byte.

    python benchmarks/identical.py build OUT      # every site below, into OUT/<name>/
    python benchmarks/identical.py compare A B    # every file of A and B, byte for byte

The sites: `example-site/` on each theme (Material, `mkdocs`, `readthedocs`), the test
collections (`tests/collections/nested`, `posts`), and a generated library of 300 reviews with
every view on (`benchmarks/generate.py`). A build's date (sitemap, feed) comes from
SOURCE_DATE_EPOCH, fixed here, so that two builds of one tree are identical. To build with an
older commit, run `build` with PYTHONPATH set to a checkout of it (the source there is imported
before the installed one).
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1767225600"  # 2026-01-01
THEMES = ("material", "mkdocs", "readthedocs")


def build(project: Path, config: Path, out: Path, *, theme: str | None = None) -> None:
    """One `mkdocs build` of `config` into `out`, with the theme replaced when given."""
    if theme is not None:
        text = config.read_text("utf-8")
        start = text.index("theme:")
        end = text.index("\nplugins:")
        themed = config.with_name(f"mkdocs-{theme}.yml")
        themed.write_text(text[:start] + f"theme:\n  name: {theme}\n" + text[end:], "utf-8")
        config = themed
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)]
    subprocess.run(command, cwd=project, env=env, check=True)


def build_all(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        example = Path(scratch) / "example-site"
        shutil.copytree(ROOT / "example-site", example, ignore=shutil.ignore_patterns("site"))
        for theme in THEMES:
            build(example, example / "mkdocs.yml", out / f"example-{theme}", theme=theme)
        for name in ("nested", "posts"):
            project = Path(scratch) / name
            shutil.copytree(ROOT / "tests" / "collections" / name, project)
            build(project, project / "mkdocs.yml", out / f"collection-{name}")
        generated = Path(scratch) / "generated"
        command = [sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(generated)]
        subprocess.run([*command, "--reviews", "300"], check=True, stdout=subprocess.DEVNULL)
        build(generated, generated / "mkdocs-all.yml", out / "generated-300")


def compare(a: Path, b: Path) -> int:
    """Print every file that differs or is in one folder only; the number of them."""
    differ = 0
    files_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    for only, where in ((files_a - files_b, a), (files_b - files_a, b)):
        for path in sorted(only):
            print(f"only in {where}: {path}")
            differ += 1
    for path in sorted(files_a & files_b):
        if not filecmp.cmp(a / path, b / path, shallow=False):
            print(f"differs: {path}")
            differ += 1
    print(f"{len(files_a & files_b)} files compared, {differ} differ or are missing")
    return differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build").add_argument("out", type=Path)
    compared = sub.add_parser("compare")
    compared.add_argument("a", type=Path)
    compared.add_argument("b", type=Path)
    args = parser.parse_args()
    if args.command == "build":
        build_all(args.out)
    else:
        sys.exit(1 if compare(args.a, args.b) else 0)


if __name__ == "__main__":
    main()
