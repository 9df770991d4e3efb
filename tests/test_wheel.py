"""`pip install .` from a wheel: the packages and the data files they read at run time are in it.

The wheel is built from a copy of the files git tracks (nothing stale in the tree slips in) and
installed, without dependencies, into a folder of its own; then a fresh interpreter that sees
only that folder (and this venv's third-party packages) loads what the app loads from files: the
rule catalogue, the page templates and static files, the local Neo4j's pom and launcher.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("govgraph", "api", "visualise", "reporting", "graph", "importers", "core", "schema")
CHECK = """
import sys
from pathlib import Path
import api.app, govgraph.cli
from schema.catalogue import load_catalogue
from visualise.render import STATIC_FILES, environment
from govgraph.local_neo4j import LAUNCHER, POM

here = Path(sys.argv[1]).resolve()
assert Path(api.app.__file__).resolve().is_relative_to(here), api.app.__file__
assert len(load_catalogue()) == 21
environment().get_template("base.html")
assert all(path.exists() for path, _ in STATIC_FILES.values())
assert LAUNCHER.exists() and POM.exists()
print("ok")
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel of the files git tracks, built as `pip install .` would build it."""
    source = tmp_path_factory.mktemp("source")
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.split(b"\0")
    for name in filter(None, tracked):
        copy = source / name.decode()
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name.decode(), copy)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(source)],
        check=True,
        cwd=out,
    )
    [built] = out.glob("govgraph-*.whl")
    return built


def test_the_wheel_holds_every_package_and_no_tests(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/")[0] for name in names if "/" in name and ".dist-info" not in name}
    assert top == set(PACKAGES)
    assert "schema/rules/GM-01.toml" in names
    assert "visualise/templates/base.html" in names
    assert "govgraph/embedded/Launcher.java" in names


def test_the_installed_wheel_runs_without_the_source_tree(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "-t", str(target), wheel],
        check=True,
    )
    third_party = [p for p in sys.path if p.endswith("site-packages")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(target), *third_party])}
    done = subprocess.run(
        [sys.executable, "-c", CHECK, str(target)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
