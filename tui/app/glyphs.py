"""The characters the UI draws with, and plain-ASCII stand-ins for terminals
whose fonts lack them (the Linux console, some PuTTY set-ups)."""

from __future__ import annotations

from dataclasses import dataclass


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
