"""What users install: the sdist and the wheel, built as a release builds them, installed into
fresh virtual environments (never the source tree), under every CPython the project claims.

An editable install imports from the checkout, so it hides a folder the wheel forgot; these
tests install the built artefacts and use them as a user would: `bookreviews --version`,
`bookreviews check` and `mkdocs build --strict` of the example site. They install offline, from
`.wheelhouse/` (filled by `make test-deps`, see tests/wheelhouse.py).
"""

from __future__ import annotations

import ast
import email.parser
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .conftest import EXAMPLE_SITE, REPO
from .test_hosts import check_site, copy_example
from .wheelhouse import (
    PYPROJECT,
    WHEELHOUSE,
    claimed_pythons,
    find_python,
    new_venv,
)

PACKAGE = REPO / "mkdocs_bookreviews"
VERSION = PYPROJECT["project"]["version"]
# Installs and builds read only what is here: no index, no network.
OFFLINE = {
    **os.environ,
    "NO_MKDOCS_2_WARNING": "1",
    "PIP_NO_INDEX": "1",
    "PIP_DISABLE_PIP_VERSION_CHECK": "1",
}
# Where each import name the plugin uses comes from, when the two names differ.
DISTRIBUTION_OF = {
    "yaml": "pyyaml",
    "jinja2": "jinja2",
    "markupsafe": "markupsafe",
    "babel": "Babel",
}
# What a source checkout holds that a release does not ship.
NOT_SHIPPED = shutil.ignore_patterns(
    ".git", ".venv*", ".wheelhouse", "dist", "build", "site", "test-output", "__pycache__",
    "*.pyc", "*.egg-info", ".*_cache", ".hypothesis",
)  # fmt: skip


@dataclass(frozen=True)
class Dists:
    sdist: Path
    wheel: Path


