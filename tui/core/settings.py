"""Every setting one run of ragft uses, in one object built once.

Precedence, lowest first: the defaults, the config file (`config.toml`, read
and checked by tui/core/store/config.py), the environment, the command-line
options. The command line builds the Settings (`settings_from`), installs
it, hands it to the wizard or plain mode, and writes the few variables
Textual reads when it is imported (`textual_environment`). Code far from the
command line that needs one setting (is this a person's run on a shared
server, and which folder is theirs?) reads `current()`.

`ragft serve` tells each person's ragft its folder through RAGFT_CONFINE; the
variable is read here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.errors import InputError

DEFAULT_THEME = "textual-dark"
COLOR_SYSTEMS = ("auto", "truecolor", "256", "standard", "none")
EXPORT_FORMATS = ("summary", "adr")
# Milliseconds to wait after Escape for the rest of a key's sequence. Textual's
# default, 100, is short for a slow SSH link, where arrow keys then arrive as
# Escape followed by letters; the upper bound keeps Escape itself usable.
DEFAULT_ESCAPE_DELAY = 100

# Set by `ragft serve` for each person's programs: the one folder they may
# write to, which is also that person's home there.
CONFINE = "RAGFT_CONFINE"
# The terminal flags and the variables that set them too.
FLAG_VARIABLES = {"plain": "RAGFT_PLAIN", "ascii": "RAGFT_ASCII", "no_mouse": "RAGFT_NO_MOUSE"}
COLOR_VARIABLE = "RAGFT_COLOR_SYSTEM"
# textual-serve runs each browser tab's ragft with its own driver.
WEB_DRIVER_SUFFIX = ":WebDriver"


@dataclass(frozen=True, slots=True)
class Config:
    """What the config file can set (each value checked when read)."""

    theme: str = DEFAULT_THEME
    ascii: bool = False
    mouse: bool = True
    color_system: str = "auto"
    escape_delay: int = DEFAULT_ESCAPE_DELAY
    export_format: str = "summary"
    # Binding id -> the keys that replace its own, as posting's keymap does.
    keys: tuple[tuple[str, str], ...] = ()

    @property
    def keymap(self) -> dict[str, str]:
        return dict(self.keys)


@dataclass(frozen=True, slots=True)
class Settings:
    config: Config = field(default_factory=Config)
    config_problem: str | None = None  # why the file was not used, in one line
    plain: bool = False
    ascii: bool = False
    mouse: bool = True
    color_system: str = "auto"
    confine: Path | None = None  # a hosted person's own folder (and home)
    in_browser: bool = False  # a browser tab of `ragft serve --web`

    @property
    def theme(self) -> str:
        return self.config.theme

    @property
    def keymap(self) -> dict[str, str]:
        return self.config.keymap

    @property
    def export_format(self) -> str:
        return self.config.export_format


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() not in ("", "0", "false", "no")


def settings_from(
    config: Config,
    config_problem: str | None,
    environ: Mapping[str, str],
    *,
    plain: bool = False,
    ascii: bool = False,
    no_mouse: bool = False,
    color_system: str | None = None,
) -> Settings:
    """The settings from the file's, the environment and the options given;
    InputError (one line) for a colour system that does not exist."""
    given = {
        flag: on or _truthy(environ.get(FLAG_VARIABLES[flag]))
        for flag, on in (("plain", plain), ("ascii", ascii), ("no_mouse", no_mouse))
    }
    colours = color_system or environ.get(COLOR_VARIABLE) or config.color_system
    if colours not in COLOR_SYSTEMS:
        raise InputError(
            f"{COLOR_VARIABLE}: unknown colour system '{colours}' "
            f"(allowed: {', '.join(COLOR_SYSTEMS)})"
        )
    confine = environ.get(CONFINE)
    return Settings(
        config=config,
        config_problem=config_problem,
        plain=given["plain"] or environ.get("TERM", "") == "dumb",
        ascii=given["ascii"] or config.ascii,
        mouse=not (given["no_mouse"] or not config.mouse),
        color_system=colours,
        confine=Path(confine) if confine else None,
        in_browser=environ.get("TEXTUAL_DRIVER", "").endswith(WEB_DRIVER_SUFFIX),
    )


def textual_environment(settings: Settings, environ: Mapping[str, str]) -> dict[str, str]:
    """The variables to set before Textual is imported, which it reads then:
    the colours, no animations (they cost bytes on every frame over a slow
    link; a variable already set opts in), and the Escape delay."""
    wanted: dict[str, str] = {}
    if settings.color_system == "none":
        wanted["NO_COLOR"] = "1"
    elif settings.color_system != "auto":
        wanted["TEXTUAL_COLOR_SYSTEM"] = settings.color_system
    for variable, default in (
        ("TEXTUAL_ANIMATIONS", "none"),
        ("ESCDELAY", str(settings.config.escape_delay)),
    ):
        if variable not in environ:
            wanted[variable] = default
    return wanted


_installed = Settings()


def install(settings: Settings) -> None:
    """Make `settings` this process's (the command line does, once)."""
    global _installed
    _installed = settings


def current() -> Settings:
    """This process's settings: the defaults until the command line installs its own."""
    return _installed
