"""The wheel and the sdist carry the content: installed into a fresh virtualenv
outside the checkout, `ragft decide` works from any directory."""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.support.paths import REPO

EXAMPLE = '[answers]\nproblem = "both"\nchange_rate = "daily"\nlabeled_data = "thousands"\n'


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    return next(out.glob("ragft-*.whl"))


def test_wheel_holds_every_content_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for toml in (REPO / "content").glob("*.toml"):
        assert f"tui/content/{toml.name}" in names
    for stylesheet in (REPO / "tui").rglob("*.tcss"):
        assert stylesheet.relative_to(REPO).as_posix() in names
    assert "tui/cli.py" in names


def install_and_decide_elsewhere(package: Path, tmp_path: Path) -> Path:
    """A fresh virtualenv with `package` installed, checked to decide an answers
    file in a folder far from the checkout; the virtualenv's path."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    installed = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(package)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "answers.toml").write_text(EXAMPLE)
    done = subprocess.run(
        [str(venv / "bin" / "ragft"), "decide", "answers.toml", "--json"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["recommendation"] == "hybrid"
    return venv


def test_installed_program_runs_outside_the_checkout(wheel, tmp_path):
    venv = install_and_decide_elsewhere(wheel, tmp_path)
    elsewhere = tmp_path / "elsewhere"
    where = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import tui.core.content as c; print(c.content_dir())",
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(venv)


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sdist")
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "-o", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    return next(out.glob("ragft-*.tar.gz"))


def test_the_sdist_holds_the_content_and_installs(sdist, tmp_path):
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for toml in (REPO / "content").glob("*.toml"):
        assert f"content/{toml.name}" in names
    assert "pyproject.toml" in names and "tui/cli.py" in names
    install_and_decide_elsewhere(sdist, tmp_path)
