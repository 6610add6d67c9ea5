"""Time MkDocs builds of one generated library with the plugin on and off, in one run.

These 2-core machines are noisy, so the variants are built alternately (off, on, off, on, ...)
in fresh processes, and what is reported is the ratio of medians from this one run, not
absolute seconds. Peak memory is each build process's own maximum RSS (from os.wait4).

    python benchmarks/run.py --reviews 1000 --rounds 3
    python benchmarks/run.py --reviews 1000 --rounds 3 --variants off,on,blog,navoff,navon
    python benchmarks/run.py --reviews 1000 10000 --rounds 3        # scaling of "on"

Variants: off (no plugin, reviews out of the nav: MkDocs' floor), on (the plugin's defaults),
navoff/navon (every review in the automatic nav, without/with the plugin), blog (Material's
blog plugin with categories, same texts).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

VARIANTS = {
    "off": "mkdocs-off.yml",
    "on": "mkdocs-on.yml",
    "navoff": "mkdocs-navoff.yml",
    "navon": "mkdocs-navon.yml",
    "blog": "mkdocs-blog.yml",
}


@dataclass
class Samples:
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)


def build_once(project: Path, config: str) -> tuple[float, float, float]:
    """Build in a fresh process; return its wall seconds, CPU seconds and peak RSS in MB.

    CPU time (user + system) is much steadier than wall time on a shared machine.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config]
    # Output goes to a file, not a pipe: nothing reads a pipe while os.wait4 blocks, so a build
    # that logged more than the pipe buffer (64 KiB) would hang.
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        errors = output.read().decode(errors="replace")
    if process.returncode != 0:
        hint = ""
        if "plugin is not installed" in errors:
            repo = Path(__file__).resolve().parent.parent
            hint = f"\nThe plugin is not importable by {sys.executable}: pip install -e {repo}"
        sys.exit(
            f"build failed (exit {process.returncode}): {' '.join(command)}\n"
            f"in {project}\n{errors.rstrip()}{hint}"
        )
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(project: Path, variants: list[str], rounds: int) -> dict[str, Samples]:
    results = {name: Samples() for name in variants}
    for name in variants:  # one warm-up each: imports and disk caches
        build_once(project, VARIANTS[name])
    for _ in range(rounds):
        for name in variants:
            seconds, cpu, peak = build_once(project, VARIANTS[name])
            results[name].seconds.append(seconds)
            results[name].cpu_seconds.append(cpu)
            results[name].peak_mb.append(peak)
    return results


def report(n: int, results: dict[str, Samples]) -> str:
    lines = [f"{n} reviews, {len(next(iter(results.values())).seconds)} rounds"]
    lines.append(f"{'variant':8} {'median s':>9} {'CPU s':>7} {'peak MB':>8}")
    medians = {name: statistics.median(s.seconds) for name, s in results.items()}
    cpu = {name: statistics.median(s.cpu_seconds) for name, s in results.items()}
    peaks = {name: max(s.peak_mb) for name, s in results.items()}
    for name in results:
        samples = " ".join(f"{x:.2f}" for x in results[name].seconds)
        lines.append(
            f"{name:8} {medians[name]:9.2f} {cpu[name]:7.2f} {peaks[name]:8.0f}"
            f"   wall samples: {samples}"
        )
    for label, a, b in [("on/off", "on", "off"), ("in nav on/off", "navon", "navoff"),
                        ("blog/on", "blog", "on")]:  # fmt: skip
        if a in results and b in results:
            lines.append(
                f"{label + ':':15} {medians[a] / medians[b]:.3f} wall, "
                f"{cpu[a] / cpu[b]:.3f} CPU, {peaks[a] / peaks[b]:.3f} memory"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--reviews", type=int, nargs="+", default=[1000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--theme", default="material", choices=["material", "mkdocs"])
    parser.add_argument("--variants", default="off,on")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()
    variants = args.variants.split(",")
    print("command:", " ".join(["python", "benchmarks/run.py", *sys.argv[1:]]))
    medians_on: dict[int, float] = {}
    for n in args.reviews:
        with tempfile.TemporaryDirectory() as tmp:
            project = (args.keep or Path(tmp)) / f"library-{n}"
            generate(project, n, theme=args.theme)
            results = measure(project, variants, args.rounds)
            print(report(n, results), flush=True)
            if "on" in results:
                medians_on[n] = statistics.median(results["on"].seconds)
    if len(medians_on) > 1:
        small, large = min(medians_on), max(medians_on)
        print(f"scaling {large}/{small} reviews: {medians_on[large] / medians_on[small]:.2f}x time")


if __name__ == "__main__":
    main()
