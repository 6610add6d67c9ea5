"""The core imports no MkDocs: only `mkdocs_bookreviews.glue` may.

Every module of the package outside the glue (and outside the command, which reads the site's
config through the glue) is imported in a fresh interpreter; afterwards no `mkdocs` module may
be loaded. A watcher on the import system names the module, and the line, that asked for MkDocs
first. Keeping the core free of MkDocs keeps the glue in one folder, and an adapter for another
host (Zensical, once it has a plugin API) small.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import mkdocs_bookreviews

REPO = Path(__file__).resolve().parent.parent
GLUE = "mkdocs_bookreviews.glue"
# The `bookreviews` command loads the site's config with MkDocs, through the glue.
NEEDS_GLUE = {"mkdocs_bookreviews.cli", "mkdocs_bookreviews.__main__"}

# Imports each module named in argv[1] (a JSON list) in turn and prints, as JSON, each one
# after whose import `mkdocs` modules were loaded: which, and who asked for them first. Those
# are then dropped from sys.modules, so that the next modules are judged on their own.
CHILD = """
import importlib, json, sys

def host_modules():
    return sorted(name for name in sys.modules if name == "mkdocs" or name.startswith("mkdocs."))

class Watch:
    asked = []  # "module, line N: imports mkdocs.x" for each first request of a module

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name == "mkdocs" or name.startswith("mkdocs."):
            frame = sys._getframe(1)
            while frame is not None:
                module = frame.f_globals.get("__name__", "")
                if module == "mkdocs_bookreviews" or module.startswith("mkdocs_bookreviews."):
                    cls.asked.append(f"{module}, line {frame.f_lineno}: imports {name}")
                    break
                frame = frame.f_back
        return None  # the usual finders do the importing

report = {}
if host_modules():
    report["(interpreter start-up)"] = {"loaded": host_modules()[:5], "asked": []}
sys.meta_path.insert(0, Watch)
for name in json.loads(sys.argv[1]):
    importlib.import_module(name)
    loaded = host_modules()
    if loaded:
        report[name] = {"loaded": loaded[:5], "asked": Watch.asked[:3]}
        for module in loaded:
            del sys.modules[module]
    Watch.asked.clear()
print(json.dumps(report))
"""


def core_modules() -> list[str]:
    """Every module of the package but the glue's and the command's, found by walking it."""
    found = pkgutil.walk_packages(mkdocs_bookreviews.__path__, "mkdocs_bookreviews.")
    names = [
        module.name
        for module in found
        if module.name != GLUE
        and not module.name.startswith(GLUE + ".")
        and module.name not in NEEDS_GLUE
    ]
    return ["mkdocs_bookreviews", *sorted(names)]


def test_the_walk_finds_the_core() -> None:
    names = core_modules()
    for expected in ("mkdocs_bookreviews.model", "mkdocs_bookreviews.views.shelf"):
        assert expected in names
    assert "mkdocs_bookreviews.reach.feed" in names
    assert not [name for name in names if name.startswith(GLUE) or name in NEEDS_GLUE]


def test_core_modules_import_no_mkdocs() -> None:
    names = core_modules()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(names)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, dict[str, list[str]]] = json.loads(done.stdout)
    culprits = [
        f"importing {name} loads {', '.join(found['loaded'])}"
        + "".join(f"\n    {line}" for line in found["asked"])
        for name, found in report.items()
    ]
    assert not culprits, "only mkdocs_bookreviews.glue may import MkDocs:\n" + "\n".join(culprits)
