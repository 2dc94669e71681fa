"""Sessions on disk: one TOML file each in <user_config_dir("ragft")>/sessions.

Nothing a user answered may be lost or corrupted:
- a file name is derived from the session (a slug of its name and its id),
  never taken from the name itself, so any name is stored safely and two
  sessions never share a file;
- writes are atomic (a temp file in the same folder, flushed, fsynced, then
  os.replace), files are 0600 and the folder 0700;
- saving holds an exclusive lock on a separate lock file, and if another
  process saved the session meanwhile, the two are merged answer by answer
  (a true conflict keeps ours and is reported) rather than overwritten;
- a file that cannot be read is reported and never touched;
- deleting moves the file to a trash folder it can be restored from.
"""

from __future__ import annotations

import fcntl
import glob
import hashlib
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from tui.core.content import Content
from tui.core.errors import InputError
from tui.core.files import WriteError, describe, reason_of, user_path, write_atomic
from tui.core.store.clock import now
from tui.core.store.places import SESSIONS, TRASH, config_dir, session_files, slug
from tui.core.store.session import (
    Session,
    new_session,
    new_session_id,
    read_toml_bytes,
    session_from_document,
    session_to_document,
)
from tui.core.text import MAX_NAME_LENGTH, check_name, shown, shown_path


class StorageError(Exception):
    """Saving or moving a session failed; the message is one line, and the
    session on disk is as it was."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One file of the sessions folder: its session, or why it cannot be read."""

    path: Path
    session: Session | None
    problem: str | None
    modified: float

    @property
    def sort_time(self) -> float:
        if self.session is not None and self.session.updated is not None:
            return self.session.updated.timestamp()
        return self.modified


@dataclass(frozen=True, slots=True)
class _Base:
    """A session as this process last read or wrote it, and the digest of that
    file's bytes: a change on disk shows as a new digest even when the
    revision is the same (a hand edit)."""

    session: Session
    digest: str


@dataclass(frozen=True, slots=True)
class Saved:
    session: Session
    path: Path
    merged: tuple[str, ...] = ()  # taken from another process's save
    conflicts: tuple[str, ...] = ()  # changed on both sides; ours kept
    followed: bool = False  # renamed by another process; saved to its new file

    def notices(self) -> list[tuple[str, bool]]:
        """What the user should hear about this save: (message, is a warning)."""
        told = []
        if self.followed:
            told.append(
                (f"Renamed in another window to “{shown(self.session.name)}”; saved there.", False)
            )
        if self.merged:
            told.append((f"Merged answers saved by another ragft: {', '.join(self.merged)}", False))
        if self.conflicts:
            told.append(
                (
                    f"Kept your answers to {', '.join(self.conflicts)}; another ragft had "
                    "answered them differently.",
                    True,
                )
            )
        return told


Value = TypeVar("Value")


def _merge(
    ours: Mapping[str, Value],
    theirs: Mapping[str, Value],
    base: Mapping[str, Value] | None,
) -> tuple[dict[str, Value], list[str], list[str]]:
    """Three-way merge of two answer (or note) tables, key by key.

    With a base: a key only they changed takes theirs, a key only we changed
    keeps ours, a key both changed differently keeps ours and is a conflict.
    Without one: a union in which ours wins.
    """
    merged: dict[str, Value] = {}
    taken: list[str] = []
    conflicts: list[str] = []
    for key in dict.fromkeys([*theirs, *ours]):
        mine, other = ours.get(key), theirs.get(key)
        value = mine if mine is not None else other
        if mine == other:
            pass
        elif base is None:
            if mine is None:
                taken.append(key)
            elif other is not None:
                conflicts.append(key)
        elif mine == base.get(key):
            value = other
            taken.append(key)
        elif other != base.get(key):
            conflicts.append(key)
        else:
            value = mine
        if value is not None:
            merged[key] = value
    return merged, taken, conflicts


