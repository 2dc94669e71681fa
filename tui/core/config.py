"""The user's settings file, `config.toml` in ragft's config folder.

Command-line options and environment variables win over it. A file with a
problem is never fatal: the defaults are used, and the one-line reason
names the file, the key, the value and what is allowed.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from tui.core.text import shown, shown_path
from tui.core.tomlfile import UnreadableFile, parse_toml, read_bytes

CONFIG_FILE = "config.toml"
MAX_CONFIG_BYTES = 64 * 1024
COLOR_SYSTEMS = ("auto", "truecolor", "256", "standard", "none")
EXPORT_FORMATS = ("summary", "adr")


@dataclass(frozen=True, slots=True)
class Config:
    ascii: bool = False
    mouse: bool = True
    color_system: str = "auto"
    export_format: str = "summary"


ALLOWED: dict[str, tuple[type, tuple[str, ...]]] = {
    "ascii": (bool, ()),
    "mouse": (bool, ()),
    "color_system": (str, COLOR_SYSTEMS),
    "export_format": (str, EXPORT_FORMATS),
}


def config_path() -> Path:
    from tui.core.storage import config_dir  # platformdirs and storage: only when read

    return config_dir() / CONFIG_FILE


def _checked(key: str, value: object) -> object:
    """`value` if `key` may hold it; ValueError saying what is allowed."""
    kind, choices = ALLOWED[key]
    if kind is bool and not isinstance(value, bool):
        raise ValueError(f"{shown(repr(value))} is not true or false")
    if kind is str and (not isinstance(value, str) or value not in choices):
        raise ValueError(f"{shown(repr(value))} is not one of {', '.join(choices)}")
    return value


def load_config(path: Path | None = None) -> tuple[Config, str | None]:
    """The settings, and a one-line problem if the file has one (then every
    setting is the default). No file is no problem."""
    path = path or config_path()
    if not path.exists():
        return Config(), None
    where = shown_path(path)
    try:
        document = parse_toml(read_bytes(path, MAX_CONFIG_BYTES, "a config file"))
    except UnreadableFile as error:
        return Config(), f"{where}: {error}; using the defaults"
    values = {}
    for key, value in document.items():
        if key not in ALLOWED:
            known = ", ".join(field.name for field in fields(Config))
            problem = f"{shown(key)}: unknown setting (known: {known})"
            return Config(), f"{where}: {problem}; using the defaults"
        try:
            values[key] = _checked(key, value)
        except ValueError as error:
            return Config(), f"{where}: {key}: {error}; using the defaults"
    return Config(**values), None
