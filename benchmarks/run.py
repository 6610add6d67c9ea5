"""Time MkDocs builds of one generated library with the plugin on and off, in one run.

These 2-core machines are noisy, so the variants are built alternately (off, on, off, on, ...)
in fresh processes, and what is reported is the ratio of medians from this one run, not
absolute seconds. Peak memory is each build process's own maximum RSS (from os.wait4).

    python benchmarks/run.py --reviews 1000 --rounds 3
    python benchmarks/run.py --reviews 1000 --rounds 3 --variants off,on,blog,navoff,navon
    python benchmarks/run.py --reviews 1000 10000 --rounds 3        # scaling of "on"
    python benchmarks/run.py --reviews 1000 --rounds 9 --together   # off and on at once
    python benchmarks/run.py --reviews 1000 10000 --rounds 3 1 --views genres all
    python benchmarks/run.py --reviews 1000 --rounds 3 --views all --language de

With --together, each pair of variants (off,on; navoff,navon; on,blog) is built at the same
time, one per core, so that the two builds of a round meet the same (shared, noisy) machine;
the median of the rounds' own ratios is then the steadier number.

Variants: off (no plugin, reviews out of the nav: MkDocs' floor), on (the plugin's defaults),
navoff/navon (every review in the automatic nav, without/with the plugin), blog (Material's
blog plugin with categories, same texts), all (the plugin with every view on), noonward (every
view on, without the onward links at each review's end).

--views SET [SET ...] measures off against the plugin with each set of views on (`genres`,
`all`, or kinds joined by commas: `genres,authors`), and against its replay: `replay.py` first
builds each set once in-process, recording what the plugin produced and timing each view, then
`replay-<set>` builds the same pages with the same HTML through a trivial hook, without the
plugin. It reports pages built, CPU per built page, the on/off and plugin/replay ratios and
each view's own time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import ALL_VIEWS, base_config, config_name, generate, plugin_config

VARIANTS = {
    "off": "mkdocs-off.yml",
    "on": "mkdocs-on.yml",
    "navoff": "mkdocs-navoff.yml",
    "navon": "mkdocs-navon.yml",
    "blog": "mkdocs-blog.yml",
    "all": "mkdocs-all.yml",
    "noonward": "mkdocs-noonward.yml",
}
REPLAY = Path(__file__).resolve().parent / "replay.py"


@dataclass
class Samples:
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    user_seconds: list[float] = field(default_factory=list)
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
        self.user = usage.ru_utime
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


def config_of(variant: str) -> str:
    """The config file of a variant: a fixed one, `replay-<v>` for v's replay, `on-<kinds>`."""
    if variant in VARIANTS:
        return VARIANTS[variant]
    return f"mkdocs-{variant}.yml"


def view_variant(views: str) -> tuple[str, tuple[str, ...]]:
    """The variant name and view kinds of a `--views` set: genres -> on, all -> all."""
    kinds = ALL_VIEWS if views == "all" else tuple(views.split(","))
    unknown = set(kinds) - set(ALL_VIEWS)
    if unknown:
        sys.exit(f"unknown views {sorted(unknown)}: use {', '.join(ALL_VIEWS)} or all")
    kinds = tuple(kind for kind in ALL_VIEWS if kind in kinds)
    return config_name(kinds)[len("mkdocs-") : -len(".yml")], kinds


