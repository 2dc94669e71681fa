"""The parsed TOML of a content folder, kept between runs."""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from typing import Any

from tui import __version__


class ParseCache:
    """The parsed TOML of a content folder, kept between runs: parsing is most of
    loading, and every start of ragft loads. Validation still runs on every
    load, so the cache can only save time, never let bad content through. It is
    keyed by ragft's version and each file's path, size and modification time;
    anything unexpected just means parsing again."""

    def __init__(self, directory: Path, names: tuple[str, ...]) -> None:
        self.directory = directory
        self.names = names

    def _key(self) -> str | None:
        parts = [__version__, str(self.directory.resolve())]
        for name in self.names:
            try:
                stat = (self.directory / name).stat()
            except OSError:
                return None
            parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
        return "\n".join(parts)

    @staticmethod
    def _path() -> Path:
        from platformdirs import user_cache_dir

        return Path(user_cache_dir("ragft")) / "content.marshal"

    def load(self) -> dict[str, dict[str, Any]] | None:
        key = self._key()
        if key is None:
            return None
        try:
            stored = marshal.loads(self._path().read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return None
        if not isinstance(stored, dict) or stored.get("key") != key:
            return None
        data = stored.get("files")
        return data if isinstance(data, dict) and set(data) == set(self.names) else None

    def store(self, data: dict[str, dict[str, Any]]) -> None:
        key = self._key()
        if key is None:
            return
        path = self._path()
        try:
            encoded = marshal.dumps({"key": key, "files": data})
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_bytes(encoded)
            os.replace(temporary, path)
        except (OSError, ValueError):
            pass  # no cache is only slower