class Store:
    """The sessions folder of one user, as one process sees it."""

    def __init__(self, content: Content, folder: Path | None = None) -> None:
        self.content = content
        self.folder = folder if folder is not None else config_dir() / SESSIONS
        # The session as this process last loaded or saved it, per file: the
        # base of a three-way merge when another process saved in between.
        self._bases: dict[Path, _Base] = {}

    # Reading ---------------------------------------------------------------

    def read(self, path: Path) -> Session:
        """A stored session to look at, not to edit (answers the content does not
        know are kept aside)."""
        return self._read(path)[0]

    def _read(self, path: Path) -> tuple[Session, str]:
        """A stored session and the digest of the bytes it was read from."""
        document, raw = read_toml_bytes(path)
        session = session_from_document(self.content, document, str(path), path.stem, strict=False)
        return session, _digest(raw)

    def load(self, path: Path) -> Session:
        """A stored session to edit: what is read becomes the base of the next
        save's merge. Reading for a list must not, or another process's save
        would look already merged and be overwritten."""
        session, digest = self._read(path)
        self._bases[path] = _Base(session, digest)
        return session

    def files(self) -> list[Path]:
        """The session files; none if the folder cannot be read (folder_problem says why)."""
        return session_files(self.folder)

    def folder_problem(self) -> str | None:
        """Why the sessions folder cannot be read, in one line; None if it can,
        or if it is merely not made yet (the first save makes it)."""
        try:
            with os.scandir(self.folder):
                return None
        except FileNotFoundError:
            return None
        except OSError as error:
            return describe(f"cannot read {shown_path(self.folder)}", error)

    def entries(self) -> list[Entry]:
        """Every session file, newest first; unreadable ones carry their problem."""
        found = []
        for path in self.files():
            try:
                modified = path.stat().st_mtime
            except FileNotFoundError:
                continue  # removed while we looked
            except OSError as error:  # a link that loops, or leads where we may not look
                try:
                    modified = path.lstat().st_mtime
                except OSError:
                    continue
                found.append(Entry(path, None, reason_of(error), modified))
                continue
            try:
                found.append(Entry(path, self.read(path), None, modified))
            except InputError as error:
                found.append(Entry(path, None, _reason(error, path), modified))
        found.sort(key=lambda e: -e.sort_time)
        return found

    def most_recent(self) -> tuple[Path, Session] | None:
        """The readable session changed last; reads newest first until one loads
        (normally just one file)."""
        stamped = []
        for path in self.files():
            try:
                stamped.append((path.stat().st_mtime, path))
            except OSError:
                continue
        for _, path in sorted(stamped, reverse=True):
            try:
                return path, self.read(path)
            except InputError:
                continue
        return None

    def find(self, name_or_path: str) -> Path:
        """A session by name, else a TOML file by path; InputError if none or
        several. A name comes first, so that every name a session may have
        ("Q3/Q4 plan", "budget.toml") works by name."""
        by_name = self.named(name_or_path)
        if by_name is not None:
            return by_name
        given = user_path(name_or_path)
        try:
            exists = given.exists()
        except OSError:  # too long to be a path, for one: so not a file
            exists = False
        if exists:
            # An existing path is returned as it is: reading it says precisely
            # what is wrong (a folder, no permission, not TOML).
            return given
        if "/" in name_or_path:
            raise InputError(f"{shown_path(name_or_path)}: no such file")
        # A session's own file name, as a message about two alike names shows it.
        if name_or_path in {path.name for path in self.files()}:
            return self.folder / name_or_path
        if given.suffix == ".toml":
            raise InputError(f"{shown(name_or_path)}: no session of that name, and no such file")
        raise InputError(f"no session named '{shown(name_or_path)}' (see 'ragft list')")

    def named(self, name: str) -> Path | None:
        """The one session called `name` (exactly, else ignoring case), or None;
        InputError if several are."""
        sessions = [(e.path, e.session) for e in self.entries() if e.session is not None]
        for matches in (
            [path for path, session in sessions if session.name == name],
            [path for path, session in sessions if session.name.casefold() == name.casefold()],
        ):
            if len(matches) > 1:
                files = ", ".join(path.name for path in matches)
                raise InputError(
                    f"{len(matches)} sessions are named '{shown(name)}' ({files}); "
                    "give its file name instead"
                )
            if matches:
                return matches[0]
        return None

    # Writing ---------------------------------------------------------------

    def path_for(self, session: Session) -> Path:
        return self.folder / f"{slug(session.name)}-{session.id}.toml"

    def _ensure_folder(self) -> None:
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(self.folder, 0o700)
        except OSError as error:
            raise StorageError(describe(f"cannot create {self.folder}", error)) from None

    @contextmanager
    def _locked(self, path: Path) -> Iterator[None]:
        lock_path = path.with_name(f".{path.name}.lock")
        try:
            descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise StorageError(describe(f"cannot lock {path.name}", error)) from None
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            yield
        finally:
            os.close(descriptor)  # closing releases the lock

    def save(self, session: Session, path: Path | None = None) -> Saved:
        """Write a session atomically, merging with any change made meanwhile:
        another process's save, a hand edit, or a rename (which is followed)."""
        self._ensure_folder()
        path = path or self.path_for(session)
        base = self._bases.get(path)
        moved_to = self._moved(path, session) if base is not None else None
        if moved_to is not None:
            self._bases[moved_to] = self._bases.pop(path)
            path = moved_to
        with self._locked(path):
            merged_answers: list[str] = []
            conflicts: list[str] = []
            if path.exists():
                try:
                    disk, digest = self._read(path)
                except InputError as error:
                    raise StorageError(
                        f"{path.name} cannot be read, so it was not overwritten: "
                        f"{_reason(error, path)}"
                    ) from None
                if disk.revision != session.revision or (base and base.digest != digest):
                    before = base.session if base else None
                    session, merged_answers, conflicts = _merged(session, disk, before)
            stored = replace(session, revision=session.revision + 1, updated=now())
            data = _encode(stored)
            _write(path, data)
        self._bases[path] = _Base(stored, _digest(data))
        return Saved(
            stored, path, tuple(merged_answers), tuple(conflicts), followed=moved_to is not None
        )

    def _moved(self, path: Path, session: Session) -> Path | None:
        """Where the session edited as `path` went, if another process renamed it
        (same id, another file); None if it is still there or gone altogether."""
        if path.exists():
            return None
        for other in self.folder.glob(f"*-{glob.escape(session.id)}.toml"):
            found = self._try_read(other)
            if found is not None and found.id == session.id:
                return other
        return None

    def _try_read(self, path: Path) -> Session | None:
        try:
            return self.read(path)
        except InputError:
            return None

    def create(self, name: str) -> Saved:
        """A new session saved at once; InputError if the name cannot be used."""
        return self.save(new_session(name, self.content, now()))

    def rename(self, path: Path, name: str) -> Saved:
        """Give a session a new name (and so a new file); InputError if the name
        cannot be used."""
        name = check_name(name)
        session = self.load(path)
        renamed = replace(session, name=name)
        saved = self.save(renamed, self.path_for(renamed))
        if saved.path != path:
            self._remove(path)
        return saved

    def duplicate(self, path: Path) -> Saved:
        session = self.read(path)
        suffix = " (copy)"
        copy = replace(
            session,
            # Cut to fit, so that the copy's name is one a session may have.
            name=session.name[: MAX_NAME_LENGTH - len(suffix)] + suffix,
            id=new_session_id(),
            revision=0,
            created=now(),
        )
        return self.save(copy)

    def trash(self, path: Path) -> Path:
        """Move a session to the trash folder; returns where it went."""
        bin_ = self.folder / TRASH
        target = bin_ / path.name
        try:
            bin_.mkdir(mode=0o700, parents=True, exist_ok=True)
            stamp = 1
            while target.exists():
                stamp += 1
                target = bin_ / f"{path.stem}.{stamp}{path.suffix}"
            os.replace(path, target)
        except OSError as error:
            raise StorageError(describe(f"cannot move {path.name} to the trash", error)) from None
        self._remove_lock(path)
        return target

    def restore(self, trashed: Path) -> Path:
        """Bring a trashed session back to the sessions folder."""
        name = re.sub(r"\.\d+(\.toml)$", r"\1", trashed.name)
        target = self.folder / name
        if target.exists():
            raise StorageError(f"cannot restore {trashed.name}: {name} exists again")
        try:
            os.replace(trashed, target)
        except OSError as error:
            raise StorageError(describe(f"cannot restore {trashed.name}", error)) from None
        return target

    def _remove(self, path: Path) -> None:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError as error:
            raise StorageError(describe(f"cannot remove {path.name}", error)) from None
        self._remove_lock(path)

    def _remove_lock(self, path: Path) -> None:
        path.with_name(f".{path.name}.lock").unlink(missing_ok=True)
        self._bases.pop(path, None)


