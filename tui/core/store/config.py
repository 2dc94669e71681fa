"""The user's settings file, `config.toml` in ragft's config folder.

Command-line options and environment variables win over it. A file with a
problem is never fatal: the defaults are used, and the one-line reason
names the file, the key, the value and what is allowed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import fields
from pathlib import Path

from tui.core.errors import InputError
from tui.core.settings import (
    COLOR_SYSTEMS,
    DEFAULT_THEME,
    EXPORT_FORMATS,
    Config,
)
from tui.core.text import shown, shown_path
from tui.core.tomlfile import UnreadableFile, parse_toml, read_bytes

CONFIG_FILE = "config.toml"
MAX_CONFIG_BYTES = 64 * 1024
ESCAPE_DELAY_RANGE = (1, 2000)
# A key list as Textual writes one: names joined by commas, such as "ctrl+s,f2".
KEY_LIST = re.compile(r"[^\s,]+(?:\s*,\s*[^\s,]+)*")
BINDING_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


class ConfigNotSaved(InputError):
    """A setting could not be written to the config file; one line."""


def config_path() -> Path:
    from tui.core.store.places import config_dir  # platformdirs and storage: only when read

    return config_dir() / CONFIG_FILE


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{shown(repr(value))} is not true or false")
    return value


def _one_of(choices: tuple[str, ...]) -> Callable[[object], str]:
    def check(value: object) -> str:
        if not isinstance(value, str) or value not in choices:
            raise ValueError(f"{shown(repr(value))} is not one of {', '.join(choices)}")
        return value

    return check


def _theme_name(value: object) -> str:
    # Which themes exist is Textual's to say; the wizard checks the name.
    if not isinstance(value, str) or not re.fullmatch(r"[\w.-]{1,64}", value):
        raise ValueError(f"{shown(repr(value))} is not a theme's name (such as {DEFAULT_THEME})")
    return value


def _milliseconds(value: object) -> int:
    low, high = ESCAPE_DELAY_RANGE
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{shown(repr(value))} is not a whole number from {low} to {high}")
    return value


def _key_lists(value: object) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping):
        raise ValueError(f'{shown(repr(value))} is not a table such as {{ help = "f1,h" }}')
    pairs = []
    for binding, keys in value.items():
        if not BINDING_ID.fullmatch(binding):
            raise ValueError(f"{shown(repr(binding))} is not a binding id (such as help)")
        if not isinstance(keys, str) or not KEY_LIST.fullmatch(keys.strip()):
            raise ValueError(
                f'{binding}: {shown(repr(keys))} is not a list of keys such as "ctrl+s,f2"'
            )
        pairs.append((binding, ",".join(key.strip() for key in keys.split(","))))
    return tuple(pairs)


CHECKS: dict[str, Callable[[object], object]] = {
    "theme": _theme_name,
    "ascii": _flag,
    "mouse": _flag,
    "color_system": _one_of(COLOR_SYSTEMS),
    "escape_delay": _milliseconds,
    "export_format": _one_of(EXPORT_FORMATS),
    "keys": _key_lists,
}


def _document(path: Path) -> dict[str, object]:
    """The file's table; UnreadableFile with the reason when it cannot be read."""
    return parse_toml(read_bytes(path, MAX_CONFIG_BYTES, "a config file"))


def load_config(path: Path | None = None) -> tuple[Config, str | None]:
    """The settings, and a one-line problem if the file has one (then every
    setting is the default). No file is no problem."""
    path = path or config_path()
    if not path.exists():
        return Config(), None
    where = shown_path(path)
    try:
        document = _document(path)
    except UnreadableFile as error:
        return Config(), f"{where}: {error}; using the defaults"
    values = {}
    for key, value in document.items():
        if key not in CHECKS:
            known = ", ".join(field.name for field in fields(Config))
            problem = f"{shown(key)}: unknown setting (known: {known})"
            return Config(), f"{where}: {problem}; using the defaults"
        try:
            values[key] = CHECKS[key](value)
        except ValueError as error:
            return Config(), f"{where}: {key}: {error}; using the defaults"
    return Config(**values), None  # type: ignore[arg-type]  # each value checked by CHECKS


def save_theme(name: str, path: Path | None = None) -> None:
    """Write `theme = name` into the config file, keeping the rest of it as the
    user wrote it, comments included; ConfigNotSaved with the reason if not."""
    from tui.core.files import WriteError, describe, write_atomic

    _theme_name(name)
    path = path or config_path()
    where = shown_path(path)
    raw = b""
    if path.exists():
        try:
            raw = read_bytes(path, MAX_CONFIG_BYTES, "a config file")
            before = parse_toml(raw)
        except UnreadableFile as error:
            raise ConfigNotSaved(f"{where}: theme not saved: {error}") from None
    else:
        before = {}
    line = f'theme = "{name}"\n'
    lines = raw.decode().splitlines(keepends=True)
    # Top-level keys come before the first table, so that is where theme is.
    top = next((i for i, row in enumerate(lines) if row.lstrip().startswith("[")), len(lines))
    current = next((i for i in range(top) if re.match(r"\s*theme\s*=", lines[i])), None)
    if current is None:
        lines.insert(0, line)
    else:
        lines[current] = line
    updated = "".join(lines).encode()
    try:
        kept = parse_toml(updated) == {**before, "theme": name}
    except UnreadableFile:
        kept = False
    if not kept:
        raise ConfigNotSaved(f"{where}: theme not saved: its theme line is not a one-line string")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigNotSaved(
            describe(f"{where}: theme not saved: cannot make its folder", error)
        ) from None
    try:
        write_atomic(path, updated, None)
    except WriteError as error:
        raise ConfigNotSaved(f"theme not saved: {error}") from None
