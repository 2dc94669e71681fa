"""One connection's program: the wizard on a pseudo-terminal of its own, or
one of the commands a person may run without it, always as that person (in
their own folder) and always as a separate process, so that a crash or a
hang in one never touches another or the server."""

from __future__ import annotations

import asyncio
import fcntl
import os
import re
import shlex
import struct
import termios
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import asyncssh

from tui.core.files import describe
from tui.core.settings import CONFINE
from tui.core.store.places import slug
from tui.core.text import shown
from tui.serve.keys import Person
from tui.serve.limits import clamp_pixels, clamp_size
from tui.serve.processes import Activity, hang_up, start_ragft

OUTPUT_SETTLE = 0.1
# Terminal and locale names: letters, digits and a little punctuation, never a
# path or an escape sequence (xterm-256color, truecolor, en_US.UTF-8, de_DE@euro).
TERMINAL_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")
LOCALE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
PASSED_ON = {  # the client's variables passed to ragft, and what each may look like
    "NO_COLOR": re.compile(r"[A-Za-z0-9]{0,16}"),
    "COLORTERM": TERMINAL_NAME,
    "LANG": LOCALE_NAME,
    "LC_ALL": LOCALE_NAME,
}
COMMANDS = {"list", "export", "decide"}
EXIT_REFUSED = 2


def home(people: Path, person: Person) -> Path:
    """A person's own folder: their sessions, their config, their exports."""
    return people / person.folder


def move_old_folders(people: Path, persons: Iterable[Person]) -> list[str]:
    """Give each person the folder an older ragft made for them (named by the
    slug alone), where exactly one of today's names leads to it; a folder two
    names lead to stays where it is, since either could have made it. One
    line for each folder moved or left."""
    by_slug: dict[str, set[Person]] = {}
    for person in persons:
        by_slug.setdefault(slug(person.name), set()).add(person)
    lines = []
    for old_name, claimants in sorted(by_slug.items()):
        old = people / old_name
        if not old.is_dir():
            continue
        if len(claimants) > 1:
            names = ", ".join(sorted(shown(p.name) for p in claimants))
            lines.append(f"people/{old_name}: {names} could each own it; left as it is")
            continue
        (person,) = claimants
        if (people / person.folder).exists():
            continue
        try:
            old.rename(people / person.folder)
        except OSError as error:
            lines.append(describe(f"people/{old_name}", error))
            continue
        lines.append(f"people/{old_name}: now people/{person.folder}, {shown(person.name)}'s")
    return lines


def environment(folder: Path, client: Mapping[str, str], term: str | None) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(folder),
        "XDG_CONFIG_HOME": str(folder / ".config"),
        "XDG_CACHE_HOME": str(folder / ".cache"),
        "LANG": os.environ.get("LANG", "C.UTF-8"),
        CONFINE: str(folder),
    }
    if "RAGFT_CONTENT" in os.environ:  # the team's own guidance, if the server has one
        env["RAGFT_CONTENT"] = os.environ["RAGFT_CONTENT"]
    env.update({k: v for k, v in client.items() if k in PASSED_ON and PASSED_ON[k].fullmatch(v)})
    if term and TERMINAL_NAME.fullmatch(term):
        env["TERM"] = term
    elif term:
        env["TERM"] = "xterm-256color"  # what nearly every client is
    return env


def command_line(command: str | None) -> list[str] | str:
    """The ragft arguments for what the client asked to run, or why not."""
    if not command:
        return []
    try:
        words = shlex.split(command)
    except ValueError:
        # ssh joins its arguments with spaces, so `ssh box export "Ana's bot"`
        # arrives unquoted: take the rest of the line as the one name.
        words = command.split(None, 1)
    if not words or words[0] not in COMMANDS:
        allowed = ", ".join(sorted(COMMANDS))
        return f"only the wizard runs here, or one of: {allowed} (got {command[:40]!r})"
    name, *rest = words
    # Sessions by name only: a path could reach another person's folder.
    for word in rest:
        if word != "-" and (word.startswith(("/", "~", ".")) or "/" in word):
            return f"{name}: sessions are named here, not given as paths ({word[:40]!r})"
    if name == "export":
        if any(w in ("-o", "--output", "--force") or w.startswith("--output") for w in rest):
            return "export: the Markdown comes on standard output; -o is not available"
        return ["export", *rest, "-o", "-"]
    return [name, *rest]


