"""The README's install command, as written there, against the system's own
Python (issue 19): on Debian and Ubuntu that Python refuses `pip install`
(PEP 668), which a venv-only CI would never notice."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.paths import REPO
from tui import __version__

SYSTEM_PYTHON = Path("/usr/bin/python3")
LOGIN_PATH = "/usr/local/bin:/usr/bin:/bin"


def readme_install_command() -> str:
    """The one shell line in the README's "Install and run" section."""
    readme = (REPO / "README.md").read_text()
    section = readme.split("## Install and run", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    assert len(blocks) == 1 and blocks[0].count("\n") == 1, blocks
    return blocks[0].strip()


def fresh_login(home: Path) -> dict[str, str]:
    """The environment of a new login: a home of its own and the stock PATH.
    The pip settings are kept, as they say where this machine's packages come from."""
    kept = {k: v for k, v in os.environ.items() if k.startswith("PIP_")}
    return {**kept, "HOME": str(home), "PATH": LOGIN_PATH, "LANG": "C.UTF-8", "TERM": "dumb"}


def in_fresh_login(shell: list[str], home: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        shell, env=fresh_login(home), cwd=cwd, capture_output=True, text=True, timeout=600
    )


def as_login(command: str, home: Path) -> subprocess.CompletedProcess[str]:
    """`command` in a login shell, so ~/.profile sets the PATH as it would."""
    return in_fresh_login(["bash", "-lc", command], home, home)


@pytest.mark.skipif(not SYSTEM_PYTHON.exists(), reason="no system Python at /usr/bin/python3")
def test_the_readme_install_command_works_on_the_system_python(tmp_path):
    command = readme_install_command()
    install, _, start = command.rpartition(" && ")
    assert start == "ragft", command  # the wizard itself needs a terminal; checked below
    home = tmp_path / "home"
    home.mkdir()
    for dotfile in (".profile", ".bashrc"):
        if (Path("/etc/skel") / dotfile).exists():
            shutil.copy(Path("/etc/skel") / dotfile, home / dotfile)
    assert shutil.which("pipx", path=LOGIN_PATH), "tests/system-deps.sh installs pipx"
    installed = in_fresh_login(["sh", "-c", install], home, REPO)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    if not (home / ".profile").exists():  # no Debian skeleton: what `pipx ensurepath` adds
        (home / ".profile").write_text('PATH="$HOME/.local/bin:$PATH"\n')
    version = as_login("ragft --version", home)
    assert version.returncode == 0, version.stderr
    assert version.stdout.splitlines()[0] == f"ragft {__version__}"
    scenario = REPO / "tests" / "data" / "golden" / "kb-chatbot.toml"
    decided = as_login(f"ragft decide '{scenario}' --json", home)
    assert decided.returncode == 0, decided.stderr
    assert json.loads(decided.stdout)["recommendation"] == "rag"