def prepare_views(
    project: Path, views: list[str], theme: str, language: str | None = None
) -> dict[str, dict[str, Any]]:
    """Write each set's config, record it for the replay (timing each view); by variant."""
    recorded = {}
    for views_set in views:
        variant, kinds = view_variant(views_set)
        config = project / config_of(variant)
        if not config.exists():
            base = base_config(theme, language)
            config.write_text(yaml.safe_dump(plugin_config(base, kinds)), "utf-8")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        done = subprocess.run(
            [sys.executable, str(REPLAY), str(config)],
            cwd=project, env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            sys.exit(f"recording {config} failed:\n{done.stderr}")
        recorded[variant] = json.loads(done.stdout.strip().splitlines()[-1])
    return recorded


def pages_built(project: Path, variant: str) -> int:
    """How many pages the variant's last build wrote (each page is an index.html)."""
    config = yaml.safe_load((project / config_of(variant)).read_text("utf-8"))
    return sum(1 for _ in (project / config["site_dir"]).rglob("index.html"))


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
        Build(project, config_of(name)).wait()
    for round_ in range(rounds):
        for group in groups:
            # Alternate which of a pair starts first.
            order = group if round_ % 2 == 0 else group[::-1]
            builds = {}
            for name in order:
                build = Build(project, config_of(name))
                builds[build.process.pid] = (name, build)
            while builds:  # in the order they finish, each timed as it ends
                pid, status, usage = os.wait4(-1, 0)
                if pid not in builds:
                    continue
                name, build = builds.pop(pid)
                seconds, cpu, peak = build.finished(status, usage)
                results[name].seconds.append(seconds)
                results[name].cpu_seconds.append(cpu)
                results[name].user_seconds.append(build.user)
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


def report_views(
    n: int,
    results: dict[str, Samples],
    pages: dict[str, int],
    recorded: dict[str, dict[str, Any]],
) -> str:
    """Per view set: pages, CPU per page, on/off and plugin/replay ratios, each view's time.

    CPU is user + system time; system time (writing the site) is the noisiest part on a shared
    machine, so user time is shown beside it."""
    cpu = {name: statistics.median(s.cpu_seconds) for name, s in results.items()}
    user = {name: statistics.median(s.user_seconds) for name, s in results.items()}
    wall = {name: statistics.median(s.seconds) for name, s in results.items()}
    # The least user time of the rounds: what the build costs when nothing else disturbs it.
    least = {name: min(s.user_seconds) for name, s in results.items()}
    lines = [
        f"{n} reviews: {'variant':11} {'pages':>6} {'wall s':>7} {'CPU s':>7} {'user s':>7} "
        f"{'min user':>8} {'CPU ms/page':>12} {'user ms/page':>13}"
    ]
    for name in results:
        lines.append(
            f"{'':14}{name:11} {pages[name]:6} {wall[name]:7.2f} {cpu[name]:7.2f} "
            f"{user[name]:7.2f} {least[name]:8.2f} {cpu[name] / pages[name] * 1000:12.3f} "
            f"{user[name] / pages[name] * 1000:13.3f}"
        )

    def paired(a: str, b: str) -> float:
        return statistics.median(
            x / y for x, y in zip(results[a].cpu_seconds, results[b].cpu_seconds, strict=True)
        )

    for variant, record in recorded.items():
        replay = "replay-" + variant
        indent = " " * (len(variant) + 2)
        lines.append(
            f"{variant}: pages {pages[variant]} vs {pages['off']} off; CPU per built page on/off "
            f"{(cpu[variant] / pages[variant]) / (cpu['off'] / pages['off']):.3f} "
            f"(user {(user[variant] / pages[variant]) / (user['off'] / pages['off']):.3f}, "
            f"min user {(least[variant] / pages[variant]) / (least['off'] / pages['off']):.3f})"
        )
        lines.append(
            f"{indent}total on/off {cpu[variant] / cpu['off']:.3f} CPU, "
            f"{user[variant] / user['off']:.3f} user, "
            f"{least[variant] / least['off']:.3f} min user, "
            f"{wall[variant] / wall['off']:.3f} wall "
            f"(median of per-round CPU ratios {paired(variant, 'off'):.3f})"
        )
        if replay in results:
            lines.append(
                f"{indent}plugin/replay {cpu[variant] / cpu[replay]:.3f} CPU, "
                f"{user[variant] / user[replay]:.3f} user, "
                f"{least[variant] / least[replay]:.3f} min user, "
                f"{wall[variant] / wall[replay]:.3f} wall "
                f"(per-round CPU {paired(variant, replay):.3f}; replay: the same "
                f"{pages[replay]} pages and HTML through a trivial hook)"
            )
        total = record["cpu"]
        for kind, view in record["views"].items():
            own = view["group"] + view["render"]
            lines.append(
                f"{indent}view {kind:8} {view['pages']:5} pages  group {view['group']:.3f} s  "
                f"render {view['render']:.3f} s  ({own / total:.1%} of {total:.2f} s CPU, "
                "one in-process build)"
            )
        if (onward := record.get("onward")) is not None:
            own = onward["plan"] + onward["render"]
            lines.append(
                f"{indent}onward links {onward['pages']:5} reviews  plan {onward['plan']:.3f} s  "
                f"render {onward['render']:.3f} s  ({own / total:.1%} of {total:.2f} s CPU, "
                "one in-process build)"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--reviews", type=int, nargs="+", default=[1000])
    parser.add_argument(
        "--rounds", type=int, nargs="+", default=[3], help="rounds; one number per --reviews"
    )
    parser.add_argument("--theme", default="material", choices=["material", "mkdocs"])
    parser.add_argument(
        "--language", help="the theme's language, which the plugin writes in (default English)"
    )
    parser.add_argument("--variants", default="off,on")
    parser.add_argument(
        "--views",
        nargs="+",
        default=[],
        help="view sets to measure against off and their replay: genres, all, genres,authors",
    )
    parser.add_argument("--no-replay", action="store_true", help="with --views: no replay")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument(
        "--together",
        action="store_true",
        help="build the variants two at a time, in the order given (off,on: both at once)",
    )
    args = parser.parse_args()
    variants = args.variants.split(",")
    if args.views:
        variants = ["off"]
        for views_set in args.views:
            variant = view_variant(views_set)[0]
            variants += [variant] if args.no_replay else [variant, "replay-" + variant]
    rounds = args.rounds + [args.rounds[-1]] * (len(args.reviews) - len(args.rounds))
    print("command:", " ".join(["python", "benchmarks/run.py", *sys.argv[1:]]))
    medians_on: dict[str, dict[int, tuple[float, float]]] = {}  # CPU and user, by size
    views_render: dict[str, dict[int, float]] = {}
    for n, n_rounds in zip(args.reviews, rounds, strict=False):
        with tempfile.TemporaryDirectory() as tmp:
            project = (args.keep or Path(tmp)) / f"library-{n}"
            generate(project, n, theme=args.theme, language=args.language)
            recorded = (
                prepare_views(project, args.views, args.theme, args.language) if args.views else {}
            )
            results = measure(project, variants, n_rounds, together=args.together)
            print(report(n, results), flush=True)
            if recorded:
                pages = {name: pages_built(project, name) for name in results}
                print(report_views(n, results, pages, recorded), flush=True)
            for name, samples in results.items():
                medians_on.setdefault(name, {})[n] = (
                    statistics.median(samples.cpu_seconds),
                    statistics.median(samples.user_seconds),
                )
            for name, recorded_views in recorded.items():
                for kind, view in recorded_views["views"].items():
                    views_render.setdefault(f"{name} {kind}", {})[n] = (
                        view["group"] + view["render"]
                    )
    for name, by_n in medians_on.items():
        if len(by_n) > 1:
            small, large = min(by_n), max(by_n)
            (cpu_small, user_small), (cpu_large, user_large) = by_n[small], by_n[large]
            print(
                f"scaling {name} {large}/{small} reviews: {cpu_large / cpu_small:.2f}x CPU, "
                f"{user_large / user_small:.2f}x user"
            )
    for name, view_by_n in views_render.items():
        if len(view_by_n) > 1:
            small, large = min(view_by_n), max(view_by_n)
            first, last = view_by_n[small], view_by_n[large]
            growth = last / first if first else float("nan")
            print(
                f"scaling view {name} {large}/{small} reviews: {growth:.2f}x "
                f"({first:.3f} s -> {last:.3f} s, group + render)"
            )


if __name__ == "__main__":
    main()
