"""ruff check and ruff format are clean, so CI catches what a commit forgot."""

from __future__ import annotations

import subprocess
import sys

from tests.support.paths import REPO


def ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args], cwd=REPO, capture_output=True, text=True, check=False
    )


def test_ruff_check():
    done = ruff("check", "--output-format", "concise", ".")
    assert done.returncode == 0, done.stdout


def test_ruff_format():
    done = ruff("format", "--check", ".")
    assert done.returncode == 0, done.stdout


def tool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, check=False
    )


def test_mypy():
    done = tool("mypy", "--no-error-summary")
    assert done.returncode == 0, done.stdout


def test_the_layers_hold():
    # pyproject's [tool.importlinter]: the core imports no shell and no Textual;
    # the wizard (tui.app) and the hosted modes (tui.serve) import neither other.
    command = (
        "import sys; from importlinter.cli import lint_imports_command as run; sys.exit(run())"
    )
    done = subprocess.run(
        [sys.executable, "-c", command, "--no-cache"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout
    assert "Contracts: 3 kept, 0 broken." in done.stdout


def test_no_module_imports_itself_round_a_circle():
    # The layers contract orders the wings; inside a wing, a circle (the engine,
    # the precedents and the labels once imported each other) is caught here.
    # Imports for type checking alone (a screen naming the app's class) never run.
    import grimp

    graph = grimp.build_graph("tui", cache_dir=None, exclude_type_checking_imports=True)
    circles = sorted(
        (importer, imported)
        for importer in graph.modules
        for imported in graph.find_modules_directly_imported_by(importer)
        if importer < imported and graph.chain_exists(importer=imported, imported=importer)
    )
    assert circles == []


LONG = 600


def test_a_long_module_says_why_at_its_top():
    # #37: past about 600 lines a module must say, in its opening docstring,
    # why it stays whole ("Long because ...").
    long_ones = []
    for path in sorted((REPO / "tui").rglob("*.py")):
        text = path.read_text()
        if text.count("\n") > LONG and "Long because" not in text[:3000]:
            long_ones.append(f"{path.relative_to(REPO)}: {text.count(chr(10))} lines")
    assert long_ones == []