def package_files() -> set[str]:
    """Every file under mkdocs_bookreviews/ a release must ship (caches aside)."""
    return {
        path.relative_to(REPO).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


def run(command: list[str | Path], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env={**OFFLINE, **env},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, (command, result.stdout[-3000:], result.stderr[-3000:])
    return result


def wheelhouse(folder: str) -> Path:
    path = WHEELHOUSE / folder
    if not path.is_dir():
        pytest.fail(f"{path} is missing: `make test-deps` fills it (python -m tests.wheelhouse)")
    return path


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> Dists:
    """`python -m build` of a copy of the checkout: the sdist, then the wheel built from the
    unpacked sdist, each in an isolated environment whose setuptools is the oldest release of
    the floor that build-system.requires names (so the floor is proven to build them)."""
    source = tmp_path_factory.mktemp("source") / "mkdocs-bookreviews"
    shutil.copytree(REPO, source, ignore=NOT_SHIPPED)
    out = tmp_path_factory.mktemp("dist")
    run(
        [sys.executable, "-m", "build", "--outdir", out, source],
        source,
        PIP_FIND_LINKS=str(wheelhouse("build")),
    )
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return Dists(sdist=sdist, wheel=wheel)


def test_the_wheel_ships_every_file_of_the_package(dists: Dists) -> None:
    with zipfile.ZipFile(dists.wheel) as archive:
        names = set(archive.namelist())
    missing = package_files() - names
    assert not missing, f"the wheel leaves out {sorted(missing)}"
    assert {n for n in names if n.startswith("mkdocs_bookreviews/")} == package_files()
    info = f"mkdocs_bookreviews-{VERSION}.dist-info"
    assert f"{info}/licenses/LICENSE" in names
    entry_points = zipfile.ZipFile(dists.wheel).read(f"{info}/entry_points.txt").decode()
    assert "bookreviews = mkdocs_bookreviews.glue.plugin:BookReviewsPlugin" in entry_points
    assert "bookreviews = mkdocs_bookreviews.cli:main" in entry_points


def test_the_sdist_ships_every_file_of_the_package(dists: Dists) -> None:
    root = f"mkdocs_bookreviews-{VERSION}/"
    with tarfile.open(dists.sdist) as archive:
        names = {m.name.removeprefix(root) for m in archive.getmembers() if m.isfile()}
    missing = package_files() - names
    assert not missing, f"the sdist leaves out {sorted(missing)}"
    assert {"LICENSE", "README.md", "pyproject.toml"} <= names


def third_party_imports() -> set[str]:
    """The top-level modules the package imports that are neither the standard library's nor
    its own."""
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"mkdocs_bookreviews"}


def test_the_requirements_are_what_the_code_imports(dists: Dists) -> None:
    with zipfile.ZipFile(dists.wheel) as archive:
        metadata = archive.read(f"mkdocs_bookreviews-{VERSION}.dist-info/METADATA").decode()
    required = [
        Requirement(line)
        for line in email.parser.Parser().parsestr(metadata).get_all("Requires-Dist", [])
    ]
    plain = {canonicalize_name(r.name) for r in required if r.marker is None}
    imported = {canonicalize_name(DISTRIBUTION_OF.get(m, m)) for m in third_party_imports()}
    assert plain == imported, (
        f"required and never imported: {sorted(plain - imported)}; "
        f"imported and not required: {sorted(imported - plain)}"
    )
    assert "python-frontmatter" not in {canonicalize_name(r.name) for r in required}


@pytest.fixture(scope="module")
def venvs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("venvs")


def installed(python: Path, where: Path, target: str, version: str) -> Path:
    """A fresh venv for `python` with `target` (a wheel or sdist, with extras) pip-installed
    from the wheelhouse; returns its bin/ folder, after checking that the plugin it imports is
    the installed copy, not the checkout."""
    bin_dir = new_venv(python, where)
    run(
        [bin_dir / "pip", "install", "--quiet", "--find-links", wheelhouse(version), target],
        where,
        # An sdist builds its wheel with the same setuptools floor as the `dists` fixture.
        PIP_FIND_LINKS=f"{wheelhouse(version)} {wheelhouse('build')}",
    )
    location = run(
        [bin_dir / "python", "-c", "import mkdocs_bookreviews as m; print(m.__file__)"], where
    ).stdout.strip()
    assert Path(location).is_relative_to(where), location
    return bin_dir


def use_like_a_user(bin_dir: Path, tmp_path: Path, *, material: bool) -> None:
    """`bookreviews --version`, `bookreviews check` and a strict build of the example site on
    MkDocs' own theme (and on Material, where this Python can run it)."""
    shown = run([bin_dir / "bookreviews", "--version"], tmp_path).stdout
    assert shown.strip() == f"bookreviews, version {VERSION}"
    project = copy_example(tmp_path / "mkdocs-theme", name="mkdocs")
    run([bin_dir / "mkdocs", "build", "--strict"], project)
    check_site(project / "site")
    checked = run([bin_dir / "bookreviews", "check"], project).stdout
    assert checked.strip().endswith(" 0 problems"), checked
    if material:
        project = tmp_path / "material"
        shutil.copytree(EXAMPLE_SITE, project, ignore=shutil.ignore_patterns("site"))
        run([bin_dir / "mkdocs", "build", "--strict"], project)
        check_site(project / "site")


@pytest.mark.parametrize("version", claimed_pythons())
def test_the_wheel_installs_and_builds_under_each_python(
    version: str, dists: Dists, venvs: Path, tmp_path: Path
) -> None:
    python = find_python(version)
    if python is None:
        pytest.skip(f"CPython {version} is not on this machine (~/.pyenv/versions, PATH)")
    material = tuple(map(int, version.split("."))) >= (3, 11)
    target = f"{dists.wheel}[material]" if material else str(dists.wheel)
    bin_dir = installed(python, venvs / f"wheel-{version}", target, version)
    use_like_a_user(bin_dir, tmp_path, material=material)


def test_the_sdist_installs_and_builds(dists: Dists, venvs: Path, tmp_path: Path) -> None:
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    bin_dir = installed(Path(sys.executable), venvs / "sdist", str(dists.sdist), version)
    use_like_a_user(bin_dir, tmp_path, material=False)
