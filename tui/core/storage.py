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
import os
import re
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from tui.core.content import Content
from tui.core.errors import InputError
from tui.core.files import WriteError, describe, write_atomic
from tui.core.session import (
    Session,
    new_session,
    new_session_id,
    read_toml,
    session_from_document,
    session_to_document,
)

APP_NAME = "ragft"
SESSIONS = "sessions"
TRASH = ".trash"
SLUG_LENGTH = 40


class StorageError(Exception):
    """Saving or moving a session failed; the message is one line, and the
    session on disk is as it was."""


def config_dir() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME))


def slug(name: str) -> str:
    """A file-name-safe form of a name: ASCII letters, digits and dashes."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return cleaned[:SLUG_LENGTH].rstrip("-") or "session"


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


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
class Saved:
    session: Session
    path: Path
    merged: tuple[str, ...] = ()  # taken from another process's save
    conflicts: tuple[str, ...] = ()  # changed on both sides; ours kept

    def notices(self) -> list[tuple[str, bool]]:
        """What the user should hear about this save: (message, is a warning)."""
        told = []
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


def _merge(
    ours: Mapping[str, object],
    theirs: Mapping[str, object],
    base: Mapping[str, object] | None,
) -> tuple[dict[str, object], list[str], list[str]]:
    """Three-way merge of two answer (or note) tables, key by key.

    With a base: a key only they changed takes theirs, a key only we changed
    keeps ours, a key both changed differently keeps ours and is a conflict.
    Without one: a union in which ours wins.
    """
    merged: dict[str, object] = {}
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
        self._bases: dict[Path, Session] = {}

    # Reading ---------------------------------------------------------------

    def read(self, path: Path) -> Session:
        """A stored session to look at, not to edit (answers the content does not
        know are kept aside)."""
        return session_from_document(
            self.content, read_toml(path), str(path), path.stem, strict=False
        )

    def load(self, path: Path) -> Session:
        """A stored session to edit: what is read becomes the base of the next
        save's merge. Reading for a list must not, or another process's save
        would look already merged and be overwritten."""
        session = self.read(path)
        self._bases[path] = session
        return session

    def files(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return sorted(
            self.folder / entry.name
            for entry in os.scandir(self.folder)
            if entry.name.endswith(".toml") and not entry.name.startswith(".") and entry.is_file()
        )

    def entries(self) -> list[Entry]:
        """Every session file, newest first; unreadable ones carry their problem."""
        found = []
        for path in self.files():
            try:
                modified = path.stat().st_mtime
            except OSError:
                continue  # removed while we looked
            try:
                found.append(Entry(path, self.read(path), None, modified))
            except InputError as error:
                found.append(Entry(path, None, str(error).removeprefix(f"{path}: "), modified))
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
        """A session by name, or a TOML file by path; InputError if none or several."""
        given = Path(name_or_path).expanduser()
        looks_like_path = "/" in name_or_path or given.suffix == ".toml"
        if given.exists() or looks_like_path:
            # An existing path is returned as it is: reading it says precisely
            # what is wrong (a folder, no permission, not TOML).
            if not given.exists():
                raise InputError(f"{name_or_path}: no such file")
            return given
        named = [e for e in self.entries() if e.session and e.session.name == name_or_path]
        if not named:
            folded = name_or_path.casefold()
            named = [e for e in self.entries() if e.session and e.session.name.casefold() == folded]
        if not named:
            raise InputError(f"no session named '{name_or_path}' (see 'ragft list')")
        if len(named) > 1:
            files = ", ".join(e.path.name for e in named)
            raise InputError(
                f"{len(named)} sessions are named '{name_or_path}' ({files}); "
                "give the file's path instead"
            )
        return named[0].path

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
        """Write a session atomically, merging with any save made meanwhile."""
        self._ensure_folder()
        path = path or self.path_for(session)
        with self._locked(path):
            merged_answers: list[str] = []
            conflicts: list[str] = []
            if path.exists():
                try:
                    disk = self.read(path)
                except InputError as error:
                    raise StorageError(
                        f"{path.name} cannot be read, so it was not overwritten: "
                        f"{str(error).removeprefix(f'{path}: ')}"
                    ) from None
                if disk.revision != session.revision:
                    session, merged_answers, conflicts = self._merged(session, disk, path)
            stored = replace(session, revision=session.revision + 1, updated=now())
            _write(path, _encode(stored))
        self._bases[path] = stored
        return Saved(stored, path, tuple(merged_answers), tuple(conflicts))

    def _merged(self, ours: Session, theirs: Session, path: Path) -> tuple[Session, list, list]:
        base = self._bases.get(path)
        answers, taken, conflicts = _merge(
            ours.answers, theirs.answers, base.answers if base else None
        )
        notes, taken_notes, note_conflicts = _merge(
            ours.notes, theirs.notes, base.notes if base else None
        )
        unknown = {**theirs.unknown_answers, **ours.unknown_answers}
        session = replace(
            ours,
            answers=answers,
            notes=notes,
            unknown_answers=unknown,
            revision=max(ours.revision, theirs.revision),
        )
        return session, [*taken, *taken_notes], [*conflicts, *note_conflicts]

    def create(self, name: str) -> Saved:
        return self.save(new_session(name, self.content, now()))

    def rename(self, path: Path, name: str) -> Saved:
        session = self.load(path)
        saved = self.save(replace(session, name=name), self.path_for(replace(session, name=name)))
        if saved.path != path:
            self._remove(path)
        return saved

    def duplicate(self, path: Path) -> Saved:
        session = self.read(path)
        copy = replace(
            session,
            name=f"{session.name} (copy)",
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
