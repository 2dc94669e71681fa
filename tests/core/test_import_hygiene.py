"""The core and the non-interactive commands never import Textual: they start
fast and run where no terminal UI could."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import pytest

import tui.core
from tests.support.paths import REPO

PROBE = """
import json, sys
from tui.cli import main
try:
    code = main({argv!r})
except SystemExit as exit:
    code = exit.code
heavy = sorted({{m.split('.')[0] for m in sys.modules}} & {{'textual', 'tomli_w'}})
print(json.dumps({{'code': code, 'heavy': heavy}}), file=sys.stderr)
"""


def probe(argv: list[str]) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    return json.loads(done.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["--version"],
        ["decide", "--help"],
        ["decide", "{scenario}", "--json"],
        ["decide", "{scenario}"],
        ["list"],
        ["list", "--json"],
        ["cases"],
        ["cases", "--use-case", "chatbot", "--json"],
        ["export", "{scenario}", "-o", "-"],
        ["export", "{scenario}", "--format", "adr", "-o", "-"],
        ["paths"],
        ["paths", "--json"],
        ["completion", "bash"],
    ],
    ids=[
        "help",
        "version",
        "decide-help",
        "decide-json",
        "decide-rich",
        "list",
        "list-json",
        "cases",
        "cases-json",
        "export",
        "export-adr",
        "paths",
        "paths-json",
        "completion",
    ],
)
def test_commands_import_no_textual(tmp_path, argv):
    scenario = tmp_path / "a.toml"
    scenario.write_text('[answers]\nproblem = "both"\n')
    result = probe([arg.format(scenario=scenario) for arg in argv])
    assert result == {"code": 0, "heavy": []}


CORE_MODULES = [
    m.name for m in pkgutil.walk_packages(tui.core.__path__, "tui.core.") if not m.ispkg
]


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_modules_import_no_textual(module):
    code = f"import sys, {module}; print('textual' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
