"""`ragft --version` and `ragft paths` (issue 19): what a well-kept command-line
tool answers about itself."""

from __future__ import annotations

import json
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from tui import __version__
from tui.cli import main
from tui.core.content import bundled_content_dir, load_content


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as done:  # argparse ends --version this way
        code = done.code or 0
    out, err = capsys.readouterr()
    return code, out, err


def test_version_names_ragft_python_textual_and_the_content(capsys):
    code, out, err = run(capsys, "--version")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"ragft {__version__}",
        f"Python {platform.python_version()} ({platform.python_implementation()})",
        f"Textual {metadata.version('textual')}",
        f"content {load_content().version}",
    ]


def test_version_says_where_other_content_is_from_and_if_it_is_broken(
    capsys, monkeypatch, tmp_path
):
    monkeypatch.setenv("RAGFT_CONTENT", str(tmp_path))
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.splitlines()[-1] == f"content from {tmp_path}: 1 problem (any command lists them)"


def test_paths_says_where_everything_is(capsys, isolated_config, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "paths")
    assert (code, err) == (0, "")
    sessions = isolated_config / "ragft" / "sessions"
    assert [line.split(None, 1) for line in out.splitlines()] == [
        ["sessions", str(sessions)],
        ["trash", str(sessions / ".trash")],
        ["config", str(isolated_config / "ragft" / "config.toml")],
        ["content", str(bundled_content_dir())],
        ["exports", str(tmp_path)],
        ["authorized-keys", str(isolated_config / "ragft" / "authorized_keys")],
        ["host-key", str(isolated_config / "ragft" / "ssh_host_key")],
        ["people", str(isolated_config / "ragft" / "people")],
        ["web", str(isolated_config / "ragft" / "web")],
    ]


def test_paths_as_json_and_with_content_elsewhere(capsys, isolated_config, monkeypatch, tmp_path):
    monkeypatch.setenv("RAGFT_CONTENT", str(tmp_path))
    code, out, _ = run(capsys, "paths", "--json")
    assert code == 0
    found = json.loads(out)
    assert found["content"] == str(tmp_path)
    assert Path(found["sessions"]) == isolated_config / "ragft" / "sessions"


@pytest.mark.parametrize("args", [("paths", "extra"), ("paths", "--bogus")])
def test_paths_refuses_what_it_does_not_take_in_one_line(capsys, args):
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith("ragft: error: ")


@pytest.mark.parametrize(
    ("missing", "args", "message"),
    [
        ("asyncssh", ["serve"], "ragft serve needs the serve extra: pip install 'ragft[serve]'"),
        (
            "textual_serve",
            ["serve", "--web"],
            "ragft serve --web needs the web extra: pip install 'ragft[web]'",
        ),
    ],
)
def test_serve_without_its_extra_says_how_to_install_it(missing, args, message):
    code = (
        f"import sys; sys.modules[{missing!r}] = None\n"
        f"from tui.cli import main; sys.exit(main({args!r}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (2, f"ragft: error: {message}\n")
