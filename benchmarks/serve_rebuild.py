"""Time a `mkdocs serve` rebuild after editing one review, next to the first (full) build.

    python benchmarks/serve_rebuild.py --reviews 1000 --edits 3
    python benchmarks/serve_rebuild.py --reviews 1000 10000 --edits 3 --modes plain dirty

Runs `mkdocs serve -v` (and `mkdocs serve -v --dirty` for `--modes dirty`) on a generated
library with the plugin and every view on (`--config mkdocs-all.yml`, the default; `mkdocs-on.yml`
for the plugin's defaults), edits one review's score at a time, and reports how long each
rebuild took (from the write to MkDocs' "Reloading browsers") and how many pages' front matter
the plugin re-read (its debug line): the cache by path and modification time should make that
1 of N.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Serve:
    def __init__(self, project: Path, config: str, *, dirty: bool) -> None:
        command = [sys.executable, "-m", "mkdocs", "serve", "-v", "-f", config,
                   "-a", f"127.0.0.1:{free_port()}", *(["--dirty"] if dirty else [])]  # fmt: skip
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self.process = subprocess.Popen(
            command,
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[tuple[float, str]] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append((time.perf_counter(), line.rstrip()))

    def quiet(self, at: int, seconds: float) -> int:
        """Wait until MkDocs has printed nothing for `seconds`; the index of its last line."""
        while True:
            count = len(self.lines)
            time.sleep(seconds)
            if len(self.lines) == count:
                return max(at, count - 1)

    def wait(self, pattern: str, after: int, timeout: float = 600) -> tuple[int, float, str]:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            for i in range(after, len(self.lines)):
                if re.search(pattern, self.lines[i][1]):
                    return i, *self.lines[i]
            if self.process.poll() is not None:
                sys.exit(
                    "mkdocs serve stopped:\n" + "\n".join(line for _, line in self.lines[-20:])
                )
            time.sleep(0.05)
        sys.exit(f"timed out waiting for {pattern!r}")


@dataclass
class Rebuilds:
    """What one `mkdocs serve` session measured."""

    first: float  # the first build, as MkDocs reports it
    times: list[float] = field(default_factory=list)  # from the write to "Reloading browsers"
    built: list[float] = field(default_factory=list)  # each rebuild as MkDocs reports it
    builds: list[int] = field(default_factory=list)  # builds MkDocs ran for one edit
    reads: list[str] = field(default_factory=list)  # the plugin's "N of M" re-read


def rebuilds(project: Path, config: str, edits: int, *, dirty: bool) -> Rebuilds:
    """Serve the project, edit `edits` reviews one at a time, and time each rebuild."""
    plugin = "bookreviews" in (project / config).read_text("utf-8")
    serve = Serve(project, config, dirty=dirty)
    try:
        at, _, line = serve.wait(r"Documentation built in", 0)
        result = Rebuilds(first=float(re.findall(r"built in ([\d.]+)", line)[0]))
        at, _, _ = serve.wait(r"Serving on", at)
        for edit in range(edits):
            review = project / "docs" / "reviews" / f"review-{edit + 1:05d}.md"
            text = review.read_text("utf-8")
            review.write_text(re.sub(r"score: [\d.]+", f"score: {edit % 5}.25", text), "utf-8")
            start = time.perf_counter()
            at, _, _ = serve.wait(r"Detected file changes", at + 1)
            if plugin:
                at, _, read_line = serve.wait(r"parsed the front matter of", at + 1)
                result.reads.append(re.findall(r"of (\d+ of \d+) pages", read_line)[0])
            built_at, _, built_line = serve.wait(r"Documentation built in", at + 1)
            at, end, _ = serve.wait(r"Reloading browsers", built_at + 1)
            result.times.append(end - start)
            result.built.append(float(re.findall(r"built in ([\d.]+)", built_line)[0]))
            at = serve.quiet(at, seconds=2)  # any further build this edit set off ends first
            result.builds.append(
                sum(1 for _, line in serve.lines[built_at - 1 : at + 1] if "built in" in line)
            )
    finally:
        serve.process.terminate()
        serve.process.wait(timeout=60)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--reviews", type=int, nargs="+", default=[1000])
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--config", default="mkdocs-all.yml", help="which generated config")
    parser.add_argument(
        "--modes", nargs="+", default=["plain"], choices=["plain", "dirty"],
        help="plain: `mkdocs serve`; dirty: `mkdocs serve --dirty`",
    )  # fmt: skip
    args = parser.parse_args()
    print("command:", " ".join(["python", "benchmarks/serve_rebuild.py", *sys.argv[1:]]))
    for n in args.reviews:
        for mode in args.modes:
            with tempfile.TemporaryDirectory() as tmp:
                project = Path(tmp)
                generate(project, n)
                result = rebuilds(project, args.config, args.edits, dirty=mode == "dirty")
            label = "serve --dirty" if mode == "dirty" else "serve"
            samples = " ".join(f"{t:.2f}" for t in result.times)
            built = " ".join(f"{t:.2f}" for t in result.built)
            reads = f"; front matter re-read: {', '.join(result.reads)}" if result.reads else ""
            print(
                f"{n} reviews, {label} ({args.config}): first build {result.first:.2f} s; "
                f"rebuild after one edit: median {statistics.median(result.times):.2f} s "
                f"(samples {samples}; MkDocs' own build times {built}; builds per edit "
                f"{' '.join(map(str, result.builds))}){reads}",
                flush=True,
            )


if __name__ == "__main__":
    main()
