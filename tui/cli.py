"""The `ragft` command.

The sub-commands that run on the core alone (`decide`, `--help`,
`--version`) must not import Textual: they are used from scripts and over SSH
and start in well under 150 ms. Keep Textual imports inside the functions that
start the app.

Long because the sub-commands share one argparse tree and their handlers are
short functions that defer their imports: one module each would leave this
file a table of imports without making any handler easier to read.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from tui.completion import SHELLS
from tui.core.errors import ContentError, InputError
from tui.core.settings import COLOR_SYSTEMS, EXPORT_FORMATS, Settings
from tui.core.settings import current as current_settings
from tui.core.text import visible
from tui.serve.limits import DEFAULT_MEMORY_MIB, MIN_MEMORY_MIB

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from tui.core.content import Content
    from tui.core.store.session import Session
    from tui.core.store.storage import Store

EXIT_USAGE = 2


class UsageError(Exception):
    """A bad command line or bad input: printed as one line, exit status 2."""


class _Version(argparse.Action):
    """--version: ragft's, Python's, Textual's and the content's, one a line."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print versions and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> NoReturn:
        from tui.core.words.about import version_lines

        sys.stdout.write("".join(f"{line}\n" for line in version_lines()))
        parser.exit()


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see 'ragft --help')")

    def print_help(self, file: SupportsWrite[str] | None = None) -> None:
        # argparse's own drops a failed write silently (help to a full disk
        # then exits 0 with nothing said); main says it in one line instead.
        (file or sys.stdout).write(self.format_help())


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-21") from None


def _add_ui_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """The terminal options, on the main parser and again on each sub-command
    (suppressed there, so a flag given before the command is not reset)."""
    default = argparse.SUPPRESS if suppress else None
    group = parser.add_argument_group("terminal options (each also set by its variable)")
    group.add_argument(
        "--plain",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="line-by-line prompts, no full-screen drawing "
        "(RAGFT_PLAIN=1; automatic for TERM=dumb)",
    )
    group.add_argument(
        "--ascii",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="draw with ASCII only, for the Linux console or PuTTY (RAGFT_ASCII=1)",
    )
    group.add_argument(
        "--no-mouse",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="no mouse tracking: less traffic on slow links (RAGFT_NO_MOUSE=1)",
    )
    group.add_argument(
        "--color-system",
        choices=COLOR_SYSTEMS,
        default=default,
        help="colours to use: auto (default), truecolor, 256, standard (16), none "
        "(RAGFT_COLOR_SYSTEM)",
    )