def _merged(ours: Session, theirs: Session, before: Session | None) -> tuple[Session, list, list]:
    """Ours and theirs merged three ways from `before`, the copy both started from."""
    answers, taken, conflicts = _merge(
        ours.answers, theirs.answers, before.answers if before else None
    )
    notes, taken_notes, note_conflicts = _merge(
        ours.notes, theirs.notes, before.notes if before else None
    )
    # A new name from elsewhere is kept unless this process renamed it too.
    renamed_there = before is not None and ours.name == before.name
    session = replace(
        ours,
        name=theirs.name if renamed_there else ours.name,
        answers=answers,
        notes=notes,
        unknown_answers={**theirs.unknown_answers, **ours.unknown_answers},
        revision=max(ours.revision, theirs.revision),
    )
    return session, [*taken, *taken_notes], [*conflicts, *note_conflicts]


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _reason(error: InputError, path: Path) -> str:
    """An InputError's message without the file name it starts with."""
    return str(error).removeprefix(f"{shown_path(path)}: ")


def _write(path: Path, data: bytes) -> None:
    try:
        write_atomic(path, data, 0o600)
    except WriteError as error:
        raise StorageError(
            str(error).replace(f"cannot write {path}", f"cannot save {path.name}")
        ) from None


def _encode(session: Session) -> bytes:
    import tomli_w  # only saving needs the writer

    return tomli_w.dumps(session_to_document(session)).encode()
