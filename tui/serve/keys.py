"""The server's keys: its host key, made on first start, and the people's
public keys in an OpenSSH authorized_keys file, re-read when it changes.

A key's person is its `ragft-user="Name"` option, else the key's comment;
two keys with one name share one folder, and two names never do: a folder
is the name's readable slug plus a hash of the exact name. Other OpenSSH options (`from=`,
`command=` and the rest) are not honoured, so a line with one is left out
rather than granted more than it says."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path
from typing import NamedTuple

import asyncssh

from tui.core.files import describe
from tui.core.store.places import slug
from tui.core.text import shown, shown_path

HOST_KEY_ALGORITHM = "ssh-ed25519"
KEY_TYPE = re.compile(r"^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-\S+|sk-\S+)$")
USER_OPTION = "ragft-user"
FOLDER_HASH = 12  # hex digits: 48 bits, so two names of one team never meet by chance


SHARED_FOLDER = "line left out: rename one of them"
WRITABLE = "every login refused until then"


class KeysError(Exception):
    """Why the server cannot start: one line."""


class Person(NamedTuple):
    name: str  # as written in the file
    folder: str  # person_folder(name)


def person_folder(name: str) -> str:
    """A person's folder name: readable (the slug a session's file name would
    get) and their own (a slug drops non-ASCII letters and case, so "李明" and
    "王芳" share one; the hash of the exact name, in its composed Unicode form,
    tells them apart the same way on every start)."""
    exact = unicodedata.normalize("NFC", name)
    return f"{slug(exact)}-{hashlib.sha256(exact.encode()).hexdigest()[:FOLDER_HASH]}"


class Grant(NamedTuple):
    person: Person
    fingerprint: str


def host_key(path: Path) -> asyncssh.SSHKey:
    """The server's host key, generated (readable by its owner alone) when absent."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise KeysError(describe(f"the host key {shown_path(path)}", error)) from None
    if mode is not None and mode & 0o077:
        # As OpenSSH does: a private key others can read is no longer private.
        raise KeysError(
            f"{shown_path(path)}: the host key is readable by others; chmod 600 it "
            "(and treat it as leaked: a new one changes what teammates' ssh expects)"
        )
    try:
        return asyncssh.read_private_key(path)
    except FileNotFoundError:
        pass
    except (OSError, asyncssh.KeyImportError, ValueError) as error:
        raise KeysError(f"{shown_path(path)}: not a usable host key ({error})") from None
    key = asyncssh.generate_private_key(HOST_KEY_ALGORITHM, comment="ragft serve")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(key.export_private_key())
    except OSError as error:
        raise KeysError(describe(f"the host key {shown_path(path)}", error)) from None
    return key


def _split_options(line: str) -> tuple[str, str]:
    """The options field (commas and quoted spaces included) and the rest."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char in " \t" and not quoted:
            return line[:index], line[index:].strip()
    return line, ""


def _options(field: str) -> dict[str, str]:
    found = {}
    for part in re.findall(r'(?:[^,"]|"[^"]*")+', field):
        name, _, value = part.partition("=")
        found[name.strip().lower()] = value.strip().strip('"')
    return found


def parse_authorized_keys(text: str, where: str) -> tuple[dict[bytes, Grant], list[str]]:
    """The grants in an authorized_keys text, by public key, and one line for
    each line left out."""
    grants: dict[bytes, Grant] = {}
    problems: list[str] = []
    names_by_folder: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        options: dict[str, str] = {}
        if not KEY_TYPE.match(line.split()[0]):
            field, line = _split_options(line)
            options = _options(field)
        parts = line.split(None, 2)
        place = f"{where}:{number}"
        if len(parts) < 2 or not KEY_TYPE.match(parts[0]):
            problems.append(f"{place}: not a public key line; left out")
            continue
        unknown = sorted(set(options) - {USER_OPTION})
        if unknown:
            problems.append(f"{place}: option {shown(unknown[0])} is not supported; line left out")
            continue
        try:
            key = asyncssh.import_public_key(f"{parts[0]} {parts[1]}")
        except (asyncssh.KeyImportError, ValueError):
            problems.append(f"{place}: the key does not decode; line left out")
            continue
        name = (options.get(USER_OPTION) or (parts[2] if len(parts) > 2 else "")).strip()
        if not name:
            problems.append(
                f'{place}: no person named (add {USER_OPTION}="Name" or a comment); left out'
            )
            continue
        person = Person(unicodedata.normalize("NFC", name), person_folder(name))
        other = names_by_folder.setdefault(person.folder, person.name)
        if other != person.name:
            problems.append(
                f"{place}: {shown(person.name)} and {shown(other)} would share the folder "
                f"{person.folder}; {SHARED_FOLDER}"
            )
            continue
        grants[key.public_data] = Grant(person, key.get_fingerprint())
    return grants, problems


class AuthorizedKeys:
    """The authorized_keys file, read again whenever it changes on disk."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stamp: tuple[int, int, int, int] | None = None
        self.grants: dict[bytes, Grant] = {}
        self.problems: list[str] = []

    def refresh(self) -> list[str]:
        """Re-read the file if it changed; the problems of a new reading."""
        try:
            info = self.path.stat()
        except OSError:
            self._stamp, self.grants = None, {}
            return []
        stamp = (info.st_mtime_ns, info.st_size, info.st_ino, info.st_mode)
        if stamp == self._stamp:
            return []
        if info.st_mode & 0o022:
            # As OpenSSH's StrictModes: whoever can write the file can let anyone in.
            self._stamp, self.grants = stamp, {}
            self.problems = [
                f"{shown_path(self.path)} is writable by others, so no key in it is "
                f"trusted; chmod 600 it ({WRITABLE})"
            ]
            return self.problems
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            return [describe(shown_path(self.path), error)]
        self._stamp = stamp
        self.grants, self.problems = parse_authorized_keys(text, shown_path(self.path))
        return self.problems

    def grant_for(self, key: asyncssh.SSHKey) -> Grant | None:
        self.refresh()
        return self.grants.get(key.public_data)

    def require(self) -> None:
        """KeysError unless at least one key is granted."""
        self.refresh()
        shared = [p for p in self.problems if p.endswith(SHARED_FOLDER) or WRITABLE in p]
        if shared:
            raise KeysError(shared[0])
        if not self.grants:
            state = "has no usable key" if self.path.exists() else "does not exist"
            raise KeysError(
                f"{shown_path(self.path)} {state}: put your team's public keys there, one "
                f'per line, each with {USER_OPTION}="Name" or a comment naming its person'
            )