def _session_argument(parser: argparse.ArgumentParser, dest: str, help_text: str) -> None:
    """A NAME|FILE argument, which Tab completes to the saved sessions' names."""
    from tui.completion import session_names

    argument = parser.add_argument(dest, metavar="NAME|FILE", help=help_text)
    argument.completer = session_names  # type: ignore[attr-defined]  # read by argcomplete


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
    parser.add_argument("--version", action=_Version)
    _add_ui_options(parser, suppress=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    decide = commands.add_parser(
        "decide",
        help="print the recommendation for an answers file",
        description=(
            "Evaluate an answers file (TOML with an [answers] table, such as a saved "
            "session) and print the recommendation, its reasons and what would change it."
        ),
    )
    _session_argument(
        decide, "file", "a saved session's name, an answers file (TOML), or - for standard input"
    )
    decide.add_argument("--json", action="store_true", help="print one JSON object instead")
    decide.add_argument("--months", type=_months, metavar="N", help=MONTHS_HELP)
    new = commands.add_parser(
        "new",
        help="start a new decision in the wizard",
        description="Open the full-screen wizard on a new session, at the first question.",
    )
    new.add_argument("name", metavar="NAME", help="a name for the decision")
    _add_ui_options(new, suppress=True)
    opened = commands.add_parser(
        "open",
        help="open a saved session in the wizard",
        description="Open a saved session where you left it.",
    )
    _session_argument(opened, "name", "a saved session's name, or its file")
    _add_ui_options(opened, suppress=True)
    listing = commands.add_parser(
        "list",
        help="list saved sessions",
        description="List saved sessions, newest first, with what each recommends.",
    )
    listing.add_argument("--json", action="store_true", help="print a JSON array instead")
    cases = commands.add_parser(
        "cases",
        help="list the published decisions ragft draws precedents from",
        description=(
            "List the case library: decisions teams, vendors and researchers published, "
            "with what they chose, newest first."
        ),
    )
    cases.add_argument("--use-case", metavar="ID", help="only cases of this kind of task")
    cases.add_argument("--chose", metavar="APPROACH", help="only cases that chose this approach")
    cases.add_argument("--json", action="store_true", help="print a JSON array instead")
    remove = commands.add_parser(
        "rm",
        help="move a saved session to the trash",
        description="Move a saved session to the trash folder beside the sessions.",
    )
    _session_argument(remove, "name", "a saved session's name, or its file")
    paths = commands.add_parser(
        "paths",
        help="say where sessions, trash, content and exports are",
        description=(
            "Print where ragft keeps sessions and trash, reads content, writes exports "
            "and keeps the keys of ragft serve."
        ),
    )
    paths.add_argument("--json", action="store_true", help="print one JSON object instead")
    completion = commands.add_parser(
        "completion",
        help="print the script that makes a shell complete ragft",
        description="Print the Tab-completion script for bash, zsh or fish (see the README).",
    )
    completion.add_argument("shell", choices=SHELLS, help="the shell to complete in")
    export = commands.add_parser(
        "export",
        help="write a session as Markdown",
        description=(
            "Write a session as Markdown: a summary for a design doc, or an architecture "
            "decision record (MADR 4)."
        ),
    )
    _session_argument(export, "name", "a saved session's name, or its file")
    export.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        help="default: summary, or export_format in the config file",
    )
    export.add_argument(
        "-o", "--output", metavar="PATH|-", help="where to write (default ./NAME.md; - for stdout)"
    )
    export.add_argument("--force", action="store_true", help="overwrite an existing file")
    export.add_argument(
        "--date", type=_iso_date, metavar="YYYY-MM-DD", help="the date the export carries"
    )
    export.add_argument("--months", type=_months, metavar="N", help=MONTHS_HELP)
    serve = commands.add_parser(
        "serve",
        help="host the wizard for a team over SSH (the serve extra)",
        description=(
            "Run an SSH server that puts each teammate straight into the wizard, with "
            "sessions of their own: ssh -p PORT HOST. Keys only; each key names its person."
        ),
    )
    serve.add_argument(
        "--web", action="store_true", help="serve it to browsers instead (the web extra)"
    )
    serve.add_argument(
        "--host", help="address to listen on (default: every one; 127.0.0.1 with --web)"
    )
    serve.add_argument("--port", type=_port, help="port (default 2222; 8000 with --web)")
    serve.add_argument(
        "--token", help="with --web: the token every request needs (default: a new random one)"
    )
    serve.add_argument(
        "--token-file",
        metavar="FILE",
        help="with --web: read the token from FILE (or set RAGFT_WEB_TOKEN), out of sight of ps",
    )
    serve.add_argument(
        "--host-key", metavar="FILE", help="the server's key (default: made on first start)"
    )
    serve.add_argument(
        "--authorized-keys",
        metavar="FILE",
        help="the team's public keys, OpenSSH format (default: in ragft's config folder)",
    )
    serve.add_argument(
        "--max-connections", type=_positive, default=50, metavar="N", help="default 50"
    )
    serve.add_argument(
        "--idle-timeout",
        type=_minutes,
        default=60,
        metavar="MINUTES",
        help="hang up a wizard nobody has typed in for this long, saving first (default 60)",
    )
    serve.add_argument(
        "--memory-limit",
        type=_memory_limit,
        default=DEFAULT_MEMORY_MIB,
        metavar="MIB",
        help=f"each wizard's address-space ceiling in MiB (default {DEFAULT_MEMORY_MIB})",
    )
    return parser


