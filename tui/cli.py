"""The `ragft` command.

The sub-commands that run on the core alone (`decide`, `--help`,
`--version`) must not import Textual: they are used from scripts and over SSH
and start in well under 150 ms. Keep Textual imports inside the functions that
start the app.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from tui import __version__
from tui.core.errors import ContentError, InputError

EXIT_USAGE = 2


class UsageError(Exception):
    """A bad command line or bad input: printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see 'ragft --help')")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ragft",
        description=(
            "Decide how to adapt an LLM to your product: better prompting, RAG, "
            "fine-tuning, or a hybrid."
        ),
        epilog=(
            "Environment: RAGFT_CONTENT=DIR loads guidance from another content folder "
            "(validated like the built-in one)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"ragft {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    decide = commands.add_parser(
        "decide",
        help="print the recommendation for an answers file",
        description=(
            "Evaluate an answers file (TOML with an [answers] table, such as a saved "
            "session) and print the recommendation, its reasons and what would change it."
        ),
    )
    decide.add_argument("file", metavar="FILE", help="answers file (TOML)")
    decide.add_argument("--json", action="store_true", help="print one JSON object instead")
    new = commands.add_parser(
        "new",
        help="start a new decision in the wizard",
        description="Open the full-screen wizard on a new session, at the first question.",
    )
    new.add_argument("name", metavar="NAME", help="a name for the decision")
    return parser


def _decide(arguments: argparse.Namespace) -> int:
    from tui.core.content import load_content
    from tui.core.engine import as_json, evaluate
    from tui.core.session import load_answers_file

    content = load_content()
    path = Path(arguments.file)
    try:
        session = load_answers_file(content, path)
    except InputError as error:
        raise UsageError(str(error)) from None
    result = evaluate(content, session.answers)
    if arguments.json:
        sys.stdout.write(json.dumps(as_json(content, result), indent=2) + "\n")
        return 0
    from rich.console import Console

    from tui.core.report import print_result

    print_result(content, result, f"ragft decide · {session.name}", Console())
    return 0


def _wizard(arguments: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from tui.app.app import RagftApp
    from tui.core.content import load_content
    from tui.core.session import Session

    content = load_content()
    session = None
    if arguments.command == "new":
        name = arguments.name.strip()
        if not name:
            raise UsageError("a session needs a name that is not blank")
        now = datetime.now(UTC).replace(microsecond=0)
        session = Session(name=name, created=now, updated=now, content_version=content.version)
    RagftApp(content, session).run()
    return 0


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    if arguments.command == "decide":
        return _decide(arguments)
    return _wizard(arguments)


def _error(message: str) -> None:
    sys.stderr.write(f"ragft: {message}\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: every failure becomes a message and an exit status, never a traceback."""
    try:
        return _run(argv)
    except UsageError as error:
        _error(f"error: {error}")
        return EXIT_USAGE
    except ContentError as error:
        for problem in error.problems:
            _error(f"content error: {problem}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`ragft decide x --json | head`); say nothing more.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as error:  # the last line of defence: never a traceback
        _error(f"internal error: {type(error).__name__}: {error} (please report this)")
        return 1
