"""The characters the UI draws with, and plain-ASCII stand-ins for terminals
whose fonts lack them (the Linux console, some PuTTY set-ups)."""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.words.report import Marks


@dataclass(frozen=True, slots=True)
class Glyphs:
    bar_full: str
    bar_empty: str
    good: str
    fair: str
    poor: str
    touched: str
    up: str
    down: str
    arrow: str
    crumb: str
    bullet: str
    cross: str
    check: str
    pipe: str
    tee: str
    box: str  # Rich box style name for tables and panels
    icon: str  # the header's icon
    dot: str  # separates items on one line
    ellipsis: str
    dash: str

    @property
    def marks(self) -> Marks:
        """The few of them the core's rich drawing of a result uses."""
        return Marks(self.bullet, self.cross, self.arrow, self.bar_full, self.bar_empty)


UNICODE = Glyphs(
    bar_full="█",
    bar_empty="░",
    good="●",
    fair="◐",
    poor="○",
    touched="▸",
    up="▲",
    down="▼",
    arrow="→",
    crumb=" › ",
    bullet="•",
    cross="✗",
    check="✓",
    pipe="│",
    tee="┴",
    box="ROUNDED",
    icon="⭘",
    dot="·",
    ellipsis="…",
    dash="—",
)

ASCII = Glyphs(
    bar_full="#",
    bar_empty=".",
    good="+",
    fair="~",
    poor="-",
    touched=">",
    up="^",
    down="v",
    arrow="->",
    crumb=" > ",
    bullet="*",
    cross="x",
    check="v",
    pipe="|",
    tee="+",
    box="ASCII",
    icon="*",
    dot="|",
    ellipsis="...",
    dash="-",
)