def set_size(
    descriptor: int, width: int | None, height: int | None, pixels: tuple[int, int] = (0, 0)
) -> None:
    """Size a terminal as the client asks, within the limits (a client may
    ask for anything, 4 billion columns included)."""
    columns, rows = clamp_size(width, height)
    record = struct.pack("HHHH", rows, columns, clamp_pixels(pixels[0]), clamp_pixels(pixels[1]))
    fcntl.ioctl(descriptor, termios.TIOCSWINSZ, record)


async def _pump_input(process: asyncssh.SSHServerProcess, master: int, activity: Activity) -> None:
    """The client's keys to the wizard, and its window size changes to the
    terminal (the kernel then tells the wizard)."""
    while True:
        try:
            data = await process.stdin.read(65536)
        except asyncssh.TerminalSizeChanged as change:
            set_size(master, change.width, change.height, (change.pixwidth, change.pixheight))
            continue
        except (asyncssh.BreakReceived, asyncssh.SignalReceived):
            continue
        except (asyncssh.Error, OSError):
            return
        if not data:
            return
        activity.touch()
        view = memoryview(data)
        while view:
            try:
                view = view[os.write(master, view) :]
            except BlockingIOError:
                await asyncio.sleep(0.01)
            except OSError:
                return


async def run_wizard(
    process: asyncssh.SSHServerProcess,
    folder: Path,
    activity: Activity,
    started: Callable[[asyncio.subprocess.Process], None],
    memory_mib: int,
) -> int:
    """The wizard on a new pseudo-terminal wired to the SSH channel, until it
    ends or the client goes away (then it is hung up, and saves)."""
    master, slave = os.openpty()
    try:
        width, height, pixel_width, pixel_height = process.term_size
        set_size(slave, width, height, (pixel_width, pixel_height))
        child = await start_ragft(
            (),
            folder,
            environment(folder, process.env, process.term_type or "xterm-256color"),
            memory_mib,
            streams=(slave, slave, slave),
            terminal=True,
        )
    except BaseException:
        os.close(master)
        raise
    finally:
        os.close(slave)
    started(child)
    os.set_blocking(master, False)
    # The channel stays open when the wizard ends, for a last line from us.
    await process.redirect(stdout=os.dup(master), send_eof=False)
    pump = asyncio.ensure_future(_pump_input(process, master, activity))
    ended = asyncio.ensure_future(child.wait())
    try:
        await asyncio.wait({pump, ended}, return_when=asyncio.FIRST_COMPLETED)
        if not ended.done():  # the client went away first
            await hang_up(child)
        code = await ended
        # Let the last frame (the terminal put back as it was) reach the channel.
        await asyncio.sleep(OUTPUT_SETTLE)
        return code
    finally:
        pump.cancel()
        os.close(master)


async def run_command(
    process: asyncssh.SSHServerProcess,
    folder: Path,
    arguments: list[str],
    started: Callable[[asyncio.subprocess.Process], None],
    memory_mib: int,
) -> int:
    """A command for this person, its streams wired to the channel's."""
    pipe = asyncio.subprocess.PIPE
    child = await start_ragft(
        arguments,
        folder,
        environment(folder, process.env, None),
        memory_mib,
        streams=(pipe, pipe, pipe),
    )
    started(child)
    await process.redirect(stdin=child.stdin, stdout=child.stdout, stderr=child.stderr)
    closed = asyncio.ensure_future(process.channel.wait_closed())
    ended = asyncio.ensure_future(child.wait())
    await asyncio.wait({closed, ended}, return_when=asyncio.FIRST_COMPLETED)
    if not ended.done():
        await hang_up(child)
    closed.cancel()
    return await ended
