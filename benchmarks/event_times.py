"""Build one MkDocs project in this process and say how much CPU time each plugin's event
handlers took, and what share of the build that is.

    python benchmarks/generate.py /tmp/library --reviews 1000
    python benchmarks/event_times.py /tmp/library/mkdocs-on.yml

Only the handlers' own time is counted: the theme rendering the plugin's extra pages, or search
indexing them, shows up in the build's total, not under the plugin's name.
"""

from __future__ import annotations

import argparse
import os
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config


def timed(method: Callable[..., Any], key: str, times: dict[str, float]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return method(*args, **kwargs)
        finally:
            times[key] += time.process_time() - start

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("config", help="an mkdocs.yml")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(args.config)
    plugins = config.plugins
    times: dict[str, float] = defaultdict(float)
    origins = plugins._event_origins  # which plugin registered each handler
    for event, methods in plugins.events.items():
        wrapped = []
        for method in methods:
            origin = origins.get(method, "?")
            run = timed(method, f"{origin} {event}", times)
            origins[run] = origin
            wrapped.append(run)
        plugins.events[event] = wrapped
    start = time.process_time()
    build(config)
    total = time.process_time() - start
    by_plugin: dict[str, float] = defaultdict(float)
    for key, seconds in times.items():
        by_plugin[key.split(" ")[0]] += seconds
    print(f"build: {total:.2f} s CPU")
    for name, seconds in sorted(by_plugin.items(), key=lambda item: -item[1]):
        print(f"  {name:20} {seconds:6.3f} s  {seconds / total:6.1%}")
    for key, seconds in sorted(times.items(), key=lambda item: -item[1])[:12]:
        print(f"    {key:38} {seconds:6.3f} s")


if __name__ == "__main__":
    main()
