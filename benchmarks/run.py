"""Time MkDocs builds of one generated library with the plugin on and off, in one run.

These 2-core machines are noisy, so the variants are built alternately (off, on, off, on, ...)
in fresh processes, and what is reported is the ratio of medians from this one run, not
absolute seconds. Peak memory is each build process's own maximum RSS (from os.wait4).

    python benchmarks/run.py --reviews 1000 --rounds 3
    python benchmarks/run.py --reviews 1000 --rounds 3 --variants off,on,blog,navoff,navon
    python benchmarks/run.py --reviews 1000 10000 --rounds 3        # scaling of "on"
    python benchmarks/run.py --reviews 1000 --rounds 9 --together   # off and on at once

With --together, each pair of variants (off,on; navoff,navon; on,blog) is built at the same
time, one per core, so that the two builds of a round meet the same (shared, noisy) machine;
the median of the rounds' own ratios is then the steadier number.

Variants: off (no plugin, reviews out of the nav: MkDocs' floor), on (the plugin's defaults),
navoff/navon (every review in the automatic nav, without/with the plugin), blog (Material's
blog plugin with categories, same texts).
"""

from __future__ import annotations

import argparse
import os
import resource
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


class Build:
    """One build in a fresh process, started now; `finished` takes what os.wait4 said of it
    and returns its wall seconds, CPU seconds (user + system) and peak RSS in MB."""

    def __init__(self, project: Path, config: str) -> None:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self.command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config]
        self.project = project
        # Output goes to a file, not a pipe: nothing reads a pipe while os.wait4 blocks, so a
        # build that logged more than the pipe buffer (64 KiB) would hang.
        self.output = tempfile.TemporaryFile()  # noqa: SIM115 (closed in wait)
        self.start = time.perf_counter()
        self.process = subprocess.Popen(
            self.command, cwd=project, env=env, stdout=self.output, stderr=subprocess.STDOUT
        )

    def wait(self) -> tuple[float, float, float]:
        _, status, usage = os.wait4(self.process.pid, 0)
        return self.finished(status, usage)

    def finished(self, status: int, usage: resource.struct_rusage) -> tuple[float, float, float]:
        seconds = time.perf_counter() - self.start
        code = os.waitstatus_to_exitcode(status)
        self.process.returncode = code
        self.output.seek(0)
        errors = self.output.read().decode(errors="replace")
        self.output.close()
        if code != 0:
            hint = ""
            if "plugin is not installed" in errors:
                repo = Path(__file__).resolve().parent.parent
                hint = f"\nThe plugin is not importable by {sys.executable}: pip install -e {repo}"
            sys.exit(
                f"build failed (exit {code}): {' '.join(self.command)}\n"
                f"in {self.project}\n{errors.rstrip()}{hint}"
            )
        return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(
    project: Path, variants: list[str], rounds: int, *, together: bool = False
) -> dict[str, Samples]:
    """Build each variant `rounds` times, alternating; `together` builds them two at a time,
    in the order given (one per core), so that both builds of a pair meet the same machine."""
    results = {name: Samples() for name in variants}
    groups = (
        [variants[i : i + 2] for i in range(0, len(variants), 2)]
        if together
        else [[name] for name in variants]
    )
    for name in variants:  # one warm-up each: imports and disk caches
        Build(project, VARIANTS[name]).wait()
    for round_ in range(rounds):
        for group in groups:
            # Alternate which of a pair starts first.
            order = group if round_ % 2 == 0 else group[::-1]
            builds = {}
            for name in order:
                build = Build(project, VARIANTS[name])
                builds[build.process.pid] = (name, build)
            while builds:  # in the order they finish, each timed as it ends
                pid, status, usage = os.wait4(-1, 0)
                if pid not in builds:
                    continue
                name, build = builds.pop(pid)
                seconds, cpu, peak = build.finished(status, usage)
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
        cpu_samples = " ".join(f"{x:.2f}" for x in results[name].cpu_seconds)
        lines.append(
            f"{name:8} {medians[name]:9.2f} {cpu[name]:7.2f} {peaks[name]:8.0f}"
            f"   wall samples: {samples}; CPU samples: {cpu_samples}"
        )
    for label, a, b in [("on/off", "on", "off"), ("in nav on/off", "navon", "navoff"),
                        ("blog/on", "blog", "on"), ("blog/off", "blog", "off")]:  # fmt: skip
        if a in results and b in results:
            # The median of each round's own ratio: a round's two builds met the same machine.
            paired = statistics.median(
                x / y for x, y in zip(results[a].seconds, results[b].seconds, strict=True)
            )
            paired_cpu = statistics.median(
                x / y for x, y in zip(results[a].cpu_seconds, results[b].cpu_seconds, strict=True)
            )
            lines.append(
                f"{label + ':':15} {medians[a] / medians[b]:.3f} wall, "
                f"{cpu[a] / cpu[b]:.3f} CPU, {peaks[a] / peaks[b]:.3f} memory; "
                f"median of per-round ratios {paired:.3f} wall, {paired_cpu:.3f} CPU"
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
    parser.add_argument(
        "--together",
        action="store_true",
        help="build the variants two at a time, in the order given (off,on: both at once)",
    )
    args = parser.parse_args()
    variants = args.variants.split(",")
    print("command:", " ".join(["python", "benchmarks/run.py", *sys.argv[1:]]))
    medians_on: dict[int, float] = {}
    for n in args.reviews:
        with tempfile.TemporaryDirectory() as tmp:
            project = (args.keep or Path(tmp)) / f"library-{n}"
            generate(project, n, theme=args.theme)
            results = measure(project, variants, args.rounds, together=args.together)
            print(report(n, results), flush=True)
            if "on" in results:
                medians_on[n] = statistics.median(results["on"].seconds)
    if len(medians_on) > 1:
        small, large = min(medians_on), max(medians_on)
        print(f"scaling {large}/{small} reviews: {medians_on[large] / medians_on[small]:.2f}x time")


if __name__ == "__main__":
    main()