def _memory_limit(text: str) -> int:
    if not text.isdigit() or not MIN_MEMORY_MIB <= int(text) <= 1_048_576:
        raise argparse.ArgumentTypeError(
            f"not a number of MiB from {MIN_MEMORY_MIB} to 1048576: {text[:20]!r}"
        )
    return int(text)


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number (1 to 65535): {text[:20]!r}")
    return int(text)


MONTHS_HELP = "months the costs look ahead, 12 to 60 (default: the file's months, else 24)"


def _months(text: str) -> int:
    from tui.core.store.session import parse_months

    try:
        return parse_months(int(text) if text.strip().isdigit() else text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _positive(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 1_000_000:
        raise argparse.ArgumentTypeError(f"not a whole number from 1 to 1,000,000: {text[:20]!r}")
    return int(text)


def _minutes(text: str) -> float:
    try:
        minutes = float(text)
    except ValueError:
        minutes = 0.0
    if not 0 < minutes <= 100_000:
        raise argparse.ArgumentTypeError(f"not a number of minutes above 0: {text[:20]!r}")
    return minutes


def _serve(arguments: argparse.Namespace) -> int:
    if arguments.web:
        return _serve_web(arguments)
    if arguments.token is not None or arguments.token_file is not None:
        raise UsageError("--token goes with --web; over SSH, keys stand in for it")
    import warnings

    # The cryptography package warns, on import, of DSA keys we never use.
    warnings.filterwarnings("ignore", message="DSA is deprecated")
    try:
        import asyncssh  # noqa: F401 - only to know whether the extra is installed
    except ImportError:
        raise UsageError("ragft serve needs the serve extra: pip install 'ragft[serve]'") from None
    from tui.core.files import user_path
    from tui.core.words.about import places
    from tui.serve.keys import KeysError
    from tui.serve.server import Settings, serve

    found = places()
    settings = Settings(
        host=arguments.host or "",
        port=arguments.port or 2222,
        host_key=user_path(arguments.host_key) if arguments.host_key else found["host-key"],
        authorized_keys=(
            user_path(arguments.authorized_keys)
            if arguments.authorized_keys
            else found["authorized-keys"]
        ),
        people=found["people"],
        max_connections=arguments.max_connections,
        idle_timeout=arguments.idle_timeout * 60.0,
        memory_mib=arguments.memory_limit,
    )
    try:
        return serve(settings)
    except KeysError as error:
        raise UsageError(str(error)) from None
    except OSError as error:
        raise UsageError(
            f"cannot listen on port {arguments.port}: {error.strerror or error}"
        ) from None


def _serve_web(arguments: argparse.Namespace) -> int:
    try:
        import textual_serve  # noqa: F401 - only to know whether the extra is installed
    except ImportError:
        raise UsageError(
            "ragft serve --web needs the web extra: pip install 'ragft[web]'"
        ) from None
    from tui.core.words.about import places
    from tui.serve.web import TOKEN_VARIABLE, WebSettings, new_token, serve_web, token_problem

    token, given_as = _web_token(arguments, TOKEN_VARIABLE)
    if token is not None and (problem := token_problem(token)):
        raise UsageError(f"{given_as}: {problem}")
    port = arguments.port or 8000
    settings = WebSettings(
        host=arguments.host or "127.0.0.1",
        port=port,
        token=token or new_token(),
        folder=places()["web"],
        max_connections=arguments.max_connections,
        idle_timeout=arguments.idle_timeout * 60.0,
        memory_mib=arguments.memory_limit,
    )
    try:
        return serve_web(settings)
    except OSError as error:
        raise UsageError(f"cannot listen on port {port}: {error.strerror or error}") from None


def _web_token(arguments: argparse.Namespace, variable: str) -> tuple[str | None, str]:
    """The token the user gave, and where it came from: --token (which `ps`
    shows to everyone on the machine), --token-file, or the environment."""
    if arguments.token is not None:
        return arguments.token, "--token"
    if arguments.token_file is not None:
        from tui.core.files import user_path
        from tui.core.text import shown_path
        from tui.core.tomlfile import UnreadableFile, read_bytes

        path = user_path(arguments.token_file)
        given_as = f"--token-file {shown_path(path)}"
        try:
            return read_bytes(path, 4096, "a token").decode().strip(), given_as
        except UnreadableFile as error:
            raise UsageError(f"{given_as}: {error}") from None
        except UnicodeDecodeError:
            raise UsageError(f"{given_as}: not UTF-8 text") from None
    if os.environ.get(variable):
        return os.environ[variable], variable
    return None, ""


def _store(content: Content) -> Store:
    from tui.core.store.storage import Store

    return Store(content)


def _find(store: Store, name: str) -> Path:
    try:
        return store.find(name)
    except InputError as error:
        raise UsageError(str(error)) from None


def _decide(arguments: argparse.Namespace) -> int:
    from tui.core.content import load_content
    from tui.core.decide.engine import as_json, evaluate
    from tui.core.store.session import MAX_FILE_BYTES, load_answers_bytes, load_answers_file

    content = load_content()
    try:
        if arguments.file == "-":
            if sys.stdin is None:  # ragft was started with it closed
                raise UsageError("cannot read standard input: it is closed")
            session = load_answers_bytes(content, sys.stdin.buffer.read(MAX_FILE_BYTES + 1))
        else:
            session = load_answers_file(content, _find(_store(content), arguments.file))
    except InputError as error:
        raise UsageError(str(error)) from None
    months = arguments.months or session.months
    result = evaluate(content, session.answers)
    if arguments.json:
        import json

        from tui.core.decide import costs as cost_model
        from tui.core.decide import precedents, test_plan

        decision = as_json(content, result)
        decision["costs"] = cost_model.as_json(
            content, cost_model.estimate(content, result, session.assumptions, months)
        )
        decision["test_plan"] = test_plan.as_json(test_plan.checks_for(content, result))
        decision["precedents"] = precedents.as_json(content, result.precedents)
        decision["precedents_disagree"] = result.dissent
        sys.stdout.write(json.dumps(decision, indent=2) + "\n")
        return 0
    from rich.console import Console

    from tui.core.decide.costs import estimate
    from tui.core.words.report import print_result

    costs = estimate(content, result, session.assumptions, months)
    print_result(content, session, result, costs, f"ragft decide · {session.name}", Console())
    return 0


def _load(store: Store, path: Path) -> Session:
    """A session file through the store (answers it does not know are kept);
    any other answers file strictly, as `decide` reads it."""
    from tui.core.store.session import load_answers_file

    try:
        if path.resolve().parent == store.folder.resolve():
            return store.read(path)
        return load_answers_file(store.content, path)
    except InputError as error:
        raise UsageError(str(error)) from None


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long, say: writing it will say so in one line
        return False


def _export(arguments: argparse.Namespace) -> int:
    from tui.core.content import load_content
    from tui.core.files import user_path
    from tui.core.store.exports import default_file_name, write_export
    from tui.core.words.export import render

    content = load_content()
    store = _store(content)
    session = _load(store, _find(store, arguments.name))
    if arguments.months:
        session = session.with_months(arguments.months)
    settings = current_settings()
    if settings.config_problem:
        _error(settings.config_problem)
    fmt = arguments.format or settings.export_format
    text = render(content, session, fmt, arguments.date or date.today())
    # /dev/stdout too: redirected to a file it would otherwise be a file that exists.
    if arguments.output in ("-", "/dev/stdout"):
        sys.stdout.write(text)
        return 0
    if arguments.output is not None and not arguments.output.strip():
        raise UsageError("-o needs a file name (or - for standard output)")
    try:
        target = user_path(arguments.output or default_file_name(session))
        # A folder (named as one, or there) gets the export under its own name.
        if (arguments.output or "").endswith("/") or _is_folder(target):
            target = target / default_file_name(session)
        write_export(target, text, overwrite=arguments.force)
    except InputError as error:
        raise UsageError(str(error)) from None
    # A status line, not the export: on stderr, so -o /dev/stdout stays clean.
    sys.stderr.write(f"wrote {visible(str(target))}\n")
    return 0


def _list(arguments: argparse.Namespace) -> int:
    from tui.core.content import load_content
    from tui.core.store.listing import summarize

    content = load_content()
    store = _store(content)
    summaries = [summarize(content, entry) for entry in store.entries()]
    problem = None if summaries else store.folder_problem()
    if problem:
        raise UsageError(problem)
    if arguments.json:
        import json

        sys.stdout.write(json.dumps([s.as_json() for s in summaries], indent=2) + "\n")
        return 0
    from rich.console import Console

    from tui.core.words.report import print_sessions

    print_sessions(content, summaries, store.folder, Console())
    return 0


def _cases(arguments: argparse.Namespace) -> int:
    from tui.core.content import load_content
    from tui.core.decide.precedents import case_json, find_cases

    content = load_content()
    tasks = content.questions["use_case"].choice_ids
    if arguments.use_case is not None and arguments.use_case not in tasks:
        raise UsageError(
            f"--use-case: unknown kind of task '{arguments.use_case}' (allowed: {', '.join(tasks)})"
        )
    if arguments.chose is not None and arguments.chose not in content.approaches:
        raise UsageError(
            f"--chose: unknown approach '{arguments.chose}' "
            f"(allowed: {', '.join(content.approaches)})"
        )
    found = find_cases(content, use_case=arguments.use_case, chose=arguments.chose)
    if arguments.json:
        import json

        sys.stdout.write(json.dumps([case_json(content, c) for c in found], indent=2) + "\n")
        return 0
    from rich.console import Console

    from tui.core.words.report import print_cases

    print_cases(content, found, Console())
    return 0


def _remove(arguments: argparse.Namespace) -> int:
    from tui.core.content import load_content
    from tui.core.store.storage import StorageError

    store = _store(load_content())
    path = _find(store, arguments.name)
    if path.resolve().parent != store.folder.resolve():
        raise UsageError(f"{path} is not a saved session (those are in {store.folder})")
    try:
        trashed = store.trash(path)
    except StorageError as error:
        raise UsageError(str(error)) from None
    sys.stdout.write(f"moved {visible(path.name)} to the trash: {visible(str(trashed))}\n")
    return 0


def _settings(arguments: argparse.Namespace) -> Settings:
    """This run's settings (the config file's, the environment's, the options'),
    installed for the core and with what Textual reads on import set."""
    from tui.core import settings
    from tui.core.store.config import load_config

    config, problem = load_config()
    try:
        found = settings.settings_from(
            config,
            problem,
            os.environ,
            plain=getattr(arguments, "plain", False),
            ascii=getattr(arguments, "ascii", False),
            no_mouse=getattr(arguments, "no_mouse", False),
            color_system=getattr(arguments, "color_system", None),
        )
    except InputError as error:
        raise UsageError(str(error)) from None
    settings.install(found)
    os.environ.update(settings.textual_environment(found, os.environ))
    return found


def _wizard(arguments: argparse.Namespace, settings: Settings) -> int:
    from tui.core.content import load_content
    from tui.core.store.clock import now
    from tui.core.store.session import new_session

    content = load_content()
    store = _store(content)
    session, path = None, None
    if arguments.command == "new":
        try:
            session = new_session(arguments.name, content, now())
            existing = store.named(session.name)
        except InputError as error:
            raise UsageError(str(error)) from None
        if existing is not None:
            # Two sessions of one name could no longer be opened by it.
            name = visible(store.read(existing).name)
            raise UsageError(
                f"a session named '{name}' exists ({existing.name}); "
                f"open it with: ragft open '{name}'"
            )
    elif arguments.command == "open":
        path = _find(store, arguments.name)
        try:
            session = store.load(path)
        except InputError as error:
            raise UsageError(str(error)) from None
    # In a browser tab (ragft serve --web) the terminal is textual-serve's.
    interactive = sys.stdin is not None and sys.stdin.isatty() and sys.stdout.isatty()
    if not settings.plain and not settings.in_browser and not interactive:
        raise UsageError(
            "no terminal: the wizard needs one, so run it with 'ssh -t' "
            "(or use --plain, or decide, list and export, which need none)"
        )
    if settings.plain:
        from tui.plain import run_plain

        if sys.stdin is None:  # ragft was started with it closed
            raise UsageError("plain mode reads its answers from standard input, which is closed")

        if settings.config_problem:
            _error(settings.config_problem)
        return run_plain(content, store, session, path, export_format=settings.export_format)
    from tui.app.app import RagftApp  # the full-screen wizard alone needs Textual

    RagftApp(content, store, session, path, settings=settings).run(mouse=settings.mouse)
    return 0


def _paths(arguments: argparse.Namespace) -> int:
    from tui.core.words.about import places

    found = places()
    if arguments.json:
        import json

        sys.stdout.write(json.dumps({k: str(v) for k, v in found.items()}, indent=2) + "\n")
        return 0
    width = max(map(len, found))
    for what, where in found.items():
        sys.stdout.write(f"{what:<{width}}  {visible(str(where))}\n")
    return 0


def _completion(arguments: argparse.Namespace) -> int:
    from tui.completion import script

    sys.stdout.write(script(arguments.shell))
    return 0


COMMANDS = {
    "decide": _decide,
    "list": _list,
    "cases": _cases,
    "rm": _remove,
    "export": _export,
    "paths": _paths,
    "completion": _completion,
    "serve": _serve,
}


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    if "_ARGCOMPLETE" in os.environ:  # the shell asks for completions: answer, then exit
        from tui.completion import complete

        complete(parser)
    arguments = parser.parse_args(argv)
    settings = _settings(arguments)  # every command: a hosted person's folder is one
    command = COMMANDS.get(arguments.command)
    return command(arguments) if command else _wizard(arguments, settings)


def _error(message: str) -> None:
    # Messages quote names, keys and paths from files and arguments: one line,
    # with any control character shown, never sent to the terminal.
    if sys.stderr is not None:  # None when ragft was started with it closed
        sys.stderr.write(f"ragft: {visible(message)}\n")


# What writing the output meets when it cannot go anywhere: a full device
# (/dev/full, a full disk), an input/output error, a descriptor closed under us.
_OUTPUT_ERRORS = (errno.ENOSPC, errno.EIO, errno.EBADF, errno.EDQUOT)


def _output_failed(error: OSError) -> int:
    from tui.core.files import describe

    _error(describe("cannot write the output", error))
    # Nothing more may reach it, or Python's own flush at exit would fail again.
    _silence_output()
    return EXIT_USAGE


def _silence_output() -> None:
    """Standard output pointed at /dev/null for the rest of the run."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _flushed(code: int) -> int:
    """`code`, once the output has really been written (a full device says so
    only when the buffer is flushed)."""
    sys.stdout.flush()
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: every failure becomes a message and an exit status, never a traceback."""
    if sys.stdout is None:  # started with standard output closed
        _error("cannot write the output: standard output is closed")
        return EXIT_USAGE
    try:
        return _flushed(_run(argv))
    except SystemExit:  # --help and --version print, then leave
        try:
            sys.stdout.flush()
        except OSError as error:
            if error.errno not in _OUTPUT_ERRORS:
                raise
            raise SystemExit(_output_failed(error)) from None
        raise
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
        _silence_output()
        return 0
    except OSError as error:
        if error.errno not in _OUTPUT_ERRORS:
            _error(f"internal error: {type(error).__name__}: {error} (please report this)")
            return 1
        return _output_failed(error)
    except Exception as error:  # the last line of defence: never a traceback
        _error(f"internal error: {type(error).__name__}: {error} (please report this)")
        return 1
