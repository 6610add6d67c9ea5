"""The packages the install tests need, fetched before the tests so that the tests stay offline.

`make test-deps` runs `python -m tests.wheelhouse`: for each CPython that pyproject.toml claims
(its `Programming Language :: Python :: 3.X` classifiers) and this machine has, it downloads the
plugin's requirements (and Material's, where that Python can run it) into `.wheelhouse/3.X/`,
with that Python's own pip; and into `.wheelhouse/build/` the oldest setuptools of the major
release that `build-system.requires` names as its floor, so that building the sdist and the
wheel proves that floor builds them. tests/test_install.py installs from there with
`--no-index`: the tests themselves touch no network.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # the test venv runs 3.11 or newer (Material needs it); tomli is tomllib's own backport
    import tomli as tomllib

REPO = Path(__file__).resolve().parent.parent
WHEELHOUSE = REPO / ".wheelhouse"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
CLASSIFIER = re.compile(r"Programming Language :: Python :: (3\.\d+)$")


def claimed_pythons() -> list[str]:
    """Every `3.X` the project claims, oldest first."""
    found = (CLASSIFIER.match(c) for c in PYPROJECT["project"]["classifiers"])
    return sorted((m[1] for m in found if m), key=lambda v: int(v.split(".")[1]))


def find_python(version: str) -> Path | None:
    """A CPython `version` interpreter: pyenv's, else `python3.X` on PATH; None if neither runs."""
    pyenv = sorted((Path.home() / ".pyenv" / "versions").glob(f"{version}.*/bin/python{version}"))
    candidates = [*map(str, reversed(pyenv)), shutil.which(f"python{version}")]
    for candidate in candidates:
        if not candidate:
            continue
        probe = subprocess.run(
            [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
        )
        if probe.returncode == 0 and probe.stdout.strip() == version:
            return Path(candidate)
    return None


def requirements() -> list[str]:
    """The plugin's requirements and its `material` extra (their markers pick the Pythons)."""
    project = PYPROJECT["project"]
    return [*project["dependencies"], *project["optional-dependencies"]["material"]]


def setuptools_floor() -> str:
    """`setuptools>=N` from build-system.requires, as `setuptools>=N,<N+1`: the floor's major."""
    for requirement in PYPROJECT["build-system"]["requires"]:
        match = re.fullmatch(r"setuptools>=(\d+)", requirement.replace(" ", ""))
        if match:
            floor = int(match[1])
            return f"setuptools>={floor},<{floor + 1}"
    raise SystemExit("build-system.requires names no `setuptools>=N`")


def new_venv(python: Path, where: Path) -> Path:
    """A fresh virtual environment for `python` (virtualenv brings its own pip, offline);
    returns its bin/ folder."""
    subprocess.run(
        [sys.executable, "-m", "virtualenv", "--quiet", "--python", str(python), str(where)],
        check=True,
    )
    return where / "bin"


def download(pip: Path, dest: Path, packages: list[str]) -> None:
    result = subprocess.run(
        [str(pip), "download", "--quiet", "--dest", str(dest), *packages],
        capture_output=True,
        text=True,
    )
    # pip's notes about index locations this machine's pip configuration names are noise here.
    noise = re.compile(r"WARNING: Location .* is ignored")
    sys.stderr.writelines(
        f"{line}\n" for line in result.stderr.splitlines() if not noise.match(line)
    )
    result.check_returncode()


def main() -> None:
    WHEELHOUSE.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for version in claimed_pythons():
            python = find_python(version)
            if python is None:
                print(f"wheelhouse: no CPython {version} here; its install test will be skipped")
                continue
            pip = new_venv(python, Path(tmp) / version) / "pip"
            download(pip, WHEELHOUSE / version, requirements())
            # pip itself, for the fresh venvs that install the sdist.
            download(pip, WHEELHOUSE / version, ["pip", "setuptools>=77"])
            print(f"wheelhouse: {version} from {python}")
        # Only the floor: a newer setuptools beside it would be picked and hide a wrong floor.
        shutil.rmtree(WHEELHOUSE / "build", ignore_errors=True)
        download(Path(sys.executable).parent / "pip", WHEELHOUSE / "build", [setuptools_floor()])


if __name__ == "__main__":
    main()
